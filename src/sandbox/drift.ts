// Drift: the sandbox made to break the spec in one named way, so that a conformance run (or any
// client's tests) can see what a server that drifted looks like. Each drift bends one fact the
// spec states, most of them facts it marks inferred or seen, by rewriting the request before the
// state machine reads it or the answer after: the state machine itself never drifts.
import type { OperationId } from "../../generated/client-values.js";
import * as operationMessages from "../../generated/operation-messages.js";
import * as sharedMessages from "../../generated/shared-messages.js";
import type { SandboxRequest, SandboxResponse } from "./api.js";

type Json = Record<string, unknown>;

/** What one drift does to a request before it is served, or to its answer. */
interface DriftRule {
  request?(operationId: OperationId, request: SandboxRequest): SandboxRequest;
  /** `authenticated`: the request's bearer token was a good one. */
  response?(operationId: OperationId, response: SandboxResponse, authenticated: boolean): SandboxResponse;
}

const isJson = (response: SandboxResponse) =>
  typeof response.body === "string" && response.headers["content-type"] === "application/json";

/** The answer with its JSON body rewritten by `change` (which may mutate it or return another). */
function rewrite(response: SandboxResponse, change: (body: unknown) => unknown): SandboxResponse {
  if (!isJson(response)) return response;
  const body = JSON.parse(response.body as string) as unknown;
  const changed = change(body);
  return { ...response, body: JSON.stringify(changed === undefined ? body : changed) };
}

/** The request without query parameter `name`, as a server that does not read it. */
function without(request: SandboxRequest, name: string): SandboxRequest {
  const query = new URLSearchParams(request.query);
  query.delete(name);
  return { ...request, query };
}

const cancelMessages = operationMessages.cancelJob["200"];
const curatorOnly: readonly OperationId[] = ["getJobMessages", "listJobs"];
// The listing filter's word for a finished job: close to the spec's status words, but not one of them.
const UNLISTED_STATUS = "Finished";
const COMPLETED = "Completed";

/**
 * Every way the sandbox can drift from the spec, by name (see `Faults.drift`):
 * - `reduced-job-with-messages`: `includeMessages=false` still sends `messages`.
 * - `create-date-renamed`: a workflow's job list sends `createDateTime` for `createDate`.
 * - `cancel-queued-says-cancelled`: cancelling a queued job deletes it but answers "Cancelled Successfully.".
 * - `curator-only-403`: a non-Curator gets 403 from the messages endpoint and the Curator listing.
 * - `offset-ignored`: both job listings ignore `offset`.
 * - `expires-in-fraction`: a token's `expires_in` has a fraction (`3600.5`).
 * - `status-word-unknown`: a finished job's status reads `Finished` (job reads, Curator listing).
 * - `messages-wrapped`: the messages endpoint answers `{ "messages": [...] }`.
 * - `curator-list-unwrapped`: the Curator listing sends a bare array, without `data`.
 * - `unfinished-disposition-empty`: an unfinished job's disposition is `""`.
 * - `content-disposition-inline`: downloads come with `Content-Disposition: inline`.
 * - `format-not-offered-404`: a format the output does not offer is answered 404, not 400.
 * - `token-error-message`: refused token requests send `{ "message" }`, not `{ "error" }`.
 * - `questions-v1`: questions come with `type` and a string `multiple`, as in v1.
 */
export const DRIFTS = [
  "reduced-job-with-messages",
  "create-date-renamed",
  "cancel-queued-says-cancelled",
  "curator-only-403",
  "offset-ignored",
  "expires-in-fraction",
  "status-word-unknown",
  "messages-wrapped",
  "curator-list-unwrapped",
  "unfinished-disposition-empty",
  "content-disposition-inline",
  "format-not-offered-404",
  "token-error-message",
  "questions-v1",
] as const;

/** A way the sandbox can drift from the spec: one of `DRIFTS`. */
export type Drift = (typeof DRIFTS)[number];

/** What each drift does; the type makes a drift without its rule a compile error. */
const rules: Record<Drift, DriftRule> = {
  /** `GET /v3/jobs/{jobId}?includeMessages=false` still sends `messages` (the reduced job is inferred). */
  "reduced-job-with-messages": {
    request: (op, request) => (op === "getJob" ? without(request, "includeMessages") : request),
  },
  /** A workflow's job list names the creation time `createDateTime`, as the job itself does, not `createDate`. */
  "create-date-renamed": {
    response: (op, response) =>
      op !== "listWorkflowJobs" || response.status !== 200
        ? response
        : rewrite(response, (jobs) => {
            for (const job of jobs as Json[]) {
              job.createDateTime = job.createDate;
              delete job.createDate;
            }
          }),
  },
  /** Cancelling a queued job deletes it but answers as for a running one: "Cancelled Successfully.". */
  "cancel-queued-says-cancelled": {
    response: (op, response) =>
      op !== "cancelJob" || response.status !== 200
        ? response
        : rewrite(response, (body) => {
            const answer = body as Json;
            if (answer.message === cancelMessages.deleted) answer.message = cancelMessages.cancelled;
          }),
  },
  /** A non-Curator is refused the Curator-only operations with 403, a status the spec does not document there. */
  "curator-only-403": {
    response: (op, response, authenticated) =>
      authenticated && response.status === 401 && curatorOnly.includes(op) ? { ...response, status: 403 } : response,
  },
  /** Both job listings ignore `offset`: every page starts at the first job. */
  "offset-ignored": {
    request: (op, request) => (op === "listJobs" || op === "listWorkflowJobs" ? without(request, "offset") : request),
  },
  /** The token's `expires_in` has a fraction (`3600.5`): neither a whole number nor a string, which the spec allows. */
  "expires-in-fraction": {
    response: (op, response) =>
      op !== "requestToken" || response.status !== 200
        ? response
        : rewrite(response, (body) => {
            const token = body as Json;
            token.expires_in = Number(token.expires_in) + 0.5;
          }),
  },
  /** A finished job's status reads `Finished`, a word the spec does not list, in job reads and the Curator listing. */
  "status-word-unknown": {
    response: (op, response) => {
      if (response.status !== 200) return response;
      const rename = (job: Json) => {
        if (job.status === COMPLETED) job.status = UNLISTED_STATUS;
      };
      if (op === "getJob") return rewrite(response, (job) => rename(job as Json));
      if (op === "listJobs") return rewrite(response, (list) => ((list as Json).data as Json[]).forEach(rename));
      return response;
    },
  },
  /** The messages endpoint wraps its messages in an object, `{ "messages": [...] }`: neither shape the spec allows. */
  "messages-wrapped": {
    response: (op, response) =>
      op !== "getJobMessages" || response.status !== 200 ? response : rewrite(response, (messages) => ({ messages })),
  },
  /** The Curator listing sends a bare array, without its `{ "data": [...] }` wrapper (seen). */
  "curator-list-unwrapped": {
    response: (op, response) =>
      op !== "listJobs" || response.status !== 200 ? response : rewrite(response, (list) => (list as Json).data),
  },
  /** A job that has not finished shows an empty disposition, not the spec's unfinished value. */
  "unfinished-disposition-empty": {
    response: (op, response) =>
      (op !== "getJob" && op !== "runWorkflow") || response.status !== 200
        ? response
        : rewrite(response, (body) => {
            const job = body as Json;
            if (job.status !== COMPLETED && job.status !== "Cancelled") job.disposition = "";
          }),
  },
  /** Output downloads come `inline`, not as an `attachment` with a file name. */
  "content-disposition-inline": {
    response: (op, response) =>
      op !== "getJobOutput" || response.status !== 200
        ? response
        : { ...response, headers: { ...response.headers, "content-disposition": "inline" } },
  },
  /** A format the output does not offer is answered 404, not the documented (inferred) 400. */
  "format-not-offered-404": {
    response: (op, response) =>
      op === "getJobOutput" && response.status === 400
        ? { ...response, status: 404, body: JSON.stringify({ message: sharedMessages.NotFound.notFound }) }
        : response,
  },
  /** Refused token requests say why in `message`, not in RFC 6749's `error` (the token errors are inferred). */
  "token-error-message": {
    response: (op, response) =>
      op !== "requestToken" || response.status < 400
        ? response
        : rewrite(response, (body) => ({ message: (body as Json).error })),
  },
  /** A workflow's questions come in the v1 shape: `type` for `questionType`, and `multiple` as a string. */
  "questions-v1": {
    response: (op, response) =>
      op !== "getWorkflowQuestions" || response.status !== 200
        ? response
        : rewrite(response, (questions) =>
            (questions as Json[]).map(({ questionType, multiple, ...rest }) => ({
              ...rest,
              type: questionType,
              multiple: String(multiple ?? false),
            })),
          ),
  },
};

/** The request as the drifts in force have the sandbox read it. */
export function driftRequest(drifts: readonly Drift[], operationId: OperationId, request: SandboxRequest) {
  return drifts.reduce<SandboxRequest>(
    (changed, drift) => rules[drift].request?.(operationId, changed) ?? changed,
    request,
  );
}

/** The answer as the drifts in force have the sandbox send it. */
export function driftResponse(
  drifts: readonly Drift[],
  operationId: OperationId,
  response: SandboxResponse,
  authenticated: boolean,
): SandboxResponse {
  return drifts.reduce<SandboxResponse>(
    (changed, drift) => rules[drift].response?.(operationId, changed, authenticated) ?? changed,
    response,
  );
}
