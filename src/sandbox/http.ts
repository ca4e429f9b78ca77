// The sandbox as an HTTP server on 127.0.0.1, for any client in any language: `startSandbox()`.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { failure, readBody, type SandboxApi } from "./api.js";
import { createSandbox, type SandboxControls, type SandboxOptions } from "./sandbox.js";

/** The API root below the server, as in the spec's server URL `{scheme}://{host}/webapi`. */
export const API_ROOT = "/webapi";
/** Only to read request targets, which name a path and not a host. */
const ORIGIN = "http://sandbox";

export interface StartSandboxOptions extends SandboxOptions {
  /** The port to listen on; 0 picks a free one. @default 0 */
  port?: number;
}

export interface RunningSandbox extends SandboxControls {
  /** The API root to give a client, such as `http://127.0.0.1:41234/webapi`. */
  url: string;
  /** Closes the server and every open connection. */
  stop(): Promise<void>;
}

/**
 * Starts a sandbox server on 127.0.0.1.
 * @throws {FixtureError} when the fixture is not valid; the listen error when the port is taken.
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const timers = new Set<NodeJS.Timeout>();
  // Latency is real time; a stop cuts it short, so that stopping never waits for it.
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const sandbox = createSandbox(options, sleep);
  const server = createServer((request, response) => {
    serve(sandbox.api, request, response).catch((error: unknown) => {
      const answer = failure(error);
      if (!response.headersSent) response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${API_ROOT}`,
    clock: sandbox.clock,
    setFaults: sandbox.setFaults,
    users: sandbox.users,
    workflows: sandbox.workflows,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(api: SandboxApi, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // A request target that is not a URL (`GET http://[ HTTP/1.1`) is outside the API root too.
  const target = request.url ?? "/";
  const url = URL.canParse(target, ORIGIN) ? new URL(target, ORIGIN) : new URL(ORIGIN);
  const inRoot = url.pathname === API_ROOT || url.pathname.startsWith(`${API_ROOT}/`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const body = await readBody(request);
  const answer = await api.handle({
    method: request.method ?? "GET",
    // Outside the API root nothing matches, and the answer is the documented 404.
    path: inRoot ? url.pathname.slice(API_ROOT.length) : "",
    query: url.searchParams,
    headers,
    body,
  });
  // A body left unread (too large) would otherwise keep the connection busy.
  if (body === undefined) answer.headers.connection = "close";
  if (response.writable) response.writeHead(answer.status, answer.headers).end(answer.body);
}
