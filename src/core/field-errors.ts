// The server's reasons for a 400, by field: the `modelState` of the spec's error body
// (`{ "questions[0].value": ["'Mars' is not a choice of Region"] }`), kept for the caller masked
// and bounded, since a hostile or broken server may send anything there, of any size.
import type { InvalidRequestResponseBody } from "../../generated/openapi.js";
import type { Redactor } from "./redact.js";

/** A 400's reasons: each field the server names, with its messages. */
export type FieldErrors = NonNullable<InvalidRequestResponseBody["modelState"]>;

/** The most fields kept; a server naming more is cut, with a last entry saying how many were left out. */
export const MAX_FIELDS = 50;
/** The most messages kept for one field. */
export const MAX_MESSAGES_PER_FIELD = 10;
/** The longest field name or message kept, in characters; longer ones end with `…`. */
export const MAX_REASON_LENGTH = 500;
/** The field under which a cut list says how many fields it left out. */
export const MORE_FIELDS = "…";

/**
 * The `modelState` of an error body, masked and bounded; undefined when the body has none that
 * holds a message. A field whose value is one string is read as a list of it; other values are
 * left out. The result has no prototype, so a field named `__proto__` is only a field.
 */
export function fieldErrorsOf(body: unknown, redact: Redactor): FieldErrors | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const { modelState } = body as Partial<InvalidRequestResponseBody>;
  if (modelState === null || typeof modelState !== "object" || Array.isArray(modelState)) return undefined;
  const found: FieldErrors = Object.create(null);
  let fields = 0;
  let left = 0;
  for (const [field, value] of Object.entries(modelState as Record<string, unknown>)) {
    const messages = (Array.isArray(value) ? value : [value]).filter((m): m is string => typeof m === "string");
    if (messages.length === 0) continue;
    if (fields === MAX_FIELDS) {
      left += 1;
      continue;
    }
    fields += 1;
    found[shown(field, redact)] = messages.slice(0, MAX_MESSAGES_PER_FIELD).map((m) => shown(m, redact));
  }
  if (fields === 0) return undefined;
  if (left > 0) found[MORE_FIELDS] = [`${left} more field${left === 1 ? "" : "s"} not shown`];
  return found;
}

/** Masked before it is cut: a secret cut in two would no longer be recognised. */
function shown(text: string, redact: Redactor): string {
  const masked = redact(text);
  return masked.length > MAX_REASON_LENGTH ? `${masked.slice(0, MAX_REASON_LENGTH - 1)}…` : masked;
}
