// A response schema that changes in the spec while the client stays as it is must fail the
// contract cases: here the mock serves a changed copy of the spec and the cases must not pass.
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

/** The spec with `from` renamed to `to` in schema `schema` and in every example that has it. */
function renamed(schema: string, from: string, to: string): string {
  const spec = readSpec();
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
  const file = join(dir, `${schema}-${to}.yaml`);
  writeFileSync(file, stringify({ ...spec, paths: rename(spec.paths) }));
  return file;
}

const find = (operationId: string, name: string) => {
  const found = cases.find((c) => c.operationId === operationId && c.name.startsWith(name));
  if (!found) throw new Error(`no case ${operationId} ${name}`);
  return found;
};

describe("a changed response schema fails the contract", () => {
  const cancelSpec = usePrism({ spec: renamed("CancelJobResponse", "message", "result") });
  const listSpec = usePrism({ spec: renamed("WorkflowJobView", "id", "jobId") });

  it("cancel's `message` renamed: the cancelled case fails", async () => {
    await expect(find("cancelJob", "cancelled").run(cancelSpec.url())).rejects.toThrow();
  });

  it("a workflow job's `id` renamed: the paging case fails", async () => {
    await expect(find("listWorkflowJobs", "paging").run(listSpec.url())).rejects.toThrow();
  });
});
