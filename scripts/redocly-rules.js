// House lint rules that Redocly's configurable rules cannot express: a configurable rule sees a
// $ref'd parameter as its reference, so it cannot check the schema of a shared ID parameter.
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

export default function houseRules() {
  return {
    id: "house",
    rules: {
      oas3: { "id-parameter-uses-object-id": idParameterUsesObjectId },
    },
  };
}
