// The plan: the requests a run sends, step by step, each step named so that the claims find its
// exchanges. Read-only unless writes are allowed: GETs and the token request only. With writes it
// runs the workflow and follows the job to its end, runs a second job and cancels it, and tries
// to cancel the finished one; each write is announced before it is sent, sent once (the client
// never repeats a POST or DELETE) and never retried. Independent reads run a few at a time.
import type { Clock } from "../core/runtime.js";
import type { AppValue, JobsClient, JobView, ReducedJobView, WorkflowJobView } from "../index.js";
import { WAIT_SHARE } from "./limits.js";
import type { Recorder } from "./record.js";
import { parameterValues, type Spec, statusWords } from "./spec.js";

/** A well-formed ID that names nothing: the probe for each 404. */
export const NO_SUCH_ID = "0".repeat(24);
/** The token the 401 probes send: well-formed, issued by no one. */
export const NOT_A_TOKEN = "not-a-token-conformance-check";
/** The key the refused token requests send: one no server issued, so that no account is locked. */
export const UNKNOWN_KEY = "conformance-check-unknown-key";
/** Jobs read of a listing's first page. */
export const FIRST_PAGE = 10;
/** Outputs downloaded at most: enough to see the endpoint's answers, bounded for large jobs. */
export const MAX_DOWNLOADS = 3;
/** Where a server serves its own Swagger document, below the base URL (the double slash as documented). */
export const SWAGGER_PATH = "//swagger/docs/3";

/** The clients a run talks through: all share one redactor and the recording fetch. */
export interface Clients {
  main: JobsClient;
  /** The main key sent in the form body rather than a Basic header; absent with a token. */
  form?: JobsClient;
  badToken: JobsClient;
  /** An unknown key, by Basic header and by form body: the refused token requests. */
  wrongBasic: JobsClient;
  wrongForm: JobsClient;
  /** A non-Curator's: the role checks. */
  user?: JobsClient;
}

/** What the steps found beyond their exchanges, for the claims that need it. */
export interface Facts {
  workflowId?: string;
  jobId?: string;
  /** The first page of the workflow's jobs. */
  workflowJobs?: WorkflowJobView[];
  /** The job read, with its messages. */
  job?: JobView;
  /** The status the workflow's status filter was asked for. */
  statusFilter?: string;
  downloads: { outputId: string; format: string; bytes: number; step: string }[];
  /** A format from the spec's known list that the first output does not offer. */
  formatNotOffered?: string;
  /** With writes: the job run, and the second one cancelled. */
  run?: {
    job?: JobView;
    finished?: JobView;
    waitError?: string;
    /** How long the wait for it might take: its share of the time left. */
    waitMs?: number;
    /** A status the spec does not list, seen while waiting: the wait ended at it. */
    unlistedStatus?: string;
  };
  second?: { job?: JobView; before?: string; userCancel?: string };
  /** A step that failed for a reason no claim reads (a spent budget, the deadline). */
  stopped?: string;
}

export interface PlanContext {
  spec: Spec;
  recorder: Recorder;
  clients: Clients;
  facts: Facts;
  signal: AbortSignal;
  /** When the run must end, in epoch ms of `clock`. */
  deadline: number;
  /** What the deadline is measured on: the clients' clock. */
  clock: Clock;
  allowWrites: boolean;
  answers?: AppValue[];
  concurrency: number;
  baseUrl: string;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  progress(text: string): void;
  /** Says which write is about to be sent. */
  announce(text: string): void;
}

/** Runs `work` as a step: its failure is recorded in its exchanges, not thrown. */
async function step<T>(context: PlanContext, name: string, work: () => Promise<T>): Promise<T | undefined> {
  if (context.signal.aborted) return undefined;
  try {
    return await context.recorder.step(name, work);
  } catch {
    // The exchanges hold the status and body; a claim judges them.
    return undefined;
  }
}

/** Runs `tasks` at most `limit` at a time. */
async function inPool(tasks: (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++] as () => Promise<unknown>;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

export async function runPlan(context: PlanContext, given: { workflowId?: string; jobId?: string }): Promise<void> {
  const { facts } = context;
  facts.workflowId = given.workflowId;
  facts.jobId = given.jobId;
  // The writes first: the listing and the reads then see the jobs they made.
  if (context.allowWrites && given.workflowId) await writes(context, given.workflowId);
  if (given.workflowId) {
    context.progress("Listing the workflow's jobs");
    facts.workflowJobs = await step(context, "workflow-jobs", () =>
      context.clients.main.listWorkflowJobsPage(given.workflowId as string, { limit: FIRST_PAGE }),
    );
  }
  facts.jobId ??= facts.run?.finished?.id ?? pickJob(context.spec, facts.workflowJobs);
  context.progress("Reading jobs, listings and refusals");
  await inPool(reads(context), context.concurrency);
  await inPool(downloads(context), context.concurrency);
  if (context.allowWrites) await finishedWrites(context);
}

/** A finished job of the listing, else its first. */
function pickJob(spec: Spec, jobs: WorkflowJobView[] | undefined): string | undefined {
  const terminal = (spec.resolve({ $ref: "#/components/schemas/JobStatus" })["x-terminal-values"] ?? []) as string[];
  return (jobs?.find((job) => terminal.includes(job.status)) ?? jobs?.[0])?.id;
}

/** The independent reads: each a step of its own. */
function reads(context: PlanContext): (() => Promise<unknown>)[] {
  const { clients, facts, spec } = context;
  const { main, badToken } = clients;
  const signal = context.signal;
  const workflowId = facts.workflowId;
  const jobId = facts.jobId;
  const tasks: (() => Promise<unknown>)[] = [];
  const add = (name: string, work: () => Promise<unknown>) => tasks.push(() => step(context, name, work));
  const statusValues = parameterValues(spec, "listJobs", "statuses");
  const directions = parameterValues(spec, "listJobs", "direction");

  if (jobId) {
    add("job", async () => {
      facts.job = await main.getJob(jobId, { signal });
    });
    add("job-reduced", () => main.getJob(jobId, { includeMessages: false, signal }));
    add("job-messages", () => main.getJobMessages(jobId, { signal }));
    add("bad-token-job", () => badToken.getJob(jobId, { signal }));
    add("bad-token-messages", () => badToken.getJobMessages(jobId, { signal }));
    add("unknown-output", () => main.getJobOutput(jobId, NO_SUCH_ID, { format: "Raw", signal }).then(drain));
    add("bad-token-output", () => badToken.getJobOutput(jobId, NO_SUCH_ID, { format: "Raw", signal }).then(drain));
    if (clients.user) {
      const user = clients.user;
      add("user-job", () => user.getJob(jobId, { includeMessages: false, signal }));
      add("user-messages", () => user.getJobMessages(jobId, { signal }));
    }
  }
  if (workflowId) {
    add("page-1", () => main.listWorkflowJobsPage(workflowId, { offset: 0, limit: 1 }, { signal }));
    add("page-2", () => main.listWorkflowJobsPage(workflowId, { offset: 1, limit: 1 }, { signal }));
    const status = facts.workflowJobs?.[0]?.status;
    if (status) {
      facts.statusFilter = status;
      add("status-filter", () => main.listWorkflowJobsPage(workflowId, { status, limit: FIRST_PAGE }, { signal }));
    }
    for (const direction of directions) {
      add(`workflow-direction-${direction}`, () =>
        main.listWorkflowJobsPage(workflowId, { direction: direction as "asc", limit: 1 }, { signal }),
      );
    }
    add("questions", () => main.getWorkflowQuestions(workflowId, { signal }));
    add("bad-token-workflow-jobs", () => badToken.listWorkflowJobsPage(workflowId, { limit: 1 }, { signal }));
    add("bad-token-questions", () => badToken.getWorkflowQuestions(workflowId, { signal }));
    if (clients.form) {
      const form = clients.form;
      add("token-form", () => form.getWorkflowQuestions(workflowId, { signal }));
    }
  }
  add("unknown-job", () => main.getJob(NO_SUCH_ID, { signal }));
  add("unknown-job-messages", () => main.getJobMessages(NO_SUCH_ID, { signal }));
  add("unknown-workflow-jobs", () => main.listWorkflowJobsPage(NO_SUCH_ID, { limit: 1 }, { signal }));
  add("unknown-workflow-questions", () => main.getWorkflowQuestions(NO_SUCH_ID, { signal }));
  add("curator-list", () => main.listJobsPage({ limit: FIRST_PAGE }, { signal }));
  add("curator-page-1", () => main.listJobsPage({ offset: 0, limit: 1 }, { signal }));
  add("curator-page-2", () => main.listJobsPage({ offset: 1, limit: 1 }, { signal }));
  for (const value of statusValues) {
    add(`curator-statuses-${value}`, () =>
      main.listJobsPage({ statuses: [value as "Queued"], limit: FIRST_PAGE }, { signal }),
    );
  }
  parameterValues(spec, "listJobs", "sortField").forEach((sortField, i) => {
    const direction = directions[i % Math.max(directions.length, 1)];
    add(`curator-sort-${sortField}`, () =>
      main.listJobsPage({ sortField: sortField as "CreateDate", direction: direction as "asc", limit: 1 }, { signal }),
    );
  });
  add("bad-token-curator-list", () => badToken.listJobsPage({ limit: 1 }, { signal }));
  add("wrong-key-basic", () => clients.wrongBasic.getJob(NO_SUCH_ID, { signal }));
  add("wrong-key-form", () => clients.wrongForm.getJob(NO_SUCH_ID, { signal }));
  if (clients.user) {
    const user = clients.user;
    add("user-curator-list", () => user.listJobsPage({ limit: 1 }, { signal }));
  }
  add("swagger", () => context.fetch(`${context.baseUrl}${SWAGGER_PATH}`, { signal, redirect: "manual" }));
  return tasks;
}

/** Downloads of the job read: each output once, and a format it does not offer. */
function downloads(context: PlanContext): (() => Promise<unknown>)[] {
  const { facts, clients, spec, signal } = context;
  const job = facts.job;
  if (!job) return [];
  const known = (spec.resolve({ $ref: "#/components/schemas/OutputFormat" })["x-known-values"] ?? []) as string[];
  const original = (spec.resolve({ $ref: "#/components/schemas/OutputFormat" })["x-original-values"] ?? []) as string[];
  const tasks: (() => Promise<unknown>)[] = [];
  job.outputs.slice(0, MAX_DOWNLOADS).forEach((output, i) => {
    const format =
      output.availableFormats.find((f) => original.includes(f)) ?? (output.availableFormats[0] as string | undefined);
    if (!format) return;
    const name = `download-${i + 1}`;
    tasks.push(() =>
      step(context, name, async () => {
        const result = await clients.main.getJobOutput(job.id, output.id, { format, signal });
        facts.downloads.push({ outputId: output.id, format, bytes: await drain(result), step: name });
      }),
    );
  });
  const first = job.outputs[0];
  const missing = known.find(
    (format) => !first?.availableFormats.some((f) => f.toLowerCase() === format.toLowerCase()),
  );
  if (first && missing) {
    facts.formatNotOffered = missing;
    tasks.push(() =>
      step(context, "format-not-offered", () =>
        clients.main.getJobOutput(job.id, first.id, { format: missing, signal }).then(drain),
      ),
    );
  }
  return tasks;
}

/** Reads a download to its end, counting its bytes; never holds them. */
async function drain(output: { body: ReadableStream<Uint8Array> }): Promise<number> {
  let bytes = 0;
  const reader = output.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) bytes += next.value.byteLength;
  return bytes;
}

/** The answers a run sends: those given, else each question's default. */
function answersFor(context: PlanContext, questions: { name: string; value?: string }[] | undefined): AppValue[] {
  if (context.answers) return context.answers;
  return (questions ?? []).flatMap((q) => (q.value === undefined ? [] : [{ name: q.name, value: q.value }]));
}

/** The writes before the reads: run a job to read, run a second and cancel it. */
async function writes(context: PlanContext, workflowId: string): Promise<void> {
  const { clients, facts, signal } = context;
  const { main } = clients;
  const questions = await step(context, "run-questions", () => main.getWorkflowQuestions(workflowId, { signal }));
  const body = { questions: answersFor(context, questions) };
  const runPath = context.spec.operation("runWorkflow").path.replace("{workflowId}", workflowId);
  const jobPath = (id: string) => context.spec.operation("cancelJob").path.replace("{jobId}", id);

  facts.run = {};
  context.announce(`POST ${runPath}: runs the workflow, to follow the job to its end`);
  const first = await step(context, "run", () => main.runWorkflow(workflowId, body, { signal }));
  facts.run.job = first;

  facts.second = {};
  context.announce(`POST ${runPath}: runs it again, to cancel that job while it is queued or running`);
  const second = await step(context, "run-second", () => main.runWorkflow(workflowId, body, { signal }));
  facts.second.job = second;
  if (second) {
    const before = await step(context, "second-before-cancel", () =>
      main.getJob(second.id, { includeMessages: false, signal }),
    );
    facts.second.before = before?.status;
    if (clients.user) {
      const user = clients.user;
      context.announce(`DELETE ${jobPath(second.id)}: as the non-Curator, who may not cancel it`);
      await step(context, "user-cancel", () => user.cancelJob(second.id, { signal }));
    }
    context.announce(`DELETE ${jobPath(second.id)}: cancels the second job`);
    await step(context, "cancel-second", () => main.cancelJob(second.id, { signal }));
    await step(context, "second-after-cancel", () => main.getJob(second.id, { includeMessages: false, signal }));
  }

  if (first) await waitFor(context, first.id, facts.run);
}

/**
 * Follows the job run to its end, for its share of the time left at most; a status the spec
 * does not list ends the wait at once, since no wait could tell whether the job ever finishes.
 */
async function waitFor(context: PlanContext, jobId: string, run: NonNullable<Facts["run"]>): Promise<void> {
  const words = statusWords(context.spec);
  const unlisted = new AbortController();
  run.waitMs = Math.max(1, Math.floor((context.deadline - context.clock.now()) * WAIT_SHARE));
  context.progress(`Waiting for job ${jobId} to finish (for ${Math.ceil(run.waitMs / 1000)} s at most)`);
  try {
    run.finished = await context.recorder.step("wait", () =>
      context.clients.main.waitForJob(jobId, {
        signal: AbortSignal.any([context.signal, unlisted.signal]),
        timeoutMs: run.waitMs,
        onUpdate(job) {
          if (words.includes(job.status)) return;
          run.unlistedStatus = job.status;
          unlisted.abort();
        },
      }),
    );
  } catch (error) {
    run.waitError = (error as Error).name;
  }
}

/** The writes after the reads: refusals that change nothing. */
async function finishedWrites(context: PlanContext): Promise<void> {
  const { clients, facts, signal } = context;
  const finished: ReducedJobView | undefined = facts.run?.finished;
  const jobPath = (id: string) => context.spec.operation("cancelJob").path.replace("{jobId}", id);
  if (finished) {
    context.announce(`DELETE ${jobPath(finished.id)}: cancels the finished job, which must be refused`);
    await step(context, "cancel-finished", () => clients.main.cancelJob(finished.id, { signal }));
  }
  context.announce(`DELETE ${jobPath(NO_SUCH_ID)}: cancels a job that does not exist`);
  await step(context, "unknown-cancel", () => clients.main.cancelJob(NO_SUCH_ID, { signal }));
  context.announce(`DELETE ${jobPath(NO_SUCH_ID)}: with a token no server issued`);
  await step(context, "bad-token-cancel", () => clients.badToken.cancelJob(NO_SUCH_ID, { signal }));
  const runPath = (id: string) => context.spec.operation("runWorkflow").path.replace("{workflowId}", id);
  context.announce(`POST ${runPath(NO_SUCH_ID)}: runs a workflow that does not exist`);
  await step(context, "unknown-run", () => clients.main.runWorkflow(NO_SUCH_ID, {}, { signal }));
  // To a workflow that does not exist either: a server that took the token would still queue nothing.
  context.announce(`POST ${runPath(NO_SUCH_ID)}: with a token no server issued`);
  await step(context, "bad-token-run", () => clients.badToken.runWorkflow(NO_SUCH_ID, {}, { signal }));
}
