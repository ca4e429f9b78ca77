// Response bodies for tests, taken from the spec's named examples so that no shape is restated.
import { dereference, type JsonObject, type JsonValue, readSpec, responseExamples } from "../../scripts/lib/spec.js";

const doc = dereference(readSpec()) as JsonObject;

/** The value of the named example of `operationId`'s `status` response. */
export function example<T = JsonValue>(operationId: string, status: number | string, name: string): T {
  const found = responseExamples(doc, operationId, status)[name];
  if (found === undefined) throw new Error(`No example ${name} for ${operationId} ${status}`);
  return structuredClone(found) as T;
}
