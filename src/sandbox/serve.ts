// What the `alteryx-jobs sandbox` command runs: a sandbox server until the signal aborts.
import { type RunningSandbox, startSandbox } from "./http.js";

export interface ServeSandboxOptions {
  /** @default 0: a free port */
  port?: number;
  /** Virtual time per real time. @default 1 */
  speed?: number;
  /** A fixture JSON file. @default the default fixture */
  fixturePath?: string;
  /** Called once the server listens, with its API root, speed, the API keys it accepts and its workflows. */
  onListening?: (info: ListeningSandbox) => void;
}

export type ListeningSandbox = Pick<RunningSandbox, "url" | "users" | "workflows"> & { speed: number };

/**
 * Serves a sandbox until `signal` aborts, then stops it and resolves.
 * @throws {FixtureError} when the fixture is not valid; the listen error when the port is taken.
 */
export async function serveSandbox(options: ServeSandboxOptions, signal: AbortSignal): Promise<void> {
  const sandbox = await startSandbox({ port: options.port, speed: options.speed, fixture: options.fixturePath });
  try {
    const { url, users, workflows } = sandbox;
    options.onListening?.({ url, speed: sandbox.clock.speed, users, workflows });
    if (!signal.aborted) await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  } finally {
    await sandbox.stop();
  }
}
