// What a conformance run costs against the sandbox over 127.0.0.1: the read-only plan (requests
// and wall time, against two finished jobs), and the plan with writes (requests, and how much of
// its wall time is the job's own run, on a sandbox whose clock runs in real time).
import type { ConformanceReport } from "../../../src/conformance/index.js";

export interface ConformanceCost {
  plan: string;
  requests: number;
  wallMs: number;
  /** With writes: how long the job followed runs, Queued and Running, in real time. */
  jobRunMs?: number;
  claims: number;
  verdicts: ConformanceReport["summary"];
}

const builtEngine = new URL("../../../dist/src/conformance/index.js", import.meta.url).href;
const builtSandbox = new URL("../../../dist/src/sandbox/index.js", import.meta.url).href;
const builtClient = new URL("../../../dist/src/index.js", import.meta.url).href;

/** The job the writes plan follows: queued this long, then running this long (real time). */
export const WRITES_JOB = { queuedMs: 2_000, runningMs: 8_000 };

export async function measureConformance(): Promise<ConformanceCost[]> {
  const { runConformance } = (await import(builtEngine)) as typeof import("../../../src/conformance/index.js");
  const { startSandbox, defaultFixture } = (await import(
    builtSandbox
  )) as typeof import("../../../src/sandbox/index.js");
  const { createJobsClient } = (await import(builtClient)) as typeof import("../../../src/index.js");
  const [curator, user] = defaultFixture.users;
  const workflow = defaultFixture.workflows[0];
  if (!curator || !user || !workflow) throw new Error("the default fixture has no Curator, user or workflow");
  const auth = { clientId: curator.clientId, clientSecret: curator.clientSecret };
  const userAuth = { clientId: user.clientId, clientSecret: user.clientSecret };
  const costs: ConformanceCost[] = [];

  // Read-only: two finished jobs to read, page through and download from; the clock stands still.
  const still = await startSandbox({ speed: 0 });
  try {
    const client = createJobsClient({ baseUrl: still.url, auth });
    await client.runWorkflow(workflow.id);
    await client.runWorkflow(workflow.id);
    still.clock.advance(3_600_000);
    const started = performance.now();
    const report = await runConformance({ baseUrl: still.url, auth, userAuth, workflowId: workflow.id });
    costs.push(cost("read-only", report, performance.now() - started));
  } finally {
    await still.stop();
  }

  // With writes: the workflow's jobs take WRITES_JOB in real time, and the plan waits for one.
  const fixture = {
    ...defaultFixture,
    workflows: defaultFixture.workflows.map((w) => (w.id === workflow.id ? { ...w, ...WRITES_JOB } : w)),
  };
  const live = await startSandbox({ speed: 1, fixture });
  try {
    const started = performance.now();
    const report = await runConformance({
      baseUrl: live.url,
      auth,
      userAuth,
      workflowId: workflow.id,
      allowWrites: true,
    });
    costs.push({
      ...cost("with writes", report, performance.now() - started),
      jobRunMs: WRITES_JOB.queuedMs + WRITES_JOB.runningMs,
    });
  } finally {
    await live.stop();
  }
  return costs;
}

function cost(plan: string, report: ConformanceReport, wallMs: number): ConformanceCost {
  return { plan, requests: report.requests, wallMs, claims: report.claims.length, verdicts: report.summary };
}
