// One request, start to finish, as four steps over the runtime: authorize (a header-safe token)
// → attempt (one fetch that never follows a redirect, its body read by read.ts under a byte limit
// and the attempt's timer) → classify (classify.ts: a status becomes a typed error, a success
// body is checked) → decide whether to retry (retry.ts). It knows no endpoint: a call brings its
// body check.
import type { Auth } from "./auth.js";
import type { BodyCheck } from "./body-check.js";
import { createClassifier, type Exchange, type Explain, type Failure, type Info } from "./classify.js";
import { AbortError, type AlteryxError, ConnectionError, type RequestInfo, TimeoutError } from "./errors.js";
import { MAX_DELAY_MS } from "./limits.js";
import { AttemptTimer, type ReadBody, readText, streamBody } from "./read.js";
import { redactError } from "./redact.js";
import { neverSent, type Policy, retryDelay } from "./retry.js";
import type { Runtime } from "./runtime.js";

export type { Exchange, Explain };

/** What one request needs; `body` is text so that a repeated attempt can send it again. */
export interface Outgoing {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** The caller's signal, if any. */
  signal?: AbortSignal | undefined;
  /** Where a success body breaks the spec (undefined when it fits); `unknown` hears enum values outside the spec. */
  check?: BodyCheck | undefined;
  /** What a failure status may mean for this operation, added to the error's message. */
  explain?: Explain | undefined;
  /** A time (on the runtime's clock) no attempt or retry may pass; reaching it throws `reached(failure)`. */
  deadline?: { at: number; reached: (failure: AlteryxError) => AlteryxError } | undefined;
}

export interface TransportOptions {
  runtime: Runtime;
  auth?: Auth | undefined;
  /** Per attempt, including reading the body; 0 for none. */
  timeoutMs: number;
  /** The most bytes of a body read into memory, counted after decompression. */
  maxResponseBytes: number;
  policy: Policy;
  /** Methods that may be sent again after a failure the server may have seen. */
  repeatableMethods: ReadonlySet<string>;
  userAgent: string;
  /** false for the token endpoint: its success bodies carry a token, so they are never quoted. */
  quoteSuccess?: boolean | undefined;
}

export interface Transport {
  /** Sends one request and returns the checked, parsed success; throws a typed error otherwise. */
  send(url: string, outgoing: Outgoing): Promise<Exchange>;
  /**
   * Streaming: resolves with the success response as soon as its headers arrive, its body not
   * read (for downloads). Failures are classified as for JSON; a GET is retried only before the
   * headers of a success arrive. The attempt timeout becomes an idle timeout: no byte for
   * `timeoutMs` ends the body with a TimeoutError. `maxResponseBytes` does not apply.
   */
  send(url: string, outgoing: Outgoing, read: { read: "stream" }): Promise<Response>;
}

export function createTransport(options: TransportOptions): Transport {
  const { runtime, auth, policy, timeoutMs } = options;
  const { clock, logger, redact } = runtime;
  // The timer of the last attempt that ended with its body read whole: the next attempt may take
  // over its controller (see AttemptTimer).
  let spare: AttemptTimer | undefined;
  const classify = createClassifier({
    redact,
    now: () => clock.now(),
    warn: logger.warn,
    maxResponseBytes: options.maxResponseBytes,
    quoteSuccess: options.quoteSuccess,
  });

  async function send(url: string, outgoing: Outgoing, mode?: { read: "stream" }): Promise<Exchange | Response> {
    const { method, signal, deadline } = outgoing;
    // Made only when something is shown (an error, a log line): parsing a URL on every call costs.
    let shown: RequestInfo | undefined;
    const info = () => (shown ??= { method, path: pathOf(url) });
    const repeatable = options.repeatableMethods.has(method);
    const headers: Record<string, string> = { ...outgoing.headers, "user-agent": options.userAgent };
    let renewed = false;

    for (let retry = 1; ; ) {
      const token = auth ? await authorize(auth, signal, info) : undefined;
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      if (signal?.aborted) throw aborted(info, false, signal);
      const result = await attempt(url, headers, info, !repeatable, outgoing, mode);
      if (!("error" in result)) return result;

      // A refused token may just have expired: renew it once and repeat; the server did nothing.
      if (result.status === 401 && token !== undefined && !renewed && auth?.renew(token)) {
        renewed = true;
        continue;
      }
      const delay = retryDelay(retry, result, repeatable, policy, runtime.random);
      if (delay === undefined) throw result.error;
      if (deadline && clock.now() + delay >= deadline.at) {
        await pause(deadline.at - clock.now(), signal, info);
        throw deadline.reached(result.error);
      }
      logger.warn?.(`${method} ${info().path}: retrying in ${Math.round(delay)} ms after ${result.error.message}`);
      await pause(delay, signal, info);
      retry += 1;
    }
  }

  async function authorize(from: Auth, signal: AbortSignal | undefined, info: Info): Promise<string> {
    try {
      return await from.token(signal);
    } catch (error) {
      if (signal?.aborted) throw aborted(info, false, signal);
      throw error;
    }
  }

  async function pause(ms: number, signal: AbortSignal | undefined, info: Info): Promise<void> {
    try {
      await clock.sleep(Math.min(Math.max(ms, 0), MAX_DELAY_MS), signal);
    } catch {
      throw aborted(info, false, signal);
    }
  }

  /**
   * One fetch, its body read (or, streaming, wrapped) under the attempt's timer, then classified.
   * `write`: the method may not be sent again after a failure the server may have seen. Positional
   * arguments: an attempt allocates no object to carry them.
   */
  async function attempt(
    url: string,
    headers: Record<string, string>,
    info: Info,
    write: boolean,
    outgoing: Outgoing,
    mode: { read: "stream" } | undefined,
  ): Promise<Exchange | Response | Failure> {
    const { method, body, signal, deadline } = outgoing;
    const left = deadline ? deadline.at - clock.now() : Infinity;
    const limitMs = Math.min(timeoutMs > 0 ? timeoutMs : Infinity, left);
    const timer = new AttemptTimer(signal, limitMs, spare);
    spare = undefined;
    const started = clock.now();
    let response: Response;
    let read: ReadBody;
    try {
      response = await runtime.fetch(url, { method, headers, body, redirect: "manual", signal: timer.signal });
      if (mode && response.ok) return streamed(response, url, timer, info, write, signal);
      read = await readText(response, options.maxResponseBytes);
    } catch (cause) {
      timer.done();
      const { code, message } = innermost(cause);
      const sent = !neverSent(code);
      const details = { ...info(), outcomeUnknown: write && sent, cause: redactError(cause, redact) };
      if (signal?.aborted) return { error: aborted(info, write && sent, signal), sent, final: true };
      if (timer.timedOut) {
        const error = new TimeoutError(`No answer within ${Math.round(limitMs)} ms`, details);
        return {
          error: deadline && limitMs === left ? deadline.reached(error) : error,
          sent,
          final: !!deadline && limitMs === left,
        };
      }
      const detail = code ?? message;
      const error = new ConnectionError(
        redact(`The connection to ${originOf(url)} failed${detail ? ` (${detail})` : ""}`),
        details,
      );
      return { error, sent };
    }
    timer.done();
    if (!read.over) spare = timer;
    if (logger.debug)
      logger.debug(`${info().method} ${info().path} → ${response.status} in ${Math.round(clock.now() - started)} ms`);
    return classify(response, read, { info, write, check: outgoing.check, explain: outgoing.explain });
  }

  /** The success response with its body read through the idle timer. */
  function streamed(
    response: Response,
    url: string,
    timer: AttemptTimer,
    info: Info,
    write: boolean,
    signal: AbortSignal | undefined,
  ): Response {
    return streamBody(response, timer, (cause, timedOut) => {
      const details = { ...info(), outcomeUnknown: write, cause: redactError(cause, redact) };
      return signal?.aborted
        ? aborted(info, write, signal)
        : timedOut
          ? new TimeoutError(`No byte of the body within ${timeoutMs} ms`, details)
          : new ConnectionError(`The connection to ${originOf(url)} failed while the body was read`, details);
    });
  }

  function aborted(info: Info, outcomeUnknown: boolean, signal: AbortSignal | undefined): AbortError {
    const reason = signal?.reason;
    return new AbortError(outcomeUnknown ? "The request was aborted" : "The request was aborted; nothing was sent", {
      ...info(),
      outcomeUnknown,
      cause: reason === undefined ? undefined : redactError(reason, redact),
    });
  }

  return { send: send as Transport["send"] };
}

/** The deepest cause (undici's own message is only "fetch failed"), and the first `code` on the way. */
function innermost(error: unknown): { message?: string; code?: string } {
  const found: { message?: string; code?: string } = {};
  let e = error;
  for (let depth = 0; depth < 5 && e instanceof Error; depth++) {
    found.message = e.message;
    const { code } = e as { code?: unknown };
    if (typeof code === "string") found.code ??= code;
    e = e.cause;
  }
  return found;
}

/** The scheme, host and port a request went to: what a connection failure names (never a path or credentials). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the server";
  }
}

function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}
