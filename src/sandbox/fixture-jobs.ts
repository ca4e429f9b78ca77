// Jobs a fixture starts with: what one may say of each (its workflow, owner, date, the state it is
// held in, its outputs' IDs), read by the same field tables as the rest of the fixture, and then
// checked against the users and workflows it names.
import type { Priority } from "../../generated/openapi.js";
import * as schemaValues from "../../generated/schema-values.js";
import { LATEST } from "./clock.js";
import type { Fields, Reader, readers } from "./fields.js";
import type { LoadedFixture } from "./fixture.js";

/** A job's states a fixture job may be held in. */
export type HeldState = "Queued" | "Running";

/** A job that is there when the sandbox starts, as if it had been run before. */
export interface FixtureJob {
  /** 24 lowercase hexadecimal characters, unique among the jobs and their outputs. */
  id: string;
  /** The workflow it runs: the `id` of one of the fixture's workflows. */
  workflowId: string;
  /** The user who ran it, by `name`. @default the first user */
  owner?: string;
  /**
   * When it was queued, ISO 8601. From then on it goes through its workflow's durations as any
   * job does: a job queued long before the sandbox's start has finished.
   * @default the sandbox's start
   */
  createDateTime?: string;
  /** Holds the job Queued or Running until it is cancelled, whatever the clock says. */
  stays?: HeldState;
  /** The IDs of its outputs, one for each output of its workflow, in order. @default new IDs */
  outputIds?: string[];
  /** @default "Default" */
  priority?: Priority;
  /** @default "" */
  workerTag?: string;
}

/** A fixture job with its owner's and its time's defaults filled in. */
export interface LoadedJob extends Omit<FixtureJob, "createDateTime" | "owner" | "priority" | "workerTag"> {
  owner: string;
  /** Epoch milliseconds; undefined for the sandbox's start. */
  createDateTime?: number;
  priority: Priority;
  workerTag: string;
}

/** The most jobs a fixture may start with: as many as the sandbox keeps. */
export const MAX_FIXTURE_JOBS = 10_000;
const HELD_STATES: readonly HeldState[] = ["Queued", "Running"];
/** A date and time as the API writes them: ISO 8601 with a zone, seconds and fractions optional. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The table a fixture job is read by; `objectId` checks an ID as the spec's pattern says. */
export function jobFields(read: ReturnType<typeof readers>, objectId: Reader<string>): Fields<FixtureJob, LoadedJob> {
  const { fail, text, string, optional, list } = read;
  const choice =
    <T extends string>(choices: readonly T[]): Reader<T> =>
    (v, where) =>
      choices.includes(v as T) ? (v as T) : fail(where, `must be one of ${choices.join(", ")}`);
  return {
    id: objectId,
    workflowId: objectId,
    // Filled in, and checked against the users and workflows, once they are read.
    owner: optional(string, ""),
    createDateTime: (v, where) => {
      if (v === undefined) return undefined;
      const time = Date.parse(text(v, where));
      if (!DATE_TIME.test(v as string) || !(time >= 0 && time <= LATEST)) {
        fail(where, "must be an ISO 8601 date and time from 1970 to 9999, such as 2024-09-19T10:02:54.589Z");
      }
      return time;
    },
    stays: optional(choice(HELD_STATES)),
    outputIds: optional(list(objectId)),
    priority: optional(choice(schemaValues.Priority.enum), schemaValues.Priority.enum[0]),
    workerTag: optional(text, ""),
  };
}

/** A job's fields that name other parts of the fixture: its workflow, its owner, its outputs. */
export function checkJobs(fixture: LoadedFixture, fail: (where: string, what: string) => never): void {
  const ids = new Set<string>();
  const once = (id: string, where: string) => {
    if (ids.has(id)) fail(where, `must be unique among the jobs and their outputs; "${id}" appears twice`);
    ids.add(id);
  };
  for (const [i, job] of fixture.jobs.entries()) {
    const where = `jobs[${i}]`;
    once(job.id, `${where}.id`);
    const workflow = fixture.workflows.find((w) => w.id === job.workflowId);
    if (!workflow) fail(`${where}.workflowId`, `must be the id of one of the workflows, not "${job.workflowId}"`);
    if (job.owner === "") job.owner = fixture.users[0]?.name ?? "";
    if (!fixture.users.some((u) => u.name === job.owner)) {
      fail(`${where}.owner`, `must be the name of one of the users, not "${job.owner}"`);
    }
    if (job.outputIds === undefined) continue;
    if (job.outputIds.length !== workflow.outputs.length) {
      fail(`${where}.outputIds`, `must hold one ID for each of the workflow's ${workflow.outputs.length} outputs`);
    }
    for (const [n, id] of job.outputIds.entries()) once(id, `${where}.outputIds[${n}]`);
  }
}
