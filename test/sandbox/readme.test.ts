// The README's sandbox example runs as written, with vitest, importing the built package by name.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { bin } from "../../scripts/lib/script.js";

const run = promisify(execFile);
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
// Inside the package, so that `import "alteryx-jobs/sandbox"` resolves to this package's own exports.
const dir = mkdtempSync(join(process.cwd(), ".readme-sandbox-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const example = /<!-- vitest-example:[^>]*-->\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];

describe("README: the sandbox", () => {
  it("has a vitest example", () => {
    expect(example).toContain("alteryx-jobs/sandbox");
  });

  it("example passes, run by vitest as written", { timeout: 60_000 }, async () => {
    writeFileSync(join(dir, "sandbox.test.ts"), example ?? "");
    // Its own config, so that the example runs alone and without this suite's setup.
    const config = join(dir, "vitest.config.mjs");
    writeFileSync(config, 'export default { test: { include: ["sandbox.test.ts"] } };\n');
    // The installed vitest command, without npx in front of it.
    const args = ["run", "--root", dir, "--config", config, "--reporter", "verbose"];
    const { stdout } = await run(bin("vitest"), args, { env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
    expect(stdout).toMatch(/Tests\s+2 passed \(2\)/);
  });
});
