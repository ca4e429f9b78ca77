// What the command prints under an error's own line: the reasons a refused request came back
// with, one line per message of each field the server named (server text: escaped as it is printed).
import { BadRequestError } from "../index.js";

/** `  field: message` lines for a BadRequestError's fieldErrors; none for any other error. */
export function reasonLines(error: unknown): string[] {
  if (!(error instanceof BadRequestError)) return [];
  return Object.entries(error.fieldErrors).flatMap(([field, messages]) =>
    messages.map((message) => `  ${field}: ${message}`),
  );
}
