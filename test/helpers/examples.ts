// Response bodies for tests, taken from the spec's named examples so that no shape is restated.
import {
  dereference,
  type JsonObject,
  type JsonValue,
  listOperations,
  readSpec,
  responseExamples,
} from "../../scripts/lib/spec.js";

const doc = dereference(readSpec()) as JsonObject;

/** The value of the named example of `operationId`'s `status` response. */
export function example<T = JsonValue>(operationId: string, status: number | string, name: string): T {
  const found = responseExamples(doc, operationId, status)[name];
  if (found === undefined) throw new Error(`No example ${name} for ${operationId} ${status}`);
  return structuredClone(found) as T;
}

/** The named example of a response that is not JSON (a file), as the bytes the mock serves. */
export function fileExample(operationId: string, status: number | string, mediaType: string, name: string): Uint8Array {
  const op = listOperations(doc).find((o) => o.operationId === operationId);
  const response = ((op?.node.responses ?? {}) as JsonObject)[String(status)] as JsonObject | undefined;
  const content = ((response?.content ?? {}) as JsonObject)[mediaType] as JsonObject | undefined;
  const value = (((content?.examples ?? {}) as JsonObject)[name] as JsonObject | undefined)?.value;
  if (typeof value !== "string") throw new Error(`No ${mediaType} example ${name} for ${operationId} ${status}`);
  return new TextEncoder().encode(value);
}

/** The example of a response header, as the mock sends it. */
export function headerExample(operationId: string, status: number | string, header: string): string {
  const op = listOperations(doc).find((o) => o.operationId === operationId);
  const response = ((op?.node.responses ?? {}) as JsonObject)[String(status)] as JsonObject | undefined;
  const value = (((response?.headers ?? {}) as JsonObject)[header] as JsonObject | undefined)?.example;
  if (typeof value !== "string") throw new Error(`No example of ${header} for ${operationId} ${status}`);
  return value;
}
