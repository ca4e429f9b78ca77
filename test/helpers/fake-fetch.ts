// A fetch for unit tests: answers from a handler and records what was sent.
import type { JsonValue } from "../../scripts/lib/spec.js";

export interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export type Handler = (request: Sent, index: number) => Response | Promise<Response>;

export function fakeFetch(handler: Handler) {
  const sent: Sent[] = [];
  // Called as the global fetch is: a URL (or request) and an init.
  const fetch = async (input: string | Request, init?: RequestInit): Promise<Response> => {
    const given = new Request(input, init);
    const request = {
      method: given.method,
      url: new URL(given.url),
      headers: given.headers,
      body: await given.text(),
    };
    sent.push(request);
    return handler(request, sent.length - 1);
  };
  return { fetch, sent };
}

export function json(body: JsonValue, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

/** A fetch that never answers until its signal aborts, as a hung server does. */
export function hangingFetch() {
  // Held, as a real fetch holds a request in flight, so that nothing is collected while waiting.
  const inFlight: Request[] = [];
  let markSent = () => {};
  const sent = new Promise<void>((resolve) => {
    markSent = resolve;
  });
  const fetch = (input: string | Request, init?: RequestInit) =>
    new Promise<Response>((_, reject) => {
      const request = new Request(input, init);
      const { signal } = request;
      inFlight.push(request);
      markSent();
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
  /** `sent` resolves once the first request has gone out. */
  return { fetch, calls: () => inFlight.length, sent };
}

/** A fetch failure as undici reports it: TypeError with the system error as cause. */
export function networkError(code: string): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });
}

export const BASE_URL = "http://127.0.0.1:9/webapi";
