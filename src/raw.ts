// `alteryx-jobs/raw`: openapi-fetch, typed from the spec, for the calls the wrappers do not cover.
// It sends through the given client's transport (token, timeouts, retries, typed errors). It is
// an entry of its own so that the main one does not ship openapi-fetch's client to everyone.
/** @module alteryx-jobs/raw */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { connectionOf, type JobsClient } from "./client.js";

/** The spec's value lists (enums such as `Priority.enum`), for callers that offer choices. */
export { schemaValues } from "../generated/spec-values.js";

/** openapi-fetch's client, typed by the spec's paths. */
export type RawClient = Client<paths>;

/** The openapi-fetch client over `client`'s connection. */
export function createRawClient(client: JobsClient): RawClient {
  const { baseUrl, transport } = connectionOf(client);
  // A fetch for openapi-fetch: the request goes through the transport, and the response carries
  // the checked body (its stream was read once by the transport).
  const fetch = async (request: Request) => {
    const headers = Object.fromEntries(request.headers);
    const body = request.body ? await request.text() : undefined;
    const { response, text } = await transport.send(request.url, {
      method: request.method,
      headers,
      body,
      signal: request.signal,
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
