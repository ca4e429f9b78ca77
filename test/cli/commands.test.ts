// Every command in-process against the stand-in server: what it sends, what it prints, and the
// checks that run before anything is sent.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { COMMANDS, optionsOf } from "../../src/cli/commands.js";
import { freePort } from "../../src/mock.js";
import { cleanEnv, runInProcess, sendJson } from "../helpers/cli.js";
import { example } from "../helpers/examples.js";
import { JOB_ID, WORKFLOW_ID } from "../helpers/ids.js";
import { useCommand } from "./api.js";

const exec = promisify(execFile);
const { api, env } = useCommand();
const cli = (...args: string[]) => runInProcess(args, env());

describe("commands", () => {
  it("get: a readable summary, or the API's JSON with --json", async () => {
    const readable = await cli("get", JOB_ID);
    expect(readable.code).toBe(0);
    expect(readable.stdout).toContain(`Job ${JOB_ID}`);
    expect(readable.stdout).toMatch(/status\s+Completed/);
    const json = await cli("get", JOB_ID, "--json");
    expect(JSON.parse(json.stdout)).toEqual(example("getJob", 200, "completed"));
  });

  it("get --no-messages asks for the reduced job", async () => {
    const { code, stdout } = await cli("get", JOB_ID, "--no-messages", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(example("getJob", 200, "reduced"));
    expect(api.sent()[0]?.url.searchParams.get("includeMessages")).toBe("false");
  });

  it("messages: a table, or the messages as a JSON array", async () => {
    expect((await cli("messages", JOB_ID)).stdout).toMatch(/STATUS\s+TOOL\s+TEXT/);
    const json = await cli("messages", JOB_ID, "--json");
    expect(JSON.parse(json.stdout)).toEqual(example("getJobMessages", 200, "messages"));
  });

  it("cancel: says what happened", async () => {
    api.answer((_, response) => sendJson(response, 200, example("cancelJob", 200, "deleted")));
    const readable = await cli("cancel", JOB_ID);
    expect(readable).toMatchObject({ code: 0, stdout: `Job ${JOB_ID} deleted: Deleted Successfully.\n` });
    expect(api.sent()[0]?.method).toBe("DELETE");
  });

  it("list: a workflow's jobs, filtered and limited", async () => {
    const args = ["list", WORKFLOW_ID, "--status", "Complete", "--result-code", "Error", "--limit", "1", "--json"];
    const { code, stdout } = await cli(...args);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(example<unknown[]>("listWorkflowJobs", 200, "jobs").slice(0, 1));
    expect(api.sent()[0]?.url.search).toBe("?status=Complete&resultCode=Error&offset=0&limit=1");
    expect((await cli("list", WORKFLOW_ID)).stdout).toMatch(/ID\s+STATUS\s+CREATED\s+PRIORITY/);
  });

  it("jobs: the Curator listing", async () => {
    const { code, stdout } = await cli("jobs", "--status", "Queued", "--all-users", "--limit", "2", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(example<{ data: unknown[] }>("listJobs", 200, "page").data);
    expect(api.sent()[0]?.url.search).toBe("?statuses=Queued&allUsers=true&offset=0&limit=2");
    expect((await cli("jobs")).stdout).toMatch(/JOB ID\s+STATUS\s+WORKFLOW/);
  });

  it("run: queues the job with its questions, priority and worker tag", async () => {
    const { code, stdout } = await cli(
      ...["run", WORKFLOW_ID, "--question", "Region=EMEA", "--question", "Month=2024-09"],
      ...["--priority", "High", "--worker-tag", "finance", "--json"],
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(example("runWorkflow", 200, "queued"));
    // The answers are checked against the app's questions before the job is queued.
    expect(api.sent().map((sent) => `${sent.method} ${sent.url.pathname}`)).toEqual([
      `GET /v3/workflows/${WORKFLOW_ID}/questions`,
      `POST /v3/workflows/${WORKFLOW_ID}/jobs`,
    ]);
    expect(JSON.parse(api.sent()[1]?.body ?? "")).toEqual({
      questions: [
        { name: "Region", value: "EMEA" },
        { name: "Month", value: "2024-09" },
      ],
      priority: "High",
      workerTag: "finance",
    });
  });

  it("run --wait: queues, then waits for the job", async () => {
    const { code, stdout, stderr } = await cli("run", WORKFLOW_ID, "--wait", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(example("getJob", 200, "completed"));
    expect(stderr).toMatch(/queued; waiting/);
  });

  it("wait: the finished job, with progress and colour only on a terminal", async () => {
    const piped = await cli("wait", JOB_ID, "--timeout", "10m", "--interval", "5s");
    expect(piped).toMatchObject({ code: 0, stderr: "" });
    expect(piped.stdout).toMatch(/status\s+Completed/);
    expect(piped.stdout).not.toContain("\x1b");
    const terminal = await runInProcess(["wait", JOB_ID], env(), { tty: true });
    expect(terminal.stderr).toMatch(new RegExp(`\\r\\x1b\\[2K${JOB_ID}\\s+Completed\\s+0s\\s+\\(poll 1\\)`));
    expect(terminal.stdout).toContain("\x1b[32mSuccess\x1b[39m");
  });

  it("NO_COLOR turns colour off on a terminal", async () => {
    const { stdout } = await runInProcess(["get", JOB_ID], env({ NO_COLOR: "1" }), { tty: true });
    expect(stdout).toMatch(/disposition\s+Success/);
    expect(stdout).not.toContain("\x1b");
  });

  it("--quiet leaves out progress and notes, not the result", async () => {
    const { code, stdout, stderr } = await runInProcess(["run", WORKFLOW_ID, "--wait", "--quiet"], env(), {
      tty: true,
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/status\s+Completed/);
    expect(stderr).toBe("");
  });

  it("mock: serves the bundled spec until stopped", async () => {
    const port = await freePort();
    let stop = () => {};
    let stdout = "";
    const running = runInProcessWithSignals(
      ["mock", "--port", String(port)],
      (text) => (stdout += text),
      (s) => {
        stop = s;
      },
    );
    while (!stdout.includes("listening")) await new Promise((resolve) => setTimeout(resolve, 50));
    const answer = await fetch(`http://127.0.0.1:${port}/v3/jobs/${JOB_ID}`, {
      headers: { authorization: "Bearer x" },
    });
    expect(await answer.json()).toEqual(example("getJob", 200, "completed"));
    stop();
    expect(await running).toBe(0);
    expect(stdout).toContain(`http://127.0.0.1:${port}`);
  });
});

describe("options are checked before anything is sent", () => {
  it.each([
    ["an invalid job ID", ["get", "not-an-id"], /Invalid jobId: "not-an-id"/],
    ["an unknown command", ["frobnicate"], /unknown command "frobnicate"/],
    ["an unknown option", ["get", JOB_ID, "--colour"], /unknown option --colour/],
    ["a missing argument", ["cancel"], /cancel takes <jobId>/],
    ["an option of another command", ["get", JOB_ID, "--all-users"], /get does not take --all-users/],
    [
      "a priority outside the spec's values",
      ["run", WORKFLOW_ID, "--priority", "Urgent"],
      /--priority takes one of Default, Low, Medium, High, Critical/,
    ],
    ["a malformed question", ["run", WORKFLOW_ID, "--question", "Region"], /--question takes name=value/],
    [
      "a bad wait timeout after a run",
      ["run", WORKFLOW_ID, "--wait", "--timeout", "10x"],
      /--timeout takes a duration/,
    ],
    ["a bad interval after a run", ["run", WORKFLOW_ID, "--wait", "--interval", "soon"], /--interval takes a duration/],
    [
      "an interval under the 1s floor",
      ["wait", JOB_ID, "--interval", "0"],
      /--interval takes a duration from 1s to 24d/,
    ],
    ["a timeout past the longest timer", ["wait", JOB_ID, "--timeout", "30d"], /--timeout takes a duration from 1s/],
    [
      "a wait option without --wait",
      ["run", WORKFLOW_ID, "--timeout", "1m"],
      /--timeout and --interval go with --wait/,
    ],
    ["a request timeout under 1s", ["get", JOB_ID, "--request-timeout", "10ms"], /--request-timeout takes a duration/],
    ["a limit of zero", ["list", WORKFLOW_ID, "--limit", "0"], /--limit takes a whole number of at least 1/],
    ["a status outside the spec's values", ["jobs", "--status", "Done"], /Invalid statuses\[0\]: "Done"/],
    ["a bad port", ["mock", "--port", "70000"], /--port takes a port number/],
    ["an unknown shell", ["completion", "tcsh"], /completion takes bash, zsh, fish/],
  ])("2 for %s", async (_, args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(api.sent()).toHaveLength(0);
  });

  it("2 when no server or credentials are given", async () => {
    const noServer = await runInProcess(["get", JOB_ID], cleanEnv({ ALTERYX_TOKEN: "t" }));
    expect(noServer).toMatchObject({ code: 2, stderr: expect.stringMatching(/--base-url or ALTERYX_BASE_URL/) });
    const noAuth = await runInProcess(["get", JOB_ID], cleanEnv({ ALTERYX_BASE_URL: api.url() }));
    expect(noAuth).toMatchObject({ code: 2, stderr: expect.stringMatching(/credentials are needed/) });
  });
});

describe("help and completion", () => {
  const helps = () => [["--help"], ...Object.keys(COMMANDS).map((name) => [name, "--help"])];

  it("--help lists every command and exit code; each command has its own", async () => {
    const { code, stdout } = await runInProcess(["--help"]);
    expect(code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
    for (const exit of [0, 1, 2, 3, 4, 5, 6, 7, 124, 130, 143]) expect(stdout).toMatch(new RegExp(`^  ${exit} `, "m"));
    const run = await runInProcess(["run", "--help"]);
    expect(run.stdout).toMatch(/^Usage: alteryx-jobs run <workflowId> \[options\]/);
    expect(run.stdout).toMatch(/--priority PRIORITY .*one of Default, Low, Medium,/s);
    expect(run.stdout).not.toContain("--all-users");
  });

  it("every help text fits 80 columns", async () => {
    for (const args of helps()) {
      const { stdout } = await runInProcess(args);
      for (const line of stdout.split("\n")) expect(line.length, `${args.join(" ")}: ${line}`).toBeLessThanOrEqual(80);
    }
  });

  it("--version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    await expect(runInProcess(["--version"])).resolves.toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("runs as `npx alteryx-jobs` from the package's bin", async () => {
    const { stdout } = await exec("npx", ["--no-install", "alteryx-jobs", "--help"], { env: cleanEnv() });
    expect(stdout).toMatch(/^alteryx-jobs: /);
  });

  it("bash completes commands, a command's options and the priorities", async () => {
    const { stdout: script } = await runInProcess(["completion", "bash"]);
    const complete = async (...words: string[]) => {
      const program = `${script}\nCOMP_WORDS=(alteryx-jobs ${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length}; _alteryx_jobs; echo "\${COMPREPLY[*]}"`;
      return (await exec("bash", ["-c", program])).stdout.trim().split(" ");
    };
    expect(await complete("")).toEqual(Object.keys(COMMANDS));
    expect(await complete("run", "--pri")).toEqual(["--priority"]);
    expect(await complete("run", "--priority", "")).toEqual(["Default", "Low", "Medium", "High", "Critical"]);
    expect(await complete("get", "--no")).toEqual(["--no-messages"]);
    expect(await complete("completion", "")).toContain("fish");
  });

  it("bash completes file names for batch's answers, --answers, --results and --fixture, folders for --dir", async () => {
    const { stdout: script } = await runInProcess(["completion", "bash"]);
    const dir = mkdtempSync(join(tmpdir(), "completion-"));
    try {
      for (const file of ["regions.csv", "rows.jsonl", "answers.json", "my fixture.json"])
        writeFileSync(join(dir, file), "");
      mkdirSync(join(dir, "results"));
      // As bash runs it on Tab: the function registered by `complete`, with the words typed so far.
      const complete = async (...words: string[]) => {
        const program = `${script}
set -- $(complete -p alteryx-jobs); COMP_WORDS=(alteryx-jobs ${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length}; "\${@: -2:1}"; printf '%s\n' "\${COMPREPLY[@]}"`;
        const { stdout } = await exec("bash", ["-c", program], { cwd: dir });
        return stdout.split("\n").filter(Boolean).sort();
      };
      expect(await complete("batch", WORKFLOW_ID, "r")).toEqual(["regions.csv", "results", "rows.jsonl"]);
      expect(await complete("batch", "--concurrency", "2", WORKFLOW_ID, "reg")).toEqual(["regions.csv"]);
      // The workflow ID is no file; an option is still an option.
      expect(await complete("batch", "r")).toEqual([]);
      expect(await complete("batch", "--res")).toEqual(["--results", "--resume"]);
      expect(await complete("batch", WORKFLOW_ID, "--res")).toEqual(["--results", "--resume"]);
      expect(await complete("batch", WORKFLOW_ID, "regions.csv", "--results", "r")).toEqual([
        "regions.csv",
        "results",
        "rows.jsonl",
      ]);
      expect(await complete("run", WORKFLOW_ID, "--answers", "a")).toEqual(["answers.json"]);
      expect(await complete("sandbox", "--fixture", "my")).toEqual(["my fixture.json"]);
      expect(await complete("download", JOB_ID, "--dir", "")).toEqual(["results"]);
      expect(await complete("run", WORKFLOW_ID, "--wait", "--download", "r")).toEqual(["results"]);
      // Where no file is meant, none is offered.
      expect(await complete("get", "r")).toEqual([]);
      expect(await complete("run", WORKFLOW_ID, "--worker-tag", "r")).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("zsh and fish complete file names for the same options", async () => {
    const zsh = (await runInProcess(["completion", "zsh"])).stdout;
    expect(zsh).toMatch(/'--answers=\[[^\]]*\]:FILE:_files'/);
    expect(zsh).toMatch(/'--dir=\[[^\]]*\]:DIR:_files -\/'/);
    const fish = (await runInProcess(["completion", "fish"])).stdout;
    expect(fish).toContain("-n '__fish_seen_subcommand_from sandbox' -l fixture -r -F");
    expect(fish).toContain("-n '__fish_seen_subcommand_from batch' -F\n");
  });

  it("a command's help says what an option means for it, and no other command's note", async () => {
    const batch = (await runInProcess(["batch", "--help"])).stdout;
    expect(batch).toMatch(/--download DIR +save the outputs of each job that succeeds into DIR\n/);
    expect(batch).not.toMatch(/with --wait|run:/);
    const run = (await runInProcess(["run", "--help"])).stdout;
    expect(run).toMatch(/--download DIR +save the outputs of each job that succeeds into DIR;\s+with --wait/);
    expect(run).toMatch(/--timeout DURATION [^-]*with --wait/);
  });

  it.each(["zsh", "fish"])("%s completion names every command and option", async (shell) => {
    const { code, stdout } = await runInProcess(["completion", shell]);
    expect(code).toBe(0);
    for (const [name, command] of Object.entries(COMMANDS)) {
      expect(stdout).toContain(name);
      // zsh writes --word, fish -l word.
      for (const { word } of optionsOf(command, "own")) expect(stdout).toMatch(new RegExp(`(--|-l )${word}\\b`));
    }
    expect(stdout).toContain("Default Low Medium High Critical");
  });
});

/** The command in-process with a hand-raised SIGINT, for a command that serves until stopped. */
function runInProcessWithSignals(
  args: string[],
  onStdout: (text: string) => void,
  onListen: (raise: () => void) => void,
): Promise<number> {
  return import("../../src/cli/run.js").then(({ run }) =>
    run(args, {
      stdout: { write: onStdout },
      stderr: { write: () => true },
      env: cleanEnv(),
      onSignal(listener) {
        onListen(() => listener("SIGINT"));
        return () => undefined;
      },
    }),
  );
}
