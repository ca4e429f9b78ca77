// The sandbox as MSW request handlers, for tests that mock fetch in-process (vitest, Jest):
// `setupServer(...createSandboxHandlers().handlers)`. msw is an optional peer dependency, loaded only if
// it is installed, so that the HTTP server works without it.
import type { HttpHandler } from "msw";
import { failure, readBody, type SandboxResponse } from "./api.js";
import { createSandbox, type SandboxControls, type SandboxOptions } from "./sandbox.js";

const msw = await import("msw").catch(() => undefined);

export interface SandboxHandlersOptions extends Omit<SandboxOptions, "speed"> {
  /** The API root the handlers answer under; give the same one to the client. @default "http://alteryx-sandbox.test/webapi" */
  baseUrl?: string;
  /** Virtual time per real time. @default 0: time moves only by `clock.advance` */
  speed?: number;
}

export interface SandboxHandlers extends SandboxControls {
  /** The MSW handlers: pass them to `setupServer` (msw/node) or `server.use`. */
  handlers: HttpHandler[];
  /** The API root the handlers answer under. */
  baseUrl: string;
}

/**
 * The sandbox's state machine as MSW 2.x handlers: the same answers as `startSandbox`'s server.
 * @throws {Error} when msw is not installed; {FixtureError} when the fixture is not valid.
 */
export function createSandboxHandlers(options: SandboxHandlersOptions = {}): SandboxHandlers {
  if (!msw) throw new Error("createSandboxHandlers needs msw 2: npm install --save-dev msw@2.15.0");
  const baseUrl = (options.baseUrl ?? "http://alteryx-sandbox.test/webapi").replace(/\/+$/, "");
  const root = new URL(baseUrl).pathname.replace(/\/+$/, "");
  // In-process there is no connection to hold open, so latency needs no cut-short on stop.
  const sandbox = createSandbox(
    { ...options, speed: options.speed ?? 0 },
    (ms) => new Promise((r) => setTimeout(r, ms)),
  );
  const handler = msw.http.all(`${baseUrl}/*`, async ({ request }) => {
    const url = new URL(request.url);
    let answer: SandboxResponse;
    // As the HTTP face answers a failure: a thrown handler would have MSW log its stack.
    try {
      answer = await sandbox.api.handle({
        method: request.method,
        path: url.pathname.slice(root.length),
        query: url.searchParams,
        headers: request.headers,
        body: await readBody(request.body as AsyncIterable<Uint8Array> | null),
      });
    } catch (error) {
      answer = failure(error);
    }
    return new Response(answer.body as BodyInit, { status: answer.status, headers: answer.headers });
  });
  const { clock, setFaults, users, workflows } = sandbox;
  return { handlers: [handler], baseUrl, clock, setFaults, users, workflows };
}
