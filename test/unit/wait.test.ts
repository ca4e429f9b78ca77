import { describe, expect, it } from "vitest";
import { createJobsClientWith } from "../../src/client.js";
import type { Clock } from "../../src/core/runtime.js";
import { AbortError, DEFAULT_WAIT_POLICY, isJobSuccessful, type JobView, WaitTimeoutError } from "../../src/index.js";
import { fakeClock } from "../helpers/clock.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json } from "../helpers/fake-fetch.js";
import { JOB_ID, WORKFLOW_ID } from "../helpers/ids.js";

const running = example<JobView>("getJob", 200, "running");
const completed = example<JobView>("getJob", 200, "completed");
const reduced = ({ messages: _, ...job }: JobView) => job;

/** A server whose job is running until `finishAt` ms on the fake clock. */
function jobServer(clock: Clock, finishAt: number, headers: Record<string, string> = {}) {
  return fakeFetch((request) => {
    const job = clock.now() >= finishAt ? completed : running;
    if (request.method === "POST") return json(example("runWorkflow", 200, "queued"));
    const full = request.url.searchParams.get("includeMessages") !== "false";
    return json((full ? job : reduced(job)) as never, 200, headers);
  });
}

describe("waitForJob", () => {
  it("polls the reduced job until it is terminal, then returns it with its messages", async () => {
    const { clock, sleeps } = fakeClock();
    const { fetch, sent } = jobServer(clock, 10_000);
    const updates: string[] = [];
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
    const job = await client.waitForJob(JOB_ID, { onUpdate: (j, p) => updates.push(`${j.status}@${p.elapsedMs}`) });
    expect(job).toEqual(completed);
    expect(isJobSuccessful(job)).toBe(true);
    expect(sleeps).toEqual([2000, 2200, 2420, 2662, 2928]);
    expect(updates).toEqual([
      "Running@0",
      "Running@2000",
      "Running@4200",
      "Running@6620",
      "Running@9282",
      "Completed@12210",
    ]);
    expect(sent.map((r) => r.url.searchParams.get("includeMessages"))).toEqual([...Array(6).fill("false"), null]);
  });

  it("lets the interval grow only up to maxIntervalMs", async () => {
    const { clock, sleeps } = fakeClock();
    const { fetch } = jobServer(clock, 60_000);
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
    await client.waitForJob(JOB_ID, { intervalMs: 1000, backoff: 2, maxIntervalMs: 5000 });
    expect(Math.max(...sleeps)).toBe(5000);
    expect(sleeps.slice(0, 4)).toEqual([1000, 2000, 4000, 5000]);
  });

  it("keeps a first interval longer than maxIntervalMs, rather than polling sooner than asked", async () => {
    const { clock, sleeps } = fakeClock();
    const { fetch } = jobServer(clock, 300_000);
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
    await client.waitForJob(JOB_ID, { intervalMs: 60_000 });
    expect(sleeps).toEqual([60_000, 60_000, 60_000, 60_000, 60_000]);
  });

  describe("sees a job's end late by less than the first interval and a tenth of the time waited", () => {
    // The jobs the bench measures, and a few between; every figure on the fake clock.
    for (const finishAt of [1_000, 20_000, 65_000, 120_500, 600_000, 1_800_000, 3_600_000]) {
      it(`a job that ends after ${finishAt / 1000} s`, async () => {
        const { clock, sleeps } = fakeClock();
        const { fetch, sent } = jobServer(clock, finishAt);
        const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
        await client.waitForJob(JOB_ID, { timeoutMs: 2 * 3_600_000 });
        const late = clock.now() - finishAt;
        expect(late).toBeGreaterThanOrEqual(0);
        expect(late).toBeLessThanOrEqual(DEFAULT_WAIT_POLICY.intervalMs + finishAt / 10);
        expect(late).toBeLessThanOrEqual(DEFAULT_WAIT_POLICY.maxIntervalMs);
        expect(Math.min(...sleeps)).toBeGreaterThanOrEqual(DEFAULT_WAIT_POLICY.intervalMs);
        expect(Math.max(...sleeps)).toBeLessThanOrEqual(DEFAULT_WAIT_POLICY.maxIntervalMs);
        // The hour's budget: one request a poll, and the read with messages.
        if (finishAt === 3_600_000) expect(sent.length).toBeLessThanOrEqual(150);
      });
    }
  });

  it("never polls sooner than Retry-After asks", async () => {
    const { clock, sleeps } = fakeClock();
    const { fetch } = jobServer(clock, 30_000, { "retry-after": "15" });
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
    await client.waitForJob(JOB_ID, { intervalMs: 1000 });
    expect(sleeps).toEqual([15_000, 15_000]);
  });

  it("cuts a Retry-After on a poll to retry.maxRetryAfterMs, so one answer cannot spend the wait", async () => {
    const { clock, sleeps } = fakeClock();
    const { fetch } = jobServer(clock, 100_000, { "retry-after": "99999" });
    const warnings: string[] = [];
    const client = createJobsClientWith(
      {
        baseUrl: BASE_URL,
        auth: { token: "t" },
        fetch,
        retry: { maxRetryAfterMs: 30_000 },
        logger: { warn: (line) => warnings.push(line) },
      },
      { clock },
    );
    await client.waitForJob(JOB_ID, { intervalMs: 1000 });
    expect(sleeps).toEqual([30_000, 30_000, 30_000, 30_000]);
    expect(warnings[0]).toMatch(/Retry-After of 99999 s cut to 30 s/);
  });

  it("rejects with WaitTimeoutError after timeoutMs, having polled at the deadline", async () => {
    const { clock, sleeps } = fakeClock();
    const { fetch } = jobServer(clock, Number.POSITIVE_INFINITY);
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
    const error = await client.waitForJob(JOB_ID, { intervalMs: 4000, backoff: 1, timeoutMs: 10_000 }).catch((e) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({ jobId: JOB_ID, lastStatus: "Running", timeoutMs: 10_000 });
    expect(sleeps).toEqual([4000, 4000, 2000]);
  });

  it("rejects with AbortError when the signal aborts, and sends no cancel", async () => {
    const { clock } = fakeClock();
    const { fetch, sent } = jobServer(clock, Number.POSITIVE_INFINITY);
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
    const controller = new AbortController();
    const error = await client
      .waitForJob(JOB_ID, { signal: controller.signal, onUpdate: () => controller.abort() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(sent.every((r) => r.method === "GET")).toBe(true);
  });

  describe("a full read that is not finished yet (a replica behind the one polled)", () => {
    /** A server whose poll says Completed from the start, while its first `behind` full reads say Running. */
    function laggingServer(behind: number) {
      let fullReads = 0;
      return fakeFetch((request) => {
        if (request.url.searchParams.get("includeMessages") === "false") return json(reduced(completed) as never);
        fullReads += 1;
        return json((fullReads > behind ? completed : running) as never);
      });
    }

    it("polls on until the read with messages is finished too, with one warning", async () => {
      const { clock, sleeps } = fakeClock();
      const { fetch, sent } = laggingServer(2);
      const warnings: string[] = [];
      const client = createJobsClientWith(
        { baseUrl: BASE_URL, auth: { token: "t" }, fetch, logger: { warn: (line) => warnings.push(line) } },
        { clock },
      );
      const job = await client.waitForJob(JOB_ID);
      expect(job).toEqual(completed);
      expect(sent.map((r) => r.url.searchParams.get("includeMessages"))).toEqual([
        "false",
        null,
        "false",
        null,
        "false",
        null,
      ]);
      expect(sleeps).toEqual([2000, 2200]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/polled "Completed" but read "Running"/);
    });

    it("tells onUpdate that the job is still going once the read with messages says so", async () => {
      const { clock } = fakeClock();
      const { fetch } = laggingServer(1);
      const updates: string[] = [];
      const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
      await client.waitForJob(JOB_ID, { onUpdate: (job, { polls }) => updates.push(`${job.status}#${polls}`) });
      expect(updates).toEqual(["Completed#1", "Running#1", "Completed#2"]);
    });

    it("a deadline during that read does not call the job still finished: polled, not yet read as finished", async () => {
      const { clock } = fakeClock();
      // The poll says Completed; the read with messages is put off past the deadline.
      const fetch = fakeFetch((request) =>
        request.url.searchParams.get("includeMessages") === "false"
          ? json(reduced(completed) as never)
          : json({ message: "busy" }, 503, { "retry-after": "60" }),
      ).fetch;
      const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
      const error = await client.waitForJob(JOB_ID, { timeoutMs: 30_000 }).catch((e) => e);
      expect(error).toBeInstanceOf(WaitTimeoutError);
      expect(error.message).toBe(
        `Job ${JOB_ID} was polled Completed, but not yet read as finished, after 30000 ms; it was not cancelled.`,
      );
    });

    it("never resolves with an unfinished job: the deadline ends it with WaitTimeoutError", async () => {
      const { clock } = fakeClock();
      const { fetch } = laggingServer(Number.POSITIVE_INFINITY);
      const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
      const error = await client.waitForJob(JOB_ID, { timeoutMs: 30_000 }).catch((e) => e);
      expect(error).toBeInstanceOf(WaitTimeoutError);
      expect(error).toMatchObject({ lastStatus: "Running" });
      expect(clock.now()).toBe(30_000);
    });
  });

  it("runWorkflowAndWait runs the workflow and waits for the new job", async () => {
    const { clock } = fakeClock();
    const { fetch, sent } = jobServer(clock, 5000);
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
    await expect(client.runWorkflowAndWait(WORKFLOW_ID, { priority: "High" })).resolves.toEqual(completed);
    expect(sent[0]).toMatchObject({ method: "POST", body: JSON.stringify({ priority: "High" }) });
    const queuedId = example<JobView>("runWorkflow", 200, "queued").id;
    expect(sent[1]?.url.pathname).toBe(`/webapi/v3/jobs/${queuedId}`);
  });

  it("refuses a bad job ID before polling", async () => {
    const { clock } = fakeClock();
    const { fetch, sent } = jobServer(clock, 0);
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
    await expect(client.waitForJob("nope")).rejects.toMatchObject({ argument: "jobId" });
    expect(sent).toHaveLength(0);
  });
});
