// What the `alteryx-jobs sandbox` command runs: a sandbox server until the signal aborts.
import type { SandboxUser } from "./fixture.js";
import { startSandbox } from "./http.js";

export interface ServeSandboxOptions {
  /** @default 0: a free port */
  port?: number;
  /** Virtual time per real time. @default 1 */
  speed?: number;
  /** A fixture JSON file. @default the default fixture */
  fixturePath?: string;
  /** Called once the server listens, with its API root and the API keys it accepts. */
  onListening?: (info: { url: string; speed: number; users: readonly Required<SandboxUser>[] }) => void;
}

/**
 * Serves a sandbox until `signal` aborts, then stops it and resolves.
 * @throws {FixtureError} when the fixture is not valid; the listen error when the port is taken.
 */
export async function serveSandbox(options: ServeSandboxOptions, signal: AbortSignal): Promise<void> {
  const sandbox = await startSandbox({ port: options.port, speed: options.speed, fixture: options.fixturePath });
  try {
    options.onListening?.({ url: sandbox.url, speed: sandbox.clock.speed, users: sandbox.users });
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  } finally {
    await sandbox.stop();
  }
}
