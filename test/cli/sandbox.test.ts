// `alteryx-jobs sandbox`, and the command's other verbs against it: `run --wait` sees a job go
// Queued → Running → Completed, with the sandbox's clock moved by each poll and never by waiting.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createJobsClient, type Fetch } from "../../src/index.js";
import { defaultFixture } from "../../src/sandbox/index.js";
import { cleanEnv, runInProcess, startCli } from "../helpers/cli.js";
import { ANALYST, movingOnEachListing, SALES, useSandbox } from "../sandbox/helpers.js";

const sandbox = useSandbox();
const dir = mkdtempSync(join(tmpdir(), "sandbox-command-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Far beyond the second a stop takes, yet it fails at once on a command that does not stop. */
const PROMPTLY_MS = 10_000;

/** What the command prints once it listens: it resolves when `pattern` matches stdout. */
function printed(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = pattern.exec(text);
      if (match) resolve(match);
    });
    child.on("close", () => reject(new Error(`exited before printing ${pattern}: ${text}`)));
  });
}

/** Resolves when `port` on 127.0.0.1 can be listened on again. */
function portIsFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

describe("run --wait against the sandbox", () => {
  it("shows the job going Queued → Running → Completed, a virtual minute per poll", async () => {
    // After each look at the job, a minute passes in the sandbox: time moves by polls, not by waiting.
    const aMinutePerPoll: Fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      if (request.method === "GET" && /\/v3\/jobs\/[0-9a-f]{24}$/.test(new URL(request.url).pathname)) {
        sandbox().clock.advance(60_000);
      }
      return response;
    };
    const env = cleanEnv({
      ALTERYX_BASE_URL: sandbox().url,
      ALTERYX_CLIENT_ID: ANALYST.clientId,
      ALTERYX_CLIENT_SECRET: ANALYST.clientSecret,
    });
    const { code, stdout, stderr } = await runInProcess(["run", SALES.id, "--wait", "--interval", "1s"], env, {
      tty: true,
      fetch: aMinutePerPoll,
    });
    expect(stderr).toMatch(/^Job [0-9a-f]{24} queued; waiting for it to finish\./);
    // Each redraw of the progress line: return, clear the line, then `<jobId>  <status>  …`.
    const statuses = stderr
      .split("\r\x1b[2K")
      .slice(1)
      .map((line) => line.split(/\s+/)[1]);
    expect(statuses).toEqual(["Queued", "Running", "Completed"]);
    expect(stdout).toMatch(/status\s+Completed/);
    expect(stdout).toMatch(/sales_summary\.csv/);
    expect(code).toBe(0);
  });
});

describe("batch --download against the sandbox", () => {
  it("saves each successful run's outputs into DIR/<row>/, byte for byte", async () => {
    // Each look at the workflow's jobs moves the sandbox two minutes on: every job ends by the second.
    const twoMinutesPerListing = movingOnEachListing(sandbox, 120_000);
    const work = mkdtempSync(join(dir, "batch-"));
    const answers = join(work, "answers.csv");
    writeFileSync(answers, "Region,Month\nEMEA,2024-09\nAMER,2024-10\n");
    const env = cleanEnv({
      ALTERYX_BASE_URL: sandbox().url,
      ALTERYX_CLIENT_ID: ANALYST.clientId,
      ALTERYX_CLIENT_SECRET: ANALYST.clientSecret,
    });
    const outputs = join(work, "outputs");
    const { code, stderr } = await runInProcess(
      ["batch", SALES.id, answers, "--interval", "1s", "--download", outputs],
      env,
      { fetch: twoMinutesPerListing },
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    for (const row of ["1", "2"]) {
      expect(readdirSync(join(outputs, row)).sort()).toEqual(SALES.outputs.map((o) => o.fileName).sort());
      const csv = SALES.outputs.find((o) => o.fileName.endsWith(".csv"))?.formats.Raw;
      expect(readFileSync(join(outputs, row, "sales_summary.csv"), "utf8")).toBe(csv && "text" in csv ? csv.text : "");
    }
  });
});

describe("options are checked before the sandbox listens", () => {
  const missing = join(dir, "missing.json");
  const invalid = join(dir, "invalid.json");
  writeFileSync(invalid, JSON.stringify({ ...defaultFixture, users: [] }));

  it.each([
    ["a speed of 0, which would never move", ["--speed", "0"], /--speed takes a number above 0 and at most 1000000/],
    ["a speed that is not a number", ["--speed", "fast"], /--speed takes a number above 0/],
    ["a negative speed", ["--speed=-60"], /--speed takes a number above 0/],
    ["a speed past the bound", ["--speed", "1000001"], /at most 1000000, not "1000001"/],
    ["a port out of range", ["--port", "65536"], /--port takes a port number/],
    ["a fixture that cannot be read", ["--fixture", missing], /Cannot read the sandbox fixture .*missing\.json/],
    ["a fixture that is a folder", ["--fixture", dir], /Cannot read the sandbox fixture .*: it is not a regular file/],
    [
      "a fixture that is not valid",
      ["--fixture", invalid],
      /Invalid sandbox fixture \(.*invalid\.json\): users must name at least one API key/,
    ],
    ["an argument", ["extra"], /sandbox takes no argument/],
  ])("2 for %s", async (_, args, message) => {
    const { code, stdout, stderr } = await runInProcess(["sandbox", ...args]);
    expect(stderr).toMatch(message);
    expect(stdout).toBe("");
    expect(code).toBe(2);
  });

  it("2 for a port in use, saying how to choose another", async () => {
    const port = Number(new URL(sandbox().url).port);
    const { code, stderr } = await runInProcess(["sandbox", "--port", String(port)]);
    expect(stderr).toContain(`port ${port} is in use: choose another with --port, or --port 0 for a free one`);
    expect(code).toBe(2);
  });
});

describe("the sandbox command, as a process", () => {
  it("prints its URL and keys, serves a client that runs a job, and ends with 0 on Ctrl-C", async () => {
    // A virtual day's tokens last 86 s at this speed, and the sales report's 65 s take 65 ms.
    const fixture = join(dir, "all-day-tokens.json");
    writeFileSync(fixture, JSON.stringify({ ...defaultFixture, tokenLifetimeSeconds: 86_400 }));
    const { child, done } = startCli(["sandbox", "--port", "0", "--speed", "1000", "--fixture", fixture]);
    const [, url = "", port = ""] = await printed(child, /listening on (http:\/\/127\.0\.0\.1:(\d+)\/webapi)/);
    const client = createJobsClient({
      baseUrl: url,
      auth: { clientId: ANALYST.clientId, clientSecret: ANALYST.clientSecret },
    });
    const job = await client.runWorkflow(SALES.id);
    expect(await client.waitForJob(job.id, { intervalMs: 10 })).toMatchObject({ status: "Completed" });

    const sent = performance.now();
    child.kill("SIGINT");
    const { code, stdout, stderr } = await done;
    expect(performance.now() - sent).toBeLessThan(PROMPTLY_MS);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    for (const user of defaultFixture.users) expect(stdout).toContain(`${user.clientId}  `);
    expect(stdout).toContain(`ALTERYX_CLIENT_SECRET=${ANALYST.clientSecret}`);
    await portIsFree(Number(port));
  });

  it("--json prints the URL and keys as JSON, unmasked even when the shell exported the secret", async () => {
    // As a shell that used the sandbox before has it: the secret is a test key, not the user's.
    const env = cleanEnv({ ALTERYX_CLIENT_SECRET: ANALYST.clientSecret });
    const { child, done } = startCli(["sandbox", "--port", "0", "--json"], env);
    const [json = ""] = await printed(child, /^\{[\s\S]*\n\}\n/);
    child.kill("SIGTERM");
    expect(await done).toMatchObject({ code: 0, stderr: "" });
    const info = JSON.parse(json) as { url: string; speed: number; users: unknown[]; workflows: unknown[] };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webapi$/);
    expect(info.speed).toBe(1);
    expect(info.users).toEqual(defaultFixture.users.map((user) => ({ curator: false, ...user })));
    expect(info.workflows).toEqual(defaultFixture.workflows.map(({ id, name }) => ({ id, name })));
  });
});
