// A response schema that changes in the spec while the client stays as it is must fail the
// contract cases: here the mock serves a changed copy of the spec and the cases must not pass.
// One copy holds both changes (one Prism); each touches only the response its case reads.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type JsonObject, readSpec } from "../../scripts/lib/spec.js";
import { usePrism } from "../helpers/prism.js";
import { cases } from "./cases.js";

const dir = mkdtempSync(join(tmpdir(), "drift-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `spec` with `from` renamed to `to` in schema `schema` and in every example that has it. */
function renamed(spec: JsonObject, schema: string, from: string, to: string): JsonObject {
  const target = ((spec.components as JsonObject).schemas as JsonObject)[schema] as JsonObject;
  const properties = target.properties as JsonObject;
  properties[to] = properties[from] as JsonObject;
  delete properties[from];
  target.required = (target.required as string[]).map((name) => (name === from ? to : name));
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === from ? to : k, rename(v)]));
  };
  return { ...spec, paths: rename(spec.paths) as JsonObject };
}

function drifted(): string {
  const once = renamed(readSpec(), "CancelJobResponse", "message", "result");
  const file = join(dir, "drifted.yaml");
  writeFileSync(file, stringify(renamed(once, "WorkflowJobView", "id", "jobId")));
  return file;
}

const find = (operationId: string, name: string) => {
  const found = cases.find((c) => c.operationId === operationId && c.name.startsWith(name));
  if (!found) throw new Error(`no case ${operationId} ${name}`);
  return found;
};

describe("a changed response schema fails the contract", () => {
  const prism = usePrism({ spec: drifted() });

  it("cancel's `message` renamed: the cancelled case fails", async () => {
    await expect(find("cancelJob", "cancelled").run(prism.url())).rejects.toThrow();
  });

  it("a workflow job's `id` renamed: the paging case fails", async () => {
    await expect(find("listWorkflowJobs", "paging").run(prism.url())).rejects.toThrow();
  });
});
