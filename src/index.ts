// The public face of the library: the client, its options and results, the error classes, and
// the API's types by their server names.

export type { components, operations, paths } from "../generated/openapi.js";
export type { CallOptions } from "./call.js";
export { createJobsClient, DEFAULT_TIMEOUT_MS, type JobsClient, type JobsClientOptions } from "./client.js";
export type { AuthOptions } from "./core/auth.js";
export {
  AbortError,
  AlteryxApiError,
  AlteryxError,
  type ApiErrorDetails,
  AuthenticationError,
  BadRequestError,
  CancelNotPermittedError,
  ConflictError,
  ConnectionError,
  InvalidArgumentError,
  JobNotCancellableError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RequestInfo,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
  WaitTimeoutError,
} from "./core/errors.js";
export type { RetryPolicy } from "./core/retry.js";
export type { Fetch, Logger } from "./core/transport.js";
export type { CancelOutcome, CancelResult, GetJobOptions } from "./jobs.js";
export { DEFAULT_PAGE_SIZE, type Pager } from "./paging.js";
export { type Answers, checkAnswers, type GetWorkflowQuestionsOptions, toAppValues } from "./questions.js";
export type * from "./types.js";
export { defaultWaitPolicy, isJobFinished, isJobSuccessful, type WaitOptions } from "./wait.js";
export type { RunOptions } from "./workflows.js";
