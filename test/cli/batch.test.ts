// The questions and batch commands and run's answers: their handlers given a context as the
// command gives it, with a client on a test clock so that nothing waits, and the whole command
// through run(argv, io), Ctrl-C included; against the stateful app server on 127.0.0.1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { runAnswers } from "../../src/cli/answers.js";
import type { Context } from "../../src/cli/context.js";
import { UsageError } from "../../src/cli/exit-codes.js";
import batch from "../../src/cli/handlers/batch.js";
import questions from "../../src/cli/handlers/questions.js";
import type { Values } from "../../src/cli/options.js";
import { run, type Signal } from "../../src/cli/run.js";
import { createJobsClientWith } from "../../src/client.js";
import { AbortError, type Fetch, InvalidArgumentError, type WorkflowQuestionView } from "../../src/index.js";
import { type Schedule, testClock, useAppServer } from "../helpers/app-server.js";
import { cleanEnv } from "../helpers/cli.js";
import { example } from "../helpers/examples.js";
import { WORKFLOW_ID } from "../helpers/ids.js";

const asked = example<WorkflowQuestionView[]>("getWorkflowQuestions", 200, "questions");
const listQuestion = asked.find((q) => q.items?.length) as WorkflowQuestionView;
const textQuestion = asked.find((q) => !q.items?.length) as WorkflowQuestionView;
const keys = (listQuestion.items ?? []).map((item) => item.key);

const app = useAppServer();
const folder = mkdtempSync(join(tmpdir(), "alteryx-jobs-batch-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
/** A new file in the test folder with `text` in it. */
function file(name: string, text: string): string {
  const path = join(folder, `${++files}-${name}`);
  writeFileSync(path, text);
  return path;
}

/** A CSV of `count` rows answering both questions. */
function answersCsv(count: number, column = listQuestion.name): string {
  const rows = Array.from(
    { length: count },
    (_, i) => `${keys[i % keys.length]},2024-${String((i % 12) + 1).padStart(2, "0")}`,
  );
  return [`${column},${textQuestion.name}`, ...rows].join("\n");
}

const atOnce: Schedule = () => ({ startsAfterMs: 0, endsAfterMs: 0 });
const varied: Schedule = (n) => ({ startsAfterMs: 1_000, endsAfterMs: 5_000 + ((7 * n) % 11) * 4_000, fails: false });

/** A handler's context; with `stop`, the signal fires after that many sleeps, then `atStop` runs. */
function command(
  args: string[],
  values: Values,
  schedule: Schedule = varied,
  stop?: { after: number; atStop(): void },
) {
  const controller = new AbortController();
  const clock = testClock((sleeps) => {
    if (sleeps !== stop?.after) return;
    controller.abort();
    stop.atStop();
  });
  const server = app.serve(clock, schedule);
  const client = createJobsClientWith({ baseUrl: app.baseUrl(), auth: { token: "t" } }, { clock: clock });
  const printed: unknown[] = [];
  const notes: string[] = [];
  const context: Context = {
    args,
    values,
    signal: controller.signal,
    client: () => client,
    clock,
    print: (json) => printed.push(json),
    note: (text) => notes.push(text),
    warn: (text) => notes.push(text),
    redact: (text) => text,
    progress: () => {},
    style: { good: (text) => text, bad: (text) => text },
    onStop: () => {},
    deadline: () => {},
  };
  return { context, server, printed, notes };
}

function readResults(path: string): Record<string, string>[] {
  return parse(readFileSync(path, "utf8"), { columns: true });
}

describe("alteryx-jobs batch", () => {
  it("runs 30 rows 4 at a time, lists 30 results in the results file and exits 0", async () => {
    const answers = file("answers.csv", answersCsv(30));
    const run = command([WORKFLOW_ID, answers], { concurrency: 4 });
    expect(await batch(run.context)).toBe(0);
    const results = readResults(answers.replace(/\.csv$/, ".results.csv"));
    expect(results.map((r) => Number(r.row)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(new Set(results.map((r) => r.status))).toEqual(
      new Set([example<{ status: string }>("getJob", 200, "completed").status]),
    );
    expect(run.server.count("run")).toBe(30);
    expect(run.printed).toEqual([expect.objectContaining({ runs: 30, succeeded: 30, failed: 0 })]);
  });

  it("exits 7 when any job ended badly", async () => {
    const answers = file("answers.csv", answersCsv(3));
    const run = command([WORKFLOW_ID, answers], {}, (n) => ({ startsAfterMs: 0, endsAfterMs: 3_000, fails: n === 2 }));
    expect(await batch(run.context)).toBe(7);
    const failedRow = readResults(answers.replace(/\.csv$/, ".results.csv")).find((r) => r.row === "3");
    expect(failedRow?.disposition).toBe(example<{ disposition: string }>("getJob", 200, "failed").disposition);
  });

  it("refuses a misspelt question column before any run is sent, and sends it with --no-check", async () => {
    const answers = file("answers.csv", answersCsv(3, `${listQuestion.name}s`));
    const checked = command([WORKFLOW_ID, answers], {});
    const error = await batch(checked.context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain("row 1 question");
    expect(checked.server.count("run")).toBe(0);

    const unchecked = command([WORKFLOW_ID, answers], { "no-check": true, results: join(folder, "unchecked.csv") });
    expect(await batch(unchecked.context)).toBe(0);
    expect(unchecked.server.count("run")).toBe(3);
  });

  it("when stopped, leaves a valid results file, cancels nothing, and --resume runs only the rest", async () => {
    const answers = file("answers.csv", answersCsv(30));
    const resultsPath = answers.replace(/\.csv$/, ".results.csv");
    // What the file lists at the moment of the stop, before the handler has run any further: the
    // command may exit then.
    let atStop: Record<string, string>[] = [];
    const stopped = command([WORKFLOW_ID, answers], { concurrency: 4 }, varied, {
      after: 4,
      atStop: () => {
        atStop = readResults(resultsPath);
      },
    });
    const error = await batch(stopped.context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    const partial = readResults(resultsPath);
    expect(atStop).toEqual(partial);
    expect(partial.length).toBe(stopped.server.count("run"));
    expect(partial.length).toBeLessThan(30);
    expect(partial.every((r) => /^[0-9a-f]{24}$/.test(r.jobId ?? ""))).toBe(true);
    expect(stopped.server.count("other")).toBe(0);

    const resumed = command([WORKFLOW_ID, answers], { concurrency: 4, resume: true });
    expect(await batch(resumed.context)).toBe(0);
    expect(resumed.server.count("run")).toBe(30 - partial.length);
    const all = readResults(resultsPath).map((r) => Number(r.row));
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("never overwrites a results file without --resume", async () => {
    const answers = file("answers.csv", answersCsv(2));
    const existing = file("results.csv", "row,jobId,status,disposition,error\n");
    const run = command([WORKFLOW_ID, answers], { results: existing });
    await expect(batch(run.context)).rejects.toBeInstanceOf(UsageError);
    expect(run.server.requests()).toEqual([]);
  });

  it("continues a results file an editor saved with CRLF and no end to its last line, keeping it readable", async () => {
    const answers = file("answers.csv", answersCsv(3));
    const edited = file("results.csv", "row,jobId,status,disposition,error\r\n1,,,,removed by hand");
    const run = command([WORKFLOW_ID, answers], { results: edited, resume: true }, atOnce);
    expect(await batch(run.context)).toBe(0);
    expect(readResults(edited).map((r) => r.row)).toEqual(["1", "2", "3"]);
    expect(readFileSync(edited, "utf8")).not.toMatch(/[^\r]\n/);
  });

  it("continues an empty results file with its header", async () => {
    const answers = file("answers.csv", answersCsv(2));
    const empty = file("results.csv", "");
    const run = command([WORKFLOW_ID, answers], { results: empty, resume: true }, atOnce);
    expect(await batch(run.context)).toBe(0);
    expect(readResults(empty).map((r) => r.row)).toEqual(["1", "2"]);
  });

  it("never appends to a file that is not a results file, even one with a row column", async () => {
    const answers = file("answers.csv", answersCsv(2));
    const other = file("other.csv", "row,Region\n1,EMEA\n");
    const run = command([WORKFLOW_ID, answers], { results: other, resume: true });
    await expect(batch(run.context)).rejects.toThrow(/not a results file/);
    expect(readFileSync(other, "utf8")).toBe("row,Region\n1,EMEA\n");
    expect(run.server.requests()).toEqual([]);
  });

  it("refuses a CSV whose header names a question twice, before anything is sent", async () => {
    const name = listQuestion.name;
    const answers = file("answers.csv", `${name},${name}\n${keys[0]},${keys[1]}\n`);
    const run = command([WORKFLOW_ID, answers], {});
    await expect(batch(run.context)).rejects.toThrow(new RegExp(`names "${name}" twice`));
    expect(run.server.requests()).toEqual([]);
  });

  it("refuses a folder given as the answers file with a usage error", async () => {
    const run = command([WORKFLOW_ID, folder], {});
    await expect(batch(run.context)).rejects.toBeInstanceOf(UsageError);
  });

  it("reads JSON Lines, numbering rows by line", async () => {
    const answers = file("answers.jsonl", `{"${listQuestion.name}": "${keys[0]}"}\n\n{"${textQuestion.name}": 2024}\n`);
    const run = command([WORKFLOW_ID, answers], {});
    expect(await batch(run.context)).toBe(0);
    expect(
      readResults(answers.replace(/\.jsonl$/, ".results.csv"))
        .map((r) => r.row)
        .sort(),
    ).toEqual(["1", "3"]);
    expect(run.server.jobs().map((j) => j.answers)).toContainEqual([{ name: textQuestion.name, value: "2024" }]);
  });

  it("leaves an empty CSV cell to the question's default", async () => {
    const answers = file("answers.csv", `${listQuestion.name},${textQuestion.name}\n${keys[0]},\n`);
    const run = command([WORKFLOW_ID, answers], {});
    await batch(run.context);
    expect(run.server.jobs().map((j) => j.answers)).toEqual([[{ name: listQuestion.name, value: keys[0] }]]);
  });
});

describe("alteryx-jobs questions", () => {
  it("prints the app's questions", async () => {
    const run = command([WORKFLOW_ID], { "version-id": "3" });
    expect(await questions(run.context)).toBe(0);
    expect(run.printed).toEqual([asked]);
    expect(run.server.requests()[0]?.url.searchParams.get("versionId")).toBe("3");
  });
});

describe("run --answers", () => {
  it("takes the file's answers, with --question winning for the same question", () => {
    const answers = file(
      "answers.json",
      JSON.stringify({ [listQuestion.name]: keys[0], [textQuestion.name]: "2024-01" }),
    );
    expect(runAnswers(answers, [{ name: textQuestion.name, value: "2024-02" }])).toEqual([
      { name: listQuestion.name, value: keys[0] },
      { name: textQuestion.name, value: "2024-02" },
    ]);
    expect(runAnswers(undefined, [])).toBeUndefined();
  });

  it("reads a file that starts with a byte order mark, as editors on Windows write it", () => {
    const answers = file("answers.json", `\uFEFF${JSON.stringify({ [listQuestion.name]: keys[0] })}`);
    expect(runAnswers(answers)).toEqual([{ name: listQuestion.name, value: keys[0] }]);
  });

  it("keeps an answer whatever its name, __proto__ included, for the check to judge", () => {
    expect(runAnswers(undefined, [{ name: "__proto__", value: "x" }])).toEqual([{ name: "__proto__", value: "x" }]);
  });

  it("refuses a file that is not an object of answers", () => {
    expect(() => runAnswers(file("answers.json", "[1, 2]"))).toThrow(UsageError);
    expect(() => runAnswers(file("answers.json", "{not json"))).toThrow(UsageError);
    expect(() => runAnswers(file("answers.json", '{"Region": {"key": "EMEA"}}'))).toThrow(UsageError);
  });
});

describe("the commands, as the command line runs them", () => {
  /** `alteryx-jobs …` in this process, with a Ctrl-C the test can send and a fetch it can watch. */
  function alteryxJobs(args: string[], fetch: Fetch = globalThis.fetch) {
    let stdout = "";
    let stderr = "";
    let listener: ((signal: Signal) => void) | undefined;
    const done = run([...args, "--base-url", app.baseUrl(), "--token", "any-token"], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: cleanEnv(),
      onSignal(heard) {
        listener = heard;
        return () => {
          listener = undefined;
        };
      },
      fetch,
    }).then((code) => ({ code, stdout, stderr }));
    return { done, interrupt: () => listener?.("SIGINT") };
  }

  it("questions prints the app's questions and keys", async () => {
    app.serve(testClock(), varied);
    const { code, stdout } = await alteryxJobs(["questions", WORKFLOW_ID]).done;
    expect(code).toBe(0);
    for (const q of asked) expect(stdout).toContain(q.name);
    for (const key of keys) expect(stdout).toContain(key);
  });

  it("run refuses a misspelt --question before queuing anything (exit 2), and sends it with --no-check", async () => {
    const server = app.serve(testClock(), varied);
    const refused = await alteryxJobs(["run", WORKFLOW_ID, "--question", `${listQuestion.name}s=${keys[0]}`]).done;
    expect(refused.code).toBe(2);
    expect(server.count("run")).toBe(0);
    const sent = await alteryxJobs(["run", WORKFLOW_ID, "--question", `${listQuestion.name}s=${keys[0]}`, "--no-check"])
      .done;
    expect(sent.code).toBe(0);
    expect(server.count("run")).toBe(1);
  });

  it.each([
    ["a folder", () => folder, /--results .* is a folder: name a file/],
    ["a path under a file", () => join(file("answers.csv", ""), "results.csv"), /answers\.csv is not a folder/],
    // A path in a missing folder: files.test.ts
  ])("--results that is %s exits 2 before any request, the questions included", async (_, results, message) => {
    const server = app.serve(testClock(), varied);
    const answers = file("answers.csv", answersCsv(2));
    const { code, stdout, stderr } = await alteryxJobs(["batch", WORKFLOW_ID, answers, "--results", results()]).done;
    expect(stderr).toMatch(message);
    expect(stderr).toContain("Run alteryx-jobs batch --help for usage.");
    expect(stdout).toBe("");
    expect(code).toBe(2);
    expect(server.requests()).toEqual([]);
  });

  it("Ctrl-C while queuing exits 130 with every run that is or may be queued listed, and --resume runs the rest", async () => {
    const answers = file("answers.csv", answersCsv(5));
    const resultsPath = answers.replace(/\.csv$/, ".results.csv");
    const realTime = { now: () => Date.now() };
    const server = app.serve(realTime, () => ({ startsAfterMs: 0, endsAfterMs: Number.POSITIVE_INFINITY }));
    let posts = 0;
    let interrupt = () => {};
    // Ctrl-C as the answer to the third run arrives: two jobs are queued and the third may be.
    const watching: Fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === "POST" && ++posts === 3) interrupt();
      return response;
    };
    const started = alteryxJobs(["batch", WORKFLOW_ID, answers, "--interval", "1s"], watching);
    interrupt = started.interrupt;
    const interrupted = await started.done;
    expect(interrupted.code).toBe(130);
    const listed = readResults(resultsPath);
    expect(listed.map((r) => r.row)).toEqual(["1", "2", "3"]);
    expect(listed.slice(0, 2).map((r) => r.jobId)).toEqual(
      server
        .jobs()
        .slice(0, 2)
        .map((j) => j.id),
    );
    expect(listed[2]?.error).toContain("may have been queued");
    expect(server.count("other")).toBe(0);

    const done = app.serve(realTime, () => ({ startsAfterMs: 0, endsAfterMs: 0 }));
    const resumed = await alteryxJobs(["batch", WORKFLOW_ID, answers, "--resume", "--interval", "1s"]).done;
    expect(resumed.code).toBe(0);
    expect(done.count("run")).toBe(2);
    expect(readResults(resultsPath).map((r) => r.row)).toEqual(["1", "2", "3", "4", "5"]);
  });
});
