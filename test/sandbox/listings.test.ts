// The two job listings honour paging, filters and sort, through `prism proxy --errors`.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { JobsClient } from "../../src/index.js";
import { ANALYST, CHURN, CURATOR, INVENTORY, SALES, START, useCheckedSandbox } from "./helpers.js";

const api = useCheckedSandbox();
afterEach(() => {
  expect(api.violations()).toEqual([]);
});

const DAY = 24 * 3_600_000;
const ids: Record<string, string> = {};
let analyst: JobsClient;
let curator: JobsClient;

// Day 1: the analyst's sales job (Success) and churn job (Error) finish. Day 2: the curator's
// inventory job (Warning) finishes, a High-priority sales job of the analyst's is left running and
// another is left queued.
beforeAll(async () => {
  analyst = api.client(ANALYST);
  curator = api.client(CURATOR);
  const clock = api.sandbox().clock;
  ids.success = (await analyst.runWorkflow(SALES.id)).id;
  clock.advance(1000);
  ids.error = (await analyst.runWorkflow(CHURN.id)).id;
  clock.advance(DAY);
  ids.warning = (await curator.runWorkflow(INVENTORY.id)).id;
  clock.advance(INVENTORY.queuedMs + INVENTORY.runningMs);
  ids.running = (await analyst.runWorkflow(SALES.id, { priority: "High" })).id;
  clock.advance(SALES.queuedMs);
  ids.queued = (await analyst.runWorkflow(SALES.id)).id;
});

const idsOf = (jobs: { id?: string; jobId?: string }[]) => jobs.map((j) => j.id ?? j.jobId);

describe("a workflow's jobs", () => {
  it("come newest first, and page with offset and limit", async () => {
    const all = [ids.queued, ids.running, ids.success];
    expect(idsOf(await analyst.listWorkflowJobsPage(SALES.id))).toEqual(all);
    expect(idsOf(await analyst.listWorkflowJobsPage(SALES.id, { offset: 1, limit: 1 }))).toEqual([ids.running]);
    const paged = [];
    for await (const job of analyst.listWorkflowJobs(SALES.id, { pageSize: 2 })) paged.push(job.id);
    expect(paged).toEqual(all);
  });

  it("sort by a field in either direction", async () => {
    const asc = await analyst.listWorkflowJobsPage(SALES.id, { sortField: "CreateDate", direction: "asc" });
    expect(idsOf(asc)).toEqual([ids.success, ids.running, ids.queued]);
    const byPriority = await analyst.listWorkflowJobsPage(SALES.id, { sortField: "Priority", direction: "desc" });
    expect(idsOf(byPriority)[0]).toBe(ids.running);
  });

  it("filter by status and by result code", async () => {
    const list = (query: { status?: string; resultCode?: string }, workflowId = SALES.id) =>
      analyst.listWorkflowJobsPage(workflowId, query).then(idsOf);
    expect(await list({ status: "Queued" })).toEqual([ids.queued]);
    expect(await list({ status: "Running" })).toEqual([ids.running]);
    expect(await list({ status: "Complete" })).toEqual([ids.success]);
    expect(await list({ resultCode: "Success" })).toEqual([ids.success]);
    expect(await list({ resultCode: "Error" })).toEqual([]);
    // A completed job whose workflow failed is found with the Error status too.
    expect(await list({ status: "Error" }, CHURN.id)).toEqual([ids.error]);
    expect(await list({ resultCode: "Error" }, CHURN.id)).toEqual([ids.error]);
  });
});

describe("the Curator listing", () => {
  it("lists the caller's own jobs unless allUsers, and narrows by users", async () => {
    expect(idsOf(await curator.listJobsPage())).toEqual([ids.warning]);
    expect(await curator.listJobsPage({ allUsers: true }).then(idsOf)).toHaveLength(5);
    const analysts = await curator.listJobsPage({ allUsers: true, users: [ANALYST.name] });
    expect(idsOf(analysts)).toEqual([ids.queued, ids.running, ids.error, ids.success]);
  });

  it("filters by status, workflow name and priority (a name or its number)", async () => {
    const list = (filters: Parameters<JobsClient["listJobsPage"]>[0]) =>
      curator.listJobsPage({ allUsers: true, ...filters }).then(idsOf);
    expect(await list({ statuses: ["Queued", "Running"] })).toEqual([ids.queued, ids.running]);
    expect(await list({ statuses: ["Complete"], workflowNames: [CHURN.name, INVENTORY.name] })).toEqual([
      ids.warning,
      ids.error,
    ]);
    expect(await list({ priorities: ["High"] })).toEqual([ids.running]);
    expect(await list({ priorities: ["2"] })).toEqual([ids.running]);
  });

  it("filters by completion date, leaving out jobs completed on the day given", async () => {
    const day = (offset: number) => new Date(START + offset * DAY).toISOString().slice(0, 10);
    expect(await curator.listJobsPage({ allUsers: true, completedBefore: day(1) }).then(idsOf)).toEqual([
      ids.error,
      ids.success,
    ]);
    expect(await curator.listJobsPage({ allUsers: true, completedAfter: day(0) }).then(idsOf)).toEqual([ids.warning]);
    expect(await curator.listJobsPage({ allUsers: true, completedAfter: day(1) })).toEqual([]);
  });

  it("sorts by workflow name, and pages", async () => {
    const byName = await curator.listJobsPage({ allUsers: true, sortField: "AppName", direction: "asc" });
    expect(byName.map((j) => j.workflowName)).toEqual([CHURN.name, INVENTORY.name, SALES.name, SALES.name, SALES.name]);
    const second = await curator.listJobsPage({ allUsers: true, sortField: "AppName", offset: 1, limit: 1 });
    expect(idsOf(second)).toEqual([ids.warning]);
  });

  it("answers 400 naming the parameter when a value breaks the spec's rules", async () => {
    const token = await api.token(CURATOR);
    // Prism refuses such a request itself, so this one goes to the sandbox directly.
    const response = await fetch(`${api.sandbox().url}/v3/jobs?offset=-1&limit=ten`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      modelState: { offset: [expect.stringContaining("at least 0")], limit: [expect.stringContaining("whole number")] },
    });
  });
});
