import { describe, expect, it } from "vitest";
import { AlteryxError, createJobsClient, InvalidArgumentError, type WorkflowJobView } from "../../src/index.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json } from "../helpers/fake-fetch.js";
import { WORKFLOW_ID } from "../helpers/ids.js";
import { collect } from "../helpers/outcomes.js";

const [template] = example<WorkflowJobView[]>("listWorkflowJobs", 200, "jobs");
/** `count` jobs with distinct IDs, shaped like the spec's example. */
const jobs = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ ...template, id: i.toString(16).padStart(24, "0") }) as WorkflowJobView);

function serving(all: WorkflowJobView[], { ignoreOffset = false, ignoreLimit = false, cap = Infinity } = {}) {
  return fakeFetch((request) => {
    const offset = ignoreOffset ? 0 : Number(request.url.searchParams.get("offset") ?? 0);
    const asked = ignoreLimit ? all.length : Number(request.url.searchParams.get("limit") ?? all.length);
    return json(all.slice(offset, offset + Math.min(asked, cap)) as never);
  });
}
const client = (fetch: (r: string | Request, init?: RequestInit) => Promise<Response>) =>
  createJobsClient({ baseUrl: BASE_URL, auth: { token: "t" }, fetch });

describe("listing a workflow's jobs", () => {
  it("walks every page with offset and limit until a short page", async () => {
    const all = jobs(25);
    const { fetch, sent } = serving(all);
    const found = await collect(client(fetch).listWorkflowJobs(WORKFLOW_ID, { pageSize: 10, status: "Complete" }));
    expect(found.map((j) => j.id)).toEqual(all.map((j) => j.id));
    expect(sent.map((r) => r.url.search)).toEqual([
      "?status=Complete&offset=0&limit=10",
      "?status=Complete&offset=10&limit=10",
      "?status=Complete&offset=20&limit=10",
    ]);
  });

  it("asks once more after a full last page, and stops on the empty one", async () => {
    const { fetch, sent } = serving(jobs(20));
    const pages = await collect(client(fetch).listWorkflowJobs(WORKFLOW_ID, { pageSize: 10 }).pages());
    expect(pages.map((p) => p.length)).toEqual([10, 10]);
    expect(sent).toHaveLength(3);
  });

  it("stops when the server ignores offset, instead of looping", async () => {
    const { fetch, sent } = serving(jobs(30), { ignoreOffset: true });
    const found = await collect(client(fetch).listWorkflowJobs(WORKFLOW_ID, { pageSize: 10 }));
    expect(found).toHaveLength(10);
    expect(sent).toHaveLength(2);
  });

  it("loses no job when the server caps the page below the limit asked for", async () => {
    // 50 jobs, at most 5 a page although 10 are asked for: a short page alone is not the end.
    const all = jobs(50);
    const { fetch, sent } = serving(all, { cap: 5 });
    const found = await collect(client(fetch).listWorkflowJobs(WORKFLOW_ID, { pageSize: 10 }));
    expect(found.map((j) => j.id)).toEqual(all.map((j) => j.id));
    // Ten pages of 5, each offset counting the jobs received, then the empty page that ends it.
    expect(sent.map((r) => Number(r.url.searchParams.get("offset")))).toEqual(
      Array.from({ length: 11 }, (_, i) => i * 5),
    );
    expect(sent.every((r) => r.url.searchParams.get("limit") === "10")).toBe(true);
  });

  it("stops on the first page shorter than the largest one, a capped listing included", async () => {
    const { fetch, sent } = serving(jobs(23), { cap: 5 });
    const pages = await collect(client(fetch).listWorkflowJobs(WORKFLOW_ID, { pageSize: 10 }).pages());
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    expect(sent).toHaveLength(5);
  });

  it("costs at most one request more than the page size alone: a listing shorter than a page asks twice", async () => {
    const { fetch, sent } = serving(jobs(7));
    const found = await collect(client(fetch).listWorkflowJobs(WORKFLOW_ID, { pageSize: 10 }));
    expect(found).toHaveLength(7);
    expect(sent.map((r) => r.url.searchParams.get("offset"))).toEqual(["0", "7"]);
  });

  it("goes on past a page longer than the limit (a server that ignores it), to the empty page", async () => {
    const { fetch, sent } = serving(jobs(30), { ignoreLimit: true });
    const found = await collect(client(fetch).listWorkflowJobs(WORKFLOW_ID, { pageSize: 10 }));
    expect(found).toHaveLength(30);
    expect(sent.map((r) => r.url.searchParams.get("offset"))).toEqual(["0", "30"]);
  });

  it("ends with an error past maxItems when the server sends new jobs for ever", async () => {
    // Every page full of jobs never seen before: only the bound can end the listing.
    const { fetch, sent } = fakeFetch((request) => {
      const offset = Number(request.url.searchParams.get("offset"));
      return json(jobs(offset + 10).slice(offset) as never);
    });
    const found: WorkflowJobView[] = [];
    const listing = client(fetch).listWorkflowJobs(WORKFLOW_ID, { pageSize: 10, maxItems: 35 });
    await expect(
      (async () => {
        for await (const job of listing) found.push(job);
      })(),
    ).rejects.toThrow(AlteryxError);
    expect(found).toHaveLength(35);
    expect(sent).toHaveLength(4);
  });

  it("checks maxItems before anything is sent", async () => {
    const { fetch, sent } = serving(jobs(5));
    const listing = client(fetch).listWorkflowJobs(WORKFLOW_ID, { maxItems: 0 });
    await expect(collect(listing)).rejects.toThrow(InvalidArgumentError);
    expect(sent).toHaveLength(0);
  });

  it("sends nothing until iterated, and stops when the loop breaks", async () => {
    const { fetch, sent } = serving(jobs(50));
    const pager = client(fetch).listWorkflowJobs(WORKFLOW_ID, { pageSize: 10 });
    expect(sent).toHaveLength(0);
    for await (const job of pager) if (job) break;
    expect(sent).toHaveLength(1);
  });
});

describe("the Curator listing", () => {
  it("unwraps data and pages the same way", async () => {
    const [item] = example<{ data: { jobId: string; status: string }[] }>("listJobs", 200, "page").data;
    const all = Array.from({ length: 3 }, (_, i) => ({ ...item, jobId: i.toString(16).padStart(24, "0") }));
    const { fetch, sent } = fakeFetch((request) => {
      const offset = Number(request.url.searchParams.get("offset"));
      return json({ data: all.slice(offset, offset + 2) } as never);
    });
    const found = await collect(client(fetch).listJobs({ pageSize: 2, allUsers: true }));
    expect(found.map((j) => j.jobId)).toEqual(all.map((j) => j.jobId));
    expect(sent[1]?.url.search).toBe("?allUsers=true&offset=2&limit=2");
  });
});
