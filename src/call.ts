// The one path every wrapper takes: check the arguments against the spec, build the URL, send it
// through the transport with the operation's body check, and return the parsed body. The
// operation's method, path, parameter rules and response rule all come from the spec (generated/).
import { responses, shapes } from "../generated/body-rules.js";
import { type OperationId, operationRules } from "../generated/client-values.js";
import type { operations } from "../generated/openapi.js";
import { type BodyRule, compileBody } from "./core/body-check.js";
import { memo } from "./core/memo.js";
import { checkParameters } from "./core/params.js";
import type { Outgoing, Transport } from "./core/transport.js";
import { createExplainer } from "./explain.js";

export interface CallOptions {
  /** Cancels the call, the token request included; the error is an AbortError. */
  signal?: AbortSignal | undefined;
}

/** The JSON body of an operation's 200 response, from the generated types. */
export type Success<Op extends OperationId> = operations[Op]["responses"] extends {
  200: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

export interface CallInit extends CallOptions {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  /** A JSON body, or text already serialized with `contentType`. */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  deadline?: Outgoing["deadline"];
}

export type Call = <Op extends OperationId>(
  operationId: Op,
  init?: CallInit,
) => Promise<{ data: Success<Op>; response: Response }>;

/** What every call without a body sends: one object for all, copied once by the transport. */
const ACCEPT_JSON = { accept: "application/json" };

/**
 * The check of `operationId`'s success body by its generated rule, or undefined for an operation
 * with no JSON success body; made at its first use rather than per call (checks are pure). The
 * wrappers and `alteryx-jobs/raw` both check by it.
 */
export const bodyCheckOf = memo((operationId: OperationId): Outgoing["check"] => {
  const rule = (responses as Record<string, BodyRule>)[operationId];
  return rule === undefined ? undefined : compileBody(rule, shapes);
});

export function createCall(transport: Transport, baseUrl: string): Call {
  const explainOf = createExplainer(baseUrl);
  return async (operationId, init = {}) => {
    const { url, outgoing } = request(operationId, init, baseUrl);
    outgoing.check = bodyCheckOf(operationId);
    outgoing.explain = explainOf(operationId);
    const { body: data, response } = await transport.send(url, outgoing);
    return { data: data as Success<typeof operationId>, response };
  };
}

/** As a Call, for an operation whose success is a file: the response, as soon as its headers arrive, its body unread. */
export type StreamCall = (operationId: OperationId, init?: CallInit) => Promise<Response>;

export function createStreamCall(transport: Transport, baseUrl: string): StreamCall {
  const explainOf = createExplainer(baseUrl);
  return (operationId, init = {}) => {
    const { url, outgoing } = request(operationId, init, baseUrl);
    outgoing.explain = explainOf(operationId);
    return transport.send(url, outgoing, { read: "stream" });
  };
}

/** The checked arguments as a URL and what the transport sends. */
function request(
  operationId: OperationId,
  { path, query, body, contentType, headers, signal, deadline }: CallInit,
  baseUrl: string,
): { url: string; outgoing: Outgoing } {
  const params = { path, query: query && defined(query) };
  checkParameters(operationId, params);
  const { method, path: template } = operationRules[operationId];
  const text = body === undefined || typeof body === "string" ? body : JSON.stringify(body);
  const outgoing: Outgoing = {
    method,
    headers:
      text === undefined && headers === undefined
        ? ACCEPT_JSON
        : {
            ...ACCEPT_JSON,
            ...(text === undefined ? {} : { "content-type": contentType ?? "application/json" }),
            ...headers,
          },
    body: text,
    signal,
    deadline,
  };
  return { url: urlOf(baseUrl, template, params), outgoing };
}

/**
 * The URL as openapi-fetch's default serializers write it (`alteryx-jobs/raw` sends the same):
 * path values and query values percent-encoded, arrays as repeated parameters (form, explode).
 */
export function urlOf(
  baseUrl: string,
  template: string,
  {
    path = {},
    query = {},
  }: { path?: Record<string, unknown> | undefined; query?: Record<string, unknown> | undefined },
): string {
  let search = "";
  for (const name of Object.keys(query)) {
    const value = query[name];
    for (const item of Array.isArray(value) ? value : [value])
      search += `${search ? "&" : "?"}${name}=${encodeURIComponent(String(item))}`;
  }
  let filled = "";
  const parts = partsOf(template);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    filled += i % 2 ? encodeURIComponent(String(path[part])) : part;
  }
  return baseUrl + filled + search;
}

/** A path template split once into text and, at odd places, parameter names: `/a/{id}` → ["/a/", "id", ""]. */
const partsOf = memo((template: string) => template.split(/\{(\w+)\}/));

/** Drops undefined entries, so that only what the caller set is checked and sent. */
export function defined<T extends object>(values: T): Partial<T> {
  // No prototype: a key named "__proto__" stays an own entry (and is then refused), as with fromEntries.
  const kept = Object.create(null) as Partial<T>;
  for (const key of Object.keys(values) as (keyof T)[]) if (values[key] !== undefined) kept[key] = values[key];
  return kept;
}
