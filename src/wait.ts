// Waiting for a job: poll its reduced form with a growing interval until it reaches a terminal
// state, then fetch it once with its messages. The interval never undercuts a Retry-After, and
// the clock is injectable so that the policy can be measured without real waiting.
import type { JobView, ReducedJobView } from "../generated/openapi.js";
import { schemaValues } from "../generated/spec-values.js";
import { defined } from "./call.js";
import { AbortError, WaitTimeoutError } from "./core/errors.js";
import { parseRetryAfter } from "./core/retry.js";
import { abortableSleep } from "./core/sleep.js";

export interface WaitOptions {
  /** The first interval between polls. Default 2 s. */
  intervalMs?: number;
  /** Each interval is this many times the last, up to `maxIntervalMs`. Default 1.5. */
  backoff?: number;
  /** The longest interval. Default 40 s. */
  maxIntervalMs?: number;
  /** Give up (the job goes on) after this long. Default 1 hour; `Infinity` waits for ever. */
  timeoutMs?: number;
  /** Stops waiting (the job goes on); rejects with an AbortError. */
  signal?: AbortSignal;
  /** Called after every poll. */
  onUpdate?: (job: ReducedJobView, progress: { elapsedMs: number; polls: number }) => void;
}

export const defaultWaitPolicy = { intervalMs: 2_000, backoff: 1.5, maxIntervalMs: 40_000, timeoutMs: 3_600_000 };

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
export const realClock: Clock = { now: () => performance.now(), sleep: abortableSleep };

export interface Poller {
  /** The job without messages, and the response it came in. */
  poll(jobId: string, signal?: AbortSignal): Promise<{ job: ReducedJobView; response: Response }>;
  /** The job with its messages. */
  fetch(jobId: string, signal?: AbortSignal): Promise<JobView>;
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

export async function waitForJob(
  poller: Poller,
  jobId: string,
  options: WaitOptions = {},
  clock: Clock = realClock,
): Promise<JobView> {
  const { intervalMs, backoff, maxIntervalMs, timeoutMs } = { ...defaultWaitPolicy, ...defined(options) };
  const { signal, onUpdate } = options;
  const started = clock.now();
  let interval = intervalMs;
  let last: ReducedJobView | undefined;

  for (let polls = 1; ; polls++) {
    const { job, response } = await poller.poll(jobId, signal);
    last = job;
    const elapsedMs = clock.now() - started;
    onUpdate?.(job, { elapsedMs, polls });
    if (isJobFinished(job)) return poller.fetch(jobId, signal);

    const remaining = timeoutMs - elapsedMs;
    if (remaining <= 0) throw new WaitTimeoutError(jobId, last.status, timeoutMs);
    const asked = parseRetryAfter(response.headers.get("retry-after")) ?? 0;
    // Never poll sooner than the server asks, even if that runs past the deadline.
    const delay = Math.max(asked, Math.min(interval, remaining));
    try {
      await clock.sleep(delay, signal);
    } catch {
      throw new AbortError(`Stopped waiting for job ${jobId}; the job was not cancelled`, undefined, false);
    }
    interval = Math.min(maxIntervalMs, interval * backoff);
  }
}
