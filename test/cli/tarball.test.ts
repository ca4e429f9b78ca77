// The package as users get it: packed by npm, installed where nothing of this repository is on
// the way up (only its declared dependencies beside it), and its `alteryx-jobs conform` run
// against a sandbox. A file left out of `files`, or an import of a devDependency, fails here.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes.js";
import { createJobsClient } from "../../src/index.js";
import { cleanEnv } from "../helpers/cli.js";
import { CURATOR, SALES, useSandbox } from "../sandbox/helpers.js";

const exec = promisify(execFile);
const repo = resolve(import.meta.dirname, "../..");
const sandbox = useSandbox();
const dir = mkdtempSync(join(tmpdir(), "tarball-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The installed package's folder and its command's file. */
let bin = "";

beforeAll(async () => {
  const { stdout } = await exec("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], {
    cwd: repo,
  });
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  await exec("tar", ["-xzf", join(dir, filename), "-C", dir]);
  const modules = join(dir, "project", "node_modules");
  const installed = join(modules, "alteryx-jobs");
  mkdirSync(dirname(installed), { recursive: true });
  renameSync(join(dir, "package"), installed);
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
    bin: Record<string, string>;
  };
  // What `npm install` would put beside it: the declared dependencies, and nothing else.
  for (const name of Object.keys(manifest.dependencies)) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(repo, "node_modules", name), join(modules, name), "dir");
  }
  bin = join(installed, manifest.bin["alteryx-jobs"] as string);
}, 120_000);

describe("the packed package", () => {
  it("runs alteryx-jobs conform against the sandbox and exits 0", async () => {
    const client = createJobsClient({ baseUrl: sandbox().url, auth: CURATOR });
    await client.runWorkflow(SALES.id);
    await client.runWorkflow(SALES.id);
    sandbox().clock.advance(SALES.queuedMs + SALES.runningMs);
    const env = cleanEnv({
      ALTERYX_BASE_URL: sandbox().url,
      ALTERYX_CLIENT_ID: CURATOR.clientId,
      ALTERYX_CLIENT_SECRET: CURATOR.clientSecret,
    });
    const result = await exec(process.execPath, [bin, "conform", "--workflow", SALES.id], {
      env,
      cwd: join(dir, "project"),
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.stderr).not.toMatch(/alteryx-jobs:/);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/\d+ claims against http:\/\/127\.0\.0\.1:\d+: 0 contradicted, 0 inconclusive/);
  }, 60_000);
});
