// One request, start to finish: the bearer token, a timeout per attempt joined to the caller's
// signal, retries where repeating is safe, and every failure turned into a typed error. It knows
// no endpoint; what it knows is this API's conventions: JSON bodies, `{message}` errors.
//
// The body is read and parsed inside the attempt, so a slow or cut body is timed and retried like
// any failure. The wrappers get the parsed body (`send`); openapi-fetch, as `alteryx-jobs/raw`, gets a
// response carrying the checked body (`fetch`).
import type { Auth } from "./auth.js";
import {
  AbortError,
  type AlteryxError,
  ConnectionError,
  errorForStatus,
  type RequestInfo,
  TimeoutError,
  UnexpectedResponseError,
} from "./errors.js";
import { backoffDelay, parseRetryAfter, type RetryPolicy } from "./retry.js";
import { abortableSleep } from "./sleep.js";

/** Where the client reports what it does; `console` fits. Lines never carry a header or a secret. */
export interface Logger {
  debug?(message: string): void;
  warn?(message: string): void;
}

/** The global fetch's signature: a URL or request, and an init whose `signal` it must honour. */
export type Fetch = (input: string | Request, init?: RequestInit) => Promise<Response>;

/** What one request needs; `body` is text so that a repeated attempt can send it again. */
export interface Outgoing {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** The caller's signal, if any. */
  signal?: AbortSignal | undefined;
}

export interface TransportOptions {
  fetch: Fetch;
  auth?: Auth | undefined;
  /** Per attempt, including reading the body; 0 for none. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Methods that may be sent again after a failure the server may have seen. */
  repeatableMethods: ReadonlySet<string>;
  userAgent?: string | undefined;
  logger?: Logger | undefined;
  /** Values to hide from any text that comes back from the server. */
  secrets: () => string[];
  /** How to wait between attempts; replaced in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Connection failures that happen before a byte is sent: safe to repeat for any method. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-correlation-id"];
const QUOTE_LENGTH = 120;

/** A success, read and checked: the response (its body consumed), its text and the parsed JSON. */
export interface Exchange {
  response: Response;
  text: string;
  body: unknown;
}

export interface Transport {
  /** Sends one request and returns the checked, parsed success; throws a typed error otherwise. */
  send(url: string, outgoing: Outgoing): Promise<Exchange>;
  /** The same as a fetch for openapi-fetch (`alteryx-jobs/raw`): a response carrying the checked body. */
  fetch(request: Request): Promise<Response>;
}

export function createTransport(options: TransportOptions): Transport {
  const { retry, logger } = options;
  const sleep = options.sleep ?? abortableSleep;

  async function send(url: string, outgoing: Outgoing): Promise<Exchange> {
    const { method, body } = outgoing;
    const callerSignal = outgoing.signal;
    // Worked out only when an error or a log line needs it.
    const info = (): RequestInfo => ({ method, path: pathOf(url) });
    const repeatable = options.repeatableMethods.has(method);
    const headers = { ...outgoing.headers };
    if (options.userAgent) headers["user-agent"] = options.userAgent;
    let renewed = false;

    for (let retries = 0; ; ) {
      const token = options.auth ? await options.auth.token() : undefined;
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      if (callerSignal?.aborted) throw new AbortError("The request was aborted before it was sent", info(), false);
      const attempt = attemptSignal(callerSignal, options.timeoutMs);
      const started = logger?.debug ? performance.now() : 0;

      let response: Response;
      let text: string;
      try {
        response = await options.fetch(url, { method, headers, body, signal: attempt.signal });
        // Read the body inside the attempt, so a body that trickles in counts against the timeout.
        text = await response.text();
      } catch (cause) {
        const failure = noAnswer(cause, info(), callerSignal, attempt.timedOut(), repeatable);
        const safe = !(failure instanceof AbortError) && (repeatable || notSent(cause));
        if (safe && retries < retry.maxRetries) {
          retries += 1;
          await pause(backoffDelay(retries, retry, undefined), failure.message, info(), callerSignal);
          continue;
        }
        throw failure;
      } finally {
        attempt.done();
      }
      if (logger?.debug) {
        const { path } = info();
        logger.debug(`${method} ${path} → ${response.status} in ${Math.round(performance.now() - started)} ms`);
      }

      // A refused token may just have expired: renew it once and repeat; the server did nothing.
      if (response.status === 401 && token !== undefined && !renewed && options.auth?.renew(token)) {
        renewed = true;
        continue;
      }
      if (!response.ok) {
        const error = failureFromResponse(response, text, info());
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        const waitable = retryAfterMs === undefined || retryAfterMs <= retry.maxRetryAfterMs;
        if (repeatable && retry.retryStatuses(response.status) && waitable && retries < retry.maxRetries) {
          retries += 1;
          await pause(backoffDelay(retries, retry, retryAfterMs), `status ${response.status}`, info(), callerSignal);
          continue;
        }
        throw error;
      }
      return successFromResponse(response, text, info);
    }
  }

  async function pause(ms: number, reason: string, info: RequestInfo, signal: AbortSignal | undefined): Promise<void> {
    logger?.warn?.(`${info.method} ${info.path}: retrying in ${Math.round(ms)} ms after ${reason}`);
    try {
      await sleep(ms, signal);
    } catch {
      throw new AbortError("The request was aborted while waiting to retry", info, false);
    }
  }

  function failureFromResponse(response: Response, text: string, info: RequestInfo): AlteryxError {
    const details = { ...info, status: response.status, requestId: requestIdOf(response) };
    const parsed = parseJson(text);
    if (parsed.ok) return errorForStatus({ ...details, serverMessage: messageOf(parsed.value) });
    const what = text.trim() === "" ? "an empty body" : `a body that is not JSON: ${quoteStart(text)}`;
    return errorForStatus(details, `${info.method} ${info.path} failed with ${response.status} and ${what}`);
  }

  /** Every success of this API is a JSON body; anything else is reported, not passed on. */
  function successFromResponse(response: Response, text: string, info: () => RequestInfo): Exchange {
    const type = response.headers.get("content-type") ?? "";
    const parsed = /\bjson\b/i.test(type) ? parseJson(text) : undefined;
    if (parsed?.ok) return { response, text, body: parsed.value };
    const what = !/\S/.test(text)
      ? "an empty body where JSON was expected"
      : parsed
        ? `malformed JSON: ${quoteStart(text)}`
        : `content type "${type}" where JSON was expected: ${quoteStart(text)}`;
    const { method, path } = info();
    const details = { method, path, status: response.status, requestId: requestIdOf(response) };
    throw new UnexpectedResponseError(details, `${method} ${path} answered ${response.status} with ${what}`);
  }

  function messageOf(body: unknown): string | undefined {
    if (body === null || typeof body !== "object") return undefined;
    const fields = body as Record<string, unknown>;
    const message = [fields.message, fields.error_description, fields.error].find((m) => typeof m === "string");
    return message === undefined ? undefined : redact(message as string);
  }

  function quoteStart(text: string): string {
    const start = redact(text.trim().replace(/\s+/g, " "));
    return JSON.stringify(start.length > QUOTE_LENGTH ? `${start.slice(0, QUOTE_LENGTH)}…` : start);
  }

  function redact(text: string): string {
    let out = text;
    for (const secret of options.secrets()) if (secret.length >= 4) out = out.replaceAll(secret, "[redacted]");
    return out;
  }

  return {
    send,
    async fetch(request) {
      const headers = Object.fromEntries(request.headers);
      const body = request.body ? await request.text() : undefined;
      const outgoing = { method: request.method, headers, body, signal: request.signal };
      const { response, text } = await send(request.url, outgoing);
      return new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    },
  };
}

/**
 * The signal for one attempt: aborted by the caller's signal or after `timeoutMs`. A plain timer
 * rather than AbortSignal.timeout/any, whose signals are held weakly and can be collected while
 * a request is still waiting on them.
 */
function attemptSignal(callerSignal: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onAbort, { once: true });
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, "TimeoutError"));
        }, timeoutMs)
      : undefined;
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    done() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onAbort);
    },
  };
}

function noAnswer(
  cause: unknown,
  info: RequestInfo,
  callerSignal: AbortSignal | undefined,
  timedOut: boolean,
  repeatable: boolean,
): AlteryxError {
  const outcomeUnknown = !repeatable && !notSent(cause);
  if (callerSignal?.aborted) return new AbortError("The request was aborted", info, outcomeUnknown, { cause });
  if (timedOut) return new TimeoutError(`The request timed out`, info, outcomeUnknown, { cause });
  const detail = codeOf(cause) ?? innermostMessage(cause);
  return new ConnectionError(`The connection failed${detail ? ` (${detail})` : ""}`, info, outcomeUnknown, { cause });
}

function notSent(cause: unknown): boolean {
  const code = codeOf(cause);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

/** undici reports network failures as `TypeError: fetch failed` with the system error as cause. */
function codeOf(error: unknown): string | undefined {
  let e = error;
  for (let depth = 0; depth < 5 && typeof e === "object" && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The message of the deepest cause: undici's own is only "fetch failed". */
function innermostMessage(error: unknown): string | undefined {
  let message: string | undefined;
  let e = error;
  for (let depth = 0; depth < 5 && e instanceof Error; depth++) {
    message = e.message;
    e = e.cause;
  }
  return message;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function requestIdOf(response: Response): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = response.headers.get(name);
    if (value) return value;
  }
  return undefined;
}

function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}
