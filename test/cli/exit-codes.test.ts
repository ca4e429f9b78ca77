// Every row of the exit-code table, checked against what the command does; and the README's
// table is the same table.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CODES, exitCodesMarkdown } from "../../src/cli/exit-codes.js";
import { freePort } from "../../src/mock.js";
import { type CliResult, cleanEnv, runInProcess, sendJson, startCli } from "../helpers/cli.js";
import { example } from "../helpers/examples.js";
import { JOB_ID } from "../helpers/ids.js";
import { isTokenPath } from "../helpers/secrets.js";
import { CLIENT_SECRET, useCommand } from "./api.js";

const { api, env } = useCommand();
const cli = (...args: string[]) => runInProcess(args, env());
const running = () => api.answer((_, response) => sendJson(response, 200, example("getJob", 200, "running")));

/** A wait stopped by `signal` once its first poll has arrived; the job is never cancelled. */
async function waitStoppedBy(signal: NodeJS.Signals): Promise<CliResult> {
  running();
  const { child, done } = startCli(["wait", JOB_ID, "--interval", "1h"], env());
  await api.arrived();
  child.kill(signal);
  const result = await done;
  expect(api.sent().every((r) => r.method === "GET")).toBe(true);
  expect(result.stderr).toMatch(/Stopped waiting for job .*; it was not cancelled/);
  return result;
}

/** How to bring about each exit code, by the code. */
const CASES: Record<number, () => Promise<CliResult>> = {
  0: () => cli("get", JOB_ID),
  1: async () => {
    api.answer((_, response) => {
      response.writeHead(200, { "content-type": "text/html" }).end("<h1>Hello</h1>");
    });
    const result = await cli("messages", JOB_ID);
    expect(result.stderr).toMatch(/answered 200 with content type "text\/html"/);
    return result;
  },
  2: () => cli("get", "not-an-id"),
  3: async () => {
    api.answer((_, response) => sendJson(response, 401, example("getJob", 401, "unauthorized")));
    const result = await cli("get", JOB_ID);
    expect(result.stderr).toContain(example<{ message: string }>("getJob", 401, "unauthorized").message);
    return result;
  },
  4: async () => {
    api.answer((_, response) => sendJson(response, 404, example("getJob", 404, "notFound")));
    return cli("get", JOB_ID);
  },
  5: async () => {
    api.answer((_, response) => sendJson(response, 400, example("cancelJob", 400, "notCancellable")));
    const result = await cli("cancel", JOB_ID);
    expect(result.stderr).toContain(example<{ message: string }>("cancelJob", 400, "notCancellable").message);
    return result;
  },
  6: async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await runInProcess(["get", JOB_ID], cleanEnv({ ALTERYX_BASE_URL: closed, ALTERYX_TOKEN: "t0ken" }));
    expect(result.stderr).toContain(`The connection to ${closed} failed`);
    return result;
  },
  7: async () => {
    api.answer((_, response) => sendJson(response, 200, example("getJob", 200, "failed")));
    const result = await cli("wait", JOB_ID);
    expect(result.stderr).toMatch(/ended Completed with disposition Error/);
    return result;
  },
  8: async () => {
    // A server that answers every request with a job with messages, includeMessages=false included.
    api.answer((_, response) => sendJson(response, 200, example("getJob", 200, "completed")));
    const result = await cli("conform", "--job", JOB_ID);
    expect(result.stdout).toMatch(/^contradicted\s+getJob\.includeMessages-false\s/m);
    return result;
  },
  124: async () => {
    running();
    const result = await cli("wait", JOB_ID, "--timeout", "1s", "--interval", "1h");
    expect(result.stderr).toMatch(/Job .* was still Running after 1s; it was not cancelled/);
    expect(api.sent().every((r) => r.method === "GET")).toBe(true);
    return result;
  },
  130: () => waitStoppedBy("SIGINT"),
  143: () => waitStoppedBy("SIGTERM"),
};

describe("exit codes", () => {
  it("the README's table is the command's table", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(readme).toContain(exitCodesMarkdown());
  });

  it("every row has a case here", () => {
    expect(Object.keys(CASES).map(Number)).toEqual(CODES.map(([, code]) => code));
  });

  it.each(CODES.map(([name, code, meaning]) => [code, name, meaning] as const))("%i (%s): %s", async (code) => {
    const result = await CASES[code]?.();
    expect(result?.code).toBe(code);
  });

  it("3 when the token endpoint answers 503: the token request failed", async () => {
    api.answer((request, response) =>
      isTokenPath(request.url)
        ? sendJson(response, 503, { message: "Service Unavailable" })
        : sendJson(response, 200, example("getJob", 200, "completed")),
    );
    const args = ["get", JOB_ID, "--client-id", "key", "--client-secret", CLIENT_SECRET];
    const { code } = await runInProcess(args, cleanEnv({ ALTERYX_BASE_URL: api.url() }));
    expect(code).toBe(3);
  });

  it("3 when the token request is refused", async () => {
    api.answer((_, response) => sendJson(response, 401, example("requestToken", 401, "invalidClient")));
    const args = ["get", JOB_ID, "--client-id", "key", "--client-secret", CLIENT_SECRET];
    expect((await runInProcess(args, cleanEnv({ ALTERYX_BASE_URL: api.url() }))).code).toBe(3);
  });
});
