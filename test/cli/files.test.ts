// The files the command writes: batch's results file (server text masked and escaped in it, and
// no file left by a command refused before any run), and the folders of download and
// run --download, and --format, checked before anything is sent; and the names of the files saved.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobView } from "../../src/index.js";
import { runInProcess, sendJson } from "../helpers/cli.js";
import { example } from "../helpers/examples.js";
import { JOB_ID, WORKFLOW_ID } from "../helpers/ids.js";
import { CLIENT_SECRET, documented, TOKEN, useCommand } from "./api.js";

const { api, env } = useCommand();
// Write the clipboard (OSC 52), clear the screen, a bidi override, a zero-width space.
const HOSTILE = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\u202eevil\u200b";
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW_CONTROL = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u202e\u200b]/u;

let dir: string;
let answers: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-files-"));
  answers = join(dir, "answers.csv");
  writeFileSync(answers, "Region\nEMEA\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("batch's results file", () => {
  it("holds the server's error escaped, with every secret the command knows masked", async () => {
    // The client secret is only in the environment: the command knows it, its client does not.
    api.answer((request, response, body) =>
      request.method === "POST"
        ? sendJson(response, 400, { message: `refused ${HOSTILE} ${TOKEN} ${CLIENT_SECRET}` })
        : documented(request, response, body),
    );
    const { code } = await runInProcess(
      ["batch", WORKFLOW_ID, answers, "--no-check"],
      env({ ALTERYX_CLIENT_SECRET: CLIENT_SECRET }),
    );
    expect(code).toBe(7);
    const text = readFileSync(join(dir, "answers.results.csv"), "utf8");
    expect(text).toContain("refused \\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\u202eevil\\u200b");
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(CLIENT_SECRET);
  });

  it("a --concurrency above 100 exits 2 before anything is sent, leaving no results file", async () => {
    const { code, stderr } = await runInProcess(["batch", WORKFLOW_ID, answers, "--concurrency", "101"], env());
    expect(code).toBe(2);
    expect(stderr).toMatch(/concurrency/);
    expect(api.sent()).toEqual([]);
    expect(existsSync(join(dir, "answers.results.csv"))).toBe(false);
  });

  it("a row the app does not ask exits 2 leaving no results file, so the corrected batch runs without --resume", async () => {
    writeFileSync(answers, "Regions\nEMEA\n");
    expect((await runInProcess(["batch", WORKFLOW_ID, answers], env())).code).toBe(2);
    expect(existsSync(join(dir, "answers.results.csv"))).toBe(false);
    writeFileSync(answers, "Region\nEMEA\n");
    expect((await runInProcess(["batch", WORKFLOW_ID, answers, "--interval", "1s"], env())).code).toBe(0);
  });

  it("a results file in a missing folder exits 2 before any request, the questions included", async () => {
    const results = join(dir, "missing", "results.csv");
    const { code, stderr } = await runInProcess(["batch", WORKFLOW_ID, answers, "--results", results], env());
    expect(code).toBe(2);
    expect(stderr).toMatch(/the folder .*missing does not exist/);
    expect(api.sent()).toEqual([]);
  });
});

describe("the folder outputs are saved into", () => {
  it("is refused before anything is sent when a file is in the way, by download and by run --wait --download", async () => {
    for (const folder of [answers, join(answers, "sub")]) {
      for (const args of [
        ["download", JOB_ID, "--dir", folder],
        ["run", WORKFLOW_ID, "--wait", "--download", folder],
      ]) {
        const { code, stderr } = await runInProcess(args, env());
        expect(code).toBe(2);
        expect(stderr).toContain("a folder, or a path where one can be made");
      }
    }
    expect(api.sent()).toEqual([]);
  });

  it("may be one still to be made", async () => {
    const folder = join(dir, "new", "folder");
    expect((await runInProcess(["download", JOB_ID, "--dir", folder, "--json"], env())).code).toBe(0);
    expect(existsSync(folder)).toBe(true);
  });
});

describe("an option given an empty value", () => {
  it("is refused before anything is sent, rather than taken as left out", async () => {
    for (const args of [
      ["questions", WORKFLOW_ID, "--version-id", ""],
      ["download", JOB_ID, "--dir", ""],
      ["run", WORKFLOW_ID, "--wait", "--download", ""],
      ["run", WORKFLOW_ID, "--answers", ""],
      ["batch", WORKFLOW_ID, answers, "--results", ""],
    ]) {
      const { code, stderr } = await runInProcess(args, env());
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toContain('takes a value, not ""');
    }
    expect(api.sent()).toEqual([]);
  });
});

describe("--format", () => {
  it("that no format could be (the spec's pattern) is refused before the job is read", async () => {
    for (const format of ["", "C sv", "../csv"]) {
      const { code, stderr } = await runInProcess(["download", JOB_ID, "--format", format, "--dir", dir], env());
      expect(code).toBe(2);
      expect(stderr).toContain("--format takes a format such as Csv");
    }
    expect(api.sent()).toEqual([]);
  });
});

describe("a saved output's name", () => {
  it("never holds the credentials an output's name echoes, and is the path printed", async () => {
    api.answer((request, response, body) => {
      if (request.url?.includes("/output/")) {
        response.writeHead(200, { "content-type": "application/octet-stream" });
        return void response.end("data");
      }
      if (request.url?.includes("/jobs/") && request.method === "GET") {
        const job = example<JobView>("getJob", 200, "completed");
        job.outputs = job.outputs.slice(0, 1).map((output) => ({ ...output, fileName: `${TOKEN}.csv` }));
        return sendJson(response, 200, job);
      }
      return documented(request, response, body);
    });
    const { code, stdout } = await runInProcess(["download", JOB_ID, "--dir", dir], env());
    expect(code).toBe(0);
    expect(readdirSync(dir).join()).not.toContain(TOKEN);
    expect(existsSync(stdout.trim())).toBe(true);
  });
});
