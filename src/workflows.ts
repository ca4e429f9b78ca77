// Workflows: list a workflow's jobs (how a jobId is found) and run a workflow.
import type { EnqueueJobContract, JobView, WorkflowJobView } from "../generated/openapi.js";
import { schemaValues } from "../generated/spec-values.js";
import type { Call, CallOptions } from "./call.js";
import { checkValue } from "./core/params.js";
import { DEFAULT_PAGE_SIZE, type Pager, paginate } from "./paging.js";
import type { WorkflowJobsFilters, WorkflowJobsPageQuery } from "./types.js";

export interface WorkflowsApi {
  /**
   * Every job of the workflow matching the filters, page by page (see Pager for when it stops).
   * @throws {InvalidArgumentError} (on iterating) for a bad ID or filter; nothing is sent.
   */
  listWorkflowJobs(workflowId: string, filters?: WorkflowJobsFilters, options?: CallOptions): Pager<WorkflowJobView>;
  /**
   * One page of the workflow's jobs.
   * @throws {InvalidArgumentError} for a bad ID or filter; nothing is sent.
   */
  listWorkflowJobsPage(
    workflowId: string,
    query?: WorkflowJobsPageQuery,
    options?: CallOptions,
  ): Promise<WorkflowJobView[]>;
  /**
   * Queues a new job and returns it. Never retried once it may have reached the server: if the
   * answer is lost, the error says the outcome is unknown; list the workflow's jobs before
   * running it again.
   * @throws {InvalidArgumentError} for a bad ID or priority; nothing is sent.
   * @throws {AlteryxError} with `outcomeUnknown: true` when the job may have been queued but the
   * answer was lost or unusable.
   */
  runWorkflow(workflowId: string, body?: EnqueueJobContract, options?: CallOptions): Promise<JobView>;
}

export function createWorkflowsApi(call: Call, warn: (line: string) => void): WorkflowsApi {
  async function listWorkflowJobsPage(
    workflowId: string,
    query: WorkflowJobsPageQuery = {},
    { signal }: CallOptions = {},
  ) {
    return (await call("listWorkflowJobs", { path: { workflowId }, query, signal })).data;
  }

  return {
    listWorkflowJobs(workflowId, { pageSize = DEFAULT_PAGE_SIZE, ...filters } = {}, options = {}) {
      return paginate(
        (offset, limit) => listWorkflowJobsPage(workflowId, { ...filters, offset, limit }, options),
        pageSize,
        (job) => job.id,
        warn,
      );
    },

    listWorkflowJobsPage,

    async runWorkflow(workflowId, body = {}, { signal } = {}) {
      if (body.priority !== undefined) checkValue("priority", body.priority, { enum: schemaValues.Priority.enum });
      return (await call("runWorkflow", { path: { workflowId }, body, signal })).data;
    },
  };
}
