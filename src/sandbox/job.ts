// One sandbox job: when it was queued, what it runs, and the state it is in at any virtual time.
// Nothing here changes with time; a job's state is read from the clock, so jumping the clock
// ahead finishes every job due within the jump.
import type {
  JobListItemView,
  JobView,
  MessageView,
  OutputDataView,
  Priority,
  WorkflowJobView,
} from "../../generated/openapi.js";
import * as schemaValues from "../../generated/schema-values.js";
import type { HeldState, LoadedWorkflow, SandboxUser } from "./fixture.js";

/** The states a sandbox job goes through, each one a value of the spec's job status enum. */
export type JobState = Extract<WorkflowJobView["status"], "Queued" | "Running" | "Completed" | "Cancelled">;

export interface Job {
  id: string;
  /** Creation order, to break ties when sorting. */
  sequence: number;
  workflow: LoadedWorkflow;
  owner: Required<SandboxUser>;
  createdAt: number;
  priority: Priority;
  workerTag: string;
  outputIds: string[];
  /** When a running job was cancelled. */
  cancelledAt?: number;
  /** The state a fixture holds the job in until it is cancelled. */
  stays?: HeldState;
}

const unfinished = schemaValues.Disposition.unfinished[0];

export function stateAt(job: Job, now: number): JobState {
  if (job.cancelledAt !== undefined) return "Cancelled";
  if (job.stays) return job.stays;
  const started = job.createdAt + job.workflow.queuedMs;
  if (now < started) return "Queued";
  return now < started + job.workflow.runningMs ? "Running" : "Completed";
}

/** When the job reached Completed or Cancelled; undefined while it is queued or running. */
export function finishedAt(job: Job, now: number): number | undefined {
  if (job.cancelledAt !== undefined) return job.cancelledAt;
  if (job.stays) return undefined;
  const end = job.createdAt + job.workflow.queuedMs + job.workflow.runningMs;
  return now >= end ? end : undefined;
}

export function messagesAt(job: Job, now: number): MessageView[] {
  const state = stateAt(job, now);
  if (state === "Completed") return [...job.workflow.messages];
  // A running job, or one cancelled while running, shows what the engine wrote when it started.
  return state === "Queued" ? [] : job.workflow.messages.slice(0, 1);
}

/** The disposition a job shows: the fixture's once completed, the spec's unfinished value before. */
export function dispositionAt(job: Job, now: number): string {
  return stateAt(job, now) === "Completed" ? job.workflow.disposition : unfinished;
}

function outputsAt(job: Job, now: number): OutputDataView[] {
  if (stateAt(job, now) !== "Completed") return [];
  return job.workflow.outputs.map((output, i) => ({
    id: job.outputIds[i] ?? "",
    availableFormats: [...output.formats.keys()],
    fileName: output.fileName,
  }));
}

export function jobView(job: Job, now: number): JobView {
  return {
    id: job.id,
    appId: job.workflow.id,
    createDateTime: new Date(job.createdAt).toISOString(),
    status: stateAt(job, now),
    disposition: dispositionAt(job, now),
    outputs: outputsAt(job, now),
    messages: messagesAt(job, now),
    priority: job.priority,
    workerTag: job.workerTag,
    runWithE2: false,
  };
}

export function workflowJobView(job: Job, now: number): WorkflowJobView {
  return {
    id: job.id,
    createDate: new Date(job.createdAt).toISOString(),
    status: stateAt(job, now),
    priority: job.priority,
    workerTag: job.workerTag,
    runWithE2: false,
  };
}

export function listItemView(job: Job, now: number): JobListItemView {
  return { jobId: job.id, status: stateAt(job, now), workflowName: job.workflow.name };
}
