// Download throughput and memory: this package's saveJobOutputs beside a plain fetch piped to a
// file, both from the same local server, each in a child process of its own (so that its peak
// memory is its own), alternating, in one run. The median of the rounds is reported.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { BIG_JOB_ID, startBigOutputServer } from "../big-output-server.js";
import { median } from "./report.js";

export interface DownloadResult {
  variant: "fetch piped to a file" | "saveJobOutputs";
  mibPerSecond: number;
  peakRssMib: number;
}

const child = fileURLToPath(new URL("../download-child.js", import.meta.url));
const run = promisify(execFile);

export async function measureDownloads(mib: number, rounds: number): Promise<DownloadResult[]> {
  const server = await startBigOutputServer(mib * 2 ** 20);
  const samples = { fetch: [] as { ms: number; rss: number }[], client: [] as { ms: number; rss: number }[] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const mode of ["fetch", "client"] as const) {
        const dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-bench-"));
        try {
          const { stdout } = await run(process.execPath, [
            child,
            mode,
            server.baseUrl,
            BIG_JOB_ID,
            server.outputUrl,
            dir,
          ]);
          const { ms, peakRssBytes, saved } = JSON.parse(stdout) as {
            ms: number;
            peakRssBytes: number;
            saved: { bytes: number }[];
          };
          if (saved[0]?.bytes !== mib * 2 ** 20) throw new Error(`${mode}: saved ${saved[0]?.bytes} bytes`);
          samples[mode].push({ ms, rss: peakRssBytes });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await server.close();
  }
  const result = (variant: DownloadResult["variant"], list: { ms: number; rss: number }[]): DownloadResult => ({
    variant,
    mibPerSecond: mib / (median(list.map((s) => s.ms)) / 1000),
    peakRssMib: median(list.map((s) => s.rss)) / 2 ** 20,
  });
  return [result("fetch piped to a file", samples.fetch), result("saveJobOutputs", samples.client)];
}
