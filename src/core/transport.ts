// One request, start to finish, as four steps over the runtime: authorize (a header-safe token)
// → attempt (one fetch that never follows a redirect, the body read under a byte limit and the
// attempt's timer) → classify (a status becomes a typed error, a success body is checked) →
// decide whether to retry (retry.ts). It knows no endpoint: a call brings its body check.
import type { Auth } from "./auth.js";
import type { BodyCheck } from "./body-check.js";
import {
  AbortError,
  type AlteryxError,
  ConnectionError,
  errorForStatus,
  type RequestInfo,
  TimeoutError,
  UnexpectedResponseError,
} from "./errors.js";
import { redactError } from "./redact.js";
import { MAX_DELAY_MS, type Outcome, type Policy, parseRetryAfter, retryDelay } from "./retry.js";
import type { Runtime } from "./runtime.js";

/** What one request needs; `body` is text so that a repeated attempt can send it again. */
export interface Outgoing {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  /** The caller's signal, if any. */
  signal?: AbortSignal | undefined;
  /** Where a success body breaks the spec (undefined when it fits); `unknown` hears enum values outside the spec. */
  check?: BodyCheck | undefined;
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

/** A success, read and checked: the response (its body consumed), its text and the parsed JSON. */
export interface Exchange {
  response: Response;
  text: string;
  body: unknown;
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

/** Network failures that happen before a byte of the request is sent: safe to repeat for any method. */
const NOT_SENT = /^(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT)$|CERT|SSL|TLS/;
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-correlation-id"];
const QUOTE_LENGTH = 120;
/** The most distinct unknown enum values warned about, so that a chatty server cannot fill memory. */
const MAX_WARNED = 100;

/** The request as errors and log lines show it, made on first use. */
type Info = () => RequestInfo;

/** A failure with what retrying needs to know about it. */
type Failure = Outcome & { error: AlteryxError };

export function createTransport(options: TransportOptions): Transport {
  const { runtime, auth, policy, timeoutMs } = options;
  const { clock, logger, redact } = runtime;
  const warned = new Set<string>();

  async function send(url: string, outgoing: Outgoing, mode?: { read: "stream" }): Promise<Exchange | Response> {
    const { method, body, signal, deadline } = outgoing;
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
      const result = await attempt(url, { method, headers, body }, info, repeatable, outgoing, mode);
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

  /** One fetch, its body read (or, streaming, wrapped) under the attempt's timer, then classified. */
  async function attempt(
    url: string,
    init: { method: string; headers: Record<string, string>; body: string | undefined },
    info: Info,
    repeatable: boolean,
    outgoing: Outgoing,
    mode: { read: "stream" } | undefined,
  ): Promise<Exchange | Response | Failure> {
    const { signal, deadline } = outgoing;
    const write = !repeatable;
    const left = deadline ? deadline.at - clock.now() : Number.POSITIVE_INFINITY;
    const limitMs = Math.min(timeoutMs > 0 ? timeoutMs : Number.POSITIVE_INFINITY, left);
    const timer = new AttemptTimer(signal, limitMs);
    const started = clock.now();
    let response: Response;
    let read: { text: string; over: boolean };
    try {
      const { method, headers, body } = init;
      response = await runtime.fetch(url, { method, headers, body, redirect: "manual", signal: timer.signal });
      if (mode && response.ok) return streamed(response, timer, info, write, signal);
      read = await readText(response, options.maxResponseBytes);
    } catch (cause) {
      timer.done();
      const sent = !NOT_SENT.test(innermost(cause).code ?? "");
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
      const { code, message } = innermost(cause);
      const detail = code ?? message;
      const error = new ConnectionError(redact(`The connection failed${detail ? ` (${detail})` : ""}`), details);
      return { error, sent };
    }
    timer.done();
    if (logger.debug)
      logger.debug(`${info().method} ${info().path} → ${response.status} in ${Math.round(clock.now() - started)} ms`);
    return classify(response, read, info, write, outgoing);
  }

  function classify(
    response: Response,
    { text, over }: { text: string; over: boolean },
    info: Info,
    write: boolean,
    outgoing: Outgoing,
  ): Exchange | Failure {
    const { status } = response;
    // Built only for a failure: reading headers and the path costs on every success.
    const details = () => ({ ...info(), status, requestId: requestIdOf(response), outcomeUnknown: write });
    const where = () => `${info().method} ${info().path}`;
    if (response.type === "opaqueredirect" || (status >= 300 && status < 400)) {
      const location = response.headers.get("location");
      let origin = "another address";
      try {
        if (location) origin = new URL(location, "http://invalid").origin;
      } catch {}
      const message = `${where()} was redirected (${status}) to ${origin}; redirects are not followed: set baseUrl to the address the server expects`;
      return {
        error: errorForStatus({ ...details(), outcomeUnknown: false }, redact(message)),
        status,
        sent: true,
        final: true,
      };
    }
    if (!response.ok) {
      const parsed = parseJson(text);
      const serverMessage = parsed === NOT_JSON ? undefined : messageOf(parsed);
      const what = text.trim() === "" ? "an empty body" : `a body that is not JSON: ${quoteStart(text)}`;
      const error = errorForStatus(
        { ...details(), serverMessage, outcomeUnknown: write && status >= 500 },
        parsed === NOT_JSON ? `${where()} failed with ${status} and ${what}` : undefined,
      );
      const retryAfter = response.headers.get("retry-after");
      const retryAfterMs = parseRetryAfter(retryAfter, clock.now(), (value) =>
        logger.warn?.(
          `${where()}: ignored Retry-After ${JSON.stringify(value)}, which is neither seconds nor an HTTP date`,
        ),
      );
      return { error, status, retryAfterMs, sent: true };
    }
    const shown = (text: string) =>
      options.quoteSuccess === false ? "(not shown: it may hold a token)" : quoteStart(text);
    const unusable = (what: string) => ({
      error: new UnexpectedResponseError(`${where()} answered ${status} with ${what}`, details()),
      sent: true,
      final: true,
    });
    if (over) return unusable(`a body larger than maxResponseBytes (${options.maxResponseBytes} bytes)`);
    const type = response.headers.get("content-type") ?? "";
    if (!/\S/.test(text)) return unusable("an empty body where JSON was expected");
    if (!/\bjson\b/i.test(type)) return unusable(`content type "${type}" where JSON was expected: ${shown(text)}`);
    const parsed = parseJson(text);
    if (parsed === NOT_JSON) return unusable(`malformed JSON: ${shown(text)}`);
    const mismatch = outgoing.check?.(parsed, (path, value) => {
      if (warned.has(value) || warned.size >= MAX_WARNED) return;
      warned.add(value);
      logger.warn?.(
        `${where()}: ${path} is ${JSON.stringify(value)}, a value the spec does not list; passed on as it is`,
      );
    });
    if (mismatch) return unusable(`a body the spec does not describe (${mismatch}): ${shown(text)}`);
    return { response, text, body: parsed };
  }

  /** The success response with its body read through the idle timer. */
  function streamed(
    response: Response,
    timer: AttemptTimer,
    info: Info,
    write: boolean,
    signal: AbortSignal | undefined,
  ): Response {
    const reader = (response.body ?? new ReadableStream()).getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        timer.arm();
        try {
          const { done, value } = await reader.read();
          timer.disarm();
          if (done) {
            timer.done();
            controller.close();
          } else controller.enqueue(value);
        } catch (cause) {
          timer.done();
          const details = { ...info(), outcomeUnknown: write, cause: redactError(cause, redact) };
          controller.error(
            signal?.aborted
              ? aborted(info, write, signal)
              : timer.timedOut
                ? new TimeoutError(`No byte of the body within ${timeoutMs} ms`, details)
                : new ConnectionError("The connection failed while the body was read", details),
          );
        }
      },
      cancel(reason) {
        timer.done();
        return reader.cancel(reason);
      },
    });
    timer.disarm();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  function aborted(info: Info, outcomeUnknown: boolean, signal: AbortSignal | undefined): AbortError {
    const reason = signal?.reason;
    return new AbortError(outcomeUnknown ? "The request was aborted" : "The request was aborted; nothing was sent", {
      ...info(),
      outcomeUnknown,
      cause: reason === undefined ? undefined : redactError(reason, redact),
    });
  }

  function messageOf(body: unknown): string | undefined {
    if (body === null || typeof body !== "object") return undefined;
    const fields = body as Record<string, unknown>;
    const message = [fields.message, fields.error_description, fields.error].find((m) => typeof m === "string");
    return message === undefined ? undefined : redact(message as string);
  }

  function quoteStart(text: string): string {
    // Masked before anything is cut or joined: a secret split by either would no longer match.
    const start = redact(text).trim().replace(/\s+/g, " ");
    return JSON.stringify(start.length > QUOTE_LENGTH ? `${start.slice(0, QUOTE_LENGTH)}…` : start);
  }

  function requestIdOf(response: Response): string | undefined {
    for (const name of REQUEST_ID_HEADERS) {
      const value = response.headers.get(name);
      if (value) return redact(value).slice(0, QUOTE_LENGTH);
    }
    return undefined;
  }

  return { send: send as Transport["send"] };
}

/**
 * The signal for one attempt: aborted by the caller's signal or after `ms` without progress.
 * A plain timer rather than AbortSignal.timeout/any, whose signals are held weakly and can be
 * collected while a request is still waiting on them. Real time: it bounds real I/O. A class,
 * listening as an event-listener object, so that an attempt allocates no closures; with no
 * limit it is the caller's signal itself (or none), and no controller is made.
 */
class AttemptTimer {
  readonly signal: AbortSignal | undefined;
  timedOut = false;
  private readonly controller: AbortController | undefined;
  private handle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly caller: AbortSignal | undefined,
    private readonly ms: number,
  ) {
    if (ms === Number.POSITIVE_INFINITY) {
      this.signal = caller;
      return;
    }
    this.controller = new AbortController();
    this.signal = this.controller.signal;
    caller?.addEventListener("abort", this, { once: true });
    this.arm();
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    this.controller?.abort(this.caller?.reason);
  }

  arm(): void {
    this.disarm();
    if (this.controller) this.handle = setTimeout(fire, Math.min(Math.max(this.ms, 0), MAX_DELAY_MS), this);
  }

  disarm(): void {
    if (this.handle !== undefined) clearTimeout(this.handle);
  }

  done(): void {
    this.disarm();
    if (this.controller) this.caller?.removeEventListener("abort", this);
  }

  expire(): void {
    this.timedOut = true;
    this.controller?.abort(new DOMException(`No answer within ${this.ms} ms`, "TimeoutError"));
  }
}

const fire = (timer: AttemptTimer) => timer.expire();

/** Decodes whole bodies only (never `stream: true`), so one decoder serves every read. */
const decoder = new TextDecoder();

/** The body as text, reading at most `limit` bytes (after decompression): `over` when there was more. */
async function readText(response: Response, limit: number): Promise<{ text: string; over: boolean }> {
  if (!response.body) return { text: "", over: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      // What came before the limit; a character cut at the end is left out, not replaced.
      const partial = new TextDecoder();
      return { text: chunks.map((chunk) => partial.decode(chunk, { stream: true })).join(""), over: true };
    }
    chunks.push(value);
  }
  return { text: decoder.decode(chunks.length === 1 ? chunks[0] : concat(chunks, size)), over: false };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
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

/** What parseJson gives for text that is not JSON (no allocation per call, unlike a result object). */
const NOT_JSON: unique symbol = Symbol("not JSON");

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}
