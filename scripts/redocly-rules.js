// House lint rules that Redocly's configurable rules cannot express: a configurable rule sees a
// $ref'd parameter as its reference, so it cannot check the schema of a shared ID parameter, and
// it cannot look at every property of a schema by name.
const OBJECT_ID = "#/components/schemas/ObjectId";

function idParameterUsesObjectId() {
  return {
    Parameter: {
      enter(parameter, ctx) {
        if (parameter.in !== "path" || !/Id$/.test(parameter.name ?? "")) return;
        if (parameter.schema?.$ref === OBJECT_ID) return;
        ctx.report({
          message: `ID path parameter '${parameter.name}' must use '${OBJECT_ID}' as its schema.`,
          location: ctx.location.child("schema"),
        });
      },
    },
  };
}

/** How sure the spec is of a fact, from the most to the least sure (the conformance report's words). */
const PROVENANCES = ["documented", "swagger", "seen", "inferred"];

/**
 * Every item that states a fact a server can confirm carries `x-provenance`: operations, responses,
 * parameters, headers, named schemas and every property of a schema. A `$ref` carries none of its
 * own: what it points to does (a property that is a `$ref` states a fact of its own, so it does).
 */
function provenanceStated() {
  const check = (kind) => (node, ctx) => {
    if (node === null || typeof node !== "object") return;
    const value = node["x-provenance"];
    if (PROVENANCES.includes(value)) return;
    ctx.report({
      message:
        value === undefined
          ? `This ${kind} states a fact: give it an 'x-provenance' (${PROVENANCES.join(", ")}).`
          : `'x-provenance' must be one of ${PROVENANCES.join(", ")}, not '${value}'.`,
      location: value === undefined ? ctx.location.key() : ctx.location.child("x-provenance"),
    });
  };
  return {
    Operation: check("operation"),
    Response: check("response"),
    Parameter: check("parameter"),
    Header: check("header"),
    NamedSchemas: { Schema: { enter: check("schema"), skip: (_node, key) => typeof key !== "string" } },
    Schema: {
      enter(schema, ctx) {
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          const value = property?.["x-provenance"];
          if (PROVENANCES.includes(value)) continue;
          ctx.report({
            message: `Property '${name}' states a fact: give it an 'x-provenance' (${PROVENANCES.join(", ")}).`,
            location: ctx.location.child(["properties", name]),
          });
        }
      },
    },
  };
}

export default function houseRules() {
  return {
    id: "house",
    rules: {
      oas3: {
        "id-parameter-uses-object-id": idParameterUsesObjectId,
        "provenance-stated": provenanceStated,
      },
    },
  };
}
