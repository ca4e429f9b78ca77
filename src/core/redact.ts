// The one place secrets are masked. Every text the client shows (error message, quoted body,
// request id, cause, log line) goes through a client's redactor, and the command uses the same
// one. A secret is masked in each form a server or the platform may echo it: as is, URL- and
// form-encoded, JSON-escaped (the Basic value is remembered as a secret of its own).

/** Masks every secret the client holds or held recently; `remember` adds one. */
export interface Redactor {
  (text: string): string;
  /** Adds a secret; `pinned` ones (the client secret, a fixed token) are never forgotten. */
  remember(secret: string, pinned?: boolean): void;
}

/** How many recent tokens stay masked after they were replaced: enough, and bounded. */
export const REMEMBERED_TOKENS = 16;
const MASK = "[redacted]";
/** Shorter values are not secrets worth masking: masking them would garble every text. */
const SHORTEST_SECRET = 4;

export function createRedactor(): Redactor {
  const pinned = new Map<string, string[]>();
  const recent = new Map<string, string[]>();
  const redact = ((text: string) => {
    let out = text;
    for (const known of [pinned, recent])
      for (const forms of known.values()) for (const form of forms) out = out.replaceAll(form, MASK);
    return out;
  }) as Redactor;
  redact.remember = (secret, keep) => {
    // A secret already known keeps its forms: remembering the token in use on every call is cheap.
    if (secret.length < SHORTEST_SECRET || pinned.has(secret)) return;
    const forms = recent.get(secret) ?? formsOf(secret);
    recent.delete(secret);
    if (keep) return void pinned.set(secret, forms);
    recent.set(secret, forms);
    if (recent.size > REMEMBERED_TOKENS) recent.delete(recent.keys().next().value as string);
  };
  return redact;
}

/** `secret` as is, URL-encoded, form-encoded and JSON-escaped; longest first. */
function formsOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = [secret, encodeURIComponent(secret), formEncode(secret), json, json.replaceAll("/", "\\/")];
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** application/x-www-form-urlencoded, as a form body and RFC 6749's Basic credentials use it. */
export function formEncode(text: string): string {
  return new URLSearchParams({ _: text }).toString().slice(2);
}

/**
 * A copy of an error (and its causes) safe to show: message, stack and code masked. The original,
 * which may quote a header value, is dropped.
 */
export function redactError(error: unknown, redact: (text: string) => string, depth = 0): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const cause = depth < 3 && original.cause !== undefined ? redactError(original.cause, redact, depth + 1) : undefined;
  const copy = new Error(redact(original.message), cause && { cause });
  copy.name = original.name;
  copy.stack = redact(original.stack ?? "");
  const { code } = original as { code?: unknown };
  if (typeof code === "string") Object.assign(copy, { code });
  return copy;
}
