// How long the command takes to start, ask and answer: `alteryx-jobs get <id>` against a server
// on 127.0.0.1, beside a bare Node script doing the same request with the global fetch, and
// `node -e 0`. The runs alternate, so a busy moment costs both alike; medians are compared.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { JOB_ID, startLocalServer } from "./calls.js";
import { median } from "./report.js";

const run = promisify(execFile);

export interface StartupResult {
  /** Median wall time of `alteryx-jobs get <id>`, in ms. */
  command: number;
  /** Median wall time of the bare fetch script, in ms. */
  bareFetch: number;
  /** Median wall time of `node -e 0`, in ms. */
  bareNode: number;
  runs: number;
}

async function wallTime(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  await run(process.execPath, args, { env });
  return performance.now() - started;
}

export async function measureStartup(root: string, runs = 15): Promise<StartupResult> {
  const server = await startLocalServer();
  const dir = mkdtempSync(join(tmpdir(), "bench-startup-"));
  try {
    {
      const bare = join(dir, "bare-fetch.mjs");
      // What the command does, done by hand: one authorized GET, its JSON printed.
      writeFileSync(
        bare,
        `const response = await fetch(process.env.ALTERYX_BASE_URL + "/v3/jobs/${JOB_ID}", { headers: { authorization: "Bearer " + process.env.ALTERYX_TOKEN } });
console.log(JSON.stringify(await response.json(), null, 2));
`,
      );
      const env = { ...process.env, ALTERYX_BASE_URL: server.url, ALTERYX_TOKEN: "bench-token", NO_COLOR: "1" };
      const variants = {
        command: [join(root, "dist", "src", "cli", "main.js"), "get", JOB_ID],
        bareFetch: [bare],
        bareNode: ["-e", "0"],
      };
      const times: Record<keyof typeof variants, number[]> = { command: [], bareFetch: [], bareNode: [] };
      const names = Object.keys(variants) as (keyof typeof variants)[];
      // One unmeasured run each: the first start reads files from disk.
      for (const name of names) await wallTime(variants[name], env);
      for (let i = 0; i < runs; i++) {
        for (let turn = 0; turn < names.length; turn++) {
          const name = names[(i + turn) % names.length] as keyof typeof variants;
          times[name].push(await wallTime(variants[name], env));
        }
      }
      return {
        command: median(times.command),
        bareFetch: median(times.bareFetch),
        bareNode: median(times.bareNode),
        runs,
      };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}
