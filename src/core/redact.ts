// The one place secrets are masked. Every text the client shows (error message, quoted body,
// request id, cause, log line) goes through a client's redactor, and the command uses the same
// one. A secret is masked in each form a server or the platform may echo it: each character as
// itself, percent-encoded, JSON-escaped or as an HTML character reference, in any mix, even with
// a line broken inside it, and in base64 (the Basic value is remembered as a secret of its own).

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
/** The fewest base64 characters masked as a secret's: fewer could match text that is not it. */
const SHORTEST_BASE64 = 8;

export function createRedactor(): Redactor {
  const pinned = new Map<string, string>();
  const recent = new Map<string, string>();
  // One pattern for all secrets, rebuilt when one is added: a single pass over each text.
  let all: RegExp | undefined;
  const redact = ((text: string) => (all ? text.replace(all, MASK) : text)) as Redactor;
  redact.remember = (secret, keep) => {
    // A secret already known keeps its pattern: remembering the token in use on every call is cheap.
    if (secret.length < SHORTEST_SECRET || pinned.has(secret)) return;
    const known = recent.get(secret);
    const pattern = known ?? [secret, ...base64Forms(secret)].map(patternOf).join("|");
    recent.delete(secret);
    if (keep) pinned.set(secret, pattern);
    else {
      recent.set(secret, pattern);
      if (recent.size > REMEMBERED_TOKENS) recent.delete(recent.keys().next().value as string);
      else if (known !== undefined) return;
    }
    all = new RegExp([...pinned.values(), ...recent.values()].join("|"), "g");
  };
  return redact;
}

const ENTITIES: Record<string, string> = { '"': "quot", "&": "amp", "<": "lt", ">": "gt", "'": "apos" };
/** Hex digits of `code` as a pattern that takes either case: 2f → 2[fF]. */
const hex = (code: number, width = 0) =>
  code
    .toString(16)
    .padStart(width, "0")
    .replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);

/**
 * `secret` written with each character as itself, percent-encoded (`%2F`, `%2f`, `+` for a
 * space), JSON-escaped (`\"`, `\/`, `\u002B` as .NET writes it) or as an HTML character
 * reference (`&#43;`, `&#x2B;`, `&quot;`), in any mix, with whitespace allowed between characters
 * (a wrapped line). Letters and digits are left as they are: no encoding changes them, and a
 * pattern of mostly plain characters is quick to search for in a large text.
 */
function patternOf(secret: string): string {
  const characters = [...secret].map((char) => {
    if (/^[a-z\d]$/i.test(char)) return char;
    const code = char.codePointAt(0) as number;
    const forms = [
      char.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&"),
      [...new TextEncoder().encode(char)].map((byte) => `%${hex(byte, 2)}`).join(""),
      [...Array(char.length).keys()].map((i) => `\\\\u${hex(char.charCodeAt(i), 4)}`).join(""),
      `&#0*${code};`,
      `&#[xX]0*${hex(code)};`,
      ...(ENTITIES[char] ? [`&${ENTITIES[char]};`] : []),
      ...(char === '"' || char === "\\" || char === "/" ? [`\\\\\\${char}`] : []),
      ...(char === " " ? ["\\+"] : []),
    ];
    return `(?:${forms.join("|")})`;
  });
  return characters.join("\\s*");
}

/**
 * The characters that `secret`'s UTF-8 bytes alone decide when base64 (either alphabet) encodes
 * it at each of the three alignments a longer value can give it (inside `id:secret`, a JSON
 * document, a cookie); the characters at its edges also depend on the bytes around it.
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    let binary = "\0".repeat(shift);
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const encoded = btoa(binary);
    const core = encoded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + bytes.length) * 8) / 6));
    if (core.length >= SHORTEST_BASE64) forms.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...new Set(forms)];
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
