// One sandbox: its fixture, virtual clock, state machine and request handler, whichever face
// (HTTP server or MSW handlers) serves it.
import { randomBytes } from "node:crypto";
import { createApi, type SandboxApi } from "./api.js";
import { createClock, type SandboxClock } from "./clock.js";
import { defaultFixture } from "./default-fixture.js";
import {
  type Faults,
  type Fixture,
  type LoadedFixture,
  loadFixture,
  parseFaults,
  parseFixture,
  type SandboxUser,
} from "./fixture.js";
import { createState } from "./state.js";

export interface SandboxOptions {
  /**
   * What to serve: a fixture object, or the path of a fixture JSON file.
   * @default the default fixture (`defaultFixture`)
   */
  fixture?: Fixture | string;
  /**
   * Virtual time per real time: 60 runs a minute per second; 0 moves time only by `clock.advance`.
   * @default 1
   */
  speed?: number;
  /** The virtual time at start, in epoch milliseconds. @default the real time at start */
  start?: number;
  /** Faults in force from the start, in place of the fixture's. */
  faults?: Faults;
}

/** What both faces give a test: the clock to move, the faults to set, and the keys to use. */
export interface SandboxControls {
  /** The virtual clock: `clock.advance(ms)` jumps ahead. */
  clock: SandboxClock;
  /** Replaces the faults in force (an empty object turns them all off). */
  setFaults(faults: Faults): void;
  /** The API keys the token endpoint accepts. */
  users: readonly Required<SandboxUser>[];
  /** The workflows it runs. */
  workflows: readonly { id: string; name: string }[];
}

export function createSandbox(
  options: SandboxOptions,
  sleep: (ms: number) => Promise<void>,
): SandboxControls & { api: SandboxApi } {
  const { fixture = defaultFixture } = options;
  const loaded: LoadedFixture = typeof fixture === "string" ? loadFixture(fixture) : parseFixture(fixture);
  if (options.faults) loaded.faults = parseFaults(options.faults);
  const clock = createClock({ speed: options.speed, start: options.start });
  const state = createState(loaded, clock, () => `sandbox-${randomBytes(24).toString("base64url")}`);
  return {
    clock,
    setFaults: (faults) => state.setFaults(parseFaults(faults)),
    users: loaded.users,
    workflows: loaded.workflows.map(({ id, name }) => ({ id, name })),
    api: createApi(state, sleep),
  };
}
