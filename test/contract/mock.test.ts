// The contract suite against the Prism mock, with --errors: a request the spec does not allow
// comes back 422 and fails its case.
import { describe, expect, it } from "vitest";
import { dereference, type JsonObject, listOperations, readSpec } from "../../scripts/lib/spec.js";
import { AlteryxApiError, createJobsClient } from "../../src/index.js";
import { createRawClient } from "../../src/raw.js";
import { JOB_ID } from "../helpers/ids.js";
import { usePrism } from "../helpers/prism.js";
import { cases } from "./cases.js";

const prism = usePrism();

describe("contract: every documented response, through the client", () => {
  for (const c of cases) {
    it(`${c.operationId} → ${c.status}: ${c.name}`, () => c.run(prism.url()));
  }
});

describe("coverage", () => {
  it("has a case for every (operation, documented status) pair of the spec", () => {
    const documented = listOperations(dereference(readSpec()) as JsonObject).flatMap((op) =>
      Object.keys(op.node.responses as JsonObject).map((status) => `${op.operationId} ${status}`),
    );
    const covered = new Set(cases.map((c) => `${c.operationId} ${c.status}`));
    expect(documented.filter((pair) => !covered.has(pair))).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(documented.length);
  });
});

describe("the mock checks requests", () => {
  it("answers 422 to a request the spec does not allow, so such a case fails", async () => {
    const client = createJobsClient({ baseUrl: prism.url(), auth: { token: "t" }, maxRetries: 0 });
    const query = { includeMessages: "maybe" } as unknown as { includeMessages: boolean };
    const error = await createRawClient(client)
      .GET("/v3/jobs/{jobId}", { params: { path: { jobId: JOB_ID }, query } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlteryxApiError);
    expect(error).toMatchObject({ status: 422 });
  });
});
