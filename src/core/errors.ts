// One class per kind of failure, so callers can `instanceof` what they handle and let the rest
// through. Errors carry what helps to act on them (status, the server's message, method, path,
// request id) and never a header, a token or a secret: the transport masks every text it puts in.
import type { FieldErrors } from "./field-errors.js";

export type { FieldErrors };

export interface RequestInfo {
  method: string;
  /** The request's path and query, without the base URL. */
  path: string;
}

/** What an error may carry besides its message. */
export interface ErrorDetails extends Partial<RequestInfo> {
  /** The failure status, when the server answered with one. */
  status?: number | undefined;
  /** The server's own message, when its body carried one. */
  serverMessage?: string | undefined;
  requestId?: string | undefined;
  /** A POST or DELETE may have reached the server, and was not repeated. */
  outcomeUnknown?: boolean | undefined;
  /** The server's reasons by field (its `modelState`), masked and bounded. */
  fieldErrors?: FieldErrors | undefined;
  cause?: unknown;
}

const UNKNOWN_OUTCOME =
  " The request may have reached the server: its outcome is unknown, and it was not repeated; look before trying again.";
/** Fields left out of `JSON.stringify(error)`: the cause may hold anything, and a rejected value is in the message. */
const HIDDEN = new Set(["cause", "value"]);

/** The root of every error this client throws. */
export class AlteryxError extends Error {
  override name = "AlteryxError";
  readonly method: string | undefined;
  readonly path: string | undefined;
  /**
   * True when a request that changes something (POST, DELETE) may have reached the server and
   * the answer does not say what it did: the client did not repeat it. Look before trying again.
   */
  readonly outcomeUnknown: boolean;

  constructor(message: string, details: ErrorDetails = {}) {
    const unknown = details.outcomeUnknown === true;
    super(unknown && !message.endsWith(UNKNOWN_OUTCOME) ? message + UNKNOWN_OUTCOME : message, details);
    this.method = details.method;
    this.path = details.path;
    this.outcomeUnknown = unknown;
  }

  /** What `JSON.stringify(error)` shows: the message and the error's own fields, never a cause. */
  toJSON(): Record<string, unknown> {
    const shown: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (!HIDDEN.has(key)) shown[key] = value;
    return shown;
  }
}

/** An argument or option that would make a wrong request; nothing was sent. */
export class InvalidArgumentError extends AlteryxError {
  override name = "InvalidArgumentError";
  constructor(
    readonly argument: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`Invalid ${argument}: ${quote(value)}; expected ${expected}. Nothing was sent.`);
  }
}

/** The server answered with a failure status (or, for AuthenticationError, the token request failed). */
export class AlteryxApiError extends AlteryxError {
  override name = "AlteryxApiError";
  /** The failure status; undefined only for an AuthenticationError raised before any answer. */
  readonly status: number | undefined;
  readonly serverMessage: string | undefined;
  readonly requestId: string | undefined;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details);
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.requestId = details.requestId;
  }
}

/** 400: the server refused the request as malformed or not allowed in the job's state. */
export class BadRequestError extends AlteryxApiError {
  override name = "BadRequestError";
  /**
   * The server's reasons, field by field, from its `modelState`:
   * `{ "questions[0].value": ["'Mars' is not a choice of Region"] }`. Masked of secrets, and
   * bounded (at most 50 fields of 10 messages, each cut at 500 characters; a cut list ends with a
   * field `…` saying how many were left out).
   * @default {} when the server named no field
   */
  readonly fieldErrors: FieldErrors;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details);
    this.fieldErrors = details.fieldErrors ?? {};
  }
}
/**
 * 401, or a failed token request (refused, unreachable, or answered with an unusable token), or
 * a token or credentials that cannot be sent in a header. `cause` holds the underlying error.
 */
export class AuthenticationError extends AlteryxApiError {
  override name = "AuthenticationError";
}
/** 403: the credentials are good but may not do this (for a Curator-only operation, the message says it needs a Curator). */
export class PermissionDeniedError extends AlteryxApiError {
  override name = "PermissionDeniedError";
}
/**
 * 404: no such job or workflow (or not visible to these credentials). When the answer is not the
 * API's own (an HTML page, a route the server lacks), the message says that the base URL or the
 * server's release may be wrong instead.
 */
export class NotFoundError extends AlteryxApiError {
  override name = "NotFoundError";
}
/** 409: the request conflicts with the resource's state. */
export class ConflictError extends AlteryxApiError {
  override name = "ConflictError";
}
/** 429: too many requests; retried for GETs within the retry policy. */
export class RateLimitError extends AlteryxApiError {
  override name = "RateLimitError";
}
/** 5xx: the server failed; retried for GETs within the retry policy. */
export class ServerError extends AlteryxApiError {
  override name = "ServerError";
}
/** 3xx: the server sent the request elsewhere. Never followed: fix `baseUrl` to the origin named. */
export class RedirectError extends AlteryxApiError {
  override name = "RedirectError";
}
/** A cancel refused because the job is no longer Queued or Running. */
export class JobNotCancellableError extends BadRequestError {
  override name = "JobNotCancellableError";
}
/** A cancel refused because the caller may not cancel this job. */
export class CancelNotPermittedError extends BadRequestError {
  override name = "CancelNotPermittedError";
}
/**
 * A success status whose body is not what the spec describes: not JSON, malformed, empty, of the
 * wrong shape, or larger than `maxResponseBytes`. The message quotes the body's start, masked.
 */
export class UnexpectedResponseError extends AlteryxApiError {
  override name = "UnexpectedResponseError";
}

/** The connection failed or was cut before a whole answer arrived; the message names the origin tried (never a path or credentials). */
export class ConnectionError extends AlteryxError {
  override name = "ConnectionError";
}
/** An attempt took longer than `timeoutMs` (for a streamed body: no byte for `timeoutMs`). */
export class TimeoutError extends AlteryxError {
  override name = "TimeoutError";
}
/** The caller's AbortSignal fired. */
export class AbortError extends AlteryxError {
  override name = "AbortError";
}

/** `waitForJob` reached its deadline before the job reached a terminal state; the job itself goes on. */
export class WaitTimeoutError extends AlteryxError {
  override name = "WaitTimeoutError";
  constructor(
    readonly jobId: string,
    readonly lastStatus: string | undefined,
    readonly timeoutMs: number,
    cause?: unknown,
  ) {
    super(`Job ${jobId} was still ${lastStatus ?? "not seen"} after ${timeoutMs} ms; it was not cancelled.`, {
      cause,
    });
  }
}

type ApiErrorClass = new (message: string, details?: ErrorDetails) => AlteryxApiError;
const BY_STATUS: Record<number, ApiErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  429: RateLimitError,
};

/**
 * The error for a failure status, with a message naming the request, status and server message,
 * and then `explanation` (what the failure may mean), if any.
 */
export function errorForStatus(
  details: ErrorDetails & RequestInfo & { status: number },
  message?: string,
  explanation?: string,
) {
  const { method, path, status, serverMessage } = details;
  const Kind =
    BY_STATUS[status] ??
    (status >= 500 ? ServerError : status >= 300 && status < 400 ? RedirectError : AlteryxApiError);
  const said = message ?? `${method} ${path} failed with ${status}${serverMessage ? `: ${serverMessage}` : ""}`;
  return new Kind(explanation ? `${said}${/[.!?]$/.test(said) ? "" : "."} ${explanation}` : said, details);
}

/** The same failure as another kind of error: every detail kept, the original as `cause`. */
export function reclass<E extends AlteryxError>(
  error: AlteryxError,
  Kind: new (message: string, details?: ErrorDetails) => E,
  message = error.message,
): E {
  return new Kind(message, { ...(error as ErrorDetails), cause: error });
}

function quote(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
