// Validates what the client returns against the spec's own schemas (JSON Schema 2020-12).
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { dereference, type JsonObject, readSpec, responseJson } from "../../scripts/lib/spec.js";

const doc = dereference(readSpec()) as JsonObject;
// strict: false lets the spec's own keywords (examples, x-terminal-values) through.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

/** The JSON schema of `operationId`'s `status` response. */
export function responseSchema(operationId: string, status: number | string): JsonObject {
  const schema = responseJson(doc, operationId, status)?.schema;
  if (!schema) throw new Error(`No JSON schema for ${operationId} ${status}`);
  return schema as JsonObject;
}

export function componentSchema(name: string): JsonObject {
  return ((doc.components as JsonObject).schemas as JsonObject)[name] as JsonObject;
}

/** null when `value` fits `schema`, else a readable list of what is wrong. */
const compiled = new WeakMap<JsonObject, ReturnType<typeof ajv.compile>>();
export function schemaErrors(schema: JsonObject, value: unknown): string | null {
  const validate = compiled.get(schema) ?? ajv.compile(schema);
  compiled.set(schema, validate);
  if (validate(value)) return null;
  return ajv.errorsText(validate.errors, { separator: "; ", dataVar: "body" });
}
