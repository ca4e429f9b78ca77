// Text that comes from the server may carry control characters and invisible format characters:
// terminal escape sequences, bidirectional overrides that reorder what a reader sees, zero-width
// characters. Every place that shows server text (the command's output, the conformance reports)
// shows them as visible escapes, through the one function below.

// Control characters (C0, DEL, C1), line and paragraph separators, and the invisible format
// characters: bidirectional overrides, zero-width spaces and joiners, the byte order mark, tags.
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** Control characters as visible escapes: ESC → `\x1b`, U+202E → `\u202e`, U+E0041 → `\u{e0041}`. Backslashes are kept (Windows paths). */
export function escapeText(text: string): string {
  return text.replace(CONTROL, (char) => {
    const code = char.codePointAt(0) as number;
    const hex = code.toString(16);
    return code <= 0xff ? `\\x${hex.padStart(2, "0")}` : code <= 0xffff ? `\\u${hex.padStart(4, "0")}` : `\\u{${hex}}`;
  });
}
