// The `outputs` and `download` command handlers, on the mock, with the context the command gives
// them: what they print, where files go, and the progress line.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import download, { type OutputsContext, progressLine } from "../../src/cli/handlers/download.js";
import outputs from "../../src/cli/handlers/outputs.js";
import { createJobsClient, type JobView } from "../../src/index.js";
import { example, fileExample } from "../helpers/examples.js";
import { usePrism } from "../helpers/prism.js";

const JOB_ID = "66ebd18d3d6200007e000d8c";
const prism = usePrism();
const job = example<JobView>("getJob", 200, "completed");
const [first] = job.outputs;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function context(args: string[], values: OutputsContext["values"] = {}) {
  const printed: string[] = [];
  const progress: string[] = [];
  const given: OutputsContext = {
    args,
    values,
    signal: new AbortController().signal,
    client: () => createJobsClient({ baseUrl: prism.url(), auth: { token: "any-token" } }),
    print: (json, readable) => printed.push(values.json ? JSON.stringify(json) : readable()),
    progress: (text) => progress.push(text),
  };
  return { given, printed, progress };
}

describe("alteryx-jobs outputs", () => {
  it("lists each output's ID, file name and formats", async () => {
    const { given, printed } = context([JOB_ID]);
    expect(await outputs(given)).toBe(0);
    expect(printed[0]?.split("\n")).toEqual([
      expect.stringMatching(/^ID\s+FILE NAME\s+FORMATS$/),
      expect.stringMatching(
        new RegExp(`^${first?.id}\\s+${first?.fileName}\\s+${first?.availableFormats.join(", ")}$`),
      ),
    ]);
  });

  it("prints the outputs as the API's JSON with --json", async () => {
    const { given, printed } = context([JOB_ID], { json: true });
    await outputs(given);
    expect(JSON.parse(printed[0] ?? "")).toEqual(job.outputs);
  });
});

describe("alteryx-jobs download", () => {
  it("saves the outputs into --dir, prints their paths and reports progress", async () => {
    const { given, printed, progress } = context([JOB_ID], { dir, format: "Csv" });
    expect(await download(given)).toBe(0);
    expect(readdirSync(dir)).toEqual([first?.fileName]);
    const body = fileExample("getJobOutput", 200, "application/octet-stream", "csv");
    expect(new Uint8Array(readFileSync(join(dir, first?.fileName ?? "")))).toEqual(body);
    expect(printed).toEqual([join(dir, first?.fileName ?? "")]);
    expect(progress.at(-1)).toContain(`${first?.fileName}  ${body.byteLength} B of ${body.byteLength} B`);
  });

  it("saves only the outputs named by --output, and refuses one the job does not have", async () => {
    const { given } = context([JOB_ID], { dir, output: ["66ebd18d3d6200007e0000ff"] });
    await expect(download(given)).rejects.toThrow(/one of the job's outputs/);
    expect(readdirSync(dir)).toEqual([]);
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
