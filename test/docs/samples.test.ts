// Every operation has a TypeScript, a command-line and a curl sample in the reference, and the
// TypeScript ones type-check against the built client, imported by its package name as users do
// (samples-run.test.ts runs them all against the sandbox).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { specWithSamples } from "../../scripts/docs.js";
import type { CodeSample } from "../../scripts/lib/code-samples.js";
import { bin } from "../../scripts/lib/script.js";
import { HTTP_METHODS, type JsonObject } from "../../scripts/lib/spec.js";
import { COMMANDS } from "../../src/cli/commands.js";
import { GLOBAL_OPTIONS, OPTIONS, type OptionName, SERVER_OPTIONS } from "../../src/cli/options.js";

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
  it.each(operations.map((op) => [op.operationId, op]))(
    "%s has a TypeScript, a command-line and a curl sample",
    (_, op) => {
      expect(samples(op as JsonObject).map((s) => s.lang)).toEqual(["TypeScript", "Shell", "curl"]);
    },
  );

  it("the command-line samples use only commands and options the command has", () => {
    for (const op of operations) {
      const lines = (samples(op).find((s) => s.lang === "Shell")?.source ?? "").split("\n");
      for (const line of lines.filter((l) => l.startsWith("alteryx-jobs "))) {
        const [, command = "", ...words] = line.split(" ");
        const known = COMMANDS[command];
        expect(known, line).toBeDefined();
        const options = words.filter((w) => w.startsWith("--")).map((w) => w.slice(2) as OptionName);
        const allowed = [...(known?.options ?? []), ...GLOBAL_OPTIONS, ...(known?.server ? SERVER_OPTIONS : [])];
        for (const option of options) expect(allowed, `${line}: --${option}`).toContain(option);
      }
    }
  });

  it("the samples read the server and the key from the environment, as the command does", () => {
    const variables = Object.values(OPTIONS).flatMap((o) => ("env" in o && o.env ? [o.env] : []));
    for (const op of operations) {
      for (const sample of samples(op)) {
        const named = [...sample.source.matchAll(/ALTERYX_[A-Z_]+/g)].map((m) => m[0]);
        for (const name of named) expect(variables, `${op.operationId} ${sample.lang}`).toContain(name);
        if (sample.lang !== "Shell") expect(sample.source).toContain("ALTERYX_BASE_URL");
      }
    }
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
