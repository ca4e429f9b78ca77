// Reads the OpenAPI document and resolves its internal references, for the scripts and tests
// that need plain values out of it (parameter rules, documented messages, operation lists).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

import { type JsonObject, type JsonValue, listOperations } from "../../src/conformance/document.js";

export {
  dereference,
  HTTP_METHODS,
  type JsonObject,
  type JsonValue,
  listOperations,
  lookUp,
  type Operation,
  pointerKeys,
  pointerOf,
} from "../../src/conformance/document.js";

export const specPath = fileURLToPath(new URL("../../spec/openapi.yaml", import.meta.url));

export function readSpec(path = specPath): JsonObject {
  return parse(readFileSync(path, "utf8")) as JsonObject;
}

/**
 * The value a parameter's samples use: its own `example`, else its schema's first example, its
 * default or its first enum value; undefined when the spec gives none.
 */
export function parameterExample(parameter: JsonObject): JsonValue | undefined {
  if (parameter.example !== undefined) return parameter.example;
  const schema = (parameter.schema ?? {}) as JsonObject;
  const examples = (schema.examples ?? []) as JsonValue[];
  if (examples[0] !== undefined) return examples[0];
  if (schema.default !== undefined) return schema.default;
  return Array.isArray(schema.enum) ? schema.enum[0] : undefined;
}

/** The JSON media object (schema, examples) of an operation's response, if it has one. */
export function responseJson(doc: JsonObject, operationId: string, status: number | string): JsonObject | undefined {
  const op = listOperations(doc).find((o) => o.operationId === operationId);
  const response = ((op?.node.responses ?? {}) as JsonObject)[String(status)] as JsonObject | undefined;
  return ((response?.content ?? {}) as JsonObject)["application/json"] as JsonObject | undefined;
}

/** The named examples (name → value) of an operation's JSON response, in the spec's order. */
export function responseExamples(
  doc: JsonObject,
  operationId: string,
  status: number | string,
): Record<string, JsonValue> {
  const examples = (responseJson(doc, operationId, status)?.examples ?? {}) as JsonObject;
  return Object.fromEntries(
    Object.entries(examples).map(([name, example]) => [name, (example as JsonObject).value as JsonValue]),
  );
}
