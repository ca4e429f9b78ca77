// Property-based: whatever IDs and filter values are given, a bad one is refused before any
// request with an error naming the argument, and a good one makes exactly the intended request.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createJobsClient, InvalidArgumentError } from "../../src/index.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json } from "../helpers/fake-fetch.js";
import { WORKFLOW_ID } from "../helpers/ids.js";

const OBJECT_ID = /^[0-9a-f]{24}$/;
const objectIds = fc.stringMatching(OBJECT_ID);
const notObjectIds = fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !OBJECT_ID.test(s));
// A fixed seed keeps runs reproducible; a failure prints its counterexample.
const RUNS = { numRuns: 300, seed: 20_261_129 };

function setup() {
  const { fetch, sent } = fakeFetch((request) =>
    json(request.url.pathname.endsWith("/jobs") ? [] : example("getJob", 200, "completed")),
  );
  return { client: createJobsClient({ baseUrl: BASE_URL, auth: { token: "t0ken-x" }, fetch }), sent };
}

async function refusal(call: Promise<unknown>): Promise<InvalidArgumentError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return error as InvalidArgumentError;
}

describe("IDs", () => {
  it("an ID that is not 24 lowercase hex characters is refused, naming the argument, and nothing is sent", async () => {
    await fc.assert(
      fc.asyncProperty(
        notObjectIds,
        fc.constantFrom("getJob", "getJobMessages", "cancelJob", "listWorkflowJobsPage", "runWorkflow"),
        async (id, method) => {
          const { client, sent } = setup();
          const call = (client as unknown as Record<string, (id: string) => Promise<unknown>>)[method]?.(id);
          const error = await refusal(call as Promise<unknown>);
          expect(error.argument).toBe(
            method === "listWorkflowJobsPage" || method === "runWorkflow" ? "workflowId" : "jobId",
          );
          expect(sent).toHaveLength(0);
        },
      ),
      RUNS,
    );
  });

  it("a valid ID makes exactly the intended path, with no query", async () => {
    await fc.assert(
      fc.asyncProperty(objectIds, async (id) => {
        const { client, sent } = setup();
        await client.getJobMessages(id).catch(() => undefined);
        await client.listWorkflowJobsPage(id);
        expect(sent.map((r) => r.url.href)).toEqual([
          `${BASE_URL}/v3/jobs/${id}/messages`,
          `${BASE_URL}/v3/workflows/${id}/jobs`,
        ]);
      }),
      RUNS,
    );
  });
});

describe("filters", () => {
  it("any status and result code text is sent as exactly one encoded parameter each", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme", maxLength: 30 }),
        fc.string({ maxLength: 30 }),
        async (status, resultCode) => {
          const { client, sent } = setup();
          await client.listWorkflowJobsPage(WORKFLOW_ID, { status, resultCode });
          const url = sent[0]?.url as URL;
          expect(url.pathname).toBe(`/webapi/v3/workflows/${WORKFLOW_ID}/jobs`);
          expect([...url.searchParams.entries()]).toEqual([
            ["status", status],
            ["resultCode", resultCode],
          ]);
          const intended = `?status=${encodeURIComponent(status)}&resultCode=${encodeURIComponent(resultCode)}`;
          expect(url.search).toBe(new URL(intended, BASE_URL).search);
        },
      ),
      RUNS,
    );
  });

  it("offset and limit are sent when whole and in range, and refused otherwise", async () => {
    const numbers = fc.oneof(fc.integer({ min: -1000, max: 100_000 }), fc.double({ noNaN: false }));
    await fc.assert(
      fc.asyncProperty(numbers, numbers, async (offset, limit) => {
        const { client, sent } = setup();
        const valid = Number.isSafeInteger(offset) && offset >= 0 && Number.isSafeInteger(limit) && limit >= 1;
        const call = client.listWorkflowJobsPage(WORKFLOW_ID, { offset, limit });
        if (valid) {
          await call;
          expect(sent[0]?.url.search).toBe(`?offset=${offset}&limit=${limit}`);
        } else {
          expect(["offset", "limit"]).toContain((await refusal(call)).argument);
          expect(sent).toHaveLength(0);
        }
      }),
      RUNS,
    );
  });

  it("completion dates are sent as yyyy-MM-dd days that exist, and anything else is refused", async () => {
    const days = fc
      .date({ min: new Date("1990-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const text = fc.oneof(days, fc.string({ maxLength: 12 }), fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    await fc.assert(
      fc.asyncProperty(text, async (day) => {
        const { client, sent } = setup();
        const parsed = new Date(`${day}T00:00:00Z`);
        const exists =
          /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day);
        const call = client.listJobsPage({ completedBefore: day });
        if (exists) {
          await call.catch(() => undefined);
          expect(sent[0]?.url.search).toBe(`?completedBefore=${day}`);
        } else {
          expect((await refusal(call)).argument).toBe("completedBefore");
          expect(sent).toHaveLength(0);
        }
      }),
      RUNS,
    );
  });

  it("no filter name outside the spec's parameters reaches the query", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 20 }), fc.string(), async (name, value) => {
        fc.pre(!["sortField", "direction", "offset", "limit", "status", "resultCode"].includes(name));
        const { client, sent } = setup();
        const error = await refusal(client.listWorkflowJobsPage(WORKFLOW_ID, { [name]: value } as never));
        expect(error.argument).toBe(name);
        expect(sent).toHaveLength(0);
      }),
      RUNS,
    );
  });
});
