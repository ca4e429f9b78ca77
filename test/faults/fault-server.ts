// A server that misbehaves on purpose, on 127.0.0.1: each scenario says how it answers. It counts
// what it receives, and forgets its timers and sockets when the tests end.
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll } from "vitest";
import { useServer } from "../helpers/http-server.js";

export interface Received {
  method: string;
  path: string;
  authorization: string | undefined;
}

export type Answer = (request: IncomingMessage, response: ServerResponse, seen: Received[]) => void;

export function useFaultServer() {
  let answer: Answer = (_, response) => response.writeHead(500).end();
  let received: Received[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = useServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://fault").pathname.replace(/^\/webapi/, "");
    received.push({ method: request.method ?? "GET", path, authorization: request.headers.authorization });
    answer(request, response, received);
  });
  afterAll(() => {
    for (const timer of timers) clearTimeout(timer);
  });
  return {
    url: () => `${server.url()}/webapi`,
    /** Answers every request from now on with `next`, and starts a fresh count. */
    serve(next: Answer) {
      answer = next;
      received = [];
    },
    received: () => received,
    /** Like setTimeout, but cleared when the tests end. */
    later(ms: number, run: () => void) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, ms);
      timers.add(timer);
    },
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** Cuts the connection without an answer. */
export function reset(response: ServerResponse) {
  response.socket?.destroy();
}
