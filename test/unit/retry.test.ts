import { describe, expect, it } from "vitest";
import { backoffDelay, defaultRetryPolicy, parseRetryAfter } from "../../src/core/retry.js";
import { createTransport } from "../../src/core/transport.js";
import { ConnectionError, createJobsClient, RateLimitError, ServerError } from "../../src/index.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, JOB_ID, json, networkError, WORKFLOW_ID } from "../helpers/fake-fetch.js";

const job = example("getJob", 200, "completed");
const queued = example("runWorkflow", 200, "queued");
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };
const failingThen = (failures: (() => Response)[], success: () => Response) =>
  fakeFetch((_, index) => (failures[index] ?? success)());
const unavailable = () => json({ message: "Service Unavailable" }, 503);

function client(fetch: (input: string | Request, init?: RequestInit) => Promise<Response>, maxRetries = 2) {
  return createJobsClient({ baseUrl: BASE_URL, auth: { token: "t0ken-x" }, fetch, maxRetries, ...fast });
}

describe("GET requests are retried", () => {
  it.each([408, 429, 500, 502, 503, 504])("after %i, and succeed", async (status) => {
    const { fetch, sent } = failingThen([() => json({ message: "busy" }, status)], () => json(job));
    await expect(client(fetch).getJob(JOB_ID)).resolves.toEqual(job);
    expect(sent).toHaveLength(2);
  });

  it("after a connection reset, and succeed", async () => {
    const { fetch, sent } = fakeFetch((_, index) => {
      if (index === 0) throw networkError("ECONNRESET");
      return json(job);
    });
    await expect(client(fetch).getJob(JOB_ID)).resolves.toEqual(job);
    expect(sent).toHaveLength(2);
  });

  it("at most maxRetries times, then fail with the last error", async () => {
    const { fetch, sent } = fakeFetch(unavailable);
    await expect(client(fetch, 3).getJob(JOB_ID)).rejects.toBeInstanceOf(ServerError);
    expect(sent).toHaveLength(4);
  });

  it("not at all on a 404", async () => {
    const { fetch, sent } = fakeFetch(() => json(example("getJob", 404, "notFound"), 404));
    await expect(client(fetch).getJob(JOB_ID)).rejects.toThrow();
    expect(sent).toHaveLength(1);
  });

  it("not when Retry-After asks for longer than the cap", async () => {
    const { fetch, sent } = fakeFetch(() => json({ message: "slow down" }, 429, { "retry-after": "3600" }));
    await expect(client(fetch).getJob(JOB_ID)).rejects.toBeInstanceOf(RateLimitError);
    expect(sent).toHaveLength(1);
  });
});

describe("DELETE and POST are never repeated once they may have reached the server", () => {
  it("a cancel answered 503 is not retried", async () => {
    const { fetch, sent } = fakeFetch(unavailable);
    await expect(client(fetch).cancelJob(JOB_ID)).rejects.toBeInstanceOf(ServerError);
    expect(sent).toHaveLength(1);
  });

  it("a run whose connection was reset is not retried, and the error says the outcome is unknown", async () => {
    const { fetch, sent } = fakeFetch(() => {
      throw networkError("ECONNRESET");
    });
    const error = await client(fetch)
      .runWorkflow(WORKFLOW_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ outcomeUnknown: true, method: "POST" });
    expect((error as Error).message).toMatch(/outcome is unknown/);
    expect(sent).toHaveLength(1);
  });

  it("a run refused before connecting is retried: it never left", async () => {
    const { fetch, sent } = fakeFetch((_, index) => {
      if (index === 0) throw networkError("ECONNREFUSED");
      return json(queued);
    });
    await expect(client(fetch).runWorkflow(WORKFLOW_ID)).resolves.toEqual(queued);
    expect(sent).toHaveLength(2);
  });
});

describe("the backoff", () => {
  it("doubles from the base delay, with jitter between half and all of it, up to the maximum", () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, undefined, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, undefined, () => 0))).toEqual([50, 100, 200, 400, 500]);
  });

  it("never waits less than Retry-After", () => {
    expect(backoffDelay(1, defaultRetryPolicy, 7000, () => 0)).toBe(7000);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-11-29T10:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Sun, 29 Nov 2026 10:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("waits what Retry-After asks before the retry", async () => {
    const waits: number[] = [];
    const { fetch } = failingThen([() => json({ message: "slow down" }, 429, { "retry-after": "4" })], () => json(job));
    const { fetch: send } = createTransport({
      fetch,
      timeoutMs: 0,
      retry: { ...defaultRetryPolicy, baseDelayMs: 1 },
      repeatableMethods: new Set(["GET"]),
      secrets: () => [],
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const response = await send(new Request(`${BASE_URL}/v3/jobs/${JOB_ID}`));
    expect(response.status).toBe(200);
    expect(waits).toEqual([4000]);
  });
});
