// The public face of the library: the client, its options and results, the error classes, and
// the API's types by their server names.
/** @module alteryx-jobs */

export type { components, operations, paths } from "../generated/openapi.js";
export type { CallOptions } from "./call.js";
export {
  createJobsClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  type JobsClient,
  type JobsClientOptions,
} from "./client.js";
export type { AuthOptions } from "./core/auth.js";
export { type BaseUrlProblem, baseUrlProblem } from "./core/base-url.js";
export {
  AbortError,
  AlteryxApiError,
  AlteryxError,
  AuthenticationError,
  BadRequestError,
  CancelNotPermittedError,
  ConflictError,
  ConnectionError,
  type ErrorDetails,
  type FieldErrors,
  InvalidArgumentError,
  JobNotCancellableError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  type RequestInfo,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
  WaitTimeoutError,
} from "./core/errors.js";
export { MAX_DELAY_MS } from "./core/limits.js";
export { createRedactor, type Redactor } from "./core/redact.js";
export type { RetryPolicy } from "./core/retry.js";
export type { Fetch, Logger } from "./core/runtime.js";
export type { CancelOutcome, CancelResult, GetJobOptions } from "./jobs.js";
export type { JobOutput, JobOutputOptions } from "./outputs.js";
export { DEFAULT_PAGE_SIZE, type Pager } from "./paging.js";
export {
  type Answers,
  checkAnswers,
  checkWorkflowAnswers,
  type GetWorkflowQuestionsOptions,
  type QuestionsApi,
  toAppValues,
} from "./questions.js";
export type * from "./types.js";
export { DEFAULT_WAIT_POLICY, isJobFinished, isJobSuccessful, type WaitOptions } from "./wait.js";
export type { RunOptions } from "./workflows.js";
