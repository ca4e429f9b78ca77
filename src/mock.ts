// Starts Prism (a mock of the bundled spec, or a validating proxy to a real server) on 127.0.0.1,
// waits until it listens, and stops it: for `alteryx-jobs mock`, users' own tests and ours.
// Published as `alteryx-jobs/mock`, apart from the client, because it needs Node and Prism.
/** @module alteryx-jobs/mock */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The OpenAPI document this package was built from (found through the package's own exports). */
export const specPath = require.resolve("alteryx-jobs/openapi.yaml");

/** The Prism this package is tested with: its peer dependency, read from package.json (the one home of the figure). */
export const PRISM_VERSION: string = (
  require("alteryx-jobs/package.json") as { peerDependencies: Record<string, string> }
).peerDependencies["@stoplight/prism-cli"] as string;

/** How to start Prism. */
export interface PrismOptions {
  /**
   * The port on 127.0.0.1; 0 picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * `mock` serves the spec; `proxy` forwards to `upstream` and checks both sides against the spec.
   * @default "mock"
   */
  mode?: "mock" | "proxy";
  /** The server `proxy` mode forwards to; required in that mode. */
  upstream?: string;
  /**
   * Generate responses from the schemas instead of serving the examples.
   * @default false
   */
  dynamic?: boolean;
  /** With `dynamic`: the faker seed, for reproducible data. Unset, each start generates other data. */
  seed?: number;
  /**
   * Answer a request that breaks the spec with 422 (and check responses in proxy mode).
   * @default true
   */
  errors?: boolean;
  /**
   * The OpenAPI document to serve.
   * @default the spec this package was built from ({@link specPath})
   */
  spec?: string;
  /**
   * How long Prism may take to say it listens.
   * @default 30000
   */
  startTimeoutMs?: number;
}

/** A Prism that listens. */
export interface RunningPrism {
  /** The base URL to give the client. */
  url: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A last resort: no Prism outlives the process that started it.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Prism's entry point.
 * @throws Error saying what to install when @stoplight/prism-cli is not installed.
 */
export function prismBin(): string {
  let manifest: string;
  try {
    manifest = require.resolve("@stoplight/prism-cli/package.json");
  } catch {
    throw new Error(
      `The mock needs Prism: npm install --save-dev @stoplight/prism-cli@${PRISM_VERSION} (later versions need Node 24).`,
    );
  }
  return join(dirname(manifest), "dist", "index.js");
}

/**
 * A port on 127.0.0.1 that nothing listens on now.
 * @throws Error when no port can be had.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Why Prism exited before it listened. A port in use is said in one line, with the `code`
 * `EADDRINUSE` of Node's own error for it: Prism's output would bury it under its whole help text.
 */
function exitError(code: number | null, output: string, port: number): Error {
  if (output.includes("EADDRINUSE")) {
    return Object.assign(new Error(`port ${port} on 127.0.0.1 is in use`), { code: "EADDRINUSE" });
  }
  return new Error(`Prism exited with ${code}:\n${output}`);
}

/**
 * Starts Prism and resolves once it listens.
 * @throws Error when Prism is not installed, `proxy` mode has no `upstream`, or Prism exits or
 * does not listen within `startTimeoutMs` (its output is in the message; it is stopped); with
 * `code: "EADDRINUSE"` when the port is in use.
 */
export async function startPrism(options: PrismOptions = {}): Promise<RunningPrism> {
  const port = options.port || (await freePort());
  const mode = options.mode ?? "mock";
  const args = [prismBin(), mode, options.spec ?? specPath];
  if (mode === "proxy") {
    if (!options.upstream) throw new Error("proxy mode needs an upstream URL");
    args.push(options.upstream);
  }
  args.push("-h", "127.0.0.1", "-p", String(port));
  if (options.errors ?? true) args.push("--errors");
  if (options.dynamic) args.push("--dynamic", ...(options.seed === undefined ? [] : ["--seed", String(options.seed)]));

  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const stop = () =>
    new Promise<void>((resolve) => {
      running.delete(child);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 2000).unref();
    });

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`Prism did not start within the time allowed:\n${output}`)),
      options.startTimeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop().then(() => reject(error));
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => fail(exitError(code, output, port)));
  });
  // Keep draining its log so that a full pipe never blocks it.
  child.stdout?.resume();
  child.stderr?.resume();
  return { url, stop };
}
