import { describe, expect, it } from "vitest";
import { AbortError, createJobsClient, TimeoutError } from "../../src/index.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, hangingFetch, json } from "../helpers/fake-fetch.js";
import { JOB_ID } from "../helpers/ids.js";

function client(fetch: (input: string | Request, init?: RequestInit) => Promise<Response>, maxRetries = 0) {
  return createJobsClient({
    baseUrl: BASE_URL,
    auth: { token: "t0ken-x" },
    fetch,
    timeoutMs: 20,
    maxRetries,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
  });
}

describe("timeouts and aborts", () => {
  it("hands an attempt's signal on to the next attempt only when it never fired", async () => {
    // The second call times out; every other one is answered at once.
    const signals: AbortSignal[] = [];
    const hung = hangingFetch();
    const fetch = (input: string | Request, init?: RequestInit) => {
      signals.push(init?.signal as AbortSignal);
      return signals.length === 2
        ? hung.fetch(input, init)
        : Promise.resolve(json(example("getJob", 200, "completed")));
    };
    const jobs = client(fetch);
    await jobs.getJob(JOB_ID);
    await expect(jobs.getJob(JOB_ID)).rejects.toBeInstanceOf(TimeoutError);
    await jobs.getJob(JOB_ID);
    expect(signals[1]).toBe(signals[0]);
    expect(signals[1]?.aborted).toBe(true);
    expect(signals[2]).not.toBe(signals[1]);
    expect(signals[2]?.aborted).toBe(false);
  });

  it("ends an attempt that takes longer than timeoutMs with TimeoutError", async () => {
    const { fetch } = hangingFetch();
    await expect(client(fetch).getJob(JOB_ID)).rejects.toBeInstanceOf(TimeoutError);
  });

  it("applies the timeout to each attempt of a retried GET", async () => {
    const { fetch, calls } = hangingFetch();
    await expect(client(fetch, 2).getJob(JOB_ID)).rejects.toBeInstanceOf(TimeoutError);
    expect(calls()).toBe(3);
  });

  it("says the outcome of a timed-out cancel is unknown, and does not repeat it", async () => {
    const { fetch, calls } = hangingFetch();
    const error = await client(fetch, 2)
      .cancelJob(JOB_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect(calls()).toBe(1);
  });

  it("stops at once when the caller's signal aborts, with AbortError and no retry", async () => {
    const { fetch, calls, sent } = hangingFetch();
    const controller = new AbortController();
    const pending = createJobsClient({
      baseUrl: BASE_URL,
      auth: { token: "t" },
      fetch,
      timeoutMs: 0,
      maxRetries: 3,
    }).getJob(JOB_ID, { signal: controller.signal });
    await sent;
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(calls()).toBe(1);
  });

  it("does not send at all when the signal is already aborted", async () => {
    const { fetch } = hangingFetch();
    const error = await client(fetch)
      .getJob(JOB_ID, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
  });
});
