// What following many runs costs: 100 runs of one app whose jobs end one by one over 10 minutes,
// followed by runBatch (one listing a poll) and by 100 separate runWorkflowAndWait calls (one
// poll a job), on a simulated clock against the stateful app server of the tests.
import type { Fetch } from "../../../src/index.js";
import { appServer, testClock } from "../../../test/helpers/app-state.js";
import { dereference, type JsonObject, readSpec, responseExamples } from "../spec.js";

export interface BatchCost {
  way: string;
  runs: number;
  /** Requests spent waiting: listings for runBatch, job polls for runWorkflowAndWait. */
  polls: number;
  /** Jobs read in full when they ended. */
  reads: number;
  requests: number;
  /** How long, on the simulated clock, until the last result. */
  elapsedMs: number;
  /** The most that waiting may cost runBatch: one listing an interval. */
  pollBudget?: number;
}

export const RUNS = 100;
export const SPREAD_MS = 600_000;
/** The workflow of the spec's example job. */
const WORKFLOW_ID = (
  Object.values(responseExamples(dereference(readSpec()) as JsonObject, "getJob", 200))[0] as { appId: string }
).appId;
const built = new URL("../../../dist/src/client.js", import.meta.url).href;
const builtBatch = new URL("../../../dist/src/batch.js", import.meta.url).href;
/** Job n (from 0) starts at once and ends at its share of the 10 minutes. */
const endsAfter = (n: number) => ((n + 1) * SPREAD_MS) / RUNS;

export async function measureBatch(intervalMs: number): Promise<BatchCost[]> {
  const { createJobsClientWith } = (await import(built)) as typeof import("../../../src/client.js");
  const { runBatchWith } = (await import(builtBatch)) as typeof import("../../../src/batch.js");
  const client = (clock: ReturnType<typeof testClock>, fetch: Fetch) =>
    createJobsClientWith({ baseUrl: "http://127.0.0.1:9/webapi", auth: { token: "bench" }, fetch }, { clock });

  const clock = testClock();
  const server = appServer(clock, (n) => ({ startsAfterMs: 0, endsAfterMs: endsAfter(n) }));
  const answerSets = Array.from({ length: RUNS }, () => ({}));
  let results = 0;
  for await (const _ of runBatchWith(clock, client(clock, server.handle), WORKFLOW_ID, answerSets, {
    concurrency: RUNS,
  })) {
    results += 1;
  }
  const batch: BatchCost = {
    way: `runBatch, concurrency ${RUNS}`,
    runs: results,
    polls: server.count("list"),
    reads: server.count("job"),
    requests: server.requests().length,
    elapsedMs: clock.now(),
    pollBudget: Math.ceil(clock.now() / intervalMs),
  };

  // The separate waits do not interact, so each is measured on its own clock and the costs added.
  const separate: BatchCost = {
    way: `${RUNS} × runWorkflowAndWait`,
    runs: 0,
    polls: 0,
    reads: 0,
    requests: 0,
    elapsedMs: 0,
  };
  for (let n = 0; n < RUNS; n++) {
    const own = testClock();
    const one = appServer(own, () => ({ startsAfterMs: 0, endsAfterMs: endsAfter(n) }));
    await client(own, one.handle).runWorkflowAndWait(WORKFLOW_ID, {});
    const gets = one.count("job");
    separate.runs += 1;
    separate.reads += 1;
    separate.polls += gets - 1;
    separate.requests += one.requests().length;
    separate.elapsedMs = Math.max(separate.elapsedMs, own.now());
  }
  return [batch, separate];
}
