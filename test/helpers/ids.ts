// The IDs tests use: the job and workflow of the spec's `getJob` example, so that a request a
// test makes is one the mock and the examples agree on, and an ID no server has.
import { example } from "./examples.js";

const job = example<{ id: string; appId: string }>("getJob", 200, "completed");

/** The job of the spec's examples. */
export const JOB_ID = job.id;
/** The workflow (app) that job ran. */
export const WORKFLOW_ID = job.appId;
/** A well-formed ID that names nothing. */
export const NO_SUCH_ID = "0".repeat(24);
