import { describe, expect, it } from "vitest";
import { createJobsClient, InvalidArgumentError } from "../../src/index.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json } from "../helpers/fake-fetch.js";
import { JOB_ID, WORKFLOW_ID } from "../helpers/ids.js";

function setup() {
  const { fetch, sent } = fakeFetch((request) =>
    json(request.url.pathname.endsWith("/jobs") ? [] : example("getJob", 200, "completed")),
  );
  return { client: createJobsClient({ baseUrl: BASE_URL, auth: { token: "t0ken-x" }, fetch }), sent };
}

describe("bad input is refused before any request", () => {
  it.each([
    ["too short", "66ebd18d"],
    ["upper case", JOB_ID.toUpperCase()],
    ["a path", "../../v3/workflows"],
    ["a query", `${JOB_ID}?includeMessages=false`],
    ["empty", ""],
  ])("a job ID that is %s", async (_, jobId) => {
    const { client, sent } = setup();
    const error = await client.getJob(jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: "jobId", value: jobId });
    expect((error as Error).message).toContain(JSON.stringify(jobId).slice(0, 20));
    expect(sent).toHaveLength(0);
  });

  it("a job ID that is not a string", async () => {
    const { client, sent } = setup();
    await expect(client.cancelJob(42 as unknown as string)).rejects.toMatchObject({ argument: "jobId", value: 42 });
    expect(sent).toHaveLength(0);
  });

  it.each([
    ["an unknown filter", { bogus: "1" }, "bogus"],
    ["a filter name that would add a parameter", { "limit=1&x": "1" }, "limit=1&x"],
    ["a negative offset", { offset: -1 }, "offset"],
    ["a fractional limit", { limit: 2.5 }, "limit"],
    ["a limit of zero", { limit: 0 }, "limit"],
    ["a direction outside the enum", { direction: "up" }, "direction"],
  ])("%s", async (_, query, argument) => {
    const { client, sent } = setup();
    const error = await client.listWorkflowJobsPage(WORKFLOW_ID, query as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument });
    expect(sent).toHaveLength(0);
  });

  it.each([
    ["a status outside the enum", { statuses: ["Done"] }, "statuses[0]"],
    ["a date in another format", { completedBefore: "29/11/2026" }, "completedBefore"],
    ["a date that does not exist", { completedAfter: "2026-02-30" }, "completedAfter"],
    ["allUsers as a string", { allUsers: "yes" }, "allUsers"],
  ])("a Curator listing with %s", async (_, query, argument) => {
    const { client, sent } = setup();
    const error = await client.listJobsPage(query as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ argument });
    expect(sent).toHaveLength(0);
  });

  it("a base URL that is not an http(s) URL", () => {
    expect(() => createJobsClient({ baseUrl: "server/webapi", auth: { token: "t" } })).toThrow(InvalidArgumentError);
    expect(() => createJobsClient({ baseUrl: "ftp://server/webapi", auth: { token: "t" } })).toThrow(
      InvalidArgumentError,
    );
  });
});

describe("good input makes exactly the intended request", () => {
  it("puts the job ID in the path and includeMessages in the query", async () => {
    const { client, sent } = setup();
    await client.getJob(JOB_ID, { includeMessages: false });
    expect(sent[0]?.url.href).toBe(`${BASE_URL}/v3/jobs/${JOB_ID}?includeMessages=false`);
  });

  it("encodes filter values and repeats list filters", async () => {
    const { fetch, sent } = fakeFetch(() => json(example("listJobs", 200, "empty")));
    const client = createJobsClient({ baseUrl: BASE_URL, auth: { token: "t" }, fetch });
    await client.listJobsPage({
      statuses: ["Queued", "Running"],
      workflowNames: ["Sales & Ops", "a=b"],
      allUsers: true,
      completedAfter: "2026-11-01",
      limit: 10,
    });
    expect(sent[0]?.url.search).toBe(
      "?statuses=Queued&statuses=Running&workflowNames=Sales%20%26%20Ops&workflowNames=a%3Db&allUsers=true&completedAfter=2026-11-01&limit=10",
    );
  });
});
