// Runs `alteryx-jobs` as users' scripts do (the built command, as a subprocess) or in-process
// through `run(argv, io)` where the process itself is not what a test is about; and a stand-in
// API server on 127.0.0.1 that records what the command sent and answers as each test says.
import { type ChildProcess, spawn } from "node:child_process";
import type { IncomingHttpHeaders } from "node:http";
import { fileURLToPath } from "node:url";
import { beforeEach } from "vitest";
import { type Io, run } from "../../src/cli/run.js";
import { sendJson } from "../faults/fault-server.js";
import { type Route, useServer } from "./http-server.js";

export { sendJson };

export const CLI = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: none of the caller's ALTERYX_* settings (or NO_COLOR) leak into a test. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("ALTERYX_") && key !== "NO_COLOR"),
  );
  return { ...env, ...extra };
}

export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
  cwd?: string,
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CliResult>((resolve) => {
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: string[], env?: NodeJS.ProcessEnv, cwd?: string): Promise<CliResult> {
  return startCli(args, env, cwd).done;
}

/**
 * The command in this process; `tty` makes stdout and stderr claim to be a terminal, and `fetch`
 * is what the command's client sends with.
 */
export async function runInProcess(
  args: string[],
  env: NodeJS.ProcessEnv = cleanEnv(),
  { tty = false, fetch }: { tty?: boolean; fetch?: Io["fetch"] } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdout: { write: (text: string) => (stdout += text), isTTY: tty },
    stderr: { write: (text: string) => (stderr += text), isTTY: tty },
    env,
    fetch,
  });
  return { code, stdout, stderr };
}

export interface Sent {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A stand-in for the server, for one test file: each test says how it answers (`answer`), and
 * can wait until a request arrives (`arrived`), which is how a test knows the command's phase.
 */
export function useApi(route: Route) {
  const state = {
    route,
    sent: [] as Sent[],
    waiters: [] as { match: (s: Sent) => boolean; resolve: (s: Sent) => void }[],
  };
  const server = useServer(async (request, response, body) => {
    const sent = {
      method: request.method ?? "GET",
      url: new URL(request.url ?? "/", "http://api"),
      headers: request.headers,
      body,
    };
    state.sent.push(sent);
    for (const waiter of state.waiters.filter((w) => w.match(sent))) {
      state.waiters.splice(state.waiters.indexOf(waiter), 1);
      waiter.resolve(sent);
    }
    await state.route(request, response, body);
  });
  beforeEach(() => {
    state.route = route;
    state.sent = [];
  });
  return {
    url: () => server.url(),
    /** Answers the rest of this test with `route`. */
    answer(next: Route) {
      state.route = next;
    },
    sent: () => state.sent,
    /** Resolves when a request that `match` accepts arrives (or has arrived). */
    arrived(match: (sent: Sent) => boolean = () => true): Promise<Sent> {
      const already = state.sent.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => state.waiters.push({ match, resolve }));
    },
  };
}
