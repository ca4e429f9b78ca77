// The spec the claims come from, read at run time from the OpenAPI document this package ships,
// and the JSON Schema 2020-12 validator (Ajv) that holds bodies to its schemas: the document is
// given to Ajv whole, so every schema is checked by a JSON pointer into it, references and all.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { type JsonObject, type JsonValue, listOperations, lookUp, type Operation, pointerOf } from "./document.js";
import type { Provenance } from "./report.js";

const require = createRequire(import.meta.url);
const SPEC_ID = "spec";

export interface Spec {
  doc: JsonObject;
  title: string;
  version: string;
  /** Each operation by its operationId, path-level parameters merged in (references not followed). */
  operation(operationId: string): Operation;
  operations: Operation[];
  /** `node` with its `$ref` chain followed. */
  resolve(node: JsonValue | undefined): JsonObject;
  /** null when `value` fits the schema at `pointer`, else what is wrong (at most a few lines). */
  check(pointer: string, value: unknown): string | null;
}

/** The OpenAPI document this package was built from. */
export const bundledSpecPath = (): string => require.resolve("alteryx-jobs/openapi.yaml");

const loaded = new Map<string, Spec>();

/** The spec at `path`, read once per process: parsing the YAML is the slow part of a run's start. */
export function loadSpec(path = bundledSpecPath()): Spec {
  let spec = loaded.get(path);
  if (!spec) {
    spec = readSpec(path);
    loaded.set(path, spec);
  }
  return spec;
}

function readSpec(path: string): Spec {
  const doc = parse(readFileSync(path, "utf8")) as JsonObject;
  // strict: false lets the spec's own keywords (x-provenance, examples maps) through.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // The document is an OpenAPI description, not a schema: it is not held to the meta-schema.
  ajv.addSchema(doc as object, SPEC_ID, undefined, false);
  const compiled = new Map<string, ValidateFunction>();
  const operations = listOperations(doc);
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const info = doc.info as JsonObject;
  const resolve = (node: JsonValue | undefined): JsonObject => {
    let current = node;
    for (let depth = 0; depth < 32; depth++) {
      const ref = (current as JsonObject | undefined)?.$ref;
      if (typeof ref !== "string") return (current ?? {}) as JsonObject;
      current = lookUp(doc, ref);
    }
    throw new Error("A $ref chain longer than 32 links");
  };
  return {
    doc,
    title: String(info.title),
    version: String(info.version),
    operations,
    operation(operationId) {
      const found = byId.get(operationId);
      if (!found) throw new Error(`The spec has no operation ${operationId}`);
      return found;
    },
    resolve,
    check(pointer, value) {
      let validate = compiled.get(pointer);
      if (!validate) {
        validate = ajv.getSchema(`${SPEC_ID}${pointer}`);
        if (!validate) throw new Error(`No schema at ${pointer}`);
        compiled.set(pointer, validate);
      }
      if (validate(value)) return null;
      return ajv.errorsText(validate.errors?.slice(0, 3), { separator: "; ", dataVar: "body" });
    },
  };
}

/** The `x-provenance` of a spec item, or `fallback` when it has none. */
export function provenanceOf(node: JsonValue | undefined, fallback: Provenance = "inferred"): Provenance {
  const value = (node as JsonObject | undefined)?.["x-provenance"];
  return typeof value === "string" ? (value as Provenance) : fallback;
}

/** A parameter of an operation, references followed. */
export function parameter(spec: Spec, operationId: string, name: string): JsonObject {
  const found = (spec.operation(operationId).node.parameters as JsonObject[])
    .map((p) => spec.resolve(p))
    .find((p) => p.name === name);
  if (!found) throw new Error(`${operationId} has no parameter ${name}`);
  return found;
}

/** Where an operation lists a parameter: its entry among the operation's, or else the path's, parameters. */
export function parameterPointer(spec: Spec, operationId: string, name: string): string {
  const { path, method } = spec.operation(operationId);
  const item = (spec.doc.paths as JsonObject)[path] as JsonObject;
  for (const keys of [
    [path, method, "parameters"],
    [path, "parameters"],
  ]) {
    const list = (keys.length === 3 ? (item[method] as JsonObject).parameters : item.parameters) as
      | JsonObject[]
      | undefined;
    const index = (list ?? []).findIndex((p) => spec.resolve(p).name === name);
    if (index >= 0) return pointerOf(["paths", ...keys, String(index)]);
  }
  throw new Error(`${operationId} has no parameter ${name}`);
}

/** Where an operation is: `#/paths/~1v3~1jobs~1{jobId}/get`. */
export function operationPointer(spec: Spec, operationId: string): string {
  const { path, method } = spec.operation(operationId);
  return pointerOf(["paths", path, method]);
}

/** The values a parameter's enum lists (its items' for an array). */
export function parameterValues(spec: Spec, operationId: string, name: string): string[] {
  const node = spec.resolve(parameter(spec, operationId, name).schema);
  const values = (node.type === "array" ? spec.resolve(node.items) : node).enum;
  return Array.isArray(values) ? (values as string[]) : [];
}

/** A schema of `components/schemas`, references followed. */
export const componentSchema = (spec: Spec, name: string): JsonObject =>
  spec.resolve({ $ref: `#/components/schemas/${name}` });

/** A list of words a schema keeps under `key` (`enum`, `examples`, an `x-…-values`); empty without one. */
export const wordList = (node: JsonObject, key: string): string[] =>
  Array.isArray(node[key]) ? (node[key] as string[]) : [];

/** Every job status the spec lists: JobStatus's examples and terminal values, and the workflow listing's enum. */
export function statusWords(spec: Spec): string[] {
  const job = componentSchema(spec, "JobStatus");
  const workflowJob = spec.resolve((componentSchema(spec, "WorkflowJobView").properties as JsonObject).status);
  return [
    ...new Set([...wordList(job, "examples"), ...wordList(job, "x-terminal-values"), ...wordList(workflowJob, "enum")]),
  ];
}
