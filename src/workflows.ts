// Workflows: list a workflow's jobs (how a jobId is found) and run a workflow.

import type { EnqueueJobContract, JobView, WorkflowJobView } from "../generated/openapi.js";
import * as schemaValues from "../generated/schema-values.js";
import type { Call, CallOptions } from "./call.js";
import { checkValue } from "./core/params.js";
import { type Pager, paginate } from "./paging.js";
import { checkWorkflowAnswers, createQuestionsApi, type QuestionsApi } from "./questions.js";
import type { WorkflowJobsFilters, WorkflowJobsPageQuery } from "./types.js";

export interface RunOptions extends CallOptions {
  /**
   * Check the answers against the workflow's questions first (one more request): every answer
   * must name a question, and a list question's answer must be one of its keys. Default false.
   * @throws {InvalidArgumentError} listing the valid names or keys; nothing is sent.
   */
  checkQuestions?: boolean;
}

export interface WorkflowsApi extends QuestionsApi {
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
  runWorkflow(workflowId: string, body?: EnqueueJobContract, options?: RunOptions): Promise<JobView>;
}

/** The rule of the body's `priority`: the spec's Priority list, checked as a parameter's list is. */
const PRIORITY = { enum: schemaValues.Priority.enum };

/** Throws InvalidArgumentError for a body the spec does not allow; nothing is sent. */
export function checkRunBody(body: EnqueueJobContract): void {
  if (body.priority !== undefined) checkValue("priority", body.priority, PRIORITY);
}

export function createWorkflowsApi(call: Call, warn: (line: string) => void): WorkflowsApi {
  const questions = createQuestionsApi(call);

  async function listWorkflowJobsPage(
    workflowId: string,
    query: WorkflowJobsPageQuery = {},
    { signal }: CallOptions = {},
  ) {
    return (await call("listWorkflowJobs", { path: { workflowId }, query, signal })).data;
  }

  return {
    listWorkflowJobs(workflowId, { pageSize, maxItems, ...filters } = {}, options = {}) {
      return paginate(
        (offset, limit) => listWorkflowJobsPage(workflowId, { ...filters, offset, limit }, options),
        { pageSize, maxItems },
        (job) => job.id,
        warn,
      );
    },

    listWorkflowJobsPage,
    ...questions,

    async runWorkflow(workflowId, body = {}, { signal, checkQuestions } = {}) {
      checkRunBody(body);
      if (checkQuestions && body.questions) {
        await checkWorkflowAnswers(questions, workflowId, [body.questions], { signal, name: () => "" });
      }
      return (await call("runWorkflow", { path: { workflowId }, body, signal })).data;
    },
  };
}
