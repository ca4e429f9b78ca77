// The credentials the command was given, as the client takes them: the main ones (--token, or
// --client-id and --client-secret) and, for conform's role checks, a non-Curator's.
import type { AuthOptions } from "../index.js";
import { UsageError } from "./exit-codes.js";
import type { Values } from "./options.js";

export function authFrom(values: Values): AuthOptions {
  if (values.token) return { token: values.token };
  const clientId = values["client-id"];
  const clientSecret = values["client-secret"];
  if (clientId && clientSecret) return { clientId, clientSecret };
  throw new UsageError(
    "credentials are needed: --token (ALTERYX_TOKEN), or --client-id and --client-secret (ALTERYX_CLIENT_ID, ALTERYX_CLIENT_SECRET)",
  );
}

/** A non-Curator's credentials, when given. */
export function userAuthFrom(values: Values): AuthOptions | undefined {
  if (values["user-token"]) return { token: values["user-token"] };
  const clientId = values["user-client-id"];
  const clientSecret = values["user-client-secret"];
  return clientId && clientSecret ? { clientId, clientSecret } : undefined;
}
