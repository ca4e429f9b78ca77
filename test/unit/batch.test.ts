import { describe, expect, it } from "vitest";
import { type Answers, type BatchProgress, type BatchResult, runBatch, runBatchWith } from "../../src/batch.js";
import { createJobsClientWith, type JobsClient } from "../../src/client.js";
import {
  AbortError,
  DEFAULT_WAIT_POLICY,
  InvalidArgumentError,
  isJobFinished,
  isJobSuccessful,
  type JobView,
  NotFoundError,
  ServerError,
  WaitTimeoutError,
  type WorkflowQuestionView,
} from "../../src/index.js";
import { type Schedule, type TestClock, testClock, useAppServer } from "../helpers/app-server.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json } from "../helpers/fake-fetch.js";
import { WORKFLOW_ID } from "../helpers/ids.js";

const questions = example<WorkflowQuestionView[]>("getWorkflowQuestions", 200, "questions");
const listQuestion = questions.find((q) => q.items?.length) as WorkflowQuestionView;
const keys = (listQuestion.items ?? []).map((item) => item.key);
/** `count` answer sets, each a valid answer to the list question. */
const answerSets = (count: number): Answers[] =>
  Array.from({ length: count }, (_, i) => ({ [listQuestion.name]: keys[i % keys.length] ?? "" }));

const app = useAppServer();

function setUp(schedule: Schedule, clock: TestClock = testClock(), fetch?: typeof globalThis.fetch) {
  const server = app.serve(clock, schedule);
  const client = createJobsClientWith(
    { baseUrl: app.baseUrl(), auth: { token: "t" }, ...(fetch ? { fetch } : {}) },
    { clock: clock },
  );
  // The batch waits on the clock the client was made with, as a program's would on the real one.
  const batch = (...args: Tail<Parameters<typeof runBatchWith>>) => runBatchWith(clock, ...args);
  return { server, client, clock, batch };
}
type Tail<T extends unknown[]> = T extends [unknown, ...infer Rest] ? Rest : never;

async function collect(results: AsyncIterable<BatchResult>): Promise<{ results: BatchResult[]; error?: unknown }> {
  const out: BatchResult[] = [];
  try {
    for await (const result of results) out.push(result);
  } catch (error) {
    return { results: out, error };
  }
  return { results: out };
}

/** Job n runs for a time that shrinks with n, so that later runs can end first. */
const varied: Schedule = (n) => ({ startsAfterMs: 1_000, endsAfterMs: 5_000 + ((7 * n) % 11) * 4_000 });

describe("runBatch", () => {
  it("runs 30 answer sets 4 at a time and yields 30 results, each job read in full once", async () => {
    const { server, client, batch } = setUp(varied);
    let mostAtOnce = 0;
    const onUpdate = (p: BatchProgress) => {
      mostAtOnce = Math.max(mostAtOnce, p.queued + p.running);
    };
    const { results, error } = await collect(batch(client, WORKFLOW_ID, answerSets(30), { concurrency: 4, onUpdate }));
    expect(error).toBeUndefined();
    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual([...Array(30).keys()]);
    expect(results.map((r) => r.index)).not.toEqual([...Array(30).keys()]);
    for (const r of results) {
      expect(r.error).toBeUndefined();
      expect(r.answers).toEqual(answerSets(30)[r.index]);
      expect(isJobSuccessful(r.job ?? { status: "", disposition: "" })).toBe(true);
      expect(r.job).toHaveProperty("messages");
    }
    expect(mostAtOnce).toBe(4);
    expect(server.count("run")).toBe(30);
    expect(server.count("job")).toBe(30);
    expect(server.jobs().map((j) => j.answers)).toEqual(
      answerSets(30).map((set) => Object.entries(set).map(([name, value]) => ({ name, value }))),
    );
  });

  it("never has more than `concurrency` unfinished jobs on the server", async () => {
    const clock = testClock();
    const unfinishedAtEachRun: number[] = [];
    const { server, client, batch } = setUp(varied, clock, async (input, init) => {
      if (init?.method === "POST") {
        const list = await fetch(
          `${app.baseUrl()}/v3/workflows/${WORKFLOW_ID}/jobs?sortField=CreateDate&direction=desc`,
        );
        const jobs = (await list.json()) as { status: string }[];
        unfinishedAtEachRun.push(jobs.filter((j) => !isJobFinished(j)).length);
      }
      return fetch(input, init);
    });
    await collect(batch(client, WORKFLOW_ID, answerSets(12), { concurrency: 3 }));
    expect(server.count("run")).toBe(12);
    expect(Math.max(...unfinishedAtEachRun)).toBe(2);
  });

  it("polls one listing per interval however many jobs there are: requests grow with time", async () => {
    // Every job queued at once and ending within the same ten minutes, whether there are 10 or 40.
    const measure = async (count: number) => {
      const { server, client, clock, batch } = setUp((n) => ({
        startsAfterMs: 0,
        endsAfterMs: ((n + 1) * 600_000) / count,
      }));
      const { results } = await collect(batch(client, WORKFLOW_ID, answerSets(count), { concurrency: count }));
      return { results: results.length, polls: server.count("list"), reads: server.count("job"), ms: clock.now() };
    };
    const few = await measure(10);
    const many = await measure(40);
    expect(few.results).toBe(10);
    expect(many.results).toBe(40);
    expect(many.polls).toBe(few.polls);
    expect(many.polls).toBeLessThanOrEqual(Math.ceil(many.ms / DEFAULT_WAIT_POLICY.intervalMs));
    expect(many.reads).toBe(40);
  });

  it("reads only as far back as its oldest unfinished job", async () => {
    const older = 250;
    const clock = testClock();
    const { server, client, batch } = setUp(
      (n) => (n < older ? { startsAfterMs: 0, endsAfterMs: 0 } : varied(n)),
      clock,
    );
    for (let i = 0; i < older; i++)
      await server.handle(`${app.baseUrl()}/v3/workflows/${WORKFLOW_ID}/jobs`, { method: "POST" });
    const { results } = await collect(batch(client, WORKFLOW_ID, answerSets(8), { concurrency: 4 }));
    expect(results).toHaveLength(8);
    expect(server.count("list")).toBe(clock.sleeps());
    const offsets = server
      .requests()
      .filter((r) => r.operation === "list")
      .map((r) => r.url.searchParams.get("offset"));
    expect(new Set(offsets)).toEqual(new Set(["0"]));
  });

  it("refuses a misspelt question before any run is sent", async () => {
    const { server, client, batch } = setUp(varied);
    const sets = answerSets(5);
    sets[3] = { [`${listQuestion.name}s`]: keys[0] ?? "" };
    const { results, error } = await collect(batch(client, WORKFLOW_ID, sets, { checkQuestions: true }));
    expect(results).toEqual([]);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain("answerSets[3] question");
    for (const q of questions) expect((error as Error).message).toContain(q.name);
    expect(server.count("questions")).toBe(1);
    expect(server.count("run")).toBe(0);
  });

  it("refuses an answer that is not one of a list question's keys before any run is sent", async () => {
    const { server, client, batch } = setUp(varied);
    const sets = answerSets(5);
    sets[4] = { [listQuestion.name]: "nowhere" };
    const { error } = await collect(batch(client, WORKFLOW_ID, sets, { checkQuestions: true }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    for (const key of keys) expect((error as Error).message).toContain(key);
    expect(server.count("run")).toBe(0);
  });

  it("refuses bad arguments before returning", () => {
    const { client, batch } = setUp(varied);
    expect(() => batch(client, WORKFLOW_ID, answerSets(2), { concurrency: 0 })).toThrow(InvalidArgumentError);
    expect(() => batch(client, WORKFLOW_ID, [{ Region: 3 as unknown as string }])).toThrow(InvalidArgumentError);
    expect(() => batch(client, WORKFLOW_ID, [], { body: { priority: "Urgent" as "High" } })).toThrow(
      InvalidArgumentError,
    );
  });

  it("when stopped, yields the jobs it was following with an AbortError, cancels nothing, then throws", async () => {
    const controller = new AbortController();
    const clock = testClock((sleeps) => {
      if (sleeps === 4) controller.abort();
    });
    const { server, client, batch } = setUp(varied, clock);
    const { results, error } = await collect(
      batch(client, WORKFLOW_ID, answerSets(30), { concurrency: 4, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).message).toContain("no job was cancelled");
    const stopped = results.filter((r) => r.error instanceof AbortError);
    expect(stopped).toHaveLength(4);
    for (const r of stopped) expect(r.job?.id).toMatch(/^[0-9a-f]{24}$/);
    // Every job sent is accounted for, none twice, and nothing but reads after the stop.
    expect(results).toHaveLength(server.count("run"));
    expect(server.count("run")).toBeLessThan(30);
    expect(server.count("other")).toBe(0);
    expect(server.requests().filter((r) => r.operation === "run")).toHaveLength(
      new Set(results.map((r) => r.index)).size,
    );
  });

  it("reports a job that ended badly in its result, and goes on", async () => {
    const { client, batch } = setUp((n) => ({ startsAfterMs: 0, endsAfterMs: 3_000, fails: n === 1 }));
    const progress: BatchProgress[] = [];
    const { results } = await collect(batch(client, WORKFLOW_ID, answerSets(3), { onUpdate: (p) => progress.push(p) }));
    const bad = results.find((r) => r.index === 1);
    expect(bad?.error).toBeUndefined();
    expect(bad?.job?.disposition).toBe(example<{ disposition: string }>("getJob", 200, "failed").disposition);
    expect(progress.at(-1)).toMatchObject({ succeeded: 2, failed: 1, waiting: 0, queued: 0, running: 0 });
  });

  it("gives up on a job after timeoutMs, leaving it to run, and finishes the others", async () => {
    const { client, server, batch } = setUp((n) => ({
      startsAfterMs: 0,
      endsAfterMs: n === 0 ? Number.POSITIVE_INFINITY : 10_000,
    }));
    const { results, error } = await collect(batch(client, WORKFLOW_ID, answerSets(3), { timeoutMs: 60_000 }));
    expect(error).toBeUndefined();
    const late = results.find((r) => r.index === 0);
    expect(late?.error).toBeInstanceOf(WaitTimeoutError);
    expect(results.filter((r) => r.error === undefined)).toHaveLength(2);
    expect(server.count("run")).toBe(3);
  });

  it("reads a job that has left the listing on its own (a queued job cancelled elsewhere is deleted)", async () => {
    let server: ReturnType<typeof setUp>["server"] | undefined;
    const clock = testClock((sleeps) => {
      const first = server?.jobs()[0];
      if (sleeps === 1 && first) server?.remove(first.id);
    });
    const set = setUp((n) => ({ startsAfterMs: 0, endsAfterMs: 5_000 + n * 1_000 }), clock);
    server = set.server;
    const { results } = await collect(set.batch(set.client, WORKFLOW_ID, answerSets(3)));
    expect(results.find((r) => r.index === 0)?.error).toBeInstanceOf(NotFoundError);
    expect(results.filter((r) => r.error === undefined)).toHaveLength(2);
  });

  it("never sends a run again when it failed, and goes on with the next", async () => {
    let posts = 0;
    const { server, client, batch } = setUp(varied, testClock(), async (input, init) => {
      if (init?.method === "POST" && ++posts === 2) return new Response('{"message":"down"}', { status: 503 });
      return fetch(input, init);
    });
    const { results } = await collect(batch(client, WORKFLOW_ID, answerSets(4)));
    expect(posts).toBe(4);
    expect(server.count("run")).toBe(3);
    expect(results.find((r) => r.index === 1)?.error).toBeInstanceOf(ServerError);
    expect(results.filter((r) => r.error === undefined)).toHaveLength(3);
  });

  it("gives every run its result even when the server gives every job the same id, as a mock does", async () => {
    const queuedJob = example<Record<string, unknown>>("runWorkflow", 200, "queued");
    const { fetch } = fakeFetch((request) =>
      json(
        (request.method === "POST"
          ? queuedJob
          : request.url.pathname.endsWith("/jobs")
            ? []
            : example("getJob", 200, "completed")) as never,
      ),
    );
    const clock = testClock();
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock });
    const { results } = await collect(runBatchWith(clock, client, WORKFLOW_ID, answerSets(3)));
    expect(results.map((r) => r.index).sort()).toEqual([0, 1, 2]);
  });

  it("runs through a hand-made JobsClient, on the real clock, with nothing but the client's public methods", async () => {
    const queued = example<JobView>("runWorkflow", 200, "queued");
    let count = 0;
    const jobs: JobView[] = [];
    const double: Pick<JobsClient, "runWorkflow" | "listWorkflowJobs" | "getJob"> = {
      async runWorkflow() {
        const job = { ...queued, id: `${queued.id.slice(0, -2)}${String(count++).padStart(2, "0")}` };
        jobs.push(job);
        return job;
      },
      listWorkflowJobs: () =>
        ({
          async *pages() {
            yield jobs.map((job) => ({ id: job.id, createDate: job.createDateTime, status: "Completed" }));
          },
        }) as unknown as ReturnType<JobsClient["listWorkflowJobs"]>,
      async getJob(jobId) {
        return { ...example<JobView>("getJob", 200, "completed"), id: jobId };
      },
    };
    const { results, error } = await collect(
      runBatch(double as JobsClient, WORKFLOW_ID, answerSets(3), { intervalMs: 1, concurrency: 3 }),
    );
    expect(error).toBeUndefined();
    expect(results.map((r) => [r.index, r.job?.id, r.error])).toEqual(jobs.map((job, i) => [i, job.id, undefined]));
  });
});
