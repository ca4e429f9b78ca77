// `alteryx-jobs/batch`: many runs of one workflow. At most `concurrency` jobs are queued or running at once; all of them
// are followed through one listing of the workflow's jobs per poll, newest first and only as far
// back as the oldest unfinished one, and each job is read in full once, when it ends. So the
// requests spent waiting grow with time, not with the number of runs. An entry of its own, as
// `./raw` is, so that the main one stays small for those who run one job at a time.
/** @module alteryx-jobs/batch */
import type { EnqueueJobContract, JobView, WorkflowJobView } from "../generated/openapi.js";
import { defined } from "./call.js";
import type { JobsClient } from "./client.js";
import { AbortError, InvalidArgumentError, WaitTimeoutError } from "./core/errors.js";
import { checkNumber, checkText } from "./core/options.js";
import { type Clock, REAL_CLOCK } from "./core/runtime.js";
import { DEFAULT_PAGE_SIZE } from "./paging.js";
import { type Answers, checkWorkflowAnswers, toAppValues } from "./questions.js";
import type { JobsPageQuery, WorkflowJobsFilters } from "./types.js";
import { isJobFinished, isJobSuccessful, nextInterval, type WaitOptions, waitPolicy } from "./wait.js";
import { checkRunBody, type WorkflowsApi } from "./workflows.js";

export type { Answers };

export interface BatchOptions extends Pick<WaitOptions, "intervalMs" | "backoff" | "maxIntervalMs"> {
  /**
   * How many jobs may be queued or running at once, from 1 to 100 (so that the unfinished ones
   * fit in one page of the listing).
   * @default 4
   */
  concurrency?: number;
  /**
   * Check every answer set against the workflow's questions before the first run (one request).
   * @throws InvalidArgumentError naming the answer set and listing the valid names or keys; nothing is sent.
   * @default false
   */
  checkQuestions?: boolean;
  /** What every run sends besides its answers: `priority`, `workerTag`, `credentialId`. */
  body?: Omit<EnqueueJobContract, "questions">;
  /**
   * How long to follow one job after it was queued; then its result carries a WaitTimeoutError
   * and the job goes on.
   * @default 3600000 (1 hour)
   */
  timeoutMs?: number;
  /** Stops the batch; the jobs already queued go on (see `runBatch`). */
  signal?: AbortSignal;
  /** Called after every run queued and every poll. */
  onUpdate?: (progress: BatchProgress) => void;
}

export interface BatchProgress {
  /** Runs not sent yet. */
  waiting: number;
  /** Jobs queued and not yet seen running. */
  queued: number;
  running: number;
  /** Results so far whose job succeeded. */
  succeeded: number;
  /** Results so far that did not succeed. */
  failed: number;
  polls: number;
  elapsedMs: number;
  /**
   * The run whose POST is under way, if any: stopped now, its job may or may not be queued.
   * With `following`, what a program stopping the batch must record so as never to run again a
   * run that may have been queued.
   */
  sending: number | undefined;
  /** The runs whose jobs are queued or running, with each job as queued. */
  following: { index: number; job: JobView }[];
}

export interface BatchResult {
  /** The position of the run's answers in `answerSets`. */
  index: number;
  answers: Answers;
  /**
   * The job read in full (messages included) when it ended; the job as queued when following it
   * stopped early; undefined when it was not queued.
   */
  job: JobView | undefined;
  /**
   * Why the run was not followed to its end: the run's own failure, a WaitTimeoutError, or what
   * stopped the batch. Undefined when the job ended; whether it succeeded is `isJobSuccessful(job)`.
   */
  error: Error | undefined;
}

export const DEFAULT_CONCURRENCY = 4;
/** Pages of the listing one poll reads at most; the jobs it does not reach wait for the next poll. */
const MAX_PAGES_A_POLL = 10;
// The listing's sort values are not published; these are the Curator listing's documented ones.
const sortField: NonNullable<JobsPageQuery["sortField"]> = "CreateDate";
const NEWEST_FIRST: WorkflowJobsFilters = { sortField, direction: "desc", pageSize: DEFAULT_PAGE_SIZE };

interface Run {
  index: number;
  answers: Answers;
}
interface Followed {
  run: Run;
  job: JobView;
  status: string;
  deadline: number;
}

/**
 * Runs the workflow once per answer set through `client`, at most `concurrency` jobs at a time,
 * and yields each result as its job ends. A POST is never repeated. When the batch stops early
 * (the signal, or a listing that failed), every job already queued is yielded with that reason,
 * and goes on, and the iteration then throws it; runs not yet sent are not yielded.
 *
 * @throws InvalidArgumentError at once for bad arguments, and from the iteration's first step for
 *   answers that do not fit the questions (with `checkQuestions`); nothing is sent.
 */
export function runBatch(
  client: JobsClient,
  workflowId: string,
  answerSets: readonly Answers[],
  options: BatchOptions = {},
): AsyncIterable<BatchResult> {
  return runBatchWith(REAL_CLOCK, client, workflowId, answerSets, options);
}

/**
 * runBatch on a clock of the caller's (tests and benchmarks: the clock their client was made
 * with, one that need not wait). The batch reaches the server only through `client`'s public
 * methods, so any JobsClient, a hand-made test double too, will do.
 * @internal
 */
export function runBatchWith(
  clock: Clock,
  client: JobsClient,
  workflowId: string,
  answerSets: readonly Answers[],
  options: BatchOptions = {},
): AsyncIterable<BatchResult> {
  const { intervalMs, backoff, maxIntervalMs, timeoutMs } = options;
  const policy = waitPolicy({ intervalMs, backoff, maxIntervalMs, timeoutMs });
  const settings = { concurrency: DEFAULT_CONCURRENCY, body: {}, ...defined(options), ...policy };
  checkNumber("concurrency", settings.concurrency, { whole: true, atLeast: 1, atMost: DEFAULT_PAGE_SIZE });
  if (!Array.isArray(answerSets)) throw new InvalidArgumentError("answerSets", answerSets, "a list of answer sets");
  checkRunBody(settings.body);
  const runs = answerSets.map((answers, index): Run => {
    if (typeof answers !== "object" || answers === null || Array.isArray(answers)) {
      throw new InvalidArgumentError(`answerSets[${index}]`, answers, "an object of question names and answers");
    }
    for (const [name, value] of Object.entries(answers)) {
      checkText(`answerSets[${index}].${name}`, value);
    }
    return { index, answers };
  });
  return { [Symbol.asyncIterator]: () => follow(client, clock, workflowId, runs, settings) };
}

async function* follow(
  client: JobsClient,
  clock: Clock,
  workflowId: string,
  runs: Run[],
  settings: Required<Omit<BatchOptions, "signal" | "onUpdate" | "checkQuestions">> & BatchOptions,
): AsyncGenerator<BatchResult> {
  const { signal, concurrency, body, timeoutMs, intervalMs } = settings;
  if (settings.checkQuestions) {
    await checkWorkflowAnswers(
      client,
      workflowId,
      runs.map((run) => toAppValues(run.answers)),
      { signal, name: (index) => `answerSets[${runs[index]?.index}] ` },
    );
  }

  const started = clock.now();
  // By run, not by job id: two runs can never share an entry, even with a server (a mock) that
  // gives every new job the same id.
  const followed = new Map<number, Followed>();
  let sent = 0;
  let polls = 0;
  let succeeded = 0;
  let failed = 0;
  let interval = intervalMs;
  let sending: number | undefined;

  const report = () => {
    const running = [...followed.values()].filter((f) => f.status === "Running").length;
    const progress = { waiting: runs.length - sent, queued: followed.size - running, running, succeeded, failed };
    const following = [...followed.values()].map(({ run, job }) => ({ index: run.index, job }));
    settings.onUpdate?.({ ...progress, polls, elapsedMs: clock.now() - started, sending, following });
  };
  const result = (run: Run, job: JobView | undefined, error?: unknown): BatchResult => {
    if (!error && job && isJobSuccessful(job)) succeeded++;
    else failed++;
    return { index: run.index, answers: run.answers, job, error: error as Error | undefined };
  };
  /** The result of a followed job: the job read when it ended, or why it was not (with the job as queued). */
  const ended = (index: number, outcome: JobView | Error) => {
    const { run, job } = followed.get(index) as Followed;
    followed.delete(index);
    return outcome instanceof Error ? result(run, job, outcome) : result(run, outcome);
  };

  try {
    while (sent < runs.length || followed.size > 0) {
      let queuedNow = false;
      while (followed.size < concurrency && sent < runs.length) {
        signal?.throwIfAborted();
        const run = runs[sent++] as Run;
        sending = run.index;
        report();
        const job = await client
          .runWorkflow(workflowId, { ...body, questions: toAppValues(run.answers) }, { signal })
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
        sending = undefined;
        if (job instanceof Error) {
          // Never sent again: the server may have queued it (the error says so when it may have).
          yield result(run, undefined, job);
          if (signal?.aborted) throw job;
        } else {
          followed.set(run.index, { run, job, status: job.status, deadline: clock.now() + timeoutMs });
          queuedNow = true;
        }
        report();
      }
      if (followed.size === 0) continue;

      // Back to the first interval whenever a job was queued: a new job may well be a short one.
      interval = queuedNow ? intervalMs : nextInterval(interval, settings);
      const nearestDeadline = Math.min(...[...followed.values()].map((f) => f.deadline));
      await clock.sleep(Math.max(0, Math.min(interval, nearestDeadline - clock.now())), signal);
      polls++;

      // Read in full the jobs the listing shows ended, and those missing from it although it went
      // back past their time (a queued job that is cancelled is deleted).
      for (const index of await poll(client, workflowId, followed, signal)) {
        const entry = followed.get(index) as Followed;
        const job = await read(entry.job.id);
        if (job instanceof Error || isJobFinished(job)) yield ended(index, job);
        else entry.status = job.status;
      }
      for (const [index, { job, status, deadline }] of followed) {
        if (clock.now() >= deadline) yield ended(index, new WaitTimeoutError(job.id, status, timeoutMs));
      }
      report();
    }
  } catch (cause) {
    const reason = signal?.aborted
      ? new AbortError(`The batch was stopped, ${runs.length - sent} runs unsent; no job was cancelled`)
      : (cause as Error);
    for (const index of followed.keys()) yield ended(index, reason);
    throw reason;
  }

  /** The job in full; a failure to read it belongs to its run, unless the batch is being stopped. */
  async function read(jobId: string): Promise<JobView | Error> {
    try {
      return await client.getJob(jobId, { signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      return error as Error;
    }
  }
}

/**
 * One poll: updates the followed jobs' statuses from the listing and returns those to read on
 * their own: the ended ones, and the ones missing although the listing went back past their time.
 */
async function poll(
  workflows: WorkflowsApi,
  workflowId: string,
  followed: ReadonlyMap<number, Followed>,
  signal: AbortSignal | undefined,
): Promise<number[]> {
  const unseen = new Set(followed.keys());
  // NaN (a date that does not parse) never compares: the walk then goes on to the end.
  const oldest = Math.min(...[...followed.values()].map((f) => Date.parse(f.job.createDateTime)));
  let wentFarEnough = true;
  let pages = 0;
  for await (const page of workflows.listWorkflowJobs(workflowId, NEWEST_FIRST, { signal }).pages()) {
    for (const [index, entry] of followed) {
      const listed = page.find((job) => job.id === entry.job.id);
      if (listed && unseen.delete(index)) entry.status = listed.status;
    }
    if (unseen.size === 0 || passed(page, oldest)) break;
    if (++pages >= MAX_PAGES_A_POLL) {
      wentFarEnough = false;
      break;
    }
  }
  const ended = [...followed].filter(([, f]) => isJobFinished(f)).map(([index]) => index);
  return wentFarEnough ? [...ended, ...unseen] : ended;
}

/** Whether a page, newest first, ends before `time`; a page in any other order proves nothing. */
function passed(page: WorkflowJobView[], time: number): boolean {
  const times = page.map((job) => Date.parse(job.createDate));
  return times.every((t, i) => i === 0 || t <= (times[i - 1] as number)) && (times.at(-1) as number) < time;
}
