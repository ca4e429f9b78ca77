// Jobs: details, messages, cancel, and the Curator listing.

import type { JobListItemView, JobView, MessageView, ReducedJobView } from "../generated/openapi.js";
import * as operationMessages from "../generated/operation-messages.js";
import type { Call, CallInit, CallOptions } from "./call.js";
import { BadRequestError, CancelNotPermittedError, JobNotCancellableError, reclass } from "./core/errors.js";
import { type Pager, paginate } from "./paging.js";
import type { JobsFilters, JobsPageQuery } from "./types.js";

export interface GetJobOptions extends CallOptions {
  /**
   * false asks for the reduced job, without messages.
   * @default true (as on the server)
   */
  includeMessages?: boolean;
}

/** What a cancel did: the `x-outcome` the spec declares for the documented 200 message it answered. */
export type CancelOutcome = keyof (typeof operationMessages.cancelJob)["200"];

export interface CancelResult {
  /**
   * `cancelled`: the job was running; `deleted`: it was queued. `unknown`: the server accepted the
   * cancel with a message the spec does not document (kept in `message`).
   */
  outcome: CancelOutcome | "unknown";
  message: string;
}

export interface JobsApi {
  /**
   * The job, with its messages unless `includeMessages: false`.
   * @throws {InvalidArgumentError} when `jobId` is not an object ID; nothing is sent.
   * @throws {NotFoundError} when there is no such job; other AlteryxErrors as for any call.
   */
  getJob(jobId: string, options?: GetJobOptions & { includeMessages?: true }): Promise<JobView>;
  getJob(jobId: string, options: GetJobOptions & { includeMessages: false }): Promise<ReducedJobView>;
  getJob(jobId: string, options?: GetJobOptions): Promise<JobView | ReducedJobView>;
  /**
   * Curators only. Always an array, whether the server sends one message or a list.
   * @throws {InvalidArgumentError} when `jobId` is not an object ID; other AlteryxErrors as for any call.
   */
  getJobMessages(jobId: string, options?: CallOptions): Promise<MessageView[]>;
  /**
   * Cancels a queued or running job. Never retried: if the answer is lost, the error says the
   * outcome is unknown; look at the job before trying again.
   * @throws {JobNotCancellableError} when the job is no longer Queued or Running.
   * @throws {CancelNotPermittedError} when the caller may not cancel it.
   * @throws {AlteryxError} with `outcomeUnknown: true` when the cancel may have reached the server
   * but its answer was lost or unusable.
   */
  cancelJob(jobId: string, options?: CallOptions): Promise<CancelResult>;
  /**
   * Curators only: every job matching the filters, page by page (see Pager for when it stops).
   * @throws {InvalidArgumentError} (on iterating) for a bad filter; nothing is sent.
   */
  listJobs(filters?: JobsFilters, options?: CallOptions): Pager<JobListItemView>;
  /**
   * Curators only: one page of jobs.
   * @throws {InvalidArgumentError} for a bad filter; nothing is sent.
   */
  listJobsPage(query?: JobsPageQuery, options?: CallOptions): Promise<JobListItemView[]>;
}

const cancelOutcome = recogniser(operationMessages.cancelJob["200"]);
const cancelRefusal = recogniser(operationMessages.cancelJob["400"]);

/** A job and the response it came in (waiting reads its Retry-After and passes a deadline). */
export function requestJob(
  call: Call,
  jobId: string,
  { includeMessages, signal, deadline }: GetJobOptions & Pick<CallInit, "deadline"> = {},
) {
  return call("getJob", { path: { jobId }, query: { includeMessages }, signal, deadline });
}

export function createJobsApi(call: Call, warn: (line: string) => void): JobsApi {
  async function getJob(jobId: string, options: GetJobOptions = {}) {
    return (await requestJob(call, jobId, options)).data;
  }

  async function listJobsPage(query: JobsPageQuery = {}, { signal }: CallOptions = {}) {
    const { data } = await call("listJobs", { query, signal });
    return data.data;
  }

  return {
    getJob: getJob as JobsApi["getJob"],

    async getJobMessages(jobId, { signal } = {}) {
      const { data } = await call("getJobMessages", { path: { jobId }, signal });
      return Array.isArray(data) ? data : [data];
    },

    async cancelJob(jobId, { signal } = {}) {
      try {
        const { data } = await call("cancelJob", { path: { jobId }, signal });
        return { outcome: cancelOutcome(data.message) ?? "unknown", message: data.message };
      } catch (error) {
        throw refineCancelRefusal(error);
      }
    },

    listJobs({ pageSize, maxItems, ...filters } = {}, options = {}) {
      return paginate(
        (offset, limit) => listJobsPage({ ...filters, offset, limit }, options),
        { pageSize, maxItems },
        (job) => job.jobId,
        warn,
      );
    },

    listJobsPage,
  };
}

/** A 400 to a cancel is one of the two documented refusals; give each its own class. */
function refineCancelRefusal(error: unknown): unknown {
  if (!(error instanceof BadRequestError) || error.constructor !== BadRequestError) return error;
  const refusal = cancelRefusal(error.serverMessage);
  const Kind =
    refusal === "notCancellable"
      ? JobNotCancellableError
      : refusal === "noPermission"
        ? CancelNotPermittedError
        : undefined;
  return Kind ? reclass(error, Kind) : error;
}

/** Names the documented message a text is, ignoring case, spacing and the final stop. */
function recogniser<K extends string>(documented: Record<K, string>): (text: string | undefined) => K | undefined {
  const normal = (s: string) => s.trim().replace(/\s+/g, " ").replace(/\.$/, "").toLowerCase();
  const keys = Object.keys(documented) as K[];
  const names = new Map(keys.map((name) => [normal(documented[name]), name]));
  // A text sent exactly as documented, as servers mostly do, is named without normalising it.
  const exact = new Map(keys.map((name) => [documented[name], names.get(normal(documented[name])) as K]));
  return (text) => (text === undefined ? undefined : (exact.get(text) ?? names.get(normal(text))));
}
