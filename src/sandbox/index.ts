// alteryx-jobs/sandbox: a stateful stand-in for the jobs API, for users' own tests and demos. One
// state machine on a virtual clock, served by an HTTP server (`startSandbox`) or as MSW handlers
// (`createSandboxHandlers`). Node only; it never imports the client.
/** @module alteryx-jobs/sandbox */
export { MAX_SPEED, type SandboxClock } from "./clock.js";
export { defaultFixture } from "./default-fixture.js";
export {
  type Faults,
  type Fixture,
  type FixtureContent,
  FixtureError,
  type FixtureJob,
  type FixtureOutput,
  type FixtureWorkflow,
  type HeldState,
  type RateFault,
  type SandboxUser,
} from "./fixture.js";
export { API_ROOT, type RunningSandbox, type StartSandboxOptions, startSandbox } from "./http.js";
export { createSandboxHandlers, type SandboxHandlers, type SandboxHandlersOptions } from "./msw.js";
export type { SandboxControls, SandboxOptions } from "./sandbox.js";
export { type ListeningSandbox, type ServeSandboxOptions, serveSandbox } from "./serve.js";
