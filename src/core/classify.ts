// What a response comes to: a redirect or a failure status becomes a typed error (with the
// server's message and its Retry-After), and a success body is checked (size, content type, JSON,
// the operation's rule) before anyone reads it. Pure over the response and its read body.
import { type BodyCheck, createUnlistedWarnings } from "./body-check.js";
import { type AlteryxError, errorForStatus, type RequestInfo, UnexpectedResponseError } from "./errors.js";
import { fieldErrorsOf } from "./field-errors.js";
import type { ReadBody } from "./read.js";
import type { Redactor } from "./redact.js";
import { type Outcome, parseRetryAfter } from "./retry.js";

/** A success, read and checked: the response (its body consumed), its text and the parsed JSON. */
export interface Exchange {
  response: Response;
  text: string;
  body: unknown;
}

/** A failure with what retrying needs to know about it. */
export type Failure = Outcome & { error: AlteryxError };

/** The request as errors and log lines show it, made on first use. */
export type Info = () => RequestInfo;

export interface ClassifyOptions {
  redact: Redactor;
  now: () => number;
  warn: ((line: string) => void) | undefined;
  /** Named in the error for a body past it. */
  maxResponseBytes: number;
  /** false for the token endpoint: its success bodies carry a token, so they are never quoted. */
  quoteSuccess?: boolean | undefined;
}

/**
 * What a failure status may mean for this operation, beyond the status itself (the base URL, the
 * server's release, a role the caller lacks); `body` is the parsed error body, undefined when it
 * is not JSON. The sentence is added to the error's message.
 */
export type Explain = (status: number, body: unknown) => string | undefined;

/** The request a response answers, as classifying needs it. */
export interface Answered {
  info: Info;
  /** A request that changes something (not repeatable): a failure may leave its outcome unknown. */
  write: boolean;
  /** The operation's success-body check, if it has one. */
  check?: BodyCheck | undefined;
  explain?: Explain | undefined;
}

export type Classify = (response: Response, read: ReadBody, request: Answered) => Exchange | Failure;

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-correlation-id"];
const QUOTE_LENGTH = 120;

export function createClassifier(options: ClassifyOptions): Classify {
  const { redact, warn } = options;
  const unlisted = createUnlistedWarnings(warn);

  return (response, { text, over }, { info, write, check, explain }) => {
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
      // undefined when the body is not JSON (JSON itself has no undefined).
      const body = parsed === NOT_JSON ? undefined : parsed;
      const what = text.trim() === "" ? "an empty body" : `a body that is not JSON: ${quoteStart(text)}`;
      const error = errorForStatus(
        {
          ...details(),
          serverMessage: messageOf(body),
          fieldErrors: fieldErrorsOf(body, redact),
          outcomeUnknown: write && status >= 500,
        },
        body === undefined ? `${where()} failed with ${status} and ${what}` : undefined,
        explain?.(status, body),
      );
      const retryAfter = response.headers.get("retry-after");
      const retryAfterMs = parseRetryAfter(retryAfter, options.now(), (value) =>
        warn?.(`${where()}: ignored Retry-After ${JSON.stringify(value)}, which is neither seconds nor an HTTP date`),
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
    const mismatch = check?.(parsed, (path, value) => unlisted(where, path, value));
    if (mismatch) return unusable(`a body the spec does not describe (${mismatch}): ${shown(text)}`);
    return { response, text, body: parsed };
  };

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
