// The house lint rules in redocly.yaml fail the lint on the mistakes they are there to catch.
// Every case is a copy of the spec with one mistake; one `redocly lint` run checks them all.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { bin, root, withScratch } from "../../scripts/lib/script.js";
import { type JsonObject, readSpec } from "../../scripts/lib/spec.js";

const paths = (spec: JsonObject) => spec.paths as Record<string, Record<string, JsonObject>>;
const getJob = (spec: JsonObject) => paths(spec)["/v3/jobs/{jobId}"]?.get as JsonObject;
const component = (spec: JsonObject, kind: string, name: string) =>
  ((spec.components as JsonObject)[kind] as JsonObject)[name] as JsonObject;
const property = (spec: JsonObject, schema: string, name: string) =>
  (component(spec, "schemas", schema).properties as JsonObject)[name] as JsonObject;

/** One item of each kind that must state how sure the spec is of it. */
const provenanceHolders: Record<string, (spec: JsonObject) => JsonObject> = {
  "an operation": getJob,
  "an inline response": (spec) => (getJob(spec).responses as JsonObject)["200"] as JsonObject,
  "a shared response": (spec) => component(spec, "responses", "NotFound"),
  "an inline parameter": (spec) => (getJob(spec).parameters as JsonObject[])[0] as JsonObject,
  "a shared parameter": (spec) => component(spec, "parameters", "Offset"),
  "a header": (spec) => {
    const output = paths(spec)["/v1/jobs/{jobId}/output/{outputId}"]?.get as JsonObject;
    const ok = (output.responses as JsonObject)["200"] as JsonObject;
    return (ok.headers as JsonObject)["Content-Disposition"] as JsonObject;
  },
  "a schema": (spec) => component(spec, "schemas", "JobStatus"),
  "a property": (spec) => property(spec, "TokenResponse", "expires_in"),
  "a property that is a reference": (spec) => property(spec, "ReducedJobView", "status"),
};

const cases: Record<string, (spec: JsonObject) => void> = {
  "as it is": () => {},
  ...Object.fromEntries(
    ["operationId", "summary", "description", "tags"].map((field) => [
      `without ${field}`,
      (spec: JsonObject) => delete getJob(spec)[field],
    ]),
  ),
  "without an example": (spec) => {
    const ok = (getJob(spec).responses as JsonObject)["200"] as JsonObject;
    delete ((ok.content as JsonObject)["application/json"] as JsonObject).examples;
  },
  "with its own ID schema": (spec) => {
    const parameters = (spec.components as JsonObject).parameters as JsonObject;
    (parameters.WorkflowId as JsonObject).schema = { type: "string" };
  },
  ...Object.fromEntries(
    Object.entries(provenanceHolders).map(([item, holder]) => [
      `without the provenance of ${item}`,
      (spec: JsonObject) => delete holder(spec)["x-provenance"],
    ]),
  ),
  "with a provenance that is not one of the four": (spec) => {
    getJob(spec)["x-provenance"] = "rumoured";
  },
};

type Report = { problems: { ruleId: string; location: { source: { ref: string } }[] }[] };

/** The rule ids Redocly reports for each case, by case name. */
const problems = withScratch("lint-rules-", (dir) => {
  const original = readSpec();
  const files = Object.entries(cases).map(([name, mutate], n) => {
    const spec = structuredClone(original);
    mutate(spec);
    const file = join(dir, `case-${n}.json`);
    writeFileSync(file, JSON.stringify(spec));
    return [name, file] as const;
  });
  let out: string;
  try {
    out = execFileSync(
      bin("redocly"),
      ["lint", ...files.map(([, file]) => file), "--config", "redocly.yaml", "--format=json", "--max-problems=1000"],
      { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    out = (error as { stdout: string }).stdout;
  }
  // One JSON report per file, one after the other.
  const reports = out.split(/(?<=\})(?=\{\s*"totals")/).map((text) => JSON.parse(text) as Report);
  const found = new Map<string, string[]>(files.map(([, file]) => [file, []]));
  for (const problem of reports.flatMap((r) => r.problems)) {
    const file = resolve(root, problem.location[0]?.source.ref ?? "");
    const list = found.get(file);
    if (!list) throw new Error(`a problem in a file that was not linted: ${file}`);
    list.push(problem.ruleId);
  }
  return Object.fromEntries(files.map(([name, file]) => [name, found.get(file) ?? []]));
});

describe("redocly.yaml", () => {
  it("passes the spec as it is", () => {
    expect(problems["as it is"]).toEqual([]);
  });
  it.each(["operationId", "summary", "description"])("fails an operation without %s", (field) => {
    expect(problems[`without ${field}`]).toContain(`operation-${field}`);
  });
  it("fails an operation without tags", () => {
    expect(problems["without tags"]).toContain("rule/operation-has-tags");
  });
  it("fails a JSON response without an example", () => {
    expect(problems["without an example"]).toContain("rule/json-response-has-example");
  });
  it("fails an ID path parameter that does not use the shared ObjectId schema", () => {
    expect(problems["with its own ID schema"]).toContain("house/id-parameter-uses-object-id");
  });
  it.each(Object.keys(provenanceHolders))("fails %s without x-provenance", (item) => {
    expect(problems[`without the provenance of ${item}`]).toEqual(["house/provenance-stated"]);
  });
  it("fails an x-provenance that is not documented, swagger, seen or inferred", () => {
    expect(problems["with a provenance that is not one of the four"]).toEqual(["house/provenance-stated"]);
  });
});
