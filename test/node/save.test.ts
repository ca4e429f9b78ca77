// saveJobOutputs against a server on 127.0.0.1: where files land, what they are named, and that a
// download that fails or is stopped leaves nothing behind under any name.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AbortError,
  ConnectionError,
  createJobsClient,
  InvalidArgumentError,
  type JobView,
  NotFoundError,
  type OutputDataView,
  TimeoutError,
} from "../../src/index.js";
import { saveJobOutputs } from "../../src/node/index.js";
import { example } from "../helpers/examples.js";
import { useServer } from "../helpers/http-server.js";

import { JOB_ID } from "../helpers/ids.js";

const id = (n: number) => n.toString(16).padStart(24, "0");

/** What the server does when asked for an output, by output ID. */
type Behaviour = "file" | "cut" | "stall" | "busyOnce" | "missing" | "gzip" | "oddName";
const outputs = new Map<string, { output: OutputDataView; behaviour: Behaviour }>();
const requests: { outputId: string; format: string }[] = [];
const content = (outputId: string, format: string) => `bytes of ${outputId} as ${format}\n`;

function jobWith(...list: [fileName: string, availableFormats: string[], behaviour?: Behaviour][]): void {
  outputs.clear();
  list.forEach(([fileName, availableFormats, behaviour = "file"], i) => {
    const output = { id: id(i + 1), fileName, availableFormats };
    outputs.set(output.id, { output, behaviour });
  });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const server = useServer((request, response) => {
  const url = new URL(request.url ?? "", "http://127.0.0.1");
  if (url.pathname === `/webapi/v3/jobs/${JOB_ID}`) {
    const job = example<JobView>("getJob", 200, "completed");
    return json(response, 200, { ...job, outputs: [...outputs.values()].map((o) => o.output) });
  }
  const match = /^\/webapi\/v1\/jobs\/[0-9a-f]{24}\/output\/([0-9a-f]{24})$/.exec(url.pathname);
  const found = match?.[1] ? outputs.get(match[1]) : undefined;
  if (!found) return json(response, 404, { message: "Not found." });
  const format = url.searchParams.get("format") ?? "";
  const outputId = found.output.id;
  requests.push({ outputId, format });
  const asked = requests.filter((r) => r.outputId === outputId).length;
  switch (found.behaviour) {
    case "missing":
      return json(response, 404, { message: "Not found." });
    case "busyOnce":
      if (asked === 1) return json(response, 503, { message: "Busy." });
      break;
    case "cut":
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": "100000" });
      response.write(Buffer.alloc(50_000, 1), () => response.destroy());
      return;
    case "gzip": {
      const encoded = gzipSync(content(outputId, format));
      response.writeHead(200, { "content-encoding": "gzip", "content-length": String(encoded.length) }).end(encoded);
      return;
    }
    case "oddName":
      response.writeHead(200, { "content-disposition": "attachment; filename*=UTF-8''..%2F..%2Fevil.sh%00" });
      response.end(content(outputId, format));
      return;
    case "stall":
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": "100000" });
      response.write(Buffer.alloc(1000, 2));
      return;
  }
  response.writeHead(200, { "content-type": "application/octet-stream" }).end(content(outputId, format));
});

let root: string;
let dir: string;
beforeEach(() => {
  requests.length = 0;
  root = mkdtempSync(join(tmpdir(), "alteryx-jobs-save-"));
  dir = join(root, "outputs");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const client = (timeoutMs = 30_000) =>
  createJobsClient({
    baseUrl: `${server.url()}/webapi`,
    auth: { token: "t0ken-x" },
    timeoutMs,
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
  });

describe("saveJobOutputs", () => {
  it("saves every output, each in its own file, and says where", async () => {
    jobWith(["sales.csv", ["Raw", "Csv"]], ["map.yxdb", ["Yxdb", "Csv"]]);
    const saved = await saveJobOutputs(client(), JOB_ID, dir);
    expect(saved).toEqual([
      { outputId: id(1), format: "Raw", path: join(resolve(dir), "sales.csv"), bytes: content(id(1), "Raw").length },
      { outputId: id(2), format: "Yxdb", path: join(resolve(dir), "map.yxdb"), bytes: content(id(2), "Yxdb").length },
    ]);
    expect(readFileSync(join(dir, "sales.csv"), "utf8")).toBe(content(id(1), "Raw"));
  });

  it("keeps hostile names from the server inside the folder", async () => {
    jobWith(
      ["../../x.csv", ["Raw"]],
      ["/etc/passwd", ["Raw"]],
      ["C:\\Windows\\evil.csv", ["Raw"]],
      ["a\u0000b\u001b[2Jc.csv", ["Raw"]],
      ["same.csv", ["Raw"]],
      ["same.csv", ["Raw"]],
      ["SAME.csv", ["Raw"]],
      ["", ["Csv"]],
      ["..", ["Raw"]],
      ["NUL.txt", ["Raw"]],
      [`${"x".repeat(400)}.csv`, ["Raw"]],
    );
    const saved = await saveJobOutputs(client(), JOB_ID, dir);
    for (const file of saved) expect(dirname(file.path)).toBe(resolve(dir));
    expect(saved.map((file) => file.path.slice(resolve(dir).length + 1)).slice(0, 10)).toEqual([
      "x.csv",
      "passwd",
      "evil.csv",
      "a_b_[2Jc.csv",
      "same.csv",
      "same (2).csv",
      "SAME (3).csv",
      "output.csv",
      "output",
      "_NUL.txt",
    ]);
    expect(readdirSync(dir)).toHaveLength(saved.length);
    expect(readdirSync(root)).toEqual(["outputs"]);
  });

  it("returns the path the file really has, whatever characters the server's name holds", async () => {
    jobWith(["a\ud800b.csv", ["Raw"]], ["c\u2028d.csv", ["Raw"]]);
    const saved = await saveJobOutputs(client(), JOB_ID, dir);
    expect(saved.map((file) => existsSync(file.path))).toEqual([true, true]);
    expect(readdirSync(dir).sort()).toEqual(["a_b.csv", "c_d.csv"]);
  });

  it("saves an output the job lists twice once", async () => {
    jobWith(["a.csv", ["Raw"]]);
    const [only] = [...outputs.values()];
    if (only) outputs.set("again", only);
    const saved = await saveJobOutputs(client(), JOB_ID, dir);
    expect(saved.map((file) => file.outputId)).toEqual([id(1)]);
    expect(readdirSync(dir)).toEqual(["a.csv"]);
  });

  it("names a file after its format when the server's Content-Disposition names no usable extension", async () => {
    jobWith(["report.yxdb", ["Csv"], "oddName"]);
    const [saved] = await saveJobOutputs(client(), JOB_ID, dir);
    expect(saved?.path).toBe(join(resolve(dir), "report.csv"));
  });

  it("leaves a gzip-encoded answer to getJobOutput decoded, flagged, and without a length from the encoded bytes", async () => {
    jobWith(["a.bin", ["Raw"], "gzip"]);
    const output = await client().getJobOutput(JOB_ID, id(1), { format: "Raw" });
    expect(output).toMatchObject({ contentEncoding: "gzip", contentLength: undefined });
    expect(await new Response(output.body).text()).toBe(content(id(1), "Raw"));
    await expect(saveJobOutputs(client(), JOB_ID, dir)).rejects.toThrow(/compressed/);
  });

  it("never replaces a file already in the folder, unless asked to", async () => {
    jobWith(["report.csv", ["Raw"]]);
    mkdirSync(dir);
    writeFileSync(join(dir, "report.csv"), "mine");
    const [kept] = await saveJobOutputs(client(), JOB_ID, dir);
    expect(kept?.path).toBe(join(resolve(dir), "report (2).csv"));
    expect(readFileSync(join(dir, "report.csv"), "utf8")).toBe("mine");

    const [replaced] = await saveJobOutputs(client(), JOB_ID, dir, { overwrite: true });
    expect(replaced?.path).toBe(join(resolve(dir), "report.csv"));
    expect(readFileSync(join(dir, "report.csv"), "utf8")).toBe(content(id(1), "Raw"));
  });

  it("keeps the file's own type by default, and takes a format or a function choosing one", async () => {
    jobWith(["a.csv", ["Csv", "Raw"]], ["b.yxdb", ["Csv", "Yxdb"]], ["c.pdf", ["Html", "Docx"]]);
    await saveJobOutputs(client(), JOB_ID, dir);
    expect(requests.map((r) => r.format)).toEqual(["Raw", "Yxdb", "Html"]);

    requests.length = 0;
    const saved = await saveJobOutputs(client(), JOB_ID, dir, {
      format: (offered) => (offered.includes("Csv") ? "Csv" : (offered[0] ?? "")),
    });
    expect(requests.map((r) => r.format)).toEqual(["Csv", "Csv", "Html"]);
    expect(saved[1]?.path).toBe(join(resolve(dir), "b.csv"));

    requests.length = 0;
    // Undefined: the output's own type, as by default.
    await saveJobOutputs(client(), JOB_ID, dir, {
      format: (_, output) => (output.fileName === "a.csv" ? "Csv" : undefined),
    });
    expect(requests.map((r) => r.format)).toEqual(["Csv", "Yxdb", "Html"]);

    requests.length = 0;
    await saveJobOutputs(client(), JOB_ID, dir, { outputs: [id(2)], format: "yxdb" });
    expect(requests).toEqual([{ outputId: id(2), format: "Yxdb" }]);
  });

  it("refuses an unknown output or a format not offered before downloading anything", async () => {
    jobWith(["a.csv", ["Csv"]], ["b.csv", ["Raw"]]);
    await expect(saveJobOutputs(client(), JOB_ID, dir, { outputs: [id(9)] })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(saveJobOutputs(client(), JOB_ID, dir, { format: "Csv" })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(requests).toEqual([]);
  });

  it("refuses a folder path that names a file, before downloading anything", async () => {
    jobWith(["a.csv", ["Csv"]]);
    const file = join(root, "not-a-folder");
    writeFileSync(file, "kept");
    await expect(saveJobOutputs(client(), JOB_ID, file)).rejects.toThrow(/Invalid dir/);
    expect(readFileSync(file, "utf8")).toBe("kept");
    expect(requests).toEqual([]);
  });

  it("asks again for a download refused before its first byte", async () => {
    jobWith(["a.csv", ["Raw"], "busyOnce"]);
    const [saved] = await saveJobOutputs(client(), JOB_ID, dir);
    expect(readFileSync(saved?.path ?? "", "utf8")).toBe(content(id(1), "Raw"));
    expect(requests).toHaveLength(2);
  });

  it("leaves no file when the connection is cut mid-way, and does not ask again", async () => {
    jobWith(["a.csv", ["Raw"], "cut"]);
    await expect(saveJobOutputs(client(), JOB_ID, dir)).rejects.toBeInstanceOf(ConnectionError);
    expect(readdirSync(dir)).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("leaves no file when the server stops sending, with TimeoutError", async () => {
    jobWith(["a.csv", ["Raw"], "stall"]);
    await expect(saveJobOutputs(client(1000), JOB_ID, dir)).rejects.toBeInstanceOf(TimeoutError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("leaves no file when stopped mid-way, with AbortError", async () => {
    jobWith(["a.csv", ["Raw"], "stall"]);
    const controller = new AbortController();
    const saving = saveJobOutputs(client(), JOB_ID, dir, {
      signal: controller.signal,
      onProgress: ({ bytes }) => {
        if (bytes > 0) controller.abort();
      },
    });
    await expect(saving).rejects.toBeInstanceOf(AbortError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes the partial file in abort() itself, so that a program exiting right after leaves nothing", async () => {
    jobWith(["a.csv", ["Raw"], "stall"]);
    const controller = new AbortController();
    let leftAtAbort: string[] | undefined;
    const saving = saveJobOutputs(client(), JOB_ID, dir, {
      signal: controller.signal,
      onProgress: () => {
        if (leftAtAbort) return;
        controller.abort();
        leftAtAbort = readdirSync(dir);
      },
    });
    await expect(saving).rejects.toBeInstanceOf(AbortError);
    expect(leftAtAbort).toEqual([]);
  });

  it("keeps the outputs saved before one that fails, and nothing of the failed one", async () => {
    jobWith(["a.csv", ["Raw"]], ["b.csv", ["Raw"], "missing"]);
    await expect(saveJobOutputs(client(), JOB_ID, dir)).rejects.toBeInstanceOf(NotFoundError);
    expect(readdirSync(dir)).toEqual(["a.csv"]);
  });
});
