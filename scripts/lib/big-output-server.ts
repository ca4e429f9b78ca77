// A server on 127.0.0.1 with one finished job whose one output is a large random binary, sent in
// uneven chunks (1 byte to 256 KiB) at the pace the client reads; each download's SHA-256 is
// recorded as sent. For the large-download test and the download benchmark.
import { createCipheriv, createHash } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dereference, type JsonObject, readSpec, responseExamples } from "./spec.js";

type JobExample = JsonObject & { id: string; outputs: { id: string }[] };
const completed = Object.values(
  responseExamples(dereference(readSpec()) as JsonObject, "getJob", 200),
)[0] as JobExample;

/** The job of the spec's first `getJob` example, and its first output. */
export const BIG_JOB_ID = completed.id;
export const BIG_OUTPUT_ID = completed.outputs[0]?.id ?? "";

export interface BigOutputServer {
  /** The API root to give the client. */
  baseUrl: string;
  /** The output's own URL, for a plain fetch. */
  outputUrl: string;
  /** The SHA-256 (hex) of each download completed so far, in order. */
  sent: string[];
  close(): Promise<void>;
}

export async function startBigOutputServer(bytes: number): Promise<BigOutputServer> {
  const job = {
    ...completed,
    outputs: [{ id: BIG_OUTPUT_ID, fileName: "big.bin", availableFormats: ["Raw"] }],
  };
  const sent: string[] = [];
  const server = createServer((request, response) => {
    if (request.url?.startsWith(`/webapi/v3/jobs/${BIG_JOB_ID}`)) {
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(job));
    } else if (request.url?.startsWith(`/webapi/v1/jobs/${BIG_JOB_ID}/output/${BIG_OUTPUT_ID}?`)) {
      void send(response, bytes).then((hash) => hash && sent.push(hash));
    } else response.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not found."}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webapi`;
  return {
    baseUrl: root,
    outputUrl: `${root}/v1/jobs/${BIG_JOB_ID}/output/${BIG_OUTPUT_ID}?format=Raw`,
    sent,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes `bytes` of an AES-CTR keystream (random-looking, cheap) in uneven chunks; resolves with its hash. */
async function send(response: ServerResponse, bytes: number): Promise<string | undefined> {
  const stream = createCipheriv("aes-128-ctr", Buffer.alloc(16, 7), Buffer.alloc(16, 0));
  const hash = createHash("sha256");
  response.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes) });
  let state = 0x9e3779b9;
  for (let left = bytes; left > 0; ) {
    // xorshift32: a fixed, uneven sequence of sizes, now and then a very small one.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const roll = state >>> 0;
    const size = Math.min(left, roll % 16 === 0 ? 1 + (roll % 7) : 1 + (roll % 262_144));
    const chunk = stream.update(Buffer.alloc(size));
    hash.update(chunk);
    left -= size;
    if (!response.write(chunk)) {
      const drained = await new Promise<boolean>((resolve) => {
        const settle = (value: boolean) => () => {
          response.off("drain", onDrain).off("close", onClose);
          resolve(value);
        };
        const onDrain = settle(true);
        const onClose = settle(false);
        response.on("drain", onDrain).on("close", onClose);
      });
      if (!drained) return undefined;
    }
  }
  response.end();
  return hash.digest("hex");
}
