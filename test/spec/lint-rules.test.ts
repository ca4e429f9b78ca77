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
});
