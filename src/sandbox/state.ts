// The sandbox's state machine: API keys and the tokens issued to them, workflows, and jobs that
// move from Queued to Running to Completed on the virtual clock. It knows nothing of HTTP: each
// operation returns its answer or throws a Refusal naming the documented refusal it is.
import type {
  EnqueueJobContract,
  JobListItemView,
  JobView,
  MessageView,
  Priority,
  WorkflowJobView,
  WorkflowQuestionView,
} from "../../generated/openapi.js";
import * as schemaValues from "../../generated/schema-values.js";
import type { SandboxTime } from "./clock.js";
import type { Faults, LoadedFixture, LoadedWorkflow, SandboxUser } from "./fixture.js";
import { type Job, jobView, listItemView, messagesAt, stateAt, workflowJobView } from "./job.js";
import { page, selectJobs, selectWorkflowJobs } from "./listing.js";

/** The most jobs kept; queuing one more forgets the oldest. */
export const MAX_JOBS = 10_000;
/** The most live tokens kept; issuing one more forgets the oldest. */
export const MAX_TOKENS = 10_000;

export type RefusalKind =
  | "unauthorized"
  | "notFound"
  | "invalid"
  | "notCancellable"
  | "noPermission"
  | "formatNotOffered"
  | "invalidClient"
  | "unsupportedGrant";

/** A documented refusal; the faces turn it into the status and message the spec gives it. */
export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly modelState?: Record<string, string[]>,
  ) {
    super(kind);
  }
}

export type User = Required<SandboxUser>;
type Contract = EnqueueJobContract & Record<string, unknown>;
type ListJobsQuery = Parameters<typeof selectJobs>[1] & { offset?: number; limit?: number };
type WorkflowJobsQuery = Parameters<typeof selectWorkflowJobs>[1] & { offset?: number; limit?: number };

export interface SandboxState {
  readonly clock: SandboxTime;
  readonly faults: Faults;
  /** Replaces the faults in force. */
  setFaults(faults: Faults): void;
  issueToken(clientId: string, clientSecret: string): { access_token: string; token_type: string; expires_in: number };
  /** The user a bearer token belongs to; a Refusal when it is unknown or expired. */
  authenticate(token: string | undefined): User;
  getJob(user: User, jobId: string, includeMessages: boolean): JobView | Omit<JobView, "messages">;
  getJobMessages(user: User, jobId: string): MessageView[];
  cancelJob(user: User, jobId: string): "cancelled" | "deleted";
  listJobs(user: User, query: ListJobsQuery): JobListItemView[];
  listWorkflowJobs(user: User, workflowId: string, query: WorkflowJobsQuery): WorkflowJobView[];
  runWorkflow(user: User, workflowId: string, contract: Contract): JobView;
  getWorkflowQuestions(user: User, workflowId: string): WorkflowQuestionView[];
  getJobOutput(user: User, jobId: string, outputId: string, format: string): { fileName: string; bytes: Uint8Array };
}

export function createState(fixture: LoadedFixture, clock: SandboxTime, token: () => string): SandboxState {
  const workflows = new Map(fixture.workflows.map((w) => [w.id, w]));
  const keys = new Map(fixture.users.map((u) => [u.clientId, u]));
  /** Live tokens, and when each was issued in token time. */
  const tokens = new Map<string, { user: User; issuedAt: number }>();
  const jobs = new Map<string, Job>();
  let faults: Faults = { ...fixture.faults };
  let sequence = 0;

  /** The fixture's job and output IDs, which a new ID must not repeat. */
  const fixtureIds = new Set(fixture.jobs.flatMap((j) => [j.id, ...(j.outputIds ?? [])]));
  /** A new ObjectId-shaped ID: the virtual time in seconds, then a counter. */
  const newId = (): string => {
    const id =
      Math.floor(clock.now() / 1000)
        .toString(16)
        .padStart(8, "0")
        .slice(-8) + (++sequence).toString(16).padStart(16, "0");
    return fixtureIds.has(id) ? newId() : id;
  };
  for (const job of fixture.jobs) {
    const found = workflows.get(job.workflowId) as LoadedWorkflow;
    const owner = fixture.users.find((u) => u.name === job.owner) as User;
    jobs.set(job.id, {
      id: job.id,
      sequence: ++sequence,
      workflow: found,
      owner,
      createdAt: job.createDateTime ?? clock.now(),
      priority: job.priority,
      workerTag: job.workerTag,
      outputIds: job.outputIds ?? found.outputs.map(() => newId()),
      ...(job.stays ? { stays: job.stays } : {}),
    });
  }

  const tokenLifetimeMs = () => faults.tokenLifetimeMs ?? fixture.tokenLifetimeSeconds * 1000;
  // `expires_in: 0` is a token a client uses once and does not keep: good for one request.
  const oneUse = () => faults.tokenLifetimeMs === undefined && fixture.tokenLifetimeSeconds === 0;
  const expired = (issuedAt: number, now: number) => !oneUse() && now - issuedAt >= tokenLifetimeMs();

  function visibleJob(user: User, jobId: string): Job {
    const job = jobs.get(jobId);
    if (!job || !(user.curator || job.owner === user)) throw new Refusal("notFound");
    return job;
  }
  function workflow(workflowId: string): LoadedWorkflow {
    const found = workflows.get(workflowId);
    if (!found) throw new Refusal("notFound");
    return found;
  }
  function curatorOnly(user: User): void {
    if (!user.curator) throw new Refusal("unauthorized");
  }
  function forgetOldest<K, V>(map: Map<K, V>, max: number, expired: (value: V) => boolean): void {
    for (const [key, value] of map) if (map.size >= max && expired(value)) map.delete(key);
    for (const key of map.keys()) {
      if (map.size < max) break;
      map.delete(key);
    }
  }

  return {
    clock,
    get faults() {
      return faults;
    },
    setFaults(next) {
      faults = { ...next };
    },

    issueToken(clientId, clientSecret) {
      const user = keys.get(clientId);
      if (!user || user.clientSecret !== clientSecret) throw new Refusal("invalidClient");
      const now = clock.tokenTime();
      forgetOldest(tokens, MAX_TOKENS, (t) => expired(t.issuedAt, now));
      const access_token = token();
      tokens.set(access_token, { user, issuedAt: now });
      return { access_token, token_type: "bearer", expires_in: fixture.tokenLifetimeSeconds };
    },

    authenticate(value) {
      const found = value === undefined ? undefined : tokens.get(value);
      if (!found || expired(found.issuedAt, clock.tokenTime())) throw new Refusal("unauthorized");
      if (oneUse()) tokens.delete(value as string);
      return found.user;
    },

    getJob(user, jobId, includeMessages) {
      const view = jobView(visibleJob(user, jobId), clock.now());
      if (includeMessages) return view;
      const { messages: _, ...reduced } = view;
      return reduced;
    },

    getJobMessages(user, jobId) {
      curatorOnly(user);
      return messagesAt(visibleJob(user, jobId), clock.now());
    },

    cancelJob(user, jobId) {
      const job = jobs.get(jobId);
      if (!job) throw new Refusal("notFound");
      if (!user.curator && job.owner !== user) throw new Refusal("noPermission");
      const now = clock.now();
      const state = stateAt(job, now);
      if (state === "Queued") {
        jobs.delete(jobId);
        return "deleted";
      }
      if (state !== "Running") throw new Refusal("notCancellable");
      job.cancelledAt = now;
      return "cancelled";
    },

    listJobs(user, query) {
      curatorOnly(user);
      const now = clock.now();
      const selected = selectJobs([...jobs.values()], query, user.name, now);
      return page(selected, query.offset, query.limit).map((job) => listItemView(job, now));
    },

    listWorkflowJobs(user, workflowId, query) {
      workflow(workflowId);
      const now = clock.now();
      const own = [...jobs.values()].filter((j) => j.workflow.id === workflowId && (user.curator || j.owner === user));
      return page(selectWorkflowJobs(own, query, now), query.offset, query.limit).map((j) => workflowJobView(j, now));
    },

    runWorkflow(user, workflowId, contract) {
      const found = workflow(workflowId);
      const modelState = checkContract(contract, found.questions);
      if (Object.keys(modelState).length > 0) throw new Refusal("invalid", modelState);
      forgetOldest(
        jobs,
        MAX_JOBS,
        (j) => stateAt(j, clock.now()) !== "Queued" && stateAt(j, clock.now()) !== "Running",
      );
      const job: Job = {
        id: newId(),
        sequence,
        workflow: found,
        owner: user,
        createdAt: clock.now(),
        priority: contract.priority ?? schemaValues.Priority.enum[0],
        workerTag: contract.workerTag ?? "",
        outputIds: found.outputs.map(() => newId()),
      };
      jobs.set(job.id, job);
      return jobView(job, clock.now());
    },

    getWorkflowQuestions(_user, workflowId) {
      return structuredClone(workflow(workflowId).questions);
    },

    getJobOutput(user, jobId, outputId, format) {
      const job = visibleJob(user, jobId);
      const index = job.outputIds.indexOf(outputId);
      const output = job.workflow.outputs[index];
      if (!output || stateAt(job, clock.now()) !== "Completed") throw new Refusal("notFound");
      const bytes = output.formats.get(format);
      if (!bytes) throw new Refusal("formatNotOffered");
      return { fileName: output.fileName, bytes };
    },
  };
}

/**
 * A value of a parsed body as a message quotes it: a string as it is, anything else as JSON, since
 * `String({"toString": 1})` throws.
 */
function shown(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** What is wrong with a run's body, as `modelState`: the contract's types, then the answers. */
function checkContract(contract: Contract, questions: WorkflowQuestionView[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, text: string) => {
    problems[field] = [...(problems[field] ?? []), text];
  };
  for (const field of ["workerTag", "credentialId"] as const) {
    if (contract[field] !== undefined && typeof contract[field] !== "string") add(field, `${field} must be a string.`);
  }
  const priorities: readonly string[] = schemaValues.Priority.enum;
  if (contract.priority !== undefined && !priorities.includes(contract.priority as Priority)) {
    add("priority", `The value '${shown(contract.priority)}' is not valid for priority.`);
  }
  if (contract.questions === undefined) return problems;
  if (!Array.isArray(contract.questions)) {
    add("questions", "questions must be an array of {name, value}.");
    return problems;
  }
  const names = questions.map((q) => q.name);
  const answered = new Set<string>();
  for (const [i, answer] of (contract.questions as unknown[]).entries()) {
    const { name, value } = (answer ?? {}) as Record<string, unknown>;
    if (typeof name !== "string" || typeof value !== "string") {
      add(`questions[${i}]`, "An answer must have a string name and a string value.");
      continue;
    }
    const question = questions.find((q) => q.name === name);
    if (!question) {
      const asks = names.length > 0 ? `it asks: ${names.join(", ")}` : "it asks no questions";
      add(`questions[${i}].name`, `'${name}' is not a question of this workflow; ${asks}.`);
      continue;
    }
    if (answered.has(name)) {
      add(`questions[${i}].name`, `'${name}' is answered twice.`);
      continue;
    }
    answered.add(name);
    const choices = (question.items ?? []).map((item) => item.key);
    // A multiple-choice answer lists its keys separated by commas.
    const chosen = question.multiple ? value.split(",").map((v) => v.trim()) : [value];
    const wrong = chosen.find((v) => !choices.includes(v));
    if (choices.length > 0 && wrong !== undefined) {
      add(`questions[${i}].value`, `'${wrong}' is not a choice of ${name}; the choices are: ${choices.join(", ")}.`);
    }
  }
  return problems;
}
