// The one path every wrapper takes: check the arguments against the spec, build the URL with
// openapi-fetch's own serializers, send it through the transport, and return the parsed body.
// The operation's method and path come from the spec (generated/spec-values.ts).
import { createFinalURL, createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import type { operations } from "../generated/openapi.js";
import { operations as rules } from "../generated/spec-values.js";
import { checkParameters, type OperationId } from "./core/params.js";
import type { Transport } from "./core/transport.js";

export interface CallOptions {
  /** Cancels the call; the error is an AbortError. */
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
}

export type Call = <Op extends OperationId>(
  operationId: Op,
  init?: CallInit,
) => Promise<{ data: Success<Op>; response: Response }>;

export function createCall(transport: Pick<Transport, "send">, baseUrl: string): Call {
  // The serializer openapi-fetch's own client uses, so `raw` and the wrappers send the same query.
  const querySerializer = createQuerySerializer();
  return async (operationId, { path, query, body, contentType, headers, signal } = {}) => {
    const params = { path, query: query && defined(query) };
    checkParameters(operationId, params);
    const { method, path: template } = rules[operationId];
    const url = createFinalURL(template, { baseUrl, params, querySerializer, pathSerializer: defaultPathSerializer });
    const text = body === undefined || typeof body === "string" ? body : JSON.stringify(body);
    const outgoing = {
      method,
      headers: {
        accept: "application/json",
        ...(text === undefined ? {} : { "content-type": contentType ?? "application/json" }),
        ...headers,
      },
      body: text,
      signal,
    };
    const { body: data, response } = await transport.send(url, outgoing);
    return { data: data as Success<typeof operationId>, response };
  };
}

/** Drops undefined entries, so that only what the caller set is checked and sent. */
export function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
