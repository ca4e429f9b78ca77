// The file name in a Content-Disposition header, read by a parser that follows RFC 6266 and
// RFC 8187 (quoted strings with escapes and semicolons, `filename*` in UTF-8 or ISO-8859-1 with a
// language, parameters whose names merely end in "filename"), rather than by a pattern.
import { parse } from "content-disposition";

/**
 * The file name a Content-Disposition header gives, as the server sent it (not made safe):
 * `filename*` when it decodes, else `filename`.
 * @returns `undefined` when there is no header, no file name in it, or the header cannot be parsed.
 */
export function dispositionFileName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return parse(header).parameters.filename || undefined;
  } catch {
    // A header the parser refuses names no file.
    return undefined;
  }
}
