// The README's example runs as written against the mock, importing the built package by name.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, runCli } from "./helpers/cli.js";
import { usePrism } from "./helpers/prism.js";

const run = promisify(execFile);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
// Inside the package, so that `import "alteryx-jobs"` resolves to this package's own exports.
const dir = mkdtempSync(join(process.cwd(), ".readme-example-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The `alteryx-jobs …` lines of the CLI example, as argument lists. */
function cliExamples(): string[][] {
  const block = /<!-- cli-example:[^>]*-->\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  return block
    .split("\n")
    .filter((line) => line.startsWith("alteryx-jobs "))
    .map((line) => line.replace(/#.*$/, "").trim().split(/\s+/).slice(1));
}

function examples(): string[] {
  const blocks = [...readme.matchAll(/<!-- example:[^>]*-->\n```ts\n([\s\S]*?)```/g)];
  return blocks.map((match) => match[1] ?? "");
}

describe("README", () => {
  const prism = usePrism();

  it("has a runnable example", () => {
    expect(examples().length).toBeGreaterThan(0);
  });

  it.each(examples().map((code, i) => [i + 1, code]))("example %i runs against the mock", async (i, code) => {
    const file = join(dir, `example-${i}.ts`);
    writeFileSync(file, String(code));
    const { ALTERYX_CLIENT_ID: _, ALTERYX_CLIENT_SECRET: __, ALTERYX_TOKEN: ___, ...env } = process.env;
    const { stdout } = await run("npx", ["tsx", file], { env: { ...env, ALTERYX_BASE_URL: prism.url() } });
    expect(stdout).toContain("succeeded");
  });

  it("has command-line examples for every command", () => {
    const commands = new Set(cliExamples().map((args) => args[0]));
    expect([...commands].sort()).toEqual([
      "cancel",
      "download",
      "get",
      "jobs",
      "list",
      "messages",
      "outputs",
      "questions",
      "run",
      "wait",
    ]);
  });

  it.each(cliExamples().map((args) => [args.join(" "), args]))(
    "alteryx-jobs %s runs against the mock",
    async (_, args) => {
      // In the temporary folder, where the commands that save files write them.
      const result = await runCli(
        args as string[],
        cleanEnv({ ALTERYX_BASE_URL: prism.url(), ALTERYX_TOKEN: "any-token" }),
        dir,
      );
      expect(result.stderr).not.toMatch(/alteryx-jobs:/);
      expect(result.code).toBe(0);
    },
  );
});
