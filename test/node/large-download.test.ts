// A 200 MiB random output, sent in uneven chunks, saved by a child process running the built
// package: the file is byte for byte what was sent, and the child's memory stays flat.
//
// The bound is measured, not guessed: a plain fetch piped to a file, in a child of its own on the
// same Node and machine, sets the baseline (Node's own memory and undici's chunks waiting for the
// garbage collector: 104–121 MiB on Node 20, 150–152 MiB on Node 24). saveJobOutputs may take at
// most 48 MiB more (measured: 0–11 MiB more); a download held in memory takes the whole 200 MiB
// file on top of the baseline, so it cannot pass on any Node.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIG_JOB_ID, type BigOutputServer, startBigOutputServer } from "../../scripts/lib/big-output-server.js";

const FILE_BYTES = 200 * 2 ** 20;
/** What saveJobOutputs may use beyond a plain fetch piped to a file. */
const MARGIN_BYTES = 48 * 2 ** 20;
const child = fileURLToPath(new URL("../../scripts/lib/download-child.js", import.meta.url));

let server: BigOutputServer;
let dir: string;
beforeAll(async () => {
  server = await startBigOutputServer(FILE_BYTES);
  dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-large-"));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Runs the download child in `mode` into a folder of its own: what it saved and its peak RSS. */
async function download(mode: "client" | "fetch") {
  const into = join(dir, mode);
  mkdirSync(into);
  const { stdout } = await promisify(execFile)(process.execPath, [
    child,
    mode,
    server.baseUrl,
    BIG_JOB_ID,
    server.outputUrl,
    into,
  ]);
  const result = JSON.parse(stdout) as { saved: { path: string; bytes: number }[]; peakRssBytes: number };
  return { ...result, files: readdirSync(into) };
}

describe("a 200 MiB output", () => {
  it("is saved byte for byte by a process whose memory stays as flat as a plain fetch's", {
    timeout: 180_000,
  }, async () => {
    const client = await download("client");
    expect(client.saved).toHaveLength(1);
    expect(client.saved[0]?.bytes).toBe(FILE_BYTES);
    expect(client.files).toEqual(["big.bin"]);
    expect(server.sent).toHaveLength(1);
    expect(await sha256(client.saved[0]?.path ?? "")).toBe(server.sent[0]);

    const fetched = await download("fetch");
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    console.log(
      `peak RSS: saveJobOutputs ${mib(client.peakRssBytes)}, fetch piped to a file ${mib(fetched.peakRssBytes)}`,
    );
    expect(client.peakRssBytes).toBeLessThan(fetched.peakRssBytes + MARGIN_BYTES);
  });
});
