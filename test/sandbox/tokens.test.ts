// How long the sandbox's tokens last: `expires_in: 0` is a token for one request, as the client
// reads it, and a fast clock never expires a token sooner in real time than `expires_in` said.
// Real time is an injected clock here, so nothing depends on how fast the machine is.
import { describe, expect, it } from "vitest";
import { createJobsClient, isJobFinished } from "../../src/index.js";
import { createClock, MAX_SPEED } from "../../src/sandbox/clock.js";
import { parseFixture } from "../../src/sandbox/fixture.js";
import { defaultFixture, startSandbox } from "../../src/sandbox/index.js";
import { createState, Refusal } from "../../src/sandbox/state.js";
import { ANALYST, INVENTORY, tokenFor, WITHOUT_JOBS } from "./helpers.js";

const HOUR_MS = 3_600_000;

/** The state machine on a clock whose real time moves only by `real.pass(ms)`. */
function stateAt(speed: number, tokenLifetimeSeconds = 3600) {
  let realMs = 0;
  const clock = createClock({ speed, start: Date.UTC(2026, 2, 2) }, () => realMs);
  let issued = 0;
  const state = createState(parseFixture({ ...defaultFixture, tokenLifetimeSeconds }), clock, () => `t${++issued}`);
  const token = () => state.issueToken(ANALYST.clientId, ANALYST.clientSecret);
  const works = (value: string) => {
    try {
      state.authenticate(value);
      return true;
    } catch (error) {
      if (error instanceof Refusal) return false;
      throw error;
    }
  };
  return { clock, token, works, pass: (ms: number) => (realMs += ms) };
}

describe("a token at the fastest clock", () => {
  it("lasts the hour its expires_in says, in real time, though a virtual hour passes in 3.6 ms", () => {
    const sandbox = stateAt(MAX_SPEED);
    const { access_token, expires_in } = sandbox.token();
    expect(expires_in).toBe(3600);
    sandbox.pass(4);
    expect(sandbox.clock.now() - Date.UTC(2026, 2, 2)).toBeGreaterThan(HOUR_MS);
    expect(sandbox.works(access_token)).toBe(true);
    sandbox.pass(HOUR_MS - 4 - 1);
    expect(sandbox.works(access_token)).toBe(true);
    sandbox.pass(1);
    expect(sandbox.works(access_token)).toBe(false);
  });

  it("still ends when the clock is advanced past its lifetime, as at any speed", () => {
    const sandbox = stateAt(MAX_SPEED);
    const { access_token } = sandbox.token();
    sandbox.clock.advance(HOUR_MS - 1);
    expect(sandbox.works(access_token)).toBe(true);
    sandbox.clock.advance(1);
    expect(sandbox.works(access_token)).toBe(false);
  });

  it("ages with a clock slower than real time as the clock does", () => {
    const sandbox = stateAt(0.5);
    const { access_token } = sandbox.token();
    sandbox.pass(2 * HOUR_MS - 2);
    expect(sandbox.works(access_token)).toBe(true);
    sandbox.pass(2);
    expect(sandbox.works(access_token)).toBe(false);
  });

  it("serves a client with keys a job from queuing to its end", async () => {
    const running = await startSandbox({ speed: MAX_SPEED });
    try {
      const client = createJobsClient({
        baseUrl: running.url,
        auth: { clientId: ANALYST.clientId, clientSecret: ANALYST.clientSecret },
        maxRetries: 0,
      });
      const job = await client.runWorkflow(INVENTORY.id);
      const done = await client.waitForJob(job.id, { intervalMs: 1 });
      expect(isJobFinished(done)).toBe(true);
      expect(done.disposition).toBe(INVENTORY.disposition);
    } finally {
      await running.stop();
    }
  });
});

describe("tokenLifetimeSeconds: 0", () => {
  it("gives tokens with expires_in 0 that are good for one request, with the clock stopped", () => {
    const sandbox = stateAt(0, 0);
    const first = sandbox.token();
    const second = sandbox.token();
    expect(first.expires_in).toBe(0);
    expect(sandbox.works(first.access_token)).toBe(true);
    expect(sandbox.works(first.access_token)).toBe(false);
    expect(sandbox.works(second.access_token)).toBe(true);
  });

  it("serves a client with keys, which asks for a token for every request", async () => {
    const running = await startSandbox({ speed: 0, fixture: { ...WITHOUT_JOBS, tokenLifetimeSeconds: 0 } });
    try {
      let tokenRequests = 0;
      const client = createJobsClient({
        baseUrl: running.url,
        auth: { clientId: ANALYST.clientId, clientSecret: ANALYST.clientSecret },
        maxRetries: 0,
        fetch: (input, init) => {
          if (new Request(input, init).url.endsWith("/oauth2/token")) tokenRequests += 1;
          return fetch(input, init);
        },
      });
      const job = await client.runWorkflow(INVENTORY.id);
      running.clock.advance(INVENTORY.queuedMs + INVENTORY.runningMs);
      expect(await client.getJob(job.id)).toMatchObject({ status: "Completed" });
      expect(await client.listWorkflowJobsPage(INVENTORY.id)).toHaveLength(1);
      expect(tokenRequests).toBe(3);
      // Used once, the token opens nothing more.
      const bearer = await tokenFor(running.url);
      const look = () =>
        fetch(`${running.url}/v3/workflows/${INVENTORY.id}/jobs`, { headers: { authorization: `Bearer ${bearer}` } });
      expect((await look()).status).toBe(200);
      expect((await look()).status).toBe(401);
    } finally {
      await running.stop();
    }
  });
});
