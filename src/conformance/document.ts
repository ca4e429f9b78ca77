// An OpenAPI document as plain JSON values: its local references followed, its operations listed
// with their path-level parameters merged in. Used by the conformance engine at run time and by
// the scripts and tests that need plain values out of the spec.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

/** The keys of a local JSON pointer such as `#/components/schemas/ObjectId`, unescaped. */
export function pointerKeys(ref: string): string[] {
  if (!ref.startsWith("#/")) throw new Error(`Only local references are supported: ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .map((raw) => raw.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** A JSON pointer (`#/a/b~1c`) from keys. */
export function pointerOf(keys: readonly string[]): string {
  return `#/${keys.map((key) => key.replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
}

/** Follows a local JSON pointer such as `#/components/schemas/ObjectId`. */
export function lookUp(root: JsonObject, ref: string): JsonValue {
  let node: JsonValue = root;
  for (const key of pointerKeys(ref)) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) {
      throw new Error(`Unresolvable reference: ${ref}`);
    }
    node = (Array.isArray(node) ? node[Number(key)] : node[key]) as JsonValue;
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
