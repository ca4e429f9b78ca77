// What the command prints: server text that cannot drive the terminal, JSON that stays JSON at
// any depth, and secrets that never show.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apiRoot, operationRules } from "../../generated/client-values.js";
import { escapeJsonText } from "../../src/cli/format.js";
import { printJson } from "../../src/cli/json.js";
import { cleanEnv, runInProcess, sendJson } from "../helpers/cli.js";
import { example } from "../helpers/examples.js";
import { JOB_ID } from "../helpers/ids.js";
import { basicValue, isTokenPath } from "../helpers/secrets.js";
import { CLIENT_SECRET, TOKEN, useCommand } from "./api.js";

const { api, env } = useCommand();
const cli = (...args: string[]) => runInProcess(args, env());

// Clear the screen, retitle the window, write the clipboard (OSC 52), an 8-bit CSI, DEL, a bidi
// override; then invisible text: a zero-width space, a byte order mark and a tag character.
const HOSTILE = "\x1b[2J\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07\u009b31m\x7f\u202eevil\u2028\u200bhidden\ufeff\u{e0041}";
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e\u2028\u200b\ufeff\u{e0041}]/u;

type Job = { messages: { text: string }[]; [key: string]: unknown };
function jobWithMessage(text: string): Job {
  const job = example<Job>("getJob", 200, "completed");
  job.messages[0] = { ...job.messages[0], text } as Job["messages"][number];
  return job;
}

describe("text from the server", () => {
  it("is escaped in readable output", async () => {
    api.answer((_, response) => sendJson(response, 200, jobWithMessage(HOSTILE)));
    const { code, stdout } = await cli("get", JOB_ID);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(RAW_CONTROL);
    expect(stdout).toContain(
      "\\x1b[2J\\x1b]0;owned\\x07\\x1b]52;c;ZXZpbA==\\x07\\x9b31m\\x7f\\u202eevil\\u2028\\u200bhidden\\ufeff\\u{e0041}",
    );
  });

  it("is escaped in error messages", async () => {
    api.answer((_, response) => sendJson(response, 400, { message: `Not cancellable ${HOSTILE}` }));
    const { code, stderr } = await cli("cancel", JOB_ID);
    expect(code).toBe(5);
    expect(stderr).toContain("Not cancellable \\x1b[2J");
    expect(stderr).not.toMatch(RAW_CONTROL);
  });

  it("prints a refusal's reasons, each field's messages on a line of their own, escaped and masked", async () => {
    const modelState = {
      "questions[0].value": ["'Mars' is not a choice of Region; choose EMEA, AMER or APAC", `echo ${TOKEN}`],
      [`priority${HOSTILE}`]: ["The value 'Urgent' is not valid for priority."],
    };
    api.answer((_, response) => sendJson(response, 400, { message: "The request is invalid.", modelState }));
    const { code, stderr } = await cli("cancel", JOB_ID);
    expect(code).toBe(5);
    const lines = stderr.split("\n");
    const first = lines.findIndex((line) => line.includes("failed with 400: The request is invalid."));
    expect(lines.slice(first + 1, first + 4)).toEqual([
      "  questions[0].value: 'Mars' is not a choice of Region; choose EMEA, AMER or APAC",
      "  questions[0].value: echo [redacted]",
      `  priority\\x1b[2J\\x1b]0;owned\\x07\\x1b]52;c;ZXZpbA==\\x07\\x9b31m\\x7f\\u202eevil\\u2028\\u200bhidden\\ufeff\\u{e0041}: The value 'Urgent' is not valid for priority.`,
    ]);
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr).not.toContain(TOKEN);
  });

  it("says an HTML 404 page may mean a wrong base URL, without the token the page quotes", async () => {
    api.answer((request, response) => {
      response.writeHead(404, { "content-type": "text/html" });
      response.end(`<html><body>No such page. Authorization: ${request.headers.authorization}</body></html>`);
    });
    const { code, stderr } = await cli("messages", JOB_ID);
    expect(code).toBe(4);
    expect(stderr).toContain(
      `This is not the API's answer: the base URL may be wrong (the API's root is usually ${api.url()}${apiRoot})`,
    );
    expect(stderr).toContain("Authorization: Bearer [redacted]");
    expect(stderr).not.toContain(TOKEN);
  });

  it("says a refused Curator-only command needs a Curator", async () => {
    api.answer((_, response) => sendJson(response, 401, example("listJobs", 401, "unauthorized")));
    const { code, stderr } = await cli("jobs");
    expect(code).toBe(3);
    const { method, path, role } = operationRules.listJobs;
    expect(stderr).toContain(
      `${method} ${path} needs the ${role} role: the credentials may be valid but not a ${role}'s.`,
    );
  });

  it("stays valid JSON with --json, with the same value and no raw control characters", async () => {
    const job = jobWithMessage(HOSTILE);
    api.answer((_, response) => sendJson(response, 200, job));
    const { stdout } = await cli("get", JOB_ID, "--json");
    expect(stdout.replaceAll("\n", "")).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(stdout)).toEqual(job);
  });

  it("--json prints deeply nested JSON", async () => {
    const depth = 100_000;
    api.answer((_, response) => {
      const job = JSON.stringify(example("getJob", 200, "completed"));
      response.writeHead(200, { "content-type": "application/json" });
      response.end(`${job.slice(0, -1)},"nested":${"[".repeat(depth)}${"]".repeat(depth)}}`);
    });
    const { code, stdout, stderr } = await cli("get", JOB_ID, "--json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    let level = (JSON.parse(stdout) as { nested: unknown[] }).nested;
    let seen = 1;
    while (Array.isArray(level[0])) [level, seen] = [level[0] as unknown[], seen + 1];
    expect(seen).toBe(depth);
  });

  it("printJson prints deep levels without line breaks, and the same value", () => {
    const deep = JSON.parse(`${"[".repeat(200)}{"a":1}${"]".repeat(200)}`);
    const printed = printJson(deep);
    expect(JSON.stringify(JSON.parse(printed))).toBe(JSON.stringify(deep));
    expect(printed.split("\n").length).toBeLessThan(200);
  });

  it("printJson prints what JSON.stringify(value, null, 2) prints, escapes aside", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(printJson(value)).toBe(escapeJsonText(JSON.stringify(value, null, 2)));
      }),
    );
  });
});

describe("secrets", () => {
  const credentials = ["--client-id", "key", "--client-secret", CLIENT_SECRET];
  const base = () => cleanEnv({ ALTERYX_BASE_URL: api.url() });
  const bearerOf = (authorization: string | undefined) => authorization?.replace(/^Bearer /, "") ?? "";

  it("a token obtained with client credentials and echoed by a job message is masked in get --json", async () => {
    const issued = example<{ access_token: string }>("requestToken", 200, "token").access_token;
    api.answer((request, response) =>
      isTokenPath(request.url)
        ? sendJson(response, 200, example("requestToken", 200, "token"))
        : sendJson(response, 200, jobWithMessage(`Authorization: Bearer ${bearerOf(request.headers.authorization)}`)),
    );
    const { code, stdout } = await runInProcess(["get", JOB_ID, "--json", ...credentials], base());
    expect(code).toBe(0);
    expect(api.sent()[1]?.headers.authorization).toBe(`Bearer ${issued}`);
    expect(stdout).not.toContain(issued);
    expect(stdout).toContain("Authorization: Bearer [redacted]");
  });

  it("--json stays valid JSON when a token that is all digits equals a number in the answer", async () => {
    const token = "1234";
    const job = jobWithMessage(`token ${token}`);
    const [first] = job.messages as { toolId?: number }[];
    if (first) first.toolId = Number(token);
    api.answer((_, response) => sendJson(response, 200, job));
    const { code, stdout } = await runInProcess(["get", JOB_ID, "--json", "--token", token], base());
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as Job;
    expect(printed.messages[0]).toMatchObject({ text: "token [redacted]", toolId: Number(token) });
  });

  it("the Basic value and secret echoed by a token endpoint's error are masked", async () => {
    api.answer((request, response) =>
      sendJson(response, 401, { message: `refused ${request.headers.authorization} ${CLIENT_SECRET}` }),
    );
    const { code, stdout, stderr } = await runInProcess(["get", JOB_ID, ...credentials], base());
    expect(code).toBe(3);
    const basic = basicValue("key", CLIENT_SECRET);
    expect(api.sent()[0]?.headers.authorization).toBe(`Basic ${basic}`);
    expect(stdout + stderr).not.toContain(basic);
    expect(stdout + stderr).not.toContain(CLIENT_SECRET);
    expect(stderr).toContain("refused Basic [redacted] [redacted]");
  });

  it("a base URL with credentials is refused without being shown", async () => {
    const url = api.url().replace("http://", "http://admin:hunter22@");
    for (const where of [["--base-url", url], []]) {
      const { code, stderr } = await runInProcess(
        ["get", JOB_ID, ...where],
        cleanEnv({ ALTERYX_BASE_URL: url, ALTERYX_TOKEN: TOKEN }),
      );
      expect(code).toBe(2);
      expect(stderr).toMatch(/must not carry credentials/);
      expect(stderr).not.toMatch(/hunter22|admin/);
    }
    expect(api.sent()).toHaveLength(0);
  });

  it("a URL with credentials typed where a command or an ID goes is not shown", async () => {
    const url = api.url().replace("http://", "http://admin:hunter22@");
    const runs = [await runInProcess([url, "get", JOB_ID], env()), await runInProcess(["get", url], env())];
    expect(runs.map(({ code }) => code)).toEqual([2, 2]);
    for (const { stderr } of runs) {
      expect(stderr).toContain("http://[redacted]@127.0.0.1");
      expect(stderr).not.toMatch(/hunter22|admin/);
    }
    expect(api.sent()).toHaveLength(0);
  });

  it("given secrets never appear, even with --verbose and in errors", async () => {
    api.answer((request, response) => sendJson(response, 404, { message: `no ${request.headers.authorization}` }));
    const runs = [
      await runInProcess(["get", JOB_ID, "--verbose", "--token", TOKEN], base()),
      await runInProcess(["get", TOKEN, "--verbose"], env()),
      await runInProcess(
        ["get", JOB_ID, "--verbose", "--client-id", "key", `--client-secret=${CLIENT_SECRET}`],
        base(),
      ),
    ];
    expect(runs[0]?.stderr).toMatch(/GET \/v3\/jobs\/.* → 404/);
    for (const { stdout, stderr } of runs) {
      expect(stdout + stderr).not.toContain(TOKEN);
      expect(stdout + stderr).not.toContain(CLIENT_SECRET);
    }
  });
});
