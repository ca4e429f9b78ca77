// When to try a request again, and how long to wait first: data plus pure functions, so that the
// policy can be read, tuned and tested without a network. Every fact retrying rests on (which
// statuses, which methods, which network failures mean "never sent") is written here.
import { MAX_DELAY_MS } from "./limits.js";

/** How a client backs off between attempts (`JobsClientOptions.retry`). */
export interface RetryPolicy {
  /**
   * The first backoff; each retry doubles it, up to `maxDelayMs`, with jitter.
   * @default 500
   */
  baseDelayMs: number;
  /**
   * The longest backoff.
   * @default 8000
   */
  maxDelayMs: number;
  /**
   * A Retry-After longer than this is not waited for: the error is thrown instead.
   * @default 60000
   */
  maxRetryAfterMs: number;
}

/** The policy with the number of retries, as the transport uses it. */
export interface Policy extends RetryPolicy {
  maxRetries: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<Policy> = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** Methods that change nothing on the server: sent again after any failure worth a retry. */
export const REPEATABLE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD"]);

/**
 * The methods of the token endpoint's transport: its POST only asks for a token and changes
 * nothing on the server, so it is as safe to repeat as a read.
 */
export const TOKEN_REQUEST_METHODS: ReadonlySet<string> = new Set(["POST"]);

/** Network failures that happen before a byte of the request is sent: safe to repeat for any method. */
const NEVER_SENT = /^(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT)$|CERT|SSL|TLS/;

/** Whether a network failure's error code says the request never left (so any method may be repeated). */
export const neverSent = (code: string | undefined): boolean => NEVER_SENT.test(code ?? "");

/** What one attempt came to, as far as retrying cares. */
export interface Outcome {
  /** The failure status, or undefined when no answer came. */
  status?: number | undefined;
  /** Whether the request may have reached the server. */
  sent: boolean;
  /** The caller aborted, or a limit ended it: never retried. */
  final?: boolean | undefined;
  retryAfterMs?: number | undefined;
}

/** Statuses worth another try: the server may answer differently in a moment. */
const retryStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Milliseconds to wait before retry number `retry` (1-based), or undefined when the failure must
 * be thrown: only repeatable requests are retried once sent, only on a retry status or no answer,
 * never past `maxRetries` or a Retry-After above `maxRetryAfterMs`. The backoff is exponential
 * with "equal jitter" (half fixed, half random), never shorter than a Retry-After.
 */
export function retryDelay(
  retry: number,
  outcome: Outcome,
  repeatable: boolean,
  policy: Policy,
  random: () => number,
): number | undefined {
  const { status, retryAfterMs = 0 } = outcome;
  if (retry > policy.maxRetries || outcome.final || (outcome.sent && !repeatable)) return undefined;
  if (status !== undefined && (!retryStatus(status) || retryAfterMs > policy.maxRetryAfterMs)) return undefined;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.min(MAX_DELAY_MS, Math.max(exponential / 2 + random() * (exponential / 2), retryAfterMs));
}

const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT|[A-Z][a-z]{5,8}, \d\d-[A-Z][a-z]{2}-\d\d \d\d:\d\d:\d\d GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4})$/;

/**
 * Retry-After as milliseconds from `now` (RFC 9110 §10.2.3: delay-seconds digits, or an
 * HTTP-date in any of its three forms), clamped to what a timer holds. Undefined when absent;
 * anything else is reported to `malformed` and ignored.
 */
export function parseRetryAfter(
  header: string | null,
  now: number,
  malformed: (value: string) => void,
): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  let ms = Number.NaN;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else if (HTTP_DATE.test(value)) ms = Math.max(0, Date.parse(value.endsWith("GMT") ? value : `${value} GMT`) - now);
  if (Number.isNaN(ms)) return void malformed(value);
  return Math.min(ms, MAX_DELAY_MS);
}
