// `alteryx-jobs/raw`: openapi-fetch, typed from the spec, for the calls the wrappers do not cover.
// It sends through the given client's transport (token, timeouts, retries, typed errors). It is
// an entry of its own so that the main one does not ship openapi-fetch's client to everyone.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.js";
import { connectionOf, type JobsClient } from "./client.js";

export type RawClient = Client<paths>;

/** The openapi-fetch client over `client`'s connection. */
export function rawClient(client: JobsClient): RawClient {
  const { baseUrl, transport } = connectionOf(client);
  return createClient<paths>({ baseUrl, fetch: (request: Request) => transport.fetch(request) });
}
