// Every request of a run goes through one recording fetch: it counts requests against the plan's
// bound, refuses anything but a read (and the token request) unless writes are allowed, names the
// operation each request is by the spec's method and path, and keeps what the claims are judged
// on: the status, the few headers that matter, and the body (JSON parsed, read up to a limit).
// Which step of the plan sent a request is carried by AsyncLocalStorage, so that concurrent steps
// each find their own exchanges without touching the client.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Fetch, Redactor } from "../index.js";
import type { Evidence } from "./report.js";
import type { Spec } from "./spec.js";

/** One request and what came back. */
export interface Exchange {
  /** The step of the plan that sent it. */
  step: string;
  /** The spec's operationId, `requestToken` for the token endpoint; undefined for a path the spec lacks. */
  operationId: string | undefined;
  method: string;
  /** Path and query below the base URL. */
  path: string;
  status?: number;
  contentType?: string;
  contentLength?: string;
  contentDisposition?: string;
  /** The body parsed as JSON; undefined when it is not JSON or was not read (a download). */
  json?: unknown;
  /** The start of the body as text, unmasked: masked when it becomes evidence. */
  text?: string;
  /** Why no answer came. */
  error?: string;
}

/** How much of a body is read into memory; a download's body is read by the step that asked for it. */
export const MAX_RECORDED_BYTES = 1024 * 1024;
/** How much of a body evidence quotes. */
export const EVIDENCE_CHARS = 200;

export class RequestBudgetError extends Error {
  override name = "RequestBudgetError";
}

export interface Recorder {
  fetch: Fetch;
  /** Runs `work` as step `step`: its requests are recorded under that name. */
  step<T>(step: string, work: () => Promise<T>): Promise<T>;
  /** The exchanges of a step, in the order they were sent. */
  of(step: string): Exchange[];
  all(): readonly Exchange[];
  /** Requests sent so far. */
  readonly count: number;
  /** An exchange as evidence: never a header value that could carry a secret, the body masked and cut. */
  evidence(exchange: Exchange): Evidence;
}

export function createRecorder(options: {
  baseUrl: string;
  spec: Spec;
  fetch: Fetch;
  redact: Redactor;
  maxRequests: number;
  allowWrites: boolean;
  /** Called before each request leaves, with its method and path. */
  onRequest?: (method: string, path: string) => void;
}): Recorder {
  const { spec, redact, maxRequests, allowWrites } = options;
  const base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  const storage = new AsyncLocalStorage<string>();
  const exchanges: Exchange[] = [];
  const routes = spec.operations.map(({ operationId, method, path }) => ({
    operationId,
    method: method.toUpperCase(),
    pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "[^/]+")}$`),
  }));
  const tokenPath = spec.operation("requestToken").path;
  let count = 0;

  const relative = (url: string) => {
    const parsed = new URL(url);
    const basePath = base.pathname.replace(/\/$/, "");
    const below = parsed.pathname.startsWith(basePath) ? parsed.pathname.slice(basePath.length) : parsed.pathname;
    return { pathname: below, path: below + parsed.search };
  };

  const fetch: Fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input.url;
    const method = (init?.method ?? (typeof input === "string" ? "GET" : input.method)).toUpperCase();
    const { pathname, path } = relative(url);
    const operationId = routes.find((r) => r.method === method && r.pattern.test(pathname))?.operationId;
    if (count >= maxRequests) throw new RequestBudgetError(`The plan's bound of ${maxRequests} requests is spent`);
    // The read-only plan sends GETs and the token request, and nothing else, whatever asks.
    if (!allowWrites && method !== "GET" && pathname !== tokenPath) {
      throw new RequestBudgetError(`${method} ${pathname} is a write, and writes are not allowed`);
    }
    count += 1;
    const exchange: Exchange = { step: storage.getStore() ?? "unnamed", operationId, method, path };
    exchanges.push(exchange);
    options.onRequest?.(method, path);
    let response: Response;
    try {
      response = await options.fetch(input, init);
    } catch (error) {
      exchange.error = (error as Error).message;
      throw error;
    }
    exchange.status = response.status;
    const header = (name: string) => response.headers.get(name) ?? undefined;
    exchange.contentType = header("content-type");
    exchange.contentLength = header("content-length");
    exchange.contentDisposition = header("content-disposition");
    // A download is the step's to read; any other body is read here from a copy, up to the limit.
    if (operationId === "getJobOutput" && response.ok) return response;
    const text = await readStart(response.clone(), MAX_RECORDED_BYTES).catch(() => undefined);
    exchange.text = text;
    try {
      exchange.json = text === undefined ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: the claims say so from `text`.
    }
    if (operationId === "requestToken") rememberToken(exchange.json, redact);
    return response;
  };

  return {
    fetch,
    step: (step, work) => storage.run(step, work),
    of: (step) => exchanges.filter((e) => e.step === step),
    all: () => exchanges,
    get count() {
      return count;
    },
    evidence(exchange) {
      const bodyStart =
        exchange.operationId === "requestToken" ? tokenBodyShown(exchange.json, exchange.text) : exchange.text;
      return {
        method: exchange.method,
        path: redact(exchange.path),
        ...(exchange.status === undefined ? {} : { status: exchange.status }),
        ...(bodyStart === undefined || bodyStart === ""
          ? {}
          : { bodyStart: redact(bodyStart).slice(0, EVIDENCE_CHARS) }),
      };
    },
  };
}

/** Every token a token response carries is masked from then on, wherever it shows. */
function rememberToken(json: unknown, redact: Redactor): void {
  const token = (json as { access_token?: unknown } | undefined)?.access_token;
  if (typeof token === "string") redact.remember(token, true);
}

/** A token response as evidence: its fields, the token itself replaced, whatever it looks like. */
function tokenBodyShown(json: unknown, text: string | undefined): string | undefined {
  if (json !== null && typeof json === "object" && !Array.isArray(json)) {
    const shown = Object.fromEntries(
      Object.entries(json).map(([key, value]) => [key, key === "access_token" ? "[redacted]" : value]),
    );
    return JSON.stringify(shown);
  }
  // Not an object: nothing of it is quoted, since it may be the token itself.
  return text === undefined ? undefined : `(${text.length} characters that are not a JSON object)`;
}

/** The body's text up to `limit` bytes; the rest is cancelled. */
async function readStart(response: Response, limit: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.byteLength;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(parts).subarray(0, limit));
}
