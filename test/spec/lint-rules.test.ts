// The house lint rules in redocly.yaml fail the lint on the mistakes they are there to catch.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type JsonObject, readSpec } from "../../scripts/lib/spec.js";

const dir = mkdtempSync(join(tmpdir(), "lint-rules-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The rule ids Redocly reports for the spec after `mutate` has changed a copy of it. */
function problems(mutate: (spec: JsonObject) => void): string[] {
  const spec = readSpec();
  mutate(spec);
  const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, stringify(spec));
  let out: string;
  try {
    out = execFileSync("npx", ["redocly", "lint", file, "--config", "redocly.yaml", "--format=json"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (error) {
    out = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { problems: { ruleId: string }[] }).problems.map((p) => p.ruleId);
}

const paths = (spec: JsonObject) => spec.paths as Record<string, Record<string, JsonObject>>;
const getJob = (spec: JsonObject) => paths(spec)["/v3/jobs/{jobId}"]?.get as JsonObject;

describe("redocly.yaml", () => {
  it("passes the spec as it is", () => {
    expect(problems(() => {})).toEqual([]);
  });
  it.each(["operationId", "summary", "description"])("fails an operation without %s", (field) => {
    expect(problems((spec) => delete getJob(spec)[field])).toContain(`operation-${field}`);
  });
  it("fails an operation without tags", () => {
    expect(problems((spec) => delete getJob(spec).tags)).toContain("rule/operation-has-tags");
  });
  it("fails a JSON response without an example", () => {
    const found = problems((spec) => {
      const ok = (getJob(spec).responses as JsonObject)["200"] as JsonObject;
      delete ((ok.content as JsonObject)["application/json"] as JsonObject).examples;
    });
    expect(found).toContain("rule/json-response-has-example");
  });
  it("fails an ID path parameter that does not use the shared ObjectId schema", () => {
    const found = problems((spec) => {
      const parameters = (spec.components as JsonObject).parameters as JsonObject;
      (parameters.WorkflowId as JsonObject).schema = { type: "string" };
    });
    expect(found).toContain("house/id-parameter-uses-object-id");
  });
});
