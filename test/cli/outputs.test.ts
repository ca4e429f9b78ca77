// `outputs`, `download` and `run --wait --download`, in-process against the stand-in server.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { progressLine } from "../../src/cli/format.js";
import { run, type Signal } from "../../src/cli/run.js";
import type { JobView } from "../../src/index.js";
import { runCli, runInProcess, sendJson } from "../helpers/cli.js";
import { example } from "../helpers/examples.js";
import type { Route } from "../helpers/http-server.js";
import { JOB_ID, WORKFLOW_ID } from "../helpers/ids.js";
import { noise } from "../helpers/noise.js";
import { documented, useCommand } from "./api.js";

const { api, env } = useCommand();
const cli = (args: string[], tty = false) => runInProcess(args, env(), { tty });
const job = example<JobView>("getJob", 200, "completed");
const [first] = job.outputs;
const FILE = Buffer.from([0, 1, 2, 255, 10, 13, 0x1b]);

/** The documented answers, and the output's bytes for a download. */
const withFile: Route = (request, response, body) => {
  if (!request.url?.includes("/output/")) return documented(request, response, body);
  response.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(FILE.length) });
  response.end(FILE);
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-cli-"));
  api.answer(withFile);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("alteryx-jobs outputs", () => {
  it("lists each output's ID, file name and formats, or the outputs as JSON", async () => {
    const readable = await cli(["outputs", JOB_ID]);
    expect(readable.code).toBe(0);
    expect(readable.stdout.split("\n")).toEqual([
      expect.stringMatching(/^ID\s+FILE NAME\s+FORMATS$/),
      expect.stringMatching(
        new RegExp(`^${first?.id}\\s+${first?.fileName}\\s+${first?.availableFormats.join(", ")}$`),
      ),
      "",
    ]);
    expect(JSON.parse((await cli(["outputs", JOB_ID, "--json"])).stdout)).toEqual(job.outputs);
  });
});

describe("alteryx-jobs download", () => {
  it("saves the outputs into --dir in --format and prints their paths; quiet when not on a terminal", async () => {
    const { code, stdout, stderr } = await cli(["download", JOB_ID, "--dir", dir, "--format", "csv"]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${join(resolve(dir), first?.fileName ?? "")}\n`);
    expect(readFileSync(join(dir, first?.fileName ?? ""))).toEqual(FILE);
    expect(api.sent().at(-1)?.url.searchParams.get("format")).toBe("Csv");
    expect(stderr).toBe("");
  });

  it("shows a progress line of bytes on a terminal", async () => {
    const { code, stderr } = await cli(["download", JOB_ID, "--dir", dir], true);
    expect(code).toBe(0);
    expect(stderr).toContain(`${first?.fileName}  ${FILE.length} B of ${FILE.length} B`);
  });

  it("Ctrl-C mid-way exits 130 with no file left in --dir, not even the partial one", async () => {
    let interrupt: ((signal: Signal) => void) | undefined;
    // The output's body: its second chunk is asked for once the first is written; Ctrl-C then.
    const stalling = async (input: string | URL | Request, init?: RequestInit) => {
      if (!String(input).includes("/output/")) return fetch(input, init);
      let pulls = 0;
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (++pulls === 2) interrupt?.("SIGINT");
            controller.enqueue(FILE);
          },
        },
        { highWaterMark: 0 },
      );
      return new Response(body, { headers: { "content-type": "application/octet-stream" } });
    };
    const code = await run(["download", JOB_ID, "--dir", dir], {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: env(),
      fetch: stalling,
      onSignal(listener) {
        interrupt = listener;
        return () => {
          interrupt = undefined;
        };
      },
    });
    expect(code).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  });

  // As users' scripts run it: a process whose exit code is its own, never Node's 13.
  it("exits 6 with a message when the body stops coming for --request-timeout, leaving no file", async () => {
    api.answer((request, response, body) => {
      if (!request.url?.includes("/output/")) return documented(request, response, body);
      response.writeHead(200, { "content-type": "text/csv", "content-length": "100000" }).write("Region,Total\n");
    });
    const { code, stderr } = await runCli(["download", JOB_ID, "--dir", dir, "--request-timeout", "1s"], env());
    expect({ code, stderr }).toEqual({ code: 6, stderr: expect.stringMatching(/No byte of the body within 1000 ms/) });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("exits 1 with a message for a compressed body corrupt mid-stream, leaving no file", async () => {
    api.answer((request, response, body) => {
      if (!request.url?.includes("/output/")) return documented(request, response, body);
      const encoded = gzipSync(noise(200_000));
      encoded.fill(0x55, 100_000, 100_100);
      response.writeHead(200, { "content-type": "text/csv", "content-encoding": "gzip" }).end(encoded);
    });
    const { code, stderr } = await runCli(["download", JOB_ID, "--dir", dir, "--request-timeout", "1s"], env());
    expect({ code, stderr }).toEqual({ code: 1, stderr: expect.stringMatching(/compressed .* not saved/) });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("names no file with a token the server echoes, and prints the path the file has", async () => {
    api.answer((request, response, body) => {
      if (!request.url?.includes("/output/")) return documented(request, response, body);
      const echoed = request.headers.authorization?.replace(/^Bearer /, "");
      response.writeHead(200, { "content-disposition": `attachment; filename="data.${echoed}"` }).end(FILE);
    });
    // Letters and digits only: a token that could pass for an extension.
    const token = "echoedToken42";
    const { code, stdout } = await runInProcess(["download", JOB_ID, "--dir", dir], env({ ALTERYX_TOKEN: token }));
    expect(code).toBe(0);
    expect(existsSync(stdout.trim())).toBe(true);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(readdirSync(dir).join("\n")).not.toContain(token);
  });

  it("blames the server, not the user, for an output ID the path cannot take, before any download", async () => {
    const listed = { ...job, outputs: [...job.outputs, { id: "out-2", fileName: "b.csv", availableFormats: ["Raw"] }] };
    api.answer((request, response, body) =>
      request.url?.includes(`/v3/jobs/${JOB_ID}`) ? sendJson(response, 200, listed) : withFile(request, response, body),
    );
    const { code, stderr } = await cli(["download", JOB_ID, "--dir", dir]);
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: expect.stringMatching(/"out-2", the download path cannot take/),
    });
    expect(stderr).not.toMatch(/Nothing was sent|for usage/);
    expect(api.sent().filter((request) => request.url.pathname.includes("/output/"))).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses an output the job does not have, with exit 2 and no file", async () => {
    const { code, stderr } = await cli(["download", JOB_ID, "--dir", dir, "--output", "0".repeat(24)]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/one of the job's outputs/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("alteryx-jobs run --wait --download", () => {
  it("runs, waits for success, then saves the outputs", async () => {
    const { code, stdout } = await cli(["run", WORKFLOW_ID, "--wait", "--download", dir]);
    expect(code).toBe(0);
    expect(stdout).toContain(join(resolve(dir), first?.fileName ?? ""));
    expect(readdirSync(dir)).toEqual([first?.fileName]);
  });

  it("prints one JSON document with --json: the job and the files saved", async () => {
    const { code, stdout } = await cli(["run", WORKFLOW_ID, "--wait", "--download", dir, "--json"]);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { job: JobView; saved: { path: string }[] };
    expect(Object.keys(printed)).toEqual(["job", "saved"]);
    expect(printed.job.status).toBe(job.status);
    expect(printed.saved.map((file) => file.path)).toEqual([join(resolve(dir), first?.fileName ?? "")]);
  });

  it("takes --download only with --wait, before sending anything", async () => {
    const { code } = await cli(["run", WORKFLOW_ID, "--download", dir]);
    expect(code).toBe(2);
    expect(api.sent()).toEqual([]);
  });
});

describe("the progress line", () => {
  it("shows bytes, the total when known, and the rate", () => {
    expect(progressLine("big.bin", 12 * 2 ** 20, 200 * 2 ** 20, 2000)).toBe(
      "big.bin  12.0 MiB of 200.0 MiB  6.0 MiB/s",
    );
    expect(progressLine("a.csv", 512, undefined, 0)).toBe("a.csv  512 B");
  });
});
