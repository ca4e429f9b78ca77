// Every operation has a curl and a TypeScript sample in the reference, and the TypeScript ones
// type-check against the built client, imported by its package name as users do.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { specWithSamples } from "../../scripts/docs.js";
import type { CodeSample } from "../../scripts/lib/code-samples.js";
import { bin } from "../../scripts/lib/script.js";
import { HTTP_METHODS, type JsonObject } from "../../scripts/lib/spec.js";

const run = promisify(execFile);
const spec = specWithSamples();
const operations = Object.values(spec.paths as JsonObject).flatMap((item) =>
  HTTP_METHODS.map((m) => (item as JsonObject)[m] as JsonObject | undefined).filter((op) => op !== undefined),
);
const samples = (op: JsonObject) => op["x-codeSamples"] as unknown as CodeSample[];

// Inside the package, so that `import "alteryx-jobs"` resolves to its own exports.
const dir = mkdtempSync(join(process.cwd(), ".samples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("code samples", () => {
  it.each(operations.map((op) => [op.operationId, op]))("%s has a curl and a TypeScript sample", (_, op) => {
    expect(samples(op as JsonObject).map((s) => s.lang)).toEqual(["curl", "TypeScript"]);
  });

  it("the curl samples send the Bearer token, or the client credentials to the token endpoint", () => {
    for (const op of operations) {
      const curl = samples(op).find((s) => s.lang === "curl")?.source ?? "";
      expect(curl).toMatch(op.operationId === "requestToken" ? /-u "\$ALTERYX_CLIENT_ID/ : /Bearer \$ALTERYX_TOKEN/);
    }
  });

  it("the TypeScript samples type-check against the client", async () => {
    for (const op of operations) {
      const source = samples(op).find((s) => s.lang === "TypeScript")?.source ?? "";
      writeFileSync(join(dir, `${op.operationId}.ts`), source);
    }
    const compilerOptions = {
      strict: true,
      noUncheckedIndexedAccess: true,
      module: "NodeNext",
      moduleResolution: "NodeNext",
      target: "ES2022",
      lib: ["ES2023", "DOM"],
      types: ["node"],
      noEmit: true,
      skipLibCheck: true,
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["*.ts"] }));
    // tsc exits 2 with its findings on stdout; an error with no stdout (no tsc at all) fails too.
    const result = await run(bin("tsc"), ["-p", join(dir, "tsconfig.json")]).catch(
      (e: { stdout?: string; message: string }) => ({ stdout: e.stdout || e.message }),
    );
    expect(result.stdout).toBe("");
    // tsc over the built client takes seconds on a quiet machine and far more on a busy one.
  }, 120_000);
});
