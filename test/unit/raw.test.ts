// alteryx-jobs/raw checks success bodies as the wrappers do: by the generated rule of whichever
// operation the request is (every operation in the spec, with no list kept here), refusing a body
// of the wrong shape and warning once about a value outside the spec's lists.
import { describe, expect, it } from "vitest";
import { responses } from "../../generated/body-rules.js";
import { operationRules } from "../../generated/client-values.js";
import { createJobsClient, UnexpectedResponseError } from "../../src/index.js";
import { createRawClient } from "../../src/raw.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json } from "../helpers/fake-fetch.js";
import { JOB_ID } from "../helpers/ids.js";
import { failure } from "../helpers/outcomes.js";

type Body = Parameters<typeof json>[0];

function clientAnswering(body: () => Body) {
  const warnings: string[] = [];
  const { fetch, sent } = fakeFetch(() => json(body()));
  const client = createJobsClient({
    baseUrl: BASE_URL,
    auth: { token: "t0ken-x" },
    fetch,
    maxRetries: 0,
    logger: { warn: (line) => warnings.push(line) },
  });
  return { client, raw: createRawClient(client), warnings, sent };
}

/** Any operation through openapi-fetch's untyped door, its path filled with a valid ID. */
function rawRequest(raw: ReturnType<typeof createRawClient>, operationId: keyof typeof operationRules) {
  const { method, path } = operationRules[operationId];
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  const request = raw.request as unknown as (method: string, path: string, init: object) => Promise<{ data: unknown }>;
  return request(method.toLowerCase(), path, { params: { path: Object.fromEntries(names.map((n) => [n, JOB_ID])) } });
}

const checked = Object.keys(responses) as (keyof typeof responses)[];

describe("the raw client's success bodies", () => {
  it("are checked for every operation the spec gives a JSON body", () => {
    expect(checked.length).toBeGreaterThan(5);
  });

  it.each(checked)("%s: a body of the wrong shape is an UnexpectedResponseError", async (operationId) => {
    const { raw, sent } = clientAnswering(() => 5);
    const error = await failure(rawRequest(raw, operationId));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toMatch(/a body the spec does not describe \(body: expected /);
    expect(sent).toHaveLength(1);
  });

  it("refuses a job whose fields have the wrong types, as getJob's wrapper does", async () => {
    const { client, raw } = clientAnswering(() => ({ id: 5 }));
    const viaRaw = await failure(raw.GET("/v3/jobs/{jobId}", { params: { path: { jobId: JOB_ID } } }));
    const viaWrapper = await failure(client.getJob(JOB_ID));
    expect(viaRaw).toBeInstanceOf(UnexpectedResponseError);
    expect((viaRaw as Error).message).toBe((viaWrapper as Error).message);
  });

  it("passes a documented body on as it is", async () => {
    const job = example("getJob", 200, "completed");
    const { raw } = clientAnswering(() => job);
    const { data } = await raw.GET("/v3/jobs/{jobId}", { params: { path: { jobId: JOB_ID } } });
    expect(data).toEqual(job);
  });

  it("passes a value the spec does not list, with one warning shared with the wrappers", async () => {
    const job = { ...example<Record<string, Body>>("getJob", 200, "completed"), priority: "Urgent" };
    const { client, raw, warnings } = clientAnswering(() => job);
    const { data } = await raw.GET("/v3/jobs/{jobId}", { params: { path: { jobId: JOB_ID } } });
    await raw.GET("/v3/jobs/{jobId}", { params: { path: { jobId: JOB_ID } } });
    await client.getJob(JOB_ID);
    expect(data?.priority).toBe("Urgent");
    expect(warnings).toEqual([expect.stringMatching(/body\.priority is "Urgent", a value the spec does not list/)]);
  });
});
