// Waiting for a job: poll its reduced form with a growing interval until it reaches a terminal
// state, then fetch it with its messages; a full read that is not terminal yet (a replica behind
// the one that answered the poll) sends the wait back to polling. The interval never undercuts a
// Retry-After, and `timeoutMs` is a deadline that no poll, retry or Retry-After runs past.

import type { JobView, ReducedJobView } from "../generated/openapi.js";
import * as schemaValues from "../generated/schema-values.js";
import { type CallInit, defined } from "./call.js";
import { AbortError, WaitTimeoutError } from "./core/errors.js";
import { checkNumber } from "./core/options.js";
import { parseRetryAfter } from "./core/retry.js";
import type { Clock } from "./core/runtime.js";

export interface WaitOptions {
  /**
   * The first interval between polls, in ms.
   * @default 2000
   */
  intervalMs?: number;
  /**
   * Each interval is this many times the last, up to `maxIntervalMs` (at least 1; 1 polls every
   * `intervalMs`). The interval after `t` ms of waiting is then `intervalMs + (backoff − 1) × t`,
   * and that bounds how late the end of a job is seen.
   * @default 1.1
   */
  backoff?: number;
  /**
   * The longest interval, in ms; an `intervalMs` longer than it is kept as it is.
   * @default 40000
   */
  maxIntervalMs?: number;
  /**
   * The deadline, in ms from the start: the wait ends with WaitTimeoutError then at the latest
   * (the job goes on). `Infinity` waits for ever.
   * @default 3600000 (one hour)
   */
  timeoutMs?: number;
  /** Stops waiting (the job goes on); rejects with an AbortError. */
  signal?: AbortSignal;
  /** Called after every poll, and after a read with messages that says a job polled finished is not. */
  onUpdate?: (job: ReducedJobView, progress: { elapsedMs: number; polls: number }) => void;
}

/**
 * The wait's defaults: the first poll at once, then every 2 s growing ×1.1 up to 40 s, for at
 * most an hour. The pause after `t` of waiting is 2 s + t/10, so a job's end is seen less than
 * 2 s + a tenth of its run late (a 65 s job within 8.5 s, a 10 min one within 40 s) and never
 * more than 40 s late; an hour's wait costs about 115 requests. `npm run bench` measures it.
 */
export const DEFAULT_WAIT_POLICY = { intervalMs: 2_000, backoff: 1.1, maxIntervalMs: 40_000, timeoutMs: 3_600_000 };

export interface Poller {
  /** The job without messages, and the response it came in; no attempt or retry passes `deadline`. */
  poll(
    jobId: string,
    signal: AbortSignal | undefined,
    deadline: CallInit["deadline"],
  ): Promise<{ job: ReducedJobView; response: Response }>;
  /** The job with its messages; no attempt or retry passes `deadline`. */
  getJob(jobId: string, signal: AbortSignal | undefined, deadline: CallInit["deadline"]): Promise<JobView>;
  /** The longest Retry-After honoured between polls: the client's `retry.maxRetryAfterMs`. */
  maxRetryAfterMs: number;
}

const terminal: readonly string[] = schemaValues.JobStatus.terminal;
const success: readonly string[] = schemaValues.Disposition.success;

/** Whether a job is in a state it will not leave (Completed, Cancelled, Error). */
export function isJobFinished(job: Pick<ReducedJobView, "status">): boolean {
  return terminal.includes(job.status);
}

/** Whether a finished job succeeded: its disposition is a success value (Success). */
export function isJobSuccessful(job: Pick<ReducedJobView, "status" | "disposition">): boolean {
  return isJobFinished(job) && success.includes(job.disposition);
}

/** The wait's policy with the defaults filled in; InvalidArgumentError for a bad option, before anything is sent. */
export function waitPolicy(options: WaitOptions): typeof DEFAULT_WAIT_POLICY {
  const policy = { ...DEFAULT_WAIT_POLICY, ...defined(options) };
  checkNumber("intervalMs", policy.intervalMs, { above: 0 });
  checkNumber("backoff", policy.backoff, { atLeast: 1 });
  checkNumber("maxIntervalMs", policy.maxIntervalMs, { above: 0 });
  checkNumber("timeoutMs", policy.timeoutMs, { above: 0, infinite: true });
  return policy;
}

/**
 * The interval after `interval`: `backoff` times it, in whole milliseconds (×1.1 of a round
 * figure is not one), never shorter than it, and at most `maxIntervalMs`, or `intervalMs` when
 * that is longer (a first interval the caller chose is not cut).
 */
export function nextInterval(
  interval: number,
  { intervalMs, backoff, maxIntervalMs }: Pick<typeof DEFAULT_WAIT_POLICY, "intervalMs" | "backoff" | "maxIntervalMs">,
): number {
  return Math.min(Math.max(intervalMs, maxIntervalMs), Math.max(interval, Math.round(interval * backoff)));
}

export async function waitForJob(
  poller: Poller,
  jobId: string,
  options: WaitOptions,
  clock: Clock,
  warn: (line: string) => void,
): Promise<JobView> {
  const policy = waitPolicy(options);
  const { intervalMs, timeoutMs } = policy;
  const { signal, onUpdate } = options;
  const started = clock.now();
  const at = started + timeoutMs;
  let interval = intervalMs;
  let last: ReducedJobView | undefined;
  // Warned once a wait: a server behind stays behind for a few polls.
  let behind = false;
  // A deadline that falls in the read of a job polled finished ends a wait for a job not known to
  // be finished: the error says so rather than that it was "still Completed".
  const timedOut = (cause?: unknown) =>
    new WaitTimeoutError(jobId, last?.status, timeoutMs, cause, last !== undefined && isJobFinished(last));
  const deadline = { at, reached: timedOut };

  for (let polls = 1; ; polls++) {
    const { job, response } = await poller.poll(jobId, signal, deadline);
    last = job;
    let now = clock.now();
    onUpdate?.(job, { elapsedMs: now - started, polls });
    // The read with messages is part of the wait: it ends at the deadline too. Only a job that
    // read says is finished ends the wait; one it says is still going is polled on.
    if (isJobFinished(job)) {
      const full = await poller.getJob(jobId, signal, deadline);
      if (isJobFinished(full)) return full;
      last = full;
      now = clock.now();
      // What the wait now holds: the job is still going, whatever the poll said.
      onUpdate?.(full, { elapsedMs: now - started, polls });
      if (!behind) {
        behind = true;
        warn(
          `Job ${jobId}: polled ${JSON.stringify(job.status)} but read ${JSON.stringify(full.status)} with its messages (a server behind); polling on`,
        );
      }
    }

    const asked = parseRetryAfter(response.headers.get("retry-after"), now, (value) =>
      warn(`Job ${jobId}: ignored Retry-After ${JSON.stringify(value)}, which is neither seconds nor an HTTP date`),
    );
    // Never poll sooner than the server asks, up to the longest Retry-After the client honours (a
    // longer one would spend the whole wait on one pause); never sleep past the deadline.
    if (asked !== undefined && asked > poller.maxRetryAfterMs) {
      warn(`Job ${jobId}: Retry-After of ${Math.round(asked / 1000)} s cut to ${poller.maxRetryAfterMs / 1000} s`);
    }
    const delay = Math.max(Math.min(asked ?? 0, poller.maxRetryAfterMs), interval);
    try {
      await clock.sleep(Math.min(delay, at - now), signal);
    } catch {
      throw new AbortError(`Stopped waiting for job ${jobId}; the job was not cancelled`);
    }
    if (now + delay >= at) throw timedOut();
    interval = nextInterval(interval, policy);
  }
}
