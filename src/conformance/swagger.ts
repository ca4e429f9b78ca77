// The facts the spec took from the server's own Swagger document, compared with the document a
// server serves at `{baseURL}//swagger/docs/3`, when it serves one: each schema the spec marks
// `swagger` must be defined there under its name, with the properties (and values) the spec
// took from it.
import { type Claim, confirmed, contradicted, notExercised, type Observed } from "./claims.js";
import { type JsonObject, pointerOf } from "./document.js";
import type { Exchange } from "./record.js";
import { provenanceOf, type Spec } from "./spec.js";

/** The server's definitions by name: Swagger 2.0 `definitions`, or OpenAPI 3 `components.schemas`. */
function served(observed: Observed): { definitions: JsonObject; exchange: Exchange } | string {
  const exchange = observed.recorder.of("swagger").at(-1);
  if (!exchange) return "not asked for";
  if (exchange.status !== 200) return `not served (${exchange.status ?? exchange.error})`;
  const doc = exchange.json as JsonObject | undefined;
  const definitions = (doc?.definitions ?? (doc?.components as JsonObject | undefined)?.schemas) as
    | JsonObject
    | undefined;
  if (!definitions || typeof definitions !== "object") return "served, but not a Swagger document with definitions";
  return { definitions, exchange };
}

/** The operation whose 200 body reaches the schema first: the claim's operation. */
function operationOf(spec: Spec, name: string): string {
  const ref = `"$ref":"#/components/schemas/${name}"`;
  const found = spec.operations.find((op) => JSON.stringify(op.node).includes(ref));
  return found?.operationId ?? spec.operations[0]?.operationId ?? "getJob";
}

export function swaggerClaims(spec: Spec): Claim[] {
  const schemas = (spec.doc.components as JsonObject).schemas as JsonObject;
  return Object.entries(schemas).flatMap(([name, raw]) => {
    const node = raw as JsonObject;
    const properties = Object.entries((node.properties ?? {}) as JsonObject)
      .filter(([, p]) => provenanceOf(p, provenanceOf(node)) === "swagger")
      .map(([property]) => property);
    const values = provenanceOf(node) === "swagger" && Array.isArray(node.enum) ? (node.enum as string[]) : [];
    if (properties.length === 0 && values.length === 0) return [];
    const expected = values.length ? `the values ${values.join(", ")}` : `the properties ${properties.join(", ")}`;
    return [
      {
        id: `swagger.${name}`,
        operationId: operationOf(spec, name),
        pointer: pointerOf(["components", "schemas", name]),
        provenance: "swagger",
        title: `the server's Swagger document defines ${name} as the spec took it`,
        expected,
        judge(observed) {
          const found = served(observed);
          if (typeof found === "string") return notExercised(`the server's Swagger document: ${found}`);
          const definition = found.definitions[name] as JsonObject | undefined;
          if (!definition) return notExercised(`the server's Swagger document has no ${name}`, [found.exchange]);
          const theirs = Object.keys((definition.properties ?? {}) as JsonObject);
          const missing = properties.filter((p) => !theirs.includes(p));
          const theirValues = Array.isArray(definition.enum) ? (definition.enum as string[]) : values;
          const lost = values.filter((v) => !theirValues.includes(v));
          if (missing.length || lost.length) {
            return contradicted(`it lacks ${[...missing, ...lost].join(", ")}`, [found.exchange]);
          }
          return confirmed(`defined with ${expected}`, [found.exchange]);
        },
      } satisfies Claim,
    ];
  });
}
