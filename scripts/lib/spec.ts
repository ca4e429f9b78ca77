// Reads the OpenAPI document and resolves its internal references, for the scripts and tests
// that need plain values out of it (parameter rules, documented messages, operation lists).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const specPath = fileURLToPath(new URL("../../spec/openapi.yaml", import.meta.url));

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

export function readSpec(path = specPath): JsonObject {
  return parse(readFileSync(path, "utf8")) as JsonObject;
}

/** Follows a local JSON pointer such as `#/components/schemas/ObjectId`. */
function lookUp(root: JsonObject, ref: string): JsonValue {
  if (!ref.startsWith("#/")) throw new Error(`Only local references are supported: ${ref}`);
  let node: JsonValue = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || Array.isArray(node) || !(key in node)) {
      throw new Error(`Unresolvable reference: ${ref}`);
    }
    node = node[key] as JsonValue;
  }
  return node;
}

/** A copy of `value` with every `$ref` replaced by what it points to. */
export function dereference(root: JsonObject, value: JsonValue = root, seen: string[] = []): JsonValue {
  if (Array.isArray(value)) return value.map((item) => dereference(root, item, seen));
  if (value === null || typeof value !== "object") return value;
  const ref = value.$ref;
  if (typeof ref === "string") {
    if (seen.includes(ref)) throw new Error(`Circular reference: ${[...seen, ref].join(" → ")}`);
    return dereference(root, lookUp(root, ref), [...seen, ref]);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, dereference(root, item, seen)]));
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

export type Operation = { operationId: string; method: string; path: string; node: JsonObject };

/** Every operation of a dereferenced document, path-level parameters merged in. */
export function listOperations(doc: JsonObject): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as JsonObject)) {
    const pathItem = item as JsonObject;
    const shared = (pathItem.parameters ?? []) as JsonObject[];
    for (const method of HTTP_METHODS) {
      const node = pathItem[method] as JsonObject | undefined;
      if (!node) continue;
      const own = (node.parameters ?? []) as JsonObject[];
      const overridden = new Set(own.map((p) => `${p.in}:${p.name}`));
      const parameters = [...shared.filter((p) => !overridden.has(`${p.in}:${p.name}`)), ...own];
      operations.push({ operationId: String(node.operationId), method, path, node: { ...node, parameters } });
    }
  }
  return operations;
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
