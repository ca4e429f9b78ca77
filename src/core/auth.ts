// Where the bearer token comes from: a fixed token, a function of the caller's, or OAuth2 client
// credentials exchanged for a token that is cached, shared by concurrent calls and renewed
// shortly before it expires or once after a 401.
import type { TokenResponse } from "../../generated/openapi.js";

export type AuthOptions =
  | { token: string }
  | {
      clientId: string;
      clientSecret: string;
      /** How the key and secret reach the token endpoint: a Basic header (default) or the form body. */
      clientAuthentication?: "basic" | "body";
    }
  | (() => string | Promise<string>);

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  clientAuthentication: "basic" | "body";
}

export interface Auth {
  /** The token to send now. */
  token(): Promise<string>;
  /** Forget `used` after the server refused it; false when there is nothing to renew. */
  renew(used: string): boolean;
  /** Every secret value that must never be shown: token, client secret. */
  secrets(): string[];
}

/** Renew this long before `expires_in` runs out, or a tenth of the lifetime for short-lived tokens. */
const EARLY_RENEWAL_MS = 60_000;

export function createAuth(
  options: AuthOptions,
  requestToken: (credentials: ClientCredentials) => Promise<TokenResponse>,
  now: () => number = Date.now,
): Auth {
  if (typeof options === "function") return callerAuth(options);
  if ("token" in options) {
    const { token } = options;
    return { token: async () => token, renew: () => false, secrets: () => [token] };
  }
  const credentials: ClientCredentials = {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    clientAuthentication: options.clientAuthentication ?? "basic",
  };
  let cached: { token: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const started = now();
    const answer = await requestToken(credentials);
    const lifetimeMs = (answer.expires_in ?? Number.POSITIVE_INFINITY) * 1000;
    const margin = Math.min(EARLY_RENEWAL_MS, lifetimeMs / 10);
    cached = { token: answer.access_token, renewAt: started + lifetimeMs - margin };
    return answer.access_token;
  }

  return {
    async token() {
      if (cached && now() < cached.renewAt) return cached.token;
      // One token request at a time: concurrent calls share it.
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    renew(used) {
      if (cached?.token === used) cached = undefined;
      return true;
    },
    secrets: () => [credentials.clientSecret, ...(cached ? [cached.token] : [])],
  };
}

/** How many of a token function's recent tokens are kept to be masked: enough, and bounded. */
const REMEMBERED_TOKENS = 16;

function callerAuth(provide: () => string | Promise<string>): Auth {
  const seen = new Set<string>();
  return {
    async token() {
      const token = await provide();
      seen.delete(token);
      seen.add(token);
      if (seen.size > REMEMBERED_TOKENS) seen.delete(seen.values().next().value as string);
      return token;
    },
    renew: () => true,
    secrets: () => [...seen],
  };
}
