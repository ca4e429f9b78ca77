// saveJobOutputs against a hostile server on 127.0.0.1: bodies a decoder would misread or hold,
// bodies shorter than they say, and names that echo the token. A failed download leaves no file
// under any name, and one that is given up closes its connection.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AlteryxError,
  ConnectionError,
  createJobsClient,
  type Fetch,
  type JobView,
  TimeoutError,
  UnexpectedResponseError,
} from "../../src/index.js";
import { FileSystemError, saveJobOutputs } from "../../src/node/index.js";
import { example } from "../helpers/examples.js";
import { useServer } from "../helpers/http-server.js";
import { JOB_ID, OUTPUT_ID } from "../helpers/ids.js";

const TOKEN = "t0kenSecret42";
/** Runs saveJobOutputs from the built package in a process of its own. */
const CHILD = fileURLToPath(new URL("./save-child.js", import.meta.url));
const job = example<JobView>("getJob", 200, "completed");
const FILE = Buffer.from("Region,Total\nEMEA,1200\nAMER,3400\n".repeat(2000));

type Download = (response: ServerResponse, request: IncomingMessage) => void;
let download: Download;
/** Each download request's headers, and whether its connection has closed. */
const asked: { headers: IncomingMessage["headers"]; closed: Promise<void> }[] = [];

/** The job's first output, and any others. */
let listed = { id: OUTPUT_ID, fileName: "sales.csv", availableFormats: ["Raw"] };
let others: (typeof listed)[] = [];

const server = useServer((request, response) => {
  if (!request.url?.includes("/output/")) {
    const body = { ...job, outputs: [listed, ...others] };
    return void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  }
  const closed = new Promise<void>((resolve) => request.socket.once("close", () => resolve()));
  asked.push({ headers: request.headers, closed });
  download(response, request);
});

const client = (options: { timeoutMs?: number; fetch?: Fetch } = {}) =>
  createJobsClient({ baseUrl: `${server.url()}/webapi`, auth: { token: TOKEN }, maxRetries: 0, ...options });

let dir: string;
beforeEach(() => {
  asked.length = 0;
  listed = { id: OUTPUT_ID, fileName: "sales.csv", availableFormats: ["Raw"] };
  others = [];
  dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-hostile-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const gzip = (cut: (encoded: Buffer) => Buffer) => (response: ServerResponse) => {
  response.writeHead(200, { "content-type": "text/csv", "content-encoding": "gzip" });
  response.end(cut(gzipSync(FILE)));
};

describe("saveJobOutputs and compressed answers", () => {
  it("asks for the file uncompressed, and saves what a server that honours that sends", async () => {
    download = (response) => response.writeHead(200, { "content-type": "text/csv" }).end(FILE);
    const [saved] = await saveJobOutputs(client(), JOB_ID, dir);
    expect(asked[0]?.headers["accept-encoding"]).toBe("identity");
    expect(readFileSync(saved?.path ?? "")).toEqual(FILE);
  });

  it("refuses a gzip body cut short (no trailer): no file under any name", async () => {
    download = gzip((encoded) => encoded.subarray(0, encoded.length >> 1));
    const saving = saveJobOutputs(client(), JOB_ID, dir);
    await expect(saving).rejects.toBeInstanceOf(UnexpectedResponseError);
    await expect(saving).rejects.toThrow(/Content-Encoding: "gzip".*cannot be told from a whole one/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses a gzip body corrupt mid-stream at once, rather than waiting on the decoder", async () => {
    download = gzip((encoded) => encoded.fill(0x55, encoded.length >> 1, (encoded.length >> 1) + 100));
    await expect(saveJobOutputs(client({ timeoutMs: 60_000 }), JOB_ID, dir)).rejects.toBeInstanceOf(
      UnexpectedResponseError,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("closes the connection of a compressed answer it refuses", async () => {
    download = (response) => {
      response.writeHead(200, { "content-type": "text/csv", "content-encoding": "gzip" });
      response.write(gzipSync(FILE).subarray(0, 1000));
    };
    await expect(saveJobOutputs(client(), JOB_ID, dir)).rejects.toBeInstanceOf(UnexpectedResponseError);
    await asked[0]?.closed;
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("saveJobOutputs and bodies shorter than they say", () => {
  it("fails a body whose connection closes short of its Content-Length", async () => {
    download = (response) => {
      response.writeHead(200, { "content-length": String(FILE.length) });
      response.write(FILE.subarray(0, 1000), () => response.socket?.end());
    };
    await expect(saveJobOutputs(client(), JOB_ID, dir)).rejects.toBeInstanceOf(ConnectionError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("fails a body that ends cleanly short of its Content-Length, whatever fetch is used", async () => {
    // A fetch that does not check the length itself: the body simply ends after 1000 bytes.
    const lax: Fetch = async (input, init) => {
      const real = await fetch(input, init);
      if (!String(input).includes("/output/")) return real;
      await real.body?.cancel();
      const headers = { "content-length": String(FILE.length) };
      return new Response(FILE.subarray(0, 1000), { headers });
    };
    download = (response) => response.writeHead(200).end(FILE);
    const saving = saveJobOutputs(client({ fetch: lax }), JOB_ID, dir);
    await expect(saving).rejects.toBeInstanceOf(ConnectionError);
    await expect(saving).rejects.toThrow(`ended after 1000 of the ${FILE.length} bytes`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("ends a body that stops coming with TimeoutError, and closes its connection", async () => {
    download = (response) => {
      response.writeHead(200, { "content-length": String(FILE.length) });
      response.write(FILE.subarray(0, 1000));
    };
    await expect(saveJobOutputs(client({ timeoutMs: 1000 }), JOB_ID, dir)).rejects.toBeInstanceOf(TimeoutError);
    await asked[0]?.closed;
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("saveJobOutputs and the names the server gives", () => {
  const named = (disposition: string) => (response: ServerResponse) =>
    response.writeHead(200, { "content-type": "text/csv", "content-disposition": disposition }).end(FILE);

  it("never writes the token to disk, when the server echoes it in either name", async () => {
    listed = { ...listed, fileName: `report-${TOKEN}.txt` };
    download = named(`attachment; filename="data.${TOKEN}"`);
    const [saved] = await saveJobOutputs(client(), JOB_ID, dir);
    expect(readdirSync(dir)).toEqual(["report-[redacted].txt"]);
    expect(saved?.path).toBe(join(dir, "report-[redacted].txt"));
    expect(readFileSync(saved?.path ?? "")).toEqual(FILE);
  });

  it("masks a token that only the making safe of the name would spell", async () => {
    listed = { ...listed, fileName: `${TOKEN.slice(0, 4)}\u0000${TOKEN.slice(5)}.csv` };
    const withUnderscore = `${TOKEN.slice(0, 4)}_${TOKEN.slice(5)}`;
    download = named("attachment");
    const [saved] = await saveJobOutputs(
      createJobsClient({ baseUrl: `${server.url()}/webapi`, auth: { token: withUnderscore } }),
      JOB_ID,
      dir,
    );
    expect(readdirSync(dir)).toEqual(["[redacted].csv"]);
    expect(saved?.path).toBe(join(dir, "[redacted].csv"));
  });

  it("takes the extension of the parameter named filename, not of one whose name ends so", async () => {
    listed = { ...listed, fileName: "report.bin" };
    download = named('attachment; xfilename="evil.exe"; filename="x.csv"');
    const [saved] = await saveJobOutputs(client(), JOB_ID, dir);
    expect(saved?.path).toBe(join(dir, "report.csv"));
  });

  it("reads an RFC 8187 name for its extension", async () => {
    listed = { ...listed, fileName: "report" };
    download = named("attachment; filename*=UTF-8'en'r%C3%A9sum%C3%A9.xlsx");
    const [saved] = await saveJobOutputs(client(), JOB_ID, dir);
    expect(saved?.path).toBe(join(dir, "report.xlsx"));
  });
});

describe("saveJobOutputs and output IDs", () => {
  it("checks every ID against the download path's rule before the first download", async () => {
    others = [{ id: "out-2", fileName: "second.csv", availableFormats: ["Raw"] }];
    download = (response) => response.writeHead(200).end(FILE);
    const saving = saveJobOutputs(client(), JOB_ID, dir);
    await expect(saving).rejects.toBeInstanceOf(UnexpectedResponseError);
    await expect(saving).rejects.toThrow(/"out-2", the download path cannot take .*no output was downloaded/);
    expect(asked).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});

/** `dir` made read-only, even for root (who ignores permission bits): immutable where chattr works. */
function readOnly(folder: string): () => void {
  chmodSync(folder, 0o555);
  const root = process.getuid?.() === 0;
  if (root) execFileSync("chattr", ["+i", folder]);
  return () => {
    if (root) execFileSync("chattr", ["-i", folder]);
    chmodSync(folder, 0o755);
  };
}

describe("saveJobOutputs and the file system", () => {
  it("refuses a read-only folder with a FileSystemError naming it, before asking for the download", async () => {
    download = (response) => response.writeHead(200).end(FILE);
    const restore = readOnly(dir);
    try {
      const error = await saveJobOutputs(client(), JOB_ID, dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileSystemError);
      expect(error).toBeInstanceOf(AlteryxError);
      expect(error).toMatchObject({ filePath: dir, code: expect.stringMatching(/^(EACCES|EPERM|EROFS)$/) });
      expect((error as Error).message).toContain(`Could not create a file in the folder: ${dir}: `);
      expect(asked).toEqual([]);
    } finally {
      restore();
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses a folder it cannot make with a FileSystemError naming it", async () => {
    const restore = readOnly(dir);
    try {
      const inside = join(dir, "outputs");
      const error = await saveJobOutputs(client(), JOB_ID, inside).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileSystemError);
      expect(error).toMatchObject({ filePath: inside });
      expect(asked).toEqual([]);
    } finally {
      restore();
    }
  });

  it("cancels the download when writing fails part way (a full disk), closing its connection", async () => {
    // 4 MiB that never end: only the client can close this connection.
    download = (response) => {
      response.writeHead(200, { "content-type": "application/octet-stream" });
      response.write(Buffer.alloc(4 * 2 ** 20, 7));
    };
    // A file size limit of 64 KiB for the child: its write fails with EFBIG, as on a full disk.
    const script = 'ulimit -f 128 && exec "$0" "$@"';
    const args = [process.execPath, CHILD, `${server.url()}/webapi`, JOB_ID, dir];
    const child = spawn("sh", ["-c", script, ...args], { stdio: ["pipe", "pipe", "inherit"] });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), "line")) as [string];
      expect(JSON.parse(line)).toEqual({
        error: expect.objectContaining({ name: "FileSystemError", code: "EFBIG", filePath: dir }),
      });
      // The child is still running: a connection it did not close would stay open, and this would wait for ever.
      await asked[0]?.closed;
      expect(asked).toHaveLength(1);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      child.stdin.end();
      if (child.exitCode === null) await once(child, "exit");
    }
  });
});

describe("saveJobOutputs and a file system that refuses", () => {
  it("a folder that cannot be made is a FileSystemError naming it, before any download", async () => {
    writeFileSync(join(dir, "a-file"), "");
    const inside = join(dir, "a-file", "outputs");
    const saving = saveJobOutputs(client(), JOB_ID, inside);
    await expect(saving).rejects.toBeInstanceOf(FileSystemError);
    await expect(saving).rejects.toMatchObject({ code: "ENOTDIR", filePath: inside });
    await expect(saving).rejects.toThrow(`Could not make the folder: ${inside}: ENOTDIR`);
    expect(asked).toEqual([]);
  });

  it("a folder removed during the download is a FileSystemError naming the file, with no file left", async () => {
    // The folder goes once the download is asked for: the complete file cannot be given its name.
    download = (response) => {
      rmSync(dir, { recursive: true, force: true });
      response.writeHead(200, { "content-length": String(FILE.length) }).end(FILE);
    };
    const saving = saveJobOutputs(client(), JOB_ID, dir);
    await expect(saving).rejects.toBeInstanceOf(FileSystemError);
    await expect(saving).rejects.toMatchObject({ code: "ENOENT", filePath: join(dir, "sales.csv") });
    await expect(saving).rejects.toThrow(`Could not save output ${OUTPUT_ID}: ${join(dir, "sales.csv")}: ENOENT`);
  });
});
