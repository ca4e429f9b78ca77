// Response bodies for tests, taken from the spec's named examples so that no shape is restated.
import { dereference, type JsonObject, type JsonValue, listOperations, readSpec } from "../../scripts/lib/spec.js";

const operations = listOperations(dereference(readSpec()) as JsonObject);

/** The value of the named example of `operationId`'s `status` response. */
export function example<T = JsonValue>(operationId: string, status: number | string, name: string): T {
  const op = operations.find((o) => o.operationId === operationId);
  const response = ((op?.node.responses ?? {}) as JsonObject)[String(status)] as JsonObject | undefined;
  const json = ((response?.content ?? {}) as JsonObject)["application/json"] as JsonObject | undefined;
  const found = ((json?.examples ?? {}) as JsonObject)[name] as JsonObject | undefined;
  if (!found) throw new Error(`No example ${name} for ${operationId} ${status}`);
  return structuredClone(found.value) as T;
}

/** The names of the examples of `operationId`'s `status` response. */
export function exampleNames(operationId: string, status: number | string): string[] {
  const op = operations.find((o) => o.operationId === operationId);
  const response = ((op?.node.responses ?? {}) as JsonObject)[String(status)] as JsonObject;
  const json = (response.content as JsonObject)["application/json"] as JsonObject;
  return Object.keys(json.examples as JsonObject);
}
