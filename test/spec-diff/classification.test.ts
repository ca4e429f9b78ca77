// Fixture pairs: the spec as it is (base) and a copy with one change (revision), for every kind of
// change the gate must rate. One Redocly run rates them all: each case has its own copy of the API
// inside one pair of documents (its paths under `/caseN`, its components and operation IDs ending
// in `_caseN`), and reads the changes found in its copy.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withScratch } from "../../scripts/lib/script.js";
import { type JsonObject, type JsonValue, readSpec } from "../../scripts/lib/spec.js";
import { diffSpecs, type SpecChange } from "../../scripts/lib/spec-diff.js";

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
    kind: "a changed value list (x-terminal-values)",
    breaking: true,
    rule: "value-list-changed",
    change: (s) => {
      schema(s, "JobStatus")["x-terminal-values"] = ["Completed", "Cancelled"];
    },
  },
  {
    kind: "a removed value list (x-success-values)",
    breaking: true,
    rule: "value-list-changed",
    change: (s) => {
      delete schema(s, "Disposition")["x-success-values"];
    },
  },
  {
    kind: "an added value list",
    breaking: false,
    change: (s) => {
      schema(s, "Priority")["x-urgent-values"] = ["High"];
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

/** `value` with its components renamed `<name>_case<n>` and every reference to them rewritten. */
function renamed(value: JsonValue, n: number): JsonValue {
  if (Array.isArray(value)) return value.map((item) => renamed(item, n));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (key === "$ref" && typeof item === "string") return [key, `${item}_case${n}`];
      if (key === "operationId" && typeof item === "string") return [key, `${item}_case${n}`];
      return [key, renamed(item, n)];
    }),
  );
}

/** Case `n`'s copy of `spec`: its paths and components, renamed so that no two copies share a name. */
function copy(spec: Spec, n: number): { paths: JsonObject; components: Record<string, JsonObject> } {
  const paths = Object.fromEntries(Object.entries(spec.paths).map(([path, item]) => [`/case${n}${path}`, item]));
  const components: Record<string, JsonObject> = {};
  for (const [type, entries] of Object.entries(spec.components)) {
    // Security requirements name their schemes, so the schemes are shared rather than copied.
    if (type === "securitySchemes") continue;
    components[type] = Object.fromEntries(Object.entries(entries).map(([name, v]) => [`${name}_case${n}`, v]));
  }
  return { paths: renamed(paths, n) as JsonObject, components: renamed(components, n) as Record<string, JsonObject> };
}

/** One document holding every case's copy; the document-level fields come from `top`. */
function combined(copies: Spec[], top: Spec): Spec {
  const doc = { ...top, paths: {}, components: { securitySchemes: top.components.securitySchemes ?? {} } } as Spec;
  copies.forEach((spec, n) => {
    const { paths, components } = copy(spec, n);
    Object.assign(doc.paths, paths);
    for (const [type, entries] of Object.entries(components)) {
      doc.components[type] = { ...doc.components[type], ...entries } as Record<string, JsonObject>;
    }
  });
  return doc;
}

const documentLevel = (spec: Spec) =>
  Object.fromEntries(Object.entries(spec).filter(([key]) => key !== "paths" && key !== "components"));

const cases = [...pairs, { kind: "no change at all", breaking: false, change: () => {} }];

/** The changes Redocly finds in each case's copy, from one run over all the copies. */
const changesByCase = withScratch("spec-diff-", (dir) => {
  const original = readSpec() as Spec;
  const fresh = () => structuredClone(original);
  const revisions = cases.map((c) => {
    const revision = fresh();
    c.change(revision);
    return revision;
  });
  // The one case that changes a document-level field (`security`) gives the revision its fields,
  // and owns the changes found outside the copies.
  const sameTop = (spec: Spec) => JSON.stringify(documentLevel(spec)) === JSON.stringify(documentLevel(original));
  const documentCases = revisions.flatMap((spec, n) => (sameTop(spec) ? [] : [n]));
  if (documentCases.length > 1) throw new Error("at most one case may change the document-level fields");
  const documentCase = documentCases[0];
  const write = (name: string, spec: Spec) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(spec));
    return file;
  };
  const base = write("base.json", combined(cases.map(fresh), original));
  const revision = write(
    "revision.json",
    combined(revisions, documentCase === undefined ? original : (revisions[documentCase] as Spec)),
  );
  const byCase = cases.map((): SpecChange[] => []);
  for (const change of diffSpecs("base", "revision", base, revision).changes) {
    const n = Number(/case(\d+)(?!\d)/.exec(change.path)?.[1] ?? documentCase);
    const owner = byCase[n];
    if (!owner) throw new Error(`a change outside every copy, and no case changed the document: ${change.path}`);
    owner.push(change);
  }
  return byCase;
});

describe("spec:diff rates each kind of change", () => {
  it.each(pairs.map((p, n) => [p.kind, n] as const))("%s", (_, n) => {
    const p = pairs[n] as (typeof pairs)[number];
    const changes = changesByCase[n] ?? [];
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.some((c) => c.breaking)).toBe(p.breaking);
    if (p.rule) expect(changes.filter((c) => c.breaking).map((c) => c.rule)).toContain(p.rule);
  });

  it("finds nothing in a copy that did not change", () => {
    expect(changesByCase.at(-1)).toEqual([]);
  });
});
