// Waiting for a job: poll its reduced form with a growing interval until it reaches a terminal
// state, then fetch it once with its messages. The interval never undercuts a Retry-After, and
// `timeoutMs` is a deadline that no poll, retry or Retry-After runs past.

import { DispositionValues, JobStatusValues } from "../generated/client-values.js";
import type { JobView, ReducedJobView } from "../generated/openapi.js";
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
   * Each interval is this many times the last, up to `maxIntervalMs` (at least 1).
   * @default 1.5
   */
  backoff?: number;
  /**
   * The longest interval, in ms.
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
  /** Called after every poll. */
  onUpdate?: (job: ReducedJobView, progress: { elapsedMs: number; polls: number }) => void;
}

export const DEFAULT_WAIT_POLICY = { intervalMs: 2_000, backoff: 1.5, maxIntervalMs: 40_000, timeoutMs: 3_600_000 };

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

const terminal: readonly string[] = JobStatusValues.terminal;
const success: readonly string[] = DispositionValues.success;

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

export async function waitForJob(
  poller: Poller,
  jobId: string,
  options: WaitOptions,
  clock: Clock,
  warn: (line: string) => void,
): Promise<JobView> {
  const { intervalMs, backoff, maxIntervalMs, timeoutMs } = waitPolicy(options);
  const { signal, onUpdate } = options;
  const started = clock.now();
  const at = started + timeoutMs;
  let interval = intervalMs;
  let last: ReducedJobView | undefined;
  const timedOut = (cause?: unknown) => new WaitTimeoutError(jobId, last?.status, timeoutMs, cause);
  const deadline = { at, reached: timedOut };

  for (let polls = 1; ; polls++) {
    const { job, response } = await poller.poll(jobId, signal, deadline);
    last = job;
    const now = clock.now();
    onUpdate?.(job, { elapsedMs: now - started, polls });
    // The read with messages is part of the wait: it ends at the deadline too.
    if (isJobFinished(job)) return poller.getJob(jobId, signal, deadline);

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
    interval = Math.min(maxIntervalMs, interval * backoff);
  }
}
