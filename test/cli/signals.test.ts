// The built command as a process: SIGINT and SIGTERM end it promptly in every phase of a wait,
// whatever the server is doing, and never cancel the job; deadlines hold against a silent
// server; a reader that goes away ends it quietly. The bounds are generous (a busy machine stays
// far inside them) yet fail at once on a command that only stops when its requests time out.
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { cleanEnv, runInProcess, sendJson, startCli, useApi } from "../helpers/cli.js";
import { example } from "../helpers/examples.js";
import { JOB_ID, WORKFLOW_ID } from "../helpers/ids.js";
import { isTokenPath } from "../helpers/secrets.js";
import { CLIENT_SECRET, useCommand } from "./api.js";

const { api, env } = useCommand();
const PROMPTLY_MS = 10_000;
const silent = () => undefined;

const PHASES: [string, string[], (request: { url?: string }, response: ServerResponse) => void][] = [
  [
    "a slow token request",
    ["--client-id", "key", "--client-secret", CLIENT_SECRET],
    (request, response) =>
      isTokenPath(request.url) ? silent() : sendJson(response, 200, example("getJob", 200, "running")),
  ],
  ["a slow response", [], silent],
  ["a Retry-After pause", [], (_, response) => sendJson(response, 503, { message: "busy" }, { "retry-after": "50" })],
  ["polling", [], (_, response) => sendJson(response, 200, example("getJob", 200, "running"))],
];

describe.each([
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const)("%s", (signal, exit) => {
  it.each(PHASES)(`ends a wait during %s with ${exit}, and cancels nothing`, async (_, extra, route) => {
    api.answer(route);
    const environment = extra.length ? cleanEnv({ ALTERYX_BASE_URL: api.url() }) : env();
    const { child, done } = startCli(["wait", JOB_ID, "--interval", "1h", ...extra], environment);
    await api.arrived(); // the command is in the phase once the server has its first request
    const sent = performance.now();
    child.kill(signal);
    const { code, stderr } = await done;
    expect(performance.now() - sent).toBeLessThan(PROMPTLY_MS);
    expect(code).toBe(exit);
    expect(stderr).toMatch(/Stopped waiting for job .*; it was not cancelled/);
    expect(api.sent().every((request) => request.method !== "DELETE")).toBe(true);
  });
});

describe("run, stopped while the app's questions are read", () => {
  it("says that nothing was queued, and sent no run", async () => {
    api.answer(silent);
    const { child, done } = startCli(["run", WORKFLOW_ID, "--question", "Region=EMEA"], env());
    await api.arrived();
    child.kill("SIGINT");
    const { code, stderr } = await done;
    expect(code).toBe(130);
    expect(stderr).toMatch(/Stopped while reading the questions of workflow .*; nothing was queued\./);
    expect(api.sent().map((request) => request.method)).toEqual(["GET"]);
  });
});

const silentApi = useApi(silent);
const silentEnv = () => cleanEnv({ ALTERYX_BASE_URL: silentApi.url(), ALTERYX_TOKEN: "t0ken-for-silence" });

// A server behind: the poll says Completed, the read with messages says Running, for ever.
const behindApi = useApi((request, response) => {
  const polled = new URL(request.url ?? "/", "http://any").searchParams.get("includeMessages") === "false";
  sendJson(response, 200, { ...example<object>("getJob", 200, "completed"), status: polled ? "Completed" : "Running" });
});

describe("wait on a server behind", () => {
  it("ends at --timeout saying the job is not known to be finished, never that it was still Completed", async () => {
    const environment = cleanEnv({ ALTERYX_BASE_URL: behindApi.url(), ALTERYX_TOKEN: "t0ken-for-a-lagging-server" });
    const { code, stderr } = await runInProcess(["wait", JOB_ID, "--timeout", "2s", "--interval", "1s"], environment);
    expect(code).toBe(124);
    // Which one depends on whether the deadline falls in a poll or in the read after it.
    expect(stderr).toMatch(
      / was (still Running|polled Completed, but not yet read as finished,) after 2s; it was not cancelled/,
    );
  });
});

// Both on a silent server, side by side: neither changes how the server answers.
describe.concurrent("deadlines", () => {
  it("wait --timeout ends a wait on a silent server with 124", async () => {
    const started = performance.now();
    const { code, stderr } = await runInProcess(["wait", JOB_ID, "--timeout", "2s"], silentEnv());
    expect(performance.now() - started).toBeLessThan(PROMPTLY_MS);
    expect(code).toBe(124);
    expect(stderr).toMatch(/still not seen yet after 2s; it was not cancelled/);
  });

  it("get on a silent server ends with 6 after --request-timeout", async () => {
    const started = performance.now();
    const { code, stderr } = await runInProcess(["get", JOB_ID, "--request-timeout", "1s"], silentEnv());
    expect(performance.now() - started).toBeLessThan(PROMPTLY_MS);
    expect(code).toBe(6);
    expect(stderr).toMatch(/No answer within 1000 ms/);
  });
});

describe("pipes", () => {
  it("a closed stdout (| head -1) ends the command quietly", async () => {
    let answer: (() => void) | undefined;
    api.answer((_, response) => {
      // The first page waits for the reader to go; the listing's next page, the empty one that
      // ends it, is answered at once.
      if (answer) return sendJson(response, 200, []);
      answer = () => sendJson(response, 200, example("listWorkflowJobs", 200, "jobs"));
    });
    const { child, done } = startCli(["list", WORKFLOW_ID], env());
    await api.arrived();
    child.stdout?.destroy(); // the reader goes away before the command prints
    answer?.();
    const { code, stderr } = await done;
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
