// Every sample of the API reference runs as it is against the sandbox's default fixture: the
// TypeScript ones with the built package imported by name, the command-line ones with the built
// `alteryx-jobs` on PATH, the curl ones with curl. Each gets a fresh sandbox (a sample may cancel
// the job another reads) and the environment `alteryx-jobs sandbox` tells its users to export;
// any error (an exit other than 0, a TypeScript sample's stderr) fails it.
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { specWithSamples } from "../../scripts/docs.js";
import { type CodeSample, SAMPLE_LANGUAGES } from "../../scripts/lib/code-samples.js";
import { HTTP_METHODS, type JsonObject } from "../../scripts/lib/spec.js";
import { defaultFixture, startSandbox } from "../../src/sandbox/index.js";
import { CLI, cleanEnv } from "../helpers/cli.js";

const execute = promisify(execFile);
const spec = specWithSamples();
const operations = Object.values(spec.paths as JsonObject).flatMap((item) =>
  HTTP_METHODS.map((m) => (item as JsonObject)[m] as JsonObject | undefined).filter((op) => op !== undefined),
);
const [TYPESCRIPT, SHELL, CURL] = SAMPLE_LANGUAGES.map((l) => l.lang);
/** Each sample of each operation, by language. */
const samples = (lang: string) =>
  operations.flatMap((op) =>
    (op["x-codeSamples"] as unknown as CodeSample[])
      .filter((s) => s.lang === lang)
      .map((s) => [String(op.operationId), s.source] as const),
  );
// Curator-only operations have samples too: the Curator's key opens every one.
const curator = defaultFixture.users.find((u) => u.curator === true);
if (!curator) throw new Error("the default fixture has no Curator key");
// The sandbox's speed: a run waited for ends in a few of the client's polls. A job the samples
// cancel is held Running by the fixture, whatever the speed.
const SPEED = 10_000;
const LIMIT_MS = 90_000;

// Inside the package, so that `import "alteryx-jobs"` resolves to its own exports.
const dir = mkdtempSync(join(process.cwd(), ".samples-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// `alteryx-jobs` on PATH, as `npm install -g alteryx-jobs` puts it.
const bin = join(dir, "bin");
mkdirSync(bin);
writeFileSync(join(bin, "alteryx-jobs"), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
chmodSync(join(bin, "alteryx-jobs"), 0o755);

/** Runs `command` against a fresh default sandbox in a folder of its own, with the sandbox's environment. */
async function againstSandbox(name: string, command: (env: NodeJS.ProcessEnv, cwd: string) => Promise<unknown>) {
  const sandbox = await startSandbox({ speed: SPEED });
  const cwd = mkdtempSync(join(dir, `${name}-`));
  try {
    const response = await fetch(`${sandbox.url}/oauth2/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: curator?.clientId ?? "",
        client_secret: curator?.clientSecret ?? "",
      }),
    });
    const { access_token } = (await response.json()) as { access_token: string };
    const env = cleanEnv({
      PATH: `${bin}:${process.env.PATH}`,
      ALTERYX_BASE_URL: sandbox.url,
      ALTERYX_CLIENT_ID: curator?.clientId ?? "",
      ALTERYX_CLIENT_SECRET: curator?.clientSecret ?? "",
      ALTERYX_TOKEN: access_token,
    });
    return await command(env, cwd);
  } finally {
    await sandbox.stop();
  }
}

/** The sample's output, or its exit code and both streams when it fails, for the message. */
async function shell(source: string, env: NodeJS.ProcessEnv, cwd: string) {
  return execute("bash", ["-euo", "pipefail", "-c", source], { env, cwd, timeout: LIMIT_MS }).catch(
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ failed: e.code ?? "killed", ...e }),
  );
}

describe("the reference's samples against the sandbox", () => {
  it("cover every operation in TypeScript and curl, and every command in the command line", () => {
    expect(samples(TYPESCRIPT ?? "").length).toBe(operations.length);
    expect(samples(CURL ?? "").length).toBe(operations.length);
    expect(samples(SHELL ?? "").length).toBe(operations.length);
  });

  it.each(samples(TYPESCRIPT ?? ""))(
    "%s: the TypeScript sample runs",
    async (name, source) => {
      const result = await againstSandbox(name, (env, cwd) => {
        const file = join(cwd, "sample.ts");
        writeFileSync(file, source);
        // As `npx tsx sample.ts` runs it, in one process.
        return execute(process.execPath, ["--import", "tsx", file], { env, cwd, timeout: LIMIT_MS }).catch(
          (e: { code?: number; stdout?: string; stderr?: string }) => ({ failed: e.code ?? "killed", ...e }),
        );
      });
      expect(result, JSON.stringify(result)).not.toHaveProperty("failed");
      expect((result as { stderr: string }).stderr).toBe("");
      expect((result as { stdout: string }).stdout).not.toBe("");
    },
    LIMIT_MS + 10_000,
  );

  it.each(samples(SHELL ?? ""))(
    "%s: the command-line sample runs",
    async (name, source) => {
      // The command asks for its own token with the key and secret, as its sample says.
      const result = await againstSandbox(name, (all, cwd) => {
        const { ALTERYX_TOKEN: _, ...withKeys } = all;
        return shell(source, withKeys, cwd);
      });
      expect(result, JSON.stringify(result)).not.toHaveProperty("failed");
      expect((result as { stdout: string }).stdout).not.toBe("");
    },
    LIMIT_MS + 10_000,
  );

  it.each(samples(CURL ?? ""))(
    "%s: the curl sample runs",
    async (name, source) => {
      const result = await againstSandbox(name, (env, cwd) => shell(source, env, cwd));
      expect(result, JSON.stringify(result)).not.toHaveProperty("failed");
    },
    LIMIT_MS + 10_000,
  );
});
