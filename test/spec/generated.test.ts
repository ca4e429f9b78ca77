// generated/ is what the spec gives, and a spec edit that is not regenerated is caught. The check
// runs in this process (openapi-typescript loads once for every case); one case runs
// `npm run generate:check`'s script as a process, for its exit status and message.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { generatedFiles, staleFiles } from "../../scripts/generate.js";
import { type JsonObject, readSpec } from "../../scripts/lib/spec.js";
import { runScript } from "../helpers/run-script.js";

const dir = mkdtempSync(join(tmpdir(), "generated-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The path of a copy of the spec that `edit` changed. */
function editedSpec(name: string, edit: (spec: JsonObject) => void): string {
  const spec = readSpec();
  edit(spec);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(spec));
  return file;
}

const addSeverity = (spec: JsonObject) => {
  const schemas = (spec.components as JsonObject).schemas as JsonObject;
  ((schemas.MessageView as JsonObject).properties as JsonObject).severity = { type: "string" };
};

describe("npm run generate:check", () => {
  it("passes when generated/ matches the spec", async () => {
    expect(staleFiles(await generatedFiles())).toEqual([]);
  });

  it("fails, naming the stale file, when a schema changed without regenerating", async () => {
    expect(staleFiles(await generatedFiles(editedSpec("severity", addSeverity)))).toContain("openapi.ts");
  });

  it("fails when a documented message changed without regenerating", async () => {
    const file = editedSpec("message", (spec) => {
      const cancel = ((spec.paths as JsonObject)["/v3/jobs/{jobId}"] as JsonObject).delete as JsonObject;
      const ok = (cancel.responses as JsonObject)["200"] as JsonObject;
      const json = (ok.content as JsonObject)["application/json"] as JsonObject;
      ((json.examples as JsonObject).deleted as JsonObject).value = { message: "Removed." };
    });
    expect(staleFiles(await generatedFiles(file))).toEqual(["operation-messages.ts"]);
  });

  it("as a command, exits 1 and names the stale file", () => {
    const result = runScript("scripts/generate.ts", ["--check", "--spec", editedSpec("severity", addSeverity)]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("generated/openapi.ts");
  });
});
