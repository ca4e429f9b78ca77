// The engine's figures that the command shows in its help: in a file that imports nothing, so that
// every command can read them without loading the engine.

/** The whole run's deadline unless told: the plan's waits and requests all end by it. */
export const DEFAULT_CONFORMANCE_TIMEOUT_MS = 10 * 60_000;
/** The most requests a run sends unless told; the plan needs far fewer (see `npm run bench`). */
export const DEFAULT_MAX_REQUESTS = 300;
/** Independent reads sent at once unless told. */
export const DEFAULT_CONCURRENCY = 4;
/**
 * The share of the time left that the wait for the job run may take, so that a job that never
 * ends leaves the reads and refusals after it the rest of the deadline.
 */
export const WAIT_SHARE = 0.5;
