import { describe, expect, it } from "vitest";
import { createJobsClientWith } from "../../src/client.js";
import { MAX_DELAY_MS } from "../../src/core/limits.js";
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelay } from "../../src/core/retry.js";
import { ConnectionError, createJobsClient, RateLimitError, ServerError } from "../../src/index.js";
import { fakeClock } from "../helpers/clock.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json, networkError } from "../helpers/fake-fetch.js";
import { JOB_ID, WORKFLOW_ID } from "../helpers/ids.js";

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
  const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 9, baseDelayMs: 100, maxDelayMs: 1000 };
  const failed = { status: 503, sent: true };

  it("doubles from the base delay, with jitter between half and all of it, up to the maximum", () => {
    const delays = (random: number) => [1, 2, 3, 4, 5].map((n) => retryDelay(n, failed, true, policy, () => random));
    expect(delays(1)).toEqual([100, 200, 400, 800, 1000]);
    expect(delays(0)).toEqual([50, 100, 200, 400, 500]);
  });

  it("never waits less than Retry-After, and never longer than a timer holds", () => {
    expect(retryDelay(1, { ...failed, retryAfterMs: 7000 }, true, policy, () => 0)).toBe(7000);
    const patient = { ...policy, maxRetryAfterMs: Number.POSITIVE_INFINITY };
    expect(retryDelay(1, { ...failed, retryAfterMs: 1e15 }, true, patient, () => 0)).toBe(MAX_DELAY_MS);
  });

  it("retries a write only when it was never sent, and nothing past maxRetries", () => {
    expect(retryDelay(1, { sent: true }, false, policy, () => 0)).toBeUndefined();
    expect(retryDelay(1, { sent: false }, false, policy, () => 0)).toBe(50);
    expect(retryDelay(10, { sent: false }, true, policy, () => 0)).toBeUndefined();
  });

  it("reads Retry-After as seconds or an HTTP date in any of RFC 9110's three forms, clamped", () => {
    const now = Date.parse("1994-11-06T08:49:30Z");
    const malformed: string[] = [];
    const parse = (value: string | null) => parseRetryAfter(value, now, (v) => malformed.push(v));
    expect(parse("3")).toBe(3000);
    expect(parse("Sun, 06 Nov 1994 08:49:37 GMT")).toBe(7000);
    expect(parse("Sunday, 06-Nov-94 08:49:37 GMT")).toBe(7000);
    expect(parse("Sun Nov  6 08:49:37 1994")).toBe(7000);
    expect(parse("Sat, 06 Nov 1993 08:49:37 GMT")).toBe(0);
    expect(parse("99999999999")).toBe(MAX_DELAY_MS);
    expect(parse("Fri, 31 Dec 9999 23:59:59 GMT")).toBe(MAX_DELAY_MS);
    expect(parse(null)).toBeUndefined();
    expect(malformed).toEqual([]);
  });

  it.each(["-5", "1.5", "5, 10", "12 May", "soon", ""])(
    "ignores the malformed Retry-After %j, and says so",
    (value) => {
      const malformed: string[] = [];
      expect(parseRetryAfter(value, 0, (v) => malformed.push(v))).toBeUndefined();
      expect(malformed).toEqual([value]);
    },
  );

  it("waits what Retry-After asks before the retry, on the runtime's clock", async () => {
    const { clock, sleeps } = fakeClock();
    const { fetch } = failingThen([() => json({ message: "slow down" }, 429, { "retry-after": "4" })], () => json(job));
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t0ken-x" }, fetch }, { clock });
    await expect(client.getJob(JOB_ID)).resolves.toEqual(job);
    expect(sleeps).toEqual([4000]);
  });
});
