// The HTTP face directly (Prism would read a binary body as text, and answers faults itself only as
// warnings): bytes, bounds, faults, and the edges of the server.
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as operationMessages from "../../generated/operation-messages.js";
import { createJobsClient, RateLimitError, ServerError, TimeoutError } from "../../src/index.js";
import { defaultFixture, type Fixture, startSandbox } from "../../src/sandbox/index.js";
import { ANALYST, SALES, tokenFor, useSandbox, WITHOUT_JOBS } from "./helpers.js";

const BINARY = randomBytes(256 * 1024);
const fixture: Fixture = {
  ...WITHOUT_JOBS,
  workflows: [
    { ...SALES, outputs: [{ fileName: "data.yxdb", formats: { Raw: { base64: BINARY.toString("base64") } } }] },
  ],
};
const sandbox = useSandbox({ fixture });
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const token = (url = sandbox().url, user = ANALYST) => tokenFor(url, user);

describe("outputs", () => {
  it("download byte for byte, a binary file included", async () => {
    const client = createJobsClient({ baseUrl: sandbox().url, auth: { token: await token() } });
    const job = await client.runWorkflow(SALES.id);
    sandbox().clock.advance(SALES.queuedMs + SALES.runningMs);
    const [output] = (await client.getJob(job.id)).outputs;
    const response = await fetch(`${sandbox().url}/v1/jobs/${job.id}/output/${output?.id}?format=Raw`, {
      headers: { authorization: `Bearer ${await token()}` },
    });
    expect(response.headers.get("content-disposition")).toContain("data.yxdb");
    expect(Number(response.headers.get("content-length"))).toBe(BINARY.byteLength);
    expect(sha(new Uint8Array(await response.arrayBuffer()))).toBe(sha(BINARY));
  });
});

describe("tokens", () => {
  it("accept Basic credentials form-urlencoded before base64, as RFC 6749 asks", async () => {
    const odd = { name: "odd@sandbox.example", clientId: "key with spaces:and colon", clientSecret: "s€cret+%" };
    const running = await startSandbox({ speed: 0, fixture: { ...WITHOUT_JOBS, users: [odd] } });
    try {
      expect(await token(running.url, odd)).toMatch(/^sandbox-/);
    } finally {
      await running.stop();
    }
  });

  it("refuse another grant type, and a wrong Basic secret with 401", async () => {
    const grant = await fetch(`${sandbox().url}/oauth2/token`, { method: "POST", body: "grant_type=password" });
    expect(await grant.json()).toEqual({ error: operationMessages.requestToken["400"].unsupportedGrant });
    const wrong = await fetch(`${sandbox().url}/oauth2/token`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa(`${ANALYST.clientId}:nope`)}` },
      body: "grant_type=client_credentials",
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: operationMessages.requestToken["401"].invalidClient });
  });
});

describe("bounds", () => {
  it("refuse a body larger than the limit with 413", async () => {
    const response = await fetch(`${sandbox().url}/v3/workflows/${SALES.id}/jobs`, {
      method: "POST",
      headers: { authorization: `Bearer ${await token()}`, "content-type": "application/json" },
      body: JSON.stringify({ workerTag: "x".repeat(100_000) }),
    });
    expect(response.status).toBe(413);
  });

  it("answer 404 outside the API root", async () => {
    const root = new URL(sandbox().url).origin;
    expect((await fetch(`${root}/v3/jobs`)).status).toBe(404);
  });
});

describe("faults", () => {
  const statuses = async (count: number) => {
    const found: number[] = [];
    for (let i = 0; i < count; i++) found.push((await fetch(`${sandbox().url}/v3/jobs/${"0".repeat(24)}`)).status);
    return found;
  };

  it("answer 429 and 503 with Retry-After at the rate set, the same requests for the same seed", async () => {
    const faults = { rateLimited: { rate: 0.3, retryAfterSeconds: 7 }, unavailable: { rate: 0.2 }, seed: 42 };
    sandbox().setFaults(faults);
    const first = await statuses(200);
    sandbox().setFaults(faults);
    expect(await statuses(200)).toEqual(first);
    const share = (status: number) => first.filter((s) => s === status).length / first.length;
    expect(share(429)).toBeGreaterThan(0.2);
    expect(share(429)).toBeLessThan(0.4);
    expect(share(503)).toBeGreaterThan(0.1);
    expect(share(503)).toBeLessThan(0.3);
    sandbox().setFaults({ rateLimited: { rate: 1, retryAfterSeconds: 7 } });
    const limited = await fetch(`${sandbox().url}/v3/jobs/${"0".repeat(24)}`);
    expect(limited.headers.get("retry-after")).toBe("7");
    sandbox().setFaults({});
    expect(await statuses(10)).toEqual(Array(10).fill(401));
  });

  it("reach the client as its typed errors", async () => {
    const client = createJobsClient({ baseUrl: sandbox().url, auth: { token: await token() }, maxRetries: 0 });
    sandbox().setFaults({ rateLimited: { rate: 1 } });
    await expect(client.listWorkflowJobsPage(SALES.id)).rejects.toBeInstanceOf(RateLimitError);
    sandbox().setFaults({ unavailable: { rate: 1 } });
    await expect(client.listWorkflowJobsPage(SALES.id)).rejects.toBeInstanceOf(ServerError);
    sandbox().setFaults({});
  });

  it("end tokens early", async () => {
    const valid = await token();
    const client = createJobsClient({ baseUrl: sandbox().url, auth: { token: valid }, maxRetries: 0 });
    await client.listWorkflowJobsPage(SALES.id);
    sandbox().setFaults({ tokenLifetimeMs: 1000 });
    sandbox().clock.advance(1000);
    await expect(client.listWorkflowJobsPage(SALES.id)).rejects.toMatchObject({ status: 401 });
    sandbox().setFaults({});
  });

  it("delay answers by the latency set", async () => {
    const auth = { token: await token() };
    // A minute of latency against a fifth of a second of patience: no machine is fast enough to answer.
    sandbox().setFaults({ latencyMs: 60_000 });
    const impatient = createJobsClient({ baseUrl: sandbox().url, auth, maxRetries: 0, timeoutMs: 200 });
    await expect(impatient.listWorkflowJobsPage(SALES.id)).rejects.toBeInstanceOf(TimeoutError);
    sandbox().setFaults({});
    const client = createJobsClient({ baseUrl: sandbox().url, auth, maxRetries: 0 });
    expect(await client.listWorkflowJobsPage(SALES.id)).toEqual(expect.any(Array));
  });

  it("are read from the fixture too", async () => {
    const faulty = { ...defaultFixture, faults: { unavailable: { rate: 1, retryAfterSeconds: 3 } } };
    const running = await startSandbox({ speed: 0, fixture: faulty });
    try {
      const response = await fetch(`${running.url}/v3/jobs`);
      expect([response.status, response.headers.get("retry-after")]).toEqual([503, "3"]);
    } finally {
      await running.stop();
    }
  });
});
