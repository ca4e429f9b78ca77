// generated/ is what the spec gives, and a spec edit that is not regenerated is caught.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type JsonObject, readSpec } from "../../scripts/lib/spec.js";
import { runScript } from "../helpers/run-script.js";

const dir = mkdtempSync(join(tmpdir(), "generated-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(spec?: JsonObject) {
  const args = ["--check"];
  if (spec) {
    const file = join(dir, "openapi.yaml");
    writeFileSync(file, stringify(spec));
    args.push("--spec", file);
  }
  return runScript("scripts/generate.ts", args);
}

describe("npm run generate:check", () => {
  it("passes when generated/ matches the spec", () => {
    expect(check().status).toBe(0);
  });
  it("fails, naming the stale file, when a schema changed without regenerating", () => {
    const spec = readSpec();
    const schemas = (spec.components as JsonObject).schemas as JsonObject;
    const properties = (schemas.MessageView as JsonObject).properties as JsonObject;
    properties.severity = { type: "string" };
    const result = check(spec);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("generated/openapi.ts");
  });
  it("fails when a documented message changed without regenerating", () => {
    const spec = readSpec();
    const cancel = ((spec.paths as JsonObject)["/v3/jobs/{jobId}"] as JsonObject).delete as JsonObject;
    const ok = (cancel.responses as JsonObject)["200"] as JsonObject;
    const json = (ok.content as JsonObject)["application/json"] as JsonObject;
    ((json.examples as JsonObject).deleted as JsonObject).value = { message: "Removed." };
    const result = check(spec);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("generated/spec-values.ts");
  });
});
