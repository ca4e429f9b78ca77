// The HTTP face against an attacker and a careless client: requests that are not what the spec
// describes get a documented answer (or a 413 for a body past the limit), never a 500 and never a
// hang. Sent directly: Prism in front would refuse most of them itself.
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import * as operationMessages from "../../generated/operation-messages.js";
import * as sharedMessages from "../../generated/shared-messages.js";
import { defaultFixture, startSandbox } from "../../src/sandbox/index.js";
import { responseSchema, schemaErrors } from "../helpers/schema.js";
import { ANALYST, CURATOR, INVENTORY, SALES, tokenFor, useSandbox } from "./helpers.js";

const sandbox = useSandbox();
const SALES_TIME = SALES.queuedMs + SALES.runningMs;

/** The body of `response`, checked against what the spec documents for `operationId` and its status. */
async function documented(operationId: string, response: Response): Promise<unknown> {
  const body = await response.json();
  expect(schemaErrors(responseSchema(operationId, response.status), body)).toBeNull();
  return body;
}

async function call(path: string, init: RequestInit & { user?: typeof ANALYST } = {}): Promise<Response> {
  const { user = CURATOR, ...rest } = init;
  const authorization = `Bearer ${await tokenFor(sandbox().url, user)}`;
  return fetch(`${sandbox().url}${path}`, { ...rest, headers: { authorization, ...rest.headers } });
}

/** Sends `text` on a raw connection and resolves with what came back once the server closes it. */
function raw(url: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = connect(Number(new URL(url).port), "127.0.0.1", () => socket.end(text));
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString();
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(answer));
  });
}

describe("request targets, routes and methods", () => {
  it.each([
    ["a target that is not a URL", "GET http://[::1/webapi/v3/jobs HTTP/1.1"],
    ["a target with credentials and no host", "GET http://a:b@[ HTTP/1.1"],
  ])("answer %s with the documented 404", async (_, line) => {
    const answer = await raw(sandbox().url, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(answer).toContain(JSON.stringify({ message: sharedMessages.NotFound.notFound }));
  });

  it.each([
    ["PUT", "/v3/jobs"],
    ["PATCH", `/v3/workflows/${SALES.id}/jobs`],
    ["OPTIONS", "/v3/jobs"],
    ["DELETE", "/v3/jobs"],
    ["GET", "/v3/jobs/"],
    ["GET", "/v4/jobs"],
    ["GET", "//v3/jobs"],
  ])("answer %s %s, which the spec does not have, with 404", async (method, path) => {
    const response = await call(path, { method });
    expect(response.status).toBe(404);
    expect(await documented("getJob", response)).toEqual({ message: sharedMessages.NotFound.notFound });
  });

  it.each([
    ["/v3/jobs/..%2F..%2Fetc%2Fpasswd"],
    ["/v3/jobs/%2e%2e/messages"],
    ["/v3/jobs/__proto__"],
    ["/v3/jobs/%zz"],
    [`/v1/jobs/${"0".repeat(24)}/output/..%2F..%2Fetc%2Fpasswd?format=Raw`],
    ["/v3/workflows/constructor/questions"],
  ])("treat %s as an ID like any other: not found", async (path) => {
    const response = await call(path);
    expect(response.status).toBe(404);
    expect(await documented("getJob", response)).toEqual({ message: sharedMessages.NotFound.notFound });
  });
});

describe("bodies", () => {
  it.each([
    ["not JSON", "{"],
    ["null", "null"],
    ["an array", "[]"],
    ["a string", '"x"'],
    ["nested 60,000 deep", "[".repeat(60_000)],
    ["answers that are not answers", '{"questions":[null,1,{"name":"__proto__","value":"x"}]}'],
    ["questions that are not a list", '{"questions":{}}'],
    ["a priority that is an object", '{"priority":{"a":1}}'],
  ])("refuse a run whose body is %s with the documented 400, queuing nothing", async (_, body) => {
    const response = await call(`/v3/workflows/${INVENTORY.id}/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect(await documented("runWorkflow", response)).toMatchObject({
      message: sharedMessages.BadRequest.invalidField,
    });
    const listed = await call(`/v3/workflows/${INVENTORY.id}/jobs`);
    expect(await listed.json()).toEqual([]);
  });

  it("refuse a 20 MB body with 413 without reading it all, and go on serving", async () => {
    const response = await call(`/v3/workflows/${SALES.id}/jobs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Uint8Array(20 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    expect((await call(`/v3/workflows/${SALES.id}/jobs`)).status).toBe(200);
  });

  it("stop at once with clients that send half a request and wait", async () => {
    const running = await startSandbox({ speed: 0 });
    const port = Number(new URL(running.url).port);
    const halves = [
      "GET /webapi/v3/jo", // headers never finished
      "POST /webapi/oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\ngrant_type=", // body never finished
    ].map(
      (text) =>
        new Promise<void>((resolve) => {
          const socket = connect(port, "127.0.0.1", () => socket.write(text, () => resolve()));
          socket.on("error", () => undefined);
        }),
    );
    await Promise.all(halves);
    // Without closing the connections a stop would wait for these clients for ever.
    await running.stop();
  });
});

describe("query parameters", () => {
  it.each([
    ["limit=0", "limit"],
    ["limit=abc", "limit"],
    ["offset=-1", "offset"],
    ["limit=99999999999999999", "limit"],
    ["allUsers=yes", "allUsers"],
    ["sortField=__proto__", "sortField"],
    ["statuses=constructor", "statuses"],
    ["completedBefore=2024-02-30", "completedBefore"],
    ["completedAfter=2024-13-01", "completedAfter"],
  ])("the Curator listing answers %s with 400 naming the parameter", async (query, name) => {
    const response = await call(`/v3/jobs?${query}`);
    expect(response.status).toBe(400);
    const body = (await documented("listJobs", response)) as { modelState: Record<string, string[]> };
    expect(Object.keys(body.modelState)).toEqual([name]);
  });

  const listWorkflowJobs = async (query: string) => {
    const job = (await (await call(`/v3/workflows/${SALES.id}/jobs`, { method: "POST" })).json()) as { id: string };
    const response = await call(`/v3/workflows/${SALES.id}/jobs?${query}`);
    expect(response.status).toBe(200);
    const jobs = (await documented("listWorkflowJobs", response)) as { id: string }[];
    return { job, listed: jobs.map((j) => j.id) };
  };

  it.each(["sortField=__proto__", "sortField=constructor", "limit=0", "limit=abc", "offset=-1", "direction=sideways"])(
    "a workflow's listing, which documents no 400, reads %s as no parameter",
    async (query) => {
      const { job, listed } = await listWorkflowJobs(query);
      expect(listed).toContain(job.id);
    },
  );

  it.each(["status=constructor", "status=__proto__", "status=toString"])(
    "a workflow's listing reads %s as a status no job is in",
    async (query) => {
      expect((await listWorkflowJobs(query)).listed).toEqual([]);
    },
  );

  it("pages past the end are empty, and a huge limit is a full page", async () => {
    await call(`/v3/workflows/${INVENTORY.id}/jobs`, { method: "POST" });
    const past = await call(`/v3/jobs?offset=1000000000&limit=5`);
    expect(await documented("listJobs", past)).toEqual({ data: [] });
    const huge = await call(`/v3/workflows/${INVENTORY.id}/jobs?limit=999999999999999`);
    expect(((await documented("listWorkflowJobs", huge)) as unknown[]).length).toBeGreaterThan(0);
  });
});

describe("tokens", () => {
  it("are issued to 100 requests at once, each its own and each working", async () => {
    const tokens = await Promise.all(Array.from({ length: 100 }, () => tokenFor(sandbox().url, ANALYST)));
    expect(new Set(tokens).size).toBe(100);
    const statuses = await Promise.all(
      tokens.map(async (token) => {
        const response = await fetch(`${sandbox().url}/v3/workflows/${SALES.id}/jobs`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return response.status;
      }),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));
  });

  it("work until the last millisecond of their lifetime, and not at its end", async () => {
    const lifetimeMs = 3600 * 1000;
    const token = await tokenFor(sandbox().url, ANALYST);
    const status = async () =>
      (
        await fetch(`${sandbox().url}/v3/workflows/${SALES.id}/jobs`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status;
    sandbox().clock.advance(lifetimeMs - 1);
    expect(await status()).toBe(200);
    sandbox().clock.advance(1);
    expect(await status()).toBe(401);
  });
});

describe("cancel while the clock moves the job", () => {
  const runAndCancelAt = async (elapsedMs: number) => {
    const job = (await (await call(`/v3/workflows/${SALES.id}/jobs`, { method: "POST" })).json()) as { id: string };
    sandbox().clock.advance(elapsedMs);
    const cancelled = await call(`/v3/jobs/${job.id}`, { method: "DELETE" });
    return { cancelled, after: await call(`/v3/jobs/${job.id}`) };
  };
  const messages = operationMessages.cancelJob;

  it.each([
    [SALES.queuedMs - 1, 200, messages["200"].deleted, 404],
    [SALES.queuedMs, 200, messages["200"].cancelled, 200],
    [SALES_TIME - 1, 200, messages["200"].cancelled, 200],
    [SALES_TIME, 400, messages["400"].notCancellable, 200],
  ])("at %i ms after queuing: %i, and the job agrees afterwards", async (elapsed, status, message, after) => {
    const { cancelled, after: job } = await runAndCancelAt(elapsed);
    expect(cancelled.status).toBe(status);
    expect(await documented("cancelJob", cancelled)).toEqual({ message });
    expect(job.status).toBe(after);
    const seen = (await documented("getJob", job)) as { status: string };
    if (after === 200) expect(seen.status).toBe(status === 200 ? "Cancelled" : "Completed");
  });

  it("answers each of many cancels racing a fast clock as the job then is", async () => {
    // A minute and five seconds of the job's life in 65 ms; tokens that last all day, 86 s here.
    const fast = await startSandbox({ speed: 1000, fixture: { ...defaultFixture, tokenLifetimeSeconds: 86_400 } });
    try {
      const authorization = `Bearer ${await tokenFor(fast.url, ANALYST)}`;
      const send = (path: string, method = "GET") =>
        fetch(`${fast.url}${path}`, { method, headers: { authorization } });
      const jobs = await Promise.all(
        Array.from(
          { length: 30 },
          async () => (await (await send(`/v3/workflows/${SALES.id}/jobs`, "POST")).json()) as { id: string },
        ),
      );
      const outcomes = await Promise.all(
        jobs.map(async ({ id }) => {
          const cancel = await send(`/v3/jobs/${id}`, "DELETE");
          const body = (await documented("cancelJob", cancel)) as { message: string };
          const after = await send(`/v3/jobs/${id}`);
          const job = after.status === 200 ? ((await after.json()) as { status: string }).status : after.status;
          return [body.message, job];
        }),
      );
      const consistent: Record<string, unknown> = {
        [messages["200"].deleted]: 404,
        [messages["200"].cancelled]: "Cancelled",
        [messages["400"].notCancellable]: "Completed",
      };
      for (const [message, job] of outcomes) expect(job).toBe(consistent[message as string]);
    } finally {
      await fast.stop();
    }
  });
});
