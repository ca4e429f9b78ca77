// One state machine, two faces: the same script of requests gets the same answers from the HTTP
// server and from the MSW handlers.
import { setupServer } from "msw/node";
import { describe, expect, it } from "vitest";
import { createSandboxHandlers, startSandbox } from "../../src/sandbox/index.js";
import { ANALYST, CURATOR, SALES, START } from "./helpers.js";

type Answer = { status: number; type: string | null; body: string };

/** Runs a user's day against `url` and records every answer (tokens masked, as they are random). */
async function script(url: string, advance: (ms: number) => void): Promise<Answer[]> {
  const answers: Answer[] = [];
  const tokens: string[] = [];
  const send = async (path: string, init: RequestInit = {}, user = ANALYST) => {
    const token = user === CURATOR ? tokens[1] : tokens[0];
    const headers = new Headers(init.headers);
    if (token && !path.startsWith("/oauth2")) headers.set("authorization", `Bearer ${token}`);
    const response = await fetch(`${url}${path}`, { ...init, headers });
    const bytes = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get("content-type");
    const isJson = type?.startsWith("application/json") ?? false;
    // Tokens are random; everything else is a function of the script and the clock.
    const body = isJson
      ? bytes.toString().replace(/"access_token":"[^"]+"/, '"access_token":"TOKEN"')
      : bytes.toString("base64");
    answers.push({ status: response.status, type, body });
    return isJson ? JSON.parse(bytes.toString()) : undefined;
  };
  for (const user of [ANALYST, CURATOR]) {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: user.clientId,
      client_secret: user.clientSecret,
    });
    tokens.push((await send("/oauth2/token", { method: "POST", body: form })).access_token);
  }
  const json = { "content-type": "application/json" };
  const job = await send(`/v3/workflows/${SALES.id}/jobs`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({ priority: "High" }),
  });
  await send(`/v3/workflows/${SALES.id}/jobs`, {
    method: "POST",
    headers: json,
    body: '{"questions":[{"name":"Nope","value":"1"}]}',
  });
  const queued = await send(`/v3/workflows/${SALES.id}/jobs`, { method: "POST" });
  await send(`/v3/jobs/${queued.id}`, { method: "DELETE" });
  await send(`/v3/jobs/${queued.id}`);
  await send(`/v3/workflows/${SALES.id}/questions`);
  advance(SALES.queuedMs + 1);
  await send(`/v3/jobs/${job.id}?includeMessages=false`);
  advance(SALES.runningMs);
  const done = await send(`/v3/jobs/${job.id}`);
  for (const output of done.outputs) {
    for (const format of [...output.availableFormats, "Pdf"])
      await send(`/v1/jobs/${job.id}/output/${output.id}?format=${format}`);
  }
  await send(`/v3/jobs/${job.id}`, { method: "DELETE" });
  await send(`/v3/jobs/${job.id}/messages`);
  await send(`/v3/jobs/${job.id}/messages`, {}, CURATOR);
  await send("/v3/jobs?allUsers=true&sortField=Status", {}, CURATOR);
  await send(`/v3/workflows/${SALES.id}/jobs?limit=1&offset=1`);
  await send("/v3/jobs/000000000000000000000000");
  return answers;
}

describe("the MSW handlers", () => {
  it("answer a script of requests exactly as the HTTP server does", async () => {
    const server = await startSandbox({ speed: 0, start: START });
    const overHttp = await script(server.url, server.clock.advance).finally(() => server.stop());

    const sandbox = createSandboxHandlers({ start: START });
    const msw = setupServer(...sandbox.handlers);
    msw.listen({ onUnhandledRequest: "error" });
    const inProcess = await script(sandbox.baseUrl, sandbox.clock.advance).finally(() => msw.close());

    expect(overHttp.map((a) => a.status)).toEqual([
      200, 200, 200, 400, 200, 200, 404, 200, 200, 200, 200, 200, 400, 200, 400, 400, 401, 200, 200, 200, 404,
    ]);
    expect(inProcess).toEqual(overHttp);
  });

  it("keep time still unless told otherwise, as tests want", () => {
    expect(createSandboxHandlers().clock.speed).toBe(0);
    expect(createSandboxHandlers({ speed: 60 }).clock.speed).toBe(60);
  });
});
