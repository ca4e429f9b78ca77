// The README's example runs as written against the mock, importing the built package by name.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dereference, type JsonObject, listOperations, readSpec } from "../scripts/lib/spec.js";
import { COMMANDS, type Command } from "../src/cli/commands.js";
import { EXIT } from "../src/cli/exit-codes.js";
import { cleanEnv, runCli } from "./helpers/cli.js";
import { usePrism } from "./helpers/prism.js";

const run = promisify(execFile);
const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
// Inside the package, so that `import "alteryx-jobs"` resolves to this package's own exports.
const dir = mkdtempSync(join(process.cwd(), ".readme-example-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The lines of the CLI example that start with `prefix`, as argument lists after it. */
function cliExamples(prefix = "alteryx-jobs "): string[][] {
  const block = /<!-- cli-example:[^>]*-->\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  return block
    .split("\n")
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length).replace(/#.*$/, "").trim().split(/\s+/));
}
const commandsWhere = (keep: (command: Command) => boolean) =>
  Object.entries(COMMANDS)
    .filter(([, command]) => keep(command))
    .map(([name]) => name)
    .sort();

function examples(): string[] {
  const blocks = [...readme.matchAll(/<!-- example:[^>]*-->\n```ts\n([\s\S]*?)```/g)];
  return blocks.map((match) => match[1] ?? "");
}

describe("README", () => {
  const prism = usePrism();
  // The block's file-making lines (`printf … > answers.csv`), run where the commands run.
  beforeAll(async () => {
    for (const line of cliExamples("printf ")) await run("sh", ["-c", `printf ${line.join(" ")}`], { cwd: dir });
  });

  it("has a runnable example", () => {
    expect(examples().length).toBeGreaterThan(0);
  });

  // Side by side: the mock keeps no state, and each example spends most of its time waiting. The
  // time allowed covers an example that starts a Prism of its own (startPrism allows it 30 s).
  it.concurrent.each(examples().map((code, i) => [i + 1, code]))(
    "example %i runs against the mock",
    { timeout: 60_000 },
    async (i, code) => {
      const file = join(dir, `example-${i}.ts`);
      writeFileSync(file, String(code));
      const { ALTERYX_CLIENT_ID: _, ALTERYX_CLIENT_SECRET: __, ALTERYX_TOKEN: ___, ...env } = process.env;
      // As `npx tsx` runs it, in one process instead of three.
      const { stdout } = await run(process.execPath, ["--import", "tsx", file], {
        env: { ...env, ALTERYX_BASE_URL: prism.url() },
      });
      expect(stdout).toContain("succeeded");
    },
  );

  it("has command-line examples for every command that talks to the server, and starts each server", () => {
    const commands = new Set(cliExamples().map((args) => args[0]));
    expect([...commands].sort()).toEqual(commandsWhere((command) => command.server));
    const started = cliExamples("npx alteryx-jobs ").map((args) => args[0]);
    expect(started.sort()).toEqual(commandsWhere((command) => command.servesUntilStopped === true));
  });

  it("runs every TypeScript block, or marks it as a fragment", () => {
    // What the line before each block says: the tests above run "example" blocks, and
    // test/sandbox/readme.test.ts the "vitest-example" one.
    const markers = [...readme.matchAll(/^(.*)\n```(?:ts|typescript|js|javascript|mjs)\n/gm)].map((m) => m[1]);
    expect(markers.length).toBeGreaterThan(0);
    for (const marker of markers) expect(marker).toMatch(/^<!-- (example|vitest-example|fragment): [^>]+-->$/);
  });

  it("has a row in the table of operations for every operation of the spec, as the spec gives it", () => {
    const table =
      /^\| operation \| request \| documented responses \|\n\|---\|---\|---\|\n((?:\|.*\n)+)/m.exec(readme)?.[1] ?? "";
    const rows = [
      ...table.matchAll(/^\| `(\w+)` \[([^\]]+)\] \| `([A-Z]+) ([^`?]+)(\?[^`]*)?`[^|]* \| ([^|]+) \|$/gm),
    ].map(([, operationId, tags, method, path, query, statuses]) => ({
      operationId,
      tags: tags?.split(", "),
      method: method?.toLowerCase(),
      path,
      query: query
        ? query
            .slice(1)
            .split("&")
            .map((pair) => pair.replace(/=.*$/, ""))
        : [],
      statuses: statuses?.split(", "),
    }));
    expect(rows.length, "rows of the table that read as `operationId` [Tag] | `METHOD /path` | statuses").toBe(
      table.trim().split("\n").length,
    );
    const spec = listOperations(dereference(readSpec()) as JsonObject).map(({ operationId, method, path, node }) => ({
      operationId,
      tags: node.tags,
      method,
      path,
      query: rows
        .find((row) => row.operationId === operationId)
        ?.query.filter((name) => (node.parameters as JsonObject[]).some((p) => p.in === "query" && p.name === name)),
      statuses: Object.keys(node.responses as JsonObject),
    }));
    const byName = (a: { operationId?: string }, b: { operationId?: string }) =>
      String(a.operationId).localeCompare(String(b.operationId));
    expect(rows.sort(byName)).toEqual(spec.sort(byName));
  });

  it("has a row in the table of commands for every command", () => {
    const table = /^\| command \| what it does \|\n\|---\|---\|\n((?:\|.*\n)+)/m.exec(readme)?.[1] ?? "";
    const rows = [...table.matchAll(/^\| `([a-z]+)[ `]/gm)].map((match) => match[1]);
    expect(rows.sort()).toEqual(commandsWhere(() => true));
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
      // The mock answers every request with an example, whatever its parameters say: conform
      // reports the behaviours it does not have (the README's line says so).
      expect(result.code).toBe(args[0] === "conform" ? EXIT.contradicted : EXIT.ok);
    },
  );
});
