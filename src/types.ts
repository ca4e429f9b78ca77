// Names for the generated types in the words of this client's API. Every shape comes from
// generated/openapi.ts; nothing here restates one.
import type { operations } from "../generated/openapi.js";

export type {
  AppValue,
  EnqueueJobContract,
  InvalidRequestResponseBody,
  JobListItemView,
  JobView,
  MessageView,
  OutputDataView,
  OutputFormat,
  Priority,
  ReducedJobView,
  TokenResponse,
  WorkflowJobView,
  WorkflowQuestionItemView,
  WorkflowQuestionView,
} from "../generated/openapi.js";

type Query<Op extends keyof operations> = NonNullable<operations[Op]["parameters"]["query"]>;
type Paging = { offset?: number; limit?: number };

/** How a listing walks its pages. */
export interface Listing {
  /**
   * Jobs asked for a page.
   * @default 100
   */
  pageSize?: number;
  /**
   * The most jobs a listing yields before it ends with an AlteryxError, so that a server that
   * never stops sending new jobs cannot hold the caller for ever; `Infinity` to take every job.
   * @default 100000
   */
  maxItems?: number;
}

/** One page of a workflow's jobs: the filters plus `offset` and `limit`. */
export type WorkflowJobsPageQuery = Query<"listWorkflowJobs">;
/** A workflow's jobs, every page: the filters, how many to fetch a page, and how many at most. */
export type WorkflowJobsFilters = Omit<WorkflowJobsPageQuery, keyof Paging> & Listing;

/** One page of the Curator listing: the filters plus `offset` and `limit`. */
export type JobsPageQuery = Query<"listJobs">;
/** The Curator listing, every page: the filters, how many to fetch a page, and how many at most. */
export type JobsFilters = Omit<JobsPageQuery, keyof Paging> & Listing;
