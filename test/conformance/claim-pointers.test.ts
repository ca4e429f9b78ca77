// Each claim names the spec item it is about, so that what a run found can be shown on that item:
// a response, a property, a parameter or a schema, else its operation. Each pointer is a place
// in the spec, and the place of the claim's own kind.
import { describe, expect, it } from "vitest";
import { type JsonObject, lookUp, pointerKeys, pointerOf, readSpec } from "../../scripts/lib/spec.js";
import { listClaims } from "../../src/conformance/index.js";

const spec = readSpec();
const claims = listClaims();
const at = (pointer: string) => lookUp(spec, pointer) as JsonObject;

describe("the spec item of each claim", () => {
  it("is a place in the spec for every claim", () => {
    const lost = claims.filter((claim) => {
      try {
        return typeof lookUp(spec, claim.pointer) !== "object";
      } catch {
        return true;
      }
    });
    expect(lost.map((c) => `${c.id} ${c.pointer}`)).toEqual([]);
  });

  it("is the operation's entry of the response a status claim is about", () => {
    const status = claims.filter((c) => /^[A-Za-z]+\.\d{3}$/.test(c.id));
    expect(status.length).toBeGreaterThan(20);
    for (const claim of status) {
      const keys = pointerKeys(claim.pointer);
      expect(keys.slice(-2), claim.id).toEqual(["responses", claim.id.split(".")[1]]);
      const operation = at(pointerOf(keys.slice(0, -2)));
      expect(operation.operationId, claim.id).toBe(claim.operationId);
    }
  });

  it("is the property a property claim is about, and the parameter whose values a claim tries", () => {
    const properties = claims.filter((c) => /\.200\.[A-Za-z]+\.[A-Za-z]+$/.test(c.id));
    expect(properties.length).toBeGreaterThan(20);
    for (const claim of properties) {
      expect(pointerKeys(claim.pointer).at(-1), claim.id).toBe(claim.id.split(".").at(-1));
      expect(pointerKeys(claim.pointer).at(-2), claim.id).toBe("properties");
    }
    const values = claims.filter((c) => c.id.endsWith("-values"));
    expect(values.length).toBeGreaterThan(0);
    for (const claim of values) {
      const node = at(claim.pointer);
      const parameter = typeof node.$ref === "string" ? at(node.$ref) : node;
      expect(`${claim.operationId}.${parameter.name}-values`).toBe(claim.id);
    }
  });

  it("is the operation for a behaviour, and the schema for a claim on the server's Swagger document", () => {
    const statuses = claims.find((c) => c.id === "getJob.statuses");
    expect(at(statuses?.pointer ?? "").operationId).toBe("getJob");
    const swagger = claims.filter((c) => c.id.startsWith("swagger."));
    expect(swagger.length).toBeGreaterThan(0);
    for (const claim of swagger)
      expect(claim.pointer).toBe(`#/components/schemas/${claim.id.slice("swagger.".length)}`);
  });
});
