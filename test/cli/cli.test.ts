// The built command, as a subprocess, against the Prism mock: every command and every exit code.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { freePort } from "../../src/mock.js";
import { CLI, cleanEnv, runCli, startCli } from "../helpers/cli.js";
import { example } from "../helpers/examples.js";
import { usePreferProxy } from "../helpers/prefer-proxy.js";
import { usePrism } from "../helpers/prism.js";

const JOB_ID = "66ebd18d3d6200007e000d8c";
const WORKFLOW_ID = "66ebd0f23d6200007e000d7a";
const TOKEN = "cli-Secret-Token-123";
const run = promisify(execFile);

const prism = usePrism();
const proxy = usePreferProxy(() => prism.url());
const env = () => cleanEnv({ ALTERYX_BASE_URL: proxy.url(), ALTERYX_TOKEN: TOKEN });
const cli = (...args: string[]) => runCli(args, env());
beforeEach(() => proxy.answer());

describe("help and version", () => {
  it("--help lists every command and exit code", async () => {
    const { code, stdout } = await runCli(["--help"], cleanEnv());
    expect(code).toBe(0);
    for (const command of ["get", "messages", "cancel", "list", "jobs", "run", "wait", "mock"]) {
      expect(stdout).toContain(`alteryx-jobs ${command}`);
    }
    for (const exit of ["0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "6 ", "7 ", "130"]) expect(stdout).toContain(`  ${exit}`);
  });

  it("runs as `npx alteryx-jobs` from the package's bin", async () => {
    const { stdout } = await run("npx", ["--no-install", "alteryx-jobs", "--help"], { env: cleanEnv() });
    expect(stdout).toMatch(/^alteryx-jobs: /);
  });

  it("--version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    await expect(runCli(["--version"], cleanEnv())).resolves.toMatchObject({ code: 0, stdout: `${version}\n` });
  });
});

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
    proxy.answer({ prefer: "example=reduced" });
    const { code, stdout } = await cli("get", JOB_ID, "--no-messages", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(example("getJob", 200, "reduced"));
    expect(proxy.sent()[0]?.url.searchParams.get("includeMessages")).toBe("false");
  });

  it("messages: a table, or the messages as a JSON array", async () => {
    const readable = await cli("messages", JOB_ID);
    expect(readable.stdout).toMatch(/STATUS\s+TOOL\s+TEXT/);
    const json = await cli("messages", JOB_ID, "--json");
    expect(JSON.parse(json.stdout)).toEqual(example("getJobMessages", 200, "messages"));
  });

  it("cancel: says what happened", async () => {
    proxy.answer({ prefer: "example=deleted" });
    const readable = await cli("cancel", JOB_ID);
    expect(readable).toMatchObject({ code: 0, stdout: `Job ${JOB_ID} deleted: Deleted Successfully.\n` });
    proxy.answer({ prefer: "example=cancelled" });
    const json = await cli("cancel", JOB_ID, "--json");
    expect(JSON.parse(json.stdout)).toEqual({ outcome: "cancelled", message: "Cancelled Successfully." });
    expect(proxy.sent()[0]?.method).toBe("DELETE");
  });

  it("list: a workflow's jobs, filtered and limited", async () => {
    const { code, stdout } = await cli(
      "list",
      WORKFLOW_ID,
      "--status",
      "Complete",
      "--result-code",
      "Error",
      "--limit",
      "1",
      "--json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(example<unknown[]>("listWorkflowJobs", 200, "jobs").slice(0, 1));
    expect(proxy.sent()[0]?.url.search).toBe("?status=Complete&resultCode=Error&offset=0&limit=1");
    const readable = await cli("list", WORKFLOW_ID);
    expect(readable.stdout).toMatch(/ID\s+STATUS\s+CREATED\s+PRIORITY/);
  });

  it("jobs: the Curator listing", async () => {
    const { code, stdout } = await cli("jobs", "--status", "Queued", "--all-users", "--limit", "2", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(example<{ data: unknown[] }>("listJobs", 200, "page").data);
    expect(proxy.sent()[0]?.url.search).toBe("?statuses=Queued&allUsers=true&offset=0&limit=2");
    expect((await cli("jobs")).stdout).toMatch(/JOB ID\s+STATUS\s+WORKFLOW/);
  });

  it("run: queues the job with its questions, priority and worker tag", async () => {
    const { code, stdout } = await cli(
      "run",
      WORKFLOW_ID,
      "--question",
      "Region=EMEA",
      "--question",
      "Month=2024-09",
      "--priority",
      "High",
      "--worker-tag",
      "finance",
      "--json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(example("runWorkflow", 200, "queued"));
    expect(JSON.parse(proxy.sent()[0]?.body ?? "")).toEqual({
      questions: [
        { name: "Region", value: "EMEA" },
        { name: "Month", value: "2024-09" },
      ],
      priority: "High",
      workerTag: "finance",
    });
  });

  it("run --wait: queues, then waits for the job", async () => {
    const { code, stdout } = await cli("run", WORKFLOW_ID, "--wait", "--interval", "1ms", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(example("getJob", 200, "completed"));
  });

  it("wait: returns the finished job, quietly when stdout is not a terminal", async () => {
    const { code, stdout, stderr } = await cli("wait", JOB_ID, "--timeout", "10m", "--interval", "5s");
    expect(code).toBe(0);
    expect(stdout).toMatch(/status\s+Completed/);
    expect(stderr).toBe("");
  });

  it("wait shows live progress on a terminal", async () => {
    proxy.answer({ prefer: "example=completed" });
    const command = [process.execPath, CLI, "wait", JOB_ID].map((a) => `'${a}'`).join(" ");
    // script(1) gives the command a pseudo-terminal, as a person's shell would.
    const { stdout: output } = await run("script", ["-qec", command, "/dev/null"], { env: env(), timeout: 20_000 });
    expect(output).toMatch(new RegExp(`\\r\\x1b\\[2K${JOB_ID}\\s+Completed\\s+0s\\s+\\(poll 1\\)`));
  });

  it("mock: serves the bundled spec until stopped", async () => {
    const port = await freePort();
    const { child, done } = startCli(["mock", "--port", String(port)], cleanEnv());
    await new Promise<void>((resolve) => {
      child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("listening") && resolve());
    });
    const answer = await fetch(`http://127.0.0.1:${port}/v3/jobs/${JOB_ID}`, {
      headers: { authorization: "Bearer x" },
    });
    expect(await answer.json()).toEqual(example("getJob", 200, "completed"));
    child.kill("SIGINT");
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`http://127.0.0.1:${port}`);
  });
});

describe("exit codes", () => {
  it.each([
    ["an invalid job ID", ["get", "not-an-id"], /Invalid jobId: "not-an-id"/],
    ["an unknown command", ["frobnicate"], /unknown command "frobnicate"/],
    ["a missing argument", ["cancel"], /cancel takes <jobId>/],
    ["an option of another command", ["get", JOB_ID, "--all-users"], /get does not take --all-users/],
    ["a priority outside the enum", ["run", WORKFLOW_ID, "--priority", "Urgent"], /Invalid priority: "Urgent"/],
    ["a malformed question", ["run", WORKFLOW_ID, "--question", "Region"], /--question takes name=value/],
    ["a bad duration", ["wait", JOB_ID, "--timeout", "soon"], /--timeout takes a duration/],
    ["a status outside the enum", ["jobs", "--status", "Done"], /Invalid statuses\[0\]: "Done"/],
  ])("2 for %s, and nothing is sent", async (_, args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(proxy.sent()).toHaveLength(0);
  });

  it("2 when no server or credentials are given", async () => {
    const noServer = await runCli(["get", JOB_ID], cleanEnv({ ALTERYX_TOKEN: TOKEN }));
    expect(noServer).toMatchObject({ code: 2, stderr: expect.stringMatching(/--base-url or ALTERYX_BASE_URL/) });
    const noAuth = await runCli(["get", JOB_ID], cleanEnv({ ALTERYX_BASE_URL: proxy.url() }));
    expect(noAuth).toMatchObject({ code: 2, stderr: expect.stringMatching(/credentials are needed/) });
  });

  it("3 when authentication fails", async () => {
    proxy.answer({ prefer: "code=401" });
    const { code, stderr } = await cli("get", JOB_ID);
    expect(code).toBe(3);
    expect(stderr).toContain(example<{ message: string }>("getJob", 401, "unauthorized").message);
  });

  it("3 when the token request is refused", async () => {
    proxy.answer({ prefer: "code=401, example=invalidClient" });
    const { code } = await runCli(
      ["get", JOB_ID, "--client-id", "key", "--client-secret", "wrong-secret"],
      cleanEnv({ ALTERYX_BASE_URL: proxy.url() }),
    );
    expect(code).toBe(3);
  });

  it("4 when the job does not exist", async () => {
    proxy.answer({ prefer: "code=404" });
    expect((await cli("get", JOB_ID)).code).toBe(4);
  });

  it.each(["notCancellable", "noPermission"])("5 when the server refuses (%s), with its message", async (name) => {
    proxy.answer({ prefer: `code=400, example=${name}` });
    const { code, stderr } = await cli("cancel", JOB_ID);
    expect(code).toBe(5);
    expect(stderr).toContain(example<{ message: string }>("cancelJob", 400, name).message);
  });

  it("6 when the server cannot be reached", async () => {
    const closed = `http://127.0.0.1:${await freePort()}/webapi`;
    const { code, stderr } = await runCli(
      ["get", JOB_ID],
      cleanEnv({ ALTERYX_BASE_URL: closed, ALTERYX_TOKEN: TOKEN }),
    );
    expect(code).toBe(6);
    expect(stderr).toMatch(/connection failed/);
  });

  it("7 when the job ends in a state other than success", async () => {
    proxy.answer({ prefer: "example=failed" });
    const { code, stderr } = await cli("wait", JOB_ID);
    expect(code).toBe(7);
    expect(stderr).toMatch(/ended Completed with disposition Error/);
  });

  it("1 for anything else, such as a server error", async () => {
    proxy.answer({ status: 500 });
    const { code, stderr } = await cli("messages", JOB_ID);
    expect(code).toBe(1);
    expect(stderr).toMatch(/failed with 500/);
  });

  it("130 when Ctrl-C stops a wait, and the job is not cancelled", async () => {
    proxy.answer({ prefer: "example=running" });
    const { child, done } = startCli(["wait", JOB_ID, "--interval", "1h"], env());
    // The command listens for Ctrl-C before its first poll, so once a poll arrives it is listening.
    while (proxy.sent().length === 0) await new Promise((resolve) => setImmediate(resolve));
    child.kill("SIGINT");
    const { code, stderr } = await done;
    expect(code).toBe(130);
    expect(stderr).toMatch(/Stopped waiting for job .*; it was not cancelled/);
    expect(proxy.sent().every((r) => r.method === "GET")).toBe(true);
  });
});

describe("secrets", () => {
  it("never appear in output, even with --verbose and in errors", async () => {
    const secret = "cli-Client-Secret-456";
    const runs = [
      await runCli(["get", JOB_ID, "--verbose", "--token", TOKEN], cleanEnv({ ALTERYX_BASE_URL: proxy.url() })),
      await runCli(["get", TOKEN, "--verbose"], env()),
      await runCli(
        ["list", WORKFLOW_ID, "--verbose", "--client-id", "key", `--client-secret=${secret}`],
        cleanEnv({ ALTERYX_BASE_URL: proxy.url() }),
      ),
    ];
    proxy.answer({ prefer: "code=401" });
    runs.push(
      await runCli(
        ["get", JOB_ID, "--verbose"],
        cleanEnv({ ALTERYX_BASE_URL: proxy.url(), ALTERYX_CLIENT_ID: "key", ALTERYX_CLIENT_SECRET: secret }),
      ),
    );
    expect(runs[0]?.stderr).toMatch(/GET \/v3\/jobs\/.* → 200/);
    for (const { stdout, stderr } of runs) {
      expect(stdout + stderr).not.toContain(TOKEN);
      expect(stdout + stderr).not.toContain(secret);
    }
  });
});
