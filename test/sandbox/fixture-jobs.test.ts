// Jobs a fixture starts with: the default fixture's are the spec's examples (so that the docs'
// samples work against it), a held job stays as it is until cancelled, and a job that names
// what the fixture lacks fails at start, saying where.
import { describe, expect, it } from "vitest";
import * as parameterExamples from "../../generated/parameter-examples.js";
import { parseFixture } from "../../src/sandbox/fixture.js";
import { defaultFixture, FixtureError, startSandbox } from "../../src/sandbox/index.js";
import { example } from "../helpers/examples.js";
import { ANALYST, CURATOR, INVENTORY, SALES, START, tokenFor, useCheckedSandbox, WITHOUT_JOBS } from "./helpers.js";

const DAY_MS = 24 * 3_600_000;
const completedJob = parameterExamples.getJobOutput.jobId;
const outputId = parameterExamples.getJobOutput.outputId;
const runningJob = parameterExamples.getJob.jobId;
const users = defaultFixture.users;

describe("the default fixture's jobs", () => {
  const checked = useCheckedSandbox({ fixture: defaultFixture });

  it("are the jobs of getJob's examples, which the parameters' examples name", () => {
    const completed = example<{ id: string; appId: string; outputs: { id: string }[] }>("getJob", 200, "completed");
    const running = example<{ id: string; appId: string }>("getJob", 200, "running");
    expect([completedJob, outputId]).toEqual([completed.id, completed.outputs[0]?.id]);
    expect(parameterExamples.runWorkflow.workflowId).toBe(completed.appId);
    expect(runningJob).toBe(running.id);
    const jobs = defaultFixture.jobs ?? [];
    expect(jobs.map((j) => [j.id, j.workflowId])).toEqual([
      [completed.id, completed.appId],
      [running.id, running.appId],
    ]);
  });

  it("hold the spec's examples: the job, its output and the workflow", async () => {
    expect(parameterExamples.runWorkflow.workflowId).toBe(SALES.id);
    const job = await checked.client().getJob(completedJob);
    expect(job).toMatchObject({ status: "Completed", disposition: "Success", appId: SALES.id });
    expect(job.outputs[0]?.id).toBe(outputId);
    const output = await checked.client().getJobOutput(completedJob, outputId, { format: "Raw" });
    expect(output.contentDisposition).toContain(SALES.outputs[0]?.fileName);
    expect(await new Response(output.body).text()).toBe(salesCsv());
    expect(checked.violations()).toEqual([]);
  });

  it("keep the running one Running however far the clock goes, until it is cancelled", async () => {
    const client = checked.client();
    checked.sandbox().clock.advance(30 * DAY_MS);
    expect(await client.getJob(runningJob)).toMatchObject({ status: "Running", appId: INVENTORY.id, outputs: [] });
    const listed = await checked.client(CURATOR).listJobsPage({ statuses: ["Running"], allUsers: true });
    expect(listed.map((j) => j.jobId)).toEqual([runningJob]);
    expect(await client.cancelJob(runningJob)).toMatchObject({ outcome: "cancelled" });
    expect(await client.getJob(runningJob)).toMatchObject({ status: "Cancelled" });
    expect(checked.violations()).toEqual([]);
  });

  it("are the ordinary user's, the key `alteryx-jobs sandbox` offers", async () => {
    const jobs = await checked.client(ANALYST).listWorkflowJobsPage(SALES.id);
    expect(jobs.map((j) => j.id)).toEqual([completedJob]);
  });
});

describe("fixture jobs", () => {
  const SALES_ONLY = { users, workflows: [SALES, INVENTORY] };

  it("start at the sandbox's start unless dated, and go through their workflow's durations", async () => {
    const fixture = { ...SALES_ONLY, jobs: [{ id: "0123456789abcdef01234567", workflowId: SALES.id }] };
    const running = await startSandbox({ fixture, speed: 0, start: START });
    try {
      const job = async () => {
        // With no owner named, the job is the first user's.
        const token = await tokenFor(running.url, CURATOR);
        const response = await fetch(`${running.url}/v3/jobs/0123456789abcdef01234567`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return (await response.json()) as { status: string; createDateTime: string; outputs: { id: string }[] };
      };
      expect(await job()).toMatchObject({ status: "Queued", createDateTime: new Date(START).toISOString() });
      running.clock.advance(SALES.queuedMs + SALES.runningMs);
      const done = await job();
      expect(done.status).toBe("Completed");
      // Output IDs it was not given are new ones, one per output.
      expect(new Set(done.outputs.map((o) => o.id)).size).toBe(SALES.outputs.length);
    } finally {
      await running.stop();
    }
  });

  it("never share an ID with a job run later", async () => {
    // The ID the sandbox would give its next job: the start in seconds, then the count so far.
    const next = `${Math.floor(START / 1000).toString(16)}${(2).toString(16).padStart(16, "0")}`;
    const fixture = { ...SALES_ONLY, jobs: [{ id: next, workflowId: INVENTORY.id, owner: ANALYST.name }] };
    const running = await startSandbox({ fixture, speed: 0, start: START });
    try {
      const response = await fetch(`${running.url}/v3/workflows/${INVENTORY.id}/jobs`, {
        method: "POST",
        headers: { authorization: `Bearer ${await tokenFor(running.url)}`, "content-type": "application/json" },
        body: "{}",
      });
      const job = (await response.json()) as { id: string };
      expect(job.id).not.toBe(next);
      expect(job.id).toMatch(/^[0-9a-f]{24}$/);
    } finally {
      await running.stop();
    }
  });

  const job = { id: "0123456789abcdef01234567", workflowId: SALES.id };
  it.each([
    [
      { ...job, workflowId: "ffffffffffffffffffffffff" },
      'jobs[0].workflowId must be the id of one of the workflows, not "ffffffffffffffffffffffff"',
    ],
    [{ ...job, owner: "nobody" }, 'jobs[0].owner must be the name of one of the users, not "nobody"'],
    [
      { ...job, outputIds: [job.id.replace("0", "1")] },
      "jobs[0].outputIds must hold one ID for each of the workflow's 2 outputs",
    ],
    [
      { ...job, outputIds: [job.id, "1123456789abcdef01234567"] },
      `jobs[0].outputIds[0] must be unique among the jobs and their outputs; "${job.id}" appears twice`,
    ],
    [{ ...job, createDateTime: "yesterday" }, "jobs[0].createDateTime must be an ISO 8601 date and time"],
    [{ ...job, createDateTime: "2024-09-19" }, "jobs[0].createDateTime must be an ISO 8601 date and time"],
    [{ ...job, stays: "Completed" }, "jobs[0].stays must be one of Queued, Running"],
    [{ ...job, priority: "Urgent" }, "jobs[0].priority must be one of Default, Low, Medium, High, Critical"],
    [{ ...job, id: "ABC" }, "jobs[0].id must be 24 lowercase hexadecimal characters"],
  ])("refuse a wrong job %#, saying where", (wrong, message) => {
    const fixture = { ...SALES_ONLY, jobs: [wrong] };
    expect(() => parseFixture(fixture, { source: "test.json" })).toThrow(FixtureError);
    expect(() => parseFixture(fixture, { source: "test.json" })).toThrow(
      `Invalid sandbox fixture (test.json): ${message}`,
    );
  });

  it("refuse two jobs of one ID", () => {
    expect(() => parseFixture({ ...SALES_ONLY, jobs: [job, job] })).toThrow(
      `jobs[1].id must be unique among the jobs and their outputs; "${job.id}" appears twice`,
    );
  });

  it("are none unless given", () => {
    expect(parseFixture(WITHOUT_JOBS).jobs).toEqual([]);
    expect(parseFixture(SALES_ONLY).jobs).toEqual([]);
  });
});

/** The sales app's CSV output as the fixture holds it. */
function salesCsv(): string {
  const raw = SALES.outputs[0]?.formats.Raw;
  if (!raw || !("text" in raw)) throw new Error("the default fixture's sales output is no longer text");
  return raw.text;
}
