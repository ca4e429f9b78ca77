// Fixture pairs: the spec as it is (base) and a copy with one change (revision), for every kind of
// change the gate must rate. Each pair checks that the change is found and rated correctly.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type JsonObject, readSpec, specPath } from "../../scripts/lib/spec.js";
import { diffSpecs } from "../../scripts/lib/spec-diff.js";

const dir = mkdtempSync(join(tmpdir(), "spec-diff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Spec = JsonObject & {
  paths: Record<string, Record<string, JsonObject>>;
  components: Record<string, Record<string, JsonObject>>;
};
function op(s: Spec, path: string, method: string): JsonObject {
  const found = s.paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path}`);
  return found;
}
const schema = (s: Spec, name: string) =>
  s.components.schemas?.[name] as JsonObject & { properties: Record<string, JsonObject>; required?: string[] };

const pairs: { kind: string; breaking: boolean; rule?: string; change: (spec: Spec) => void }[] = [
  { kind: "a removed path", breaking: true, rule: "path-removed", change: (s) => delete s.paths["/v3/jobs"] },
  {
    kind: "a removed operation",
    breaking: true,
    rule: "operation-removed",
    change: (s) => delete s.paths["/v3/jobs/{jobId}"]?.delete,
  },
  {
    kind: "a removed response code",
    breaking: true,
    rule: "response-removed",
    change: (s) => delete (op(s, "/v3/jobs/{jobId}", "get").responses as JsonObject)["404"],
  },
  {
    kind: "a removed response property",
    breaking: true,
    rule: "property-removed",
    change: (s) => {
      delete schema(s, "OutputDataView").properties.fileName;
      schema(s, "OutputDataView").required = ["id", "availableFormats"];
    },
  },
  {
    kind: "a retyped response property",
    breaking: true,
    rule: "schema-type-changed",
    change: (s) => {
      schema(s, "MessageView").properties.toolId = { type: "string" };
    },
  },
  {
    kind: "a response property that became optional",
    breaking: true,
    rule: "required-properties-removed",
    change: (s) => {
      schema(s, "MessageView").required = ["status", "text"];
    },
  },
  {
    kind: "a new required parameter",
    breaking: true,
    rule: "parameter-became-required",
    change: (s) => {
      (op(s, "/v3/jobs", "get").parameters as JsonObject[]).push({
        name: "tenant",
        in: "query",
        required: true,
        schema: { type: "string" },
      });
    },
  },
  {
    kind: "a new required request field",
    breaking: true,
    rule: "required-properties-added",
    change: (s) => {
      schema(s, "EnqueueJobContract").required = ["workerTag"];
    },
  },
  {
    kind: "a request enum narrowed",
    breaking: true,
    rule: "enum-values-removed",
    change: (s) => {
      (s.components.parameters?.Direction?.schema as JsonObject).enum = ["asc"];
    },
  },
  {
    kind: "a response enum widened",
    breaking: true,
    rule: "enum-values-added",
    change: (s) => {
      (schema(s, "WorkflowJobView").properties.status as JsonObject).enum = [
        "Created",
        "Cancelled",
        "Running",
        "Queued",
        "Completed",
        "Error",
      ];
    },
  },
  {
    kind: "a changed ID pattern",
    breaking: true,
    rule: "schema-constraint-changed",
    change: (s) => {
      (schema(s, "ObjectId") as JsonObject).pattern = "^[0-9a-f]{32}$";
    },
  },
  {
    kind: "a changed parameter location",
    breaking: true,
    rule: "parameter-removed",
    change: (s) => {
      ((op(s, "/v3/jobs/{jobId}", "get").parameters as JsonObject[])[0] as JsonObject).in = "header";
    },
  },
  {
    kind: "changed security requirements",
    breaking: true,
    rule: "security-requirement-changed",
    change: (s) => {
      s.security = [{ bearerAuth: [] }];
    },
  },
  {
    kind: "an added optional request field",
    breaking: false,
    change: (s) => {
      schema(s, "EnqueueJobContract").properties.comment = { type: "string" };
    },
  },
  {
    kind: "a new operation",
    breaking: false,
    change: (s) => {
      s.paths["/v3/jobs/{jobId}/outputs"] = {
        get: { ...(s.paths["/v3/jobs/{jobId}"]?.get as JsonObject), operationId: "listJobOutputs" },
      };
    },
  },
  {
    kind: "a new optional response property",
    breaking: false,
    change: (s) => {
      schema(s, "MessageView").properties.severity = { type: "string" };
    },
  },
  {
    kind: "a description change",
    breaking: false,
    change: (s) => {
      op(s, "/v3/jobs", "get").description = "Other words.";
    },
  },
];

describe("spec:diff rates each kind of change", () => {
  it.each(pairs.map((p) => [p.kind, p]))("%s", (_, pair) => {
    const p = pair as (typeof pairs)[number];
    const revision = readSpec() as Spec;
    p.change(revision);
    const file = join(dir, `${p.kind.replaceAll(" ", "-")}.yaml`);
    writeFileSync(file, stringify(revision));
    const { changes } = diffSpecs("base", "revision", specPath, file);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.some((c) => c.breaking)).toBe(p.breaking);
    if (p.rule) expect(changes.filter((c) => c.breaking).map((c) => c.rule)).toContain(p.rule);
  });

  it("finds nothing between the spec and itself", () => {
    expect(diffSpecs("base", "revision", specPath, specPath).changes).toEqual([]);
  });
});
