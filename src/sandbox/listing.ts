// The two job listings: which jobs a query selects, in what order, and which page of them.
import type { operations } from "../../generated/openapi.js";
import * as schemaValues from "../../generated/schema-values.js";
import { dispositionAt, finishedAt, type Job, type JobState, stateAt } from "./job.js";

type ListJobsQuery = NonNullable<operations["listJobs"]["parameters"]["query"]>;
type WorkflowJobsQuery = NonNullable<operations["listWorkflowJobs"]["parameters"]["query"]>;
type Status = NonNullable<ListJobsQuery["statuses"]>[number];

/** The most jobs one page holds, whatever `limit` asks for (the server's own limit is not documented). */
export const MAX_PAGE_SIZE = 1000;

/** The listing's `statuses` values, as the job states they select. `Initializing` is never reached here. */
const STATUS_STATES: Record<Status, JobState[]> = {
  Queued: ["Queued"],
  Initializing: [],
  Running: ["Running"],
  Complete: ["Completed"],
};

/** A workflow's jobs: `status` is a job state (`Complete` for Completed), or `Error` for jobs whose workflow failed. */
export function selectWorkflowJobs(jobs: Job[], query: WorkflowJobsQuery, now: number): Job[] {
  const { status, resultCode } = query;
  const selected = jobs.filter((job) => {
    const state = stateAt(job, now);
    if (status !== undefined) {
      // Own keys only: `status=constructor` names no state, not Object's constructor.
      const wanted = Object.hasOwn(STATUS_STATES, status)
        ? STATUS_STATES[status as Status].includes(state)
        : state === status;
      // A completed job whose workflow failed matches Error too (the spec's description of this filter).
      const failed = state === "Completed" && dispositionAt(job, now) === status;
      if (!wanted && !failed) return false;
    }
    return resultCode === undefined || (state === "Completed" && dispositionAt(job, now) === resultCode);
  });
  return order(selected, query.sortField, query.direction, now);
}

/** The Curator listing: the caller's jobs, or with `allUsers` everyone's (narrowed by `users`). */
export function selectJobs(jobs: Job[], query: ListJobsQuery, caller: string, now: number): Job[] {
  const priorities = query.priorities?.map(priorityName);
  const selected = jobs.filter((job) => {
    if (!query.allUsers && job.owner.name !== caller) return false;
    if (query.allUsers && query.users && !query.users.includes(job.owner.name)) return false;
    if (query.statuses && !query.statuses.some((s) => STATUS_STATES[s].includes(stateAt(job, now)))) return false;
    if (query.workflowNames && !query.workflowNames.includes(job.workflow.name)) return false;
    if (priorities && !priorities.includes(job.priority)) return false;
    const finished = finishedAt(job, now);
    // "Jobs completed on that date are excluded": compare whole UTC days.
    const day = finished === undefined ? undefined : new Date(finished).toISOString().slice(0, 10);
    if (query.completedBefore && !(day !== undefined && day < query.completedBefore)) return false;
    if (query.completedAfter && !(day !== undefined && day > query.completedAfter)) return false;
    return true;
  });
  return order(selected, query.sortField, query.direction, now);
}

export function page<T>(items: T[], offset = 0, limit = MAX_PAGE_SIZE): T[] {
  return items.slice(offset, offset + Math.min(limit, MAX_PAGE_SIZE));
}

/** A priority filter value: a name, or a number counting from Low = 0 (Default is matched by name only). */
function priorityName(value: string): string {
  const names = schemaValues.Priority.enum.slice(1);
  return /^\d$/.test(value) ? (names[Number(value)] ?? value) : value;
}

const keys: Record<string, (job: Job, now: number) => string | number> = {
  CreateDate: (job) => job.createdAt,
  AppName: (job) => job.workflow.name,
  CompletionDateTime: (job, now) => finishedAt(job, now) ?? Number.POSITIVE_INFINITY,
  Priority: (job) => schemaValues.Priority.enum.indexOf(job.priority),
  Status: (job, now) => stateAt(job, now),
};

/** Newest first unless asked otherwise; ties keep the order the jobs were queued in. */
function order(jobs: Job[], sortField: string | undefined, direction: string | undefined, now: number): Job[] {
  const key = sortField !== undefined && Object.hasOwn(keys, sortField) ? keys[sortField] : keys.CreateDate;
  const sign = direction === "asc" ? 1 : direction === "desc" || sortField === undefined ? -1 : 1;
  return jobs.sort((a, b) => {
    const [x, y] = [key?.(a, now) ?? 0, key?.(b, now) ?? 0];
    return (x < y ? -1 : x > y ? 1 : 0) * sign || (a.sequence - b.sequence) * sign;
  });
}
