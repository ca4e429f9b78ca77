// File names from the server, made safe to create inside a chosen folder on any common system:
// one name (no folder part), no `..`, no control or invisible formatting characters, none of the
// characters or device names Windows refuses, and short enough for any file system.

/** Bytes of UTF-8 a name may take: under the usual 255, leaving room for a " (n)" copy number. */
export const MAX_NAME_BYTES = 200;
const COPY_ROOM = " (1000)".length;
const NAME_WHEN_EMPTY = "output";

// Controls, invisible formatting (bidirectional overrides among them), line and paragraph
// separators, halves of a surrogate pair (which the file system would store as U+FFFD, so that the
// path returned would not be the file's), and what Windows refuses.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}<>:"|?*]/gu;
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/**
 * A safe name for a file called `serverName`, with `extension` (no dot) in place of its own when
 * given. Never empty, never a path, never `.` or `..`.
 */
export function safeFileName(serverName: string, extension?: string): string {
  const last = serverName.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const name = trimDots(last.replace(UNSAFE, "_"));
  const dot = name.lastIndexOf(".");
  let stem = trimDots(dot > 0 ? name.slice(0, dot) : name);
  const own = dot > 0 ? name.slice(dot + 1) : "";
  const ext = isExtension(extension ?? own) ? (extension ?? own) : "";
  if (stem === "") stem = NAME_WHEN_EMPTY;
  if (WINDOWS_DEVICES.test(stem.split(".")[0] ?? "")) stem = `_${stem}`;
  stem = trimDots(truncate(stem, MAX_NAME_BYTES - COPY_ROOM - byteLength(ext) - 1)) || NAME_WHEN_EMPTY;
  return ext ? `${stem}.${ext}` : stem;
}

/**
 * `safeFileName` of `serverName` with every secret `redact` knows masked, before and after the
 * name is made safe: a secret can be in the name, or be made by the replacements themselves.
 */
export function maskedFileName(
  serverName: string,
  extension: string | undefined,
  redact: (text: string) => string,
): string {
  const name = safeFileName(redact(serverName), extension);
  const masked = redact(name);
  return masked === name ? name : safeFileName(masked, extension);
}

/** The n-th candidate for `name`: `name` itself, then `stem (2).ext`, `stem (3).ext`, … */
export function numbered(name: string, n: number): string {
  if (n === 1) return name;
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}

/** Whether `text` (without a dot) can be a file's extension: letters and digits only, 1 to 16 of them. */
export function isExtension(text: string): boolean {
  return /^[\p{L}\p{N}]{1,16}$/u.test(text);
}

/** The name's extension without its dot; "" when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1) : "";
}

/** Leading dots would hide the file or make `..`; trailing dots and spaces are dropped by Windows. */
function trimDots(text: string): string {
  return text.replace(/^[.\s]+|[.\s]+$/gu, "");
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** The longest start of `text` within `bytes` of UTF-8, never splitting a character. */
function truncate(text: string, bytes: number): string {
  if (byteLength(text) <= bytes) return text;
  let out = "";
  let used = 0;
  for (const character of text) {
    used += byteLength(character);
    if (used > bytes) break;
    out += character;
  }
  return out;
}
