// `alteryx-jobs/raw`: openapi-fetch, typed from the spec, for the calls the wrappers do not cover.
// It sends through the given client's transport (token, timeouts, retries, typed errors). It is
// an entry of its own so that the main one does not ship openapi-fetch's client to everyone.
/** @module alteryx-jobs/raw */
import createClient, { type Client } from "openapi-fetch";
import { operationRules } from "../generated/client-values.js";
import type { paths } from "../generated/openapi.js";
import { bodyCheckOf } from "./call.js";
import { connectionOf, type JobsClient } from "./client.js";
import { createRouter } from "./core/routes.js";
import { createExplainer } from "./explain.js";

/** The spec's value lists (enums such as `Priority.enum`), for callers that offer choices. */
export * as schemaValues from "../generated/schema-values.js";

/** openapi-fetch's client, typed by the spec's paths. */
export type RawClient = Client<paths>;

/** Which operation a request is, by the spec's method and path templates. */
const operationOf = createRouter(operationRules);

/**
 * The openapi-fetch client over `client`'s connection. A success body is checked by the same
 * generated rule as the wrappers' (for every operation of the spec, those added later included):
 * a body of the wrong shape throws UnexpectedResponseError, and a value outside the spec's lists
 * is passed on with one warning, as the wrappers do.
 * @throws {TypeError} when `client` was not made by createJobsClient.
 */
export function createRawClient(client: JobsClient): RawClient {
  const { baseUrl, transport } = connectionOf(client);
  const root = new URL(baseUrl).pathname.replace(/\/$/, "");
  const explainOf = createExplainer(baseUrl);
  // A fetch for openapi-fetch: the request goes through the transport, and the response carries
  // the checked body (its stream was read once by the transport).
  const fetch = async (request: Request) => {
    const headers = Object.fromEntries(request.headers);
    const body = request.body ? await request.text() : undefined;
    const { pathname } = new URL(request.url);
    const route = pathname.startsWith(root) ? operationOf(request.method, pathname.slice(root.length)) : undefined;
    const { response, text } = await transport.send(request.url, {
      method: request.method,
      headers,
      body,
      signal: request.signal,
      check: route && bodyCheckOf(route.operationId),
      explain: route && explainOf(route.operationId),
    });
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return createClient<paths>({ baseUrl, fetch });
}

/**
 * The former name of {@link createRawClient}.
 * @deprecated Use `createRawClient`; this name goes in the next major version.
 */
export const rawClient = createRawClient;
