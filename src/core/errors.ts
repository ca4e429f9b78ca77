// One class per kind of failure, so callers can `instanceof` what they handle and let the rest
// through. Errors carry what helps to act on them (status, the server's message, method, path,
// request id) and never a header, a token or a secret.

export interface RequestInfo {
  method: string;
  /** The request's path and query, without the base URL. */
  path: string;
}

/** Fields left out of `JSON.stringify(error)`: the cause may hold anything, and a rejected value is in the message. */
const HIDDEN = new Set(["cause", "value"]);

/** The root of every error this client throws. */
export class AlteryxError extends Error {
  override name = "AlteryxError";
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(message: string, request?: RequestInfo, options?: ErrorOptions) {
    super(message, options);
    this.method = request?.method;
    this.path = request?.path;
  }

  /** What `JSON.stringify(error)` shows: the message and the error's own fields, never a cause. */
  toJSON(): Record<string, unknown> {
    const shown: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) if (!HIDDEN.has(key)) shown[key] = value;
    return shown;
  }
}

/** An argument that would make a wrong request; nothing was sent. */
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

export interface ApiErrorDetails extends RequestInfo {
  status: number;
  /** The server's own message, when its body carried one. */
  serverMessage?: string | undefined;
  requestId?: string | undefined;
}

/** The server answered with a failure status. */
export class AlteryxApiError extends AlteryxError {
  override name = "AlteryxApiError";
  readonly status: number;
  readonly serverMessage: string | undefined;
  readonly requestId: string | undefined;

  constructor(details: ApiErrorDetails, message?: string) {
    super(message ?? describe(details), details);
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.requestId = details.requestId;
  }
}

export class BadRequestError extends AlteryxApiError {
  override name = "BadRequestError";
}
/** 401, or a refused token request: the credentials are missing, wrong or expired. */
export class AuthenticationError extends AlteryxApiError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends AlteryxApiError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends AlteryxApiError {
  override name = "NotFoundError";
}
export class ConflictError extends AlteryxApiError {
  override name = "ConflictError";
}
export class RateLimitError extends AlteryxApiError {
  override name = "RateLimitError";
}
export class ServerError extends AlteryxApiError {
  override name = "ServerError";
}

/** A cancel refused because the job is no longer Queued or Running. */
export class JobNotCancellableError extends BadRequestError {
  override name = "JobNotCancellableError";
}
/** A cancel refused because the caller may not cancel this job. */
export class CancelNotPermittedError extends BadRequestError {
  override name = "CancelNotPermittedError";
}

/** A success status whose body is not what the API sends: not JSON, malformed or empty. */
export class UnexpectedResponseError extends AlteryxApiError {
  override name = "UnexpectedResponseError";
}

/**
 * Shared by the errors raised before any answer arrived: for a request that changes something
 * (POST, DELETE) the server may or may not have acted, and `outcomeUnknown` says so.
 */
abstract class NoAnswerError extends AlteryxError {
  readonly outcomeUnknown: boolean;
  constructor(message: string, request: RequestInfo | undefined, outcomeUnknown: boolean, options?: ErrorOptions) {
    super(
      outcomeUnknown
        ? `${message}. The request may have reached the server: its outcome is unknown, and it was not repeated.`
        : message,
      request,
      options,
    );
    this.outcomeUnknown = outcomeUnknown;
  }
}

/** The connection failed or was cut. */
export class ConnectionError extends NoAnswerError {
  override name = "ConnectionError";
}
/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends NoAnswerError {
  override name = "TimeoutError";
}
/** The caller's AbortSignal fired. */
export class AbortError extends NoAnswerError {
  override name = "AbortError";
}

/** `waitForJob` gave up before the job reached a terminal state; the job itself goes on. */
export class WaitTimeoutError extends AlteryxError {
  override name = "WaitTimeoutError";
  constructor(
    readonly jobId: string,
    readonly lastStatus: string | undefined,
    readonly timeoutMs: number,
  ) {
    super(`Job ${jobId} was still ${lastStatus ?? "not seen"} after ${timeoutMs} ms; it was not cancelled.`);
  }
}

const BY_STATUS: Record<number, typeof AlteryxApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  429: RateLimitError,
};

/** The error class for a failure status. */
export function errorForStatus(details: ApiErrorDetails, message?: string): AlteryxApiError {
  const Kind = BY_STATUS[details.status] ?? (details.status >= 500 ? ServerError : AlteryxApiError);
  return new Kind(details, message);
}

function describe({ method, path, status, serverMessage }: ApiErrorDetails): string {
  return `${method} ${path} failed with ${status}${serverMessage ? `: ${serverMessage}` : ""}`;
}

function quote(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
