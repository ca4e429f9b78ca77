// Where the bearer token comes from: a fixed token, a function of the caller's, or OAuth2 client
// credentials exchanged for a token that is cached, shared by concurrent calls and renewed
// shortly before it expires or once after a 401. Every token is checked before it goes in a
// header, and remembered by the redactor so that no echo of it shows.
import type { TokenResponse } from "../../generated/openapi.js";
import { AbortError, AlteryxError, AuthenticationError, reclass } from "./errors.js";
import { formEncode, type Redactor, redactError } from "./redact.js";
import type { Clock, Logger } from "./runtime.js";

export type AuthOptions =
  | { token: string }
  /**
   * The API access key and secret, exchanged for tokens that are shared and renewed before their
   * `expires_in` (a number, or a numeric string such as `"3600"`). A token whose lifetime is
   * missing or unreadable is kept until the server refuses it, with one logger warning per token.
   */
  | {
      clientId: string;
      clientSecret: string;
      /**
       * How the key and secret reach the token endpoint: a Basic header, or the form body.
       * Either way they are form-encoded first (RFC 6749 §2.3.1), so any character works.
       * @default "basic"
       */
      clientAuthentication?: "basic" | "body";
    }
  | (() => string | Promise<string>);

export interface Auth {
  /** The token to send now; rejects with the signal's reason when it aborts first. */
  token(signal?: AbortSignal): Promise<string>;
  /** Forget `used` after the server refused it; false when there is nothing to renew. */
  renew(used: string): boolean;
}

/** Sends the token request (a form body, maybe a Basic header) and resolves with its checked body. */
export type TokenRequest = (
  init: { body: string; headers: Record<string, string> },
  signal: AbortSignal,
) => Promise<TokenResponse>;

/** Renew this long before `expires_in` runs out, or a tenth of the lifetime for short-lived tokens. */
const EARLY_RENEWAL_MS = 60_000;
/** What a header value may hold: visible ASCII, as a bearer token is. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

export function createAuth(
  options: AuthOptions,
  requestToken: TokenRequest,
  { clock, redact, logger }: { clock: Clock; redact: Redactor; logger?: Logger | undefined },
): Auth {
  if (typeof options === "function") {
    return {
      async token() {
        let token: string;
        try {
          token = await options();
        } catch (cause) {
          throw new AuthenticationError("The token function failed", { cause: redactError(cause, redact) });
        }
        return usable(token, "The token function returned", redact);
      },
      renew: () => true,
    };
  }
  if ("token" in options) {
    redact.remember(options.token, true);
    return { token: async () => usable(options.token, "The token option is", redact), renew: () => false };
  }

  const { clientId, clientSecret, clientAuthentication = "basic" } = options;
  redact.remember(clientSecret, true);
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  const headers: Record<string, string> = {};
  if (clientAuthentication === "body") {
    form.set("client_id", clientId);
    form.set("client_secret", clientSecret);
  } else {
    const basic = btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`);
    redact.remember(basic, true);
    headers.authorization = `Basic ${basic}`;
  }
  const body = form.toString();

  let cached: { token: string; renewAt: number } | undefined;
  let shared: { promise: Promise<string>; waiting: number; controller: AbortController } | undefined;

  async function fetchToken(signal: AbortSignal): Promise<string> {
    const started = clock.now();
    let answer: TokenResponse;
    try {
      answer = await requestToken({ body, headers }, signal);
    } catch (error) {
      if (error instanceof AbortError || !(error instanceof AlteryxError)) throw error;
      const { status } = error as AlteryxError & { status?: number };
      const refused = status !== undefined && status >= 300 && status < 500;
      throw reclass(
        error,
        AuthenticationError,
        `The token request ${refused ? "was refused" : "failed"}: ${error.message}`,
      );
    }
    const type = answer.token_type;
    if (type !== undefined && type.toLowerCase() !== "bearer") {
      throw new AuthenticationError(`The token response has token_type ${JSON.stringify(type)}; only bearer works`);
    }
    const token = usable(answer.access_token, "The token response's access_token is", redact);
    // A lifetime it cannot read never costs the token: it is kept until the server refuses it
    // (then renewed, as after any 401), with one warning for this token. Zero or less: used once, not kept.
    const seconds = secondsOf(answer.expires_in);
    if (seconds === undefined) logger?.warn?.(`${unknownLifetime(answer.expires_in)}: ${KEPT_UNTIL_REFUSED}`);
    const lifetimeMs = (seconds ?? Infinity) * 1000;
    cached = { token, renewAt: started + lifetimeMs - Math.min(EARLY_RENEWAL_MS, Math.max(lifetimeMs, 0) / 10) };
    return token;
  }

  return {
    token(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (cached && clock.now() < cached.renewAt) return Promise.resolve(cached.token);
      // One token request at a time, shared by concurrent calls; it is aborted only when every
      // call waiting for it is.
      if (!shared) {
        const controller = new AbortController();
        const current = {
          controller,
          waiting: 0,
          promise: fetchToken(controller.signal).finally(() => {
            if (shared === current) shared = undefined;
          }),
        };
        shared = current;
      }
      const current = shared;
      current.waiting += 1;
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          reject(signal?.reason);
          current.waiting -= 1;
          if (current.waiting > 0) return;
          if (shared === current) shared = undefined;
          current.controller.abort(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        current.promise.finally(() => signal?.removeEventListener("abort", onAbort)).then(resolve, reject);
      });
    },
    renew(used) {
      if (cached?.token === used) cached = undefined;
      return true;
    },
  };
}

const KEPT_UNTIL_REFUSED = "the token is used and kept until the server refuses it";
/** A decimal number, as servers that write `expires_in` as a string write it ("3600", " 3600 ", "3600.0"). */
const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/;

/** `expires_in` as seconds: a number, or a string that is one; undefined for anything else (unknown). */
function secondsOf(expiresIn: unknown): number | undefined {
  if (typeof expiresIn === "number") return Number.isNaN(expiresIn) ? undefined : expiresIn;
  if (typeof expiresIn === "string" && NUMERIC.test(expiresIn)) return Number(expiresIn);
  return undefined;
}

/** What the warning says of a lifetime it cannot read: its absence, or the start of the value. */
function unknownLifetime(expiresIn: unknown): string {
  if (expiresIn === undefined) return "The token response has no expires_in";
  const shown = JSON.stringify(expiresIn) ?? String(expiresIn);
  return `The token response's expires_in ${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown} is not a number of seconds`;
}

/** `token` when it can go in a header, remembered to be masked; an AuthenticationError (not quoting it) otherwise. */
function usable(token: unknown, what: string, redact: Redactor): string {
  if (typeof token !== "string" || !HEADER_SAFE.test(token)) {
    if (typeof token === "string") redact.remember(token);
    throw new AuthenticationError(`${what} not a token that can be sent in a header (empty, or not visible ASCII)`);
  }
  redact.remember(token);
  return token;
}
