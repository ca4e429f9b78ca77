// An operation added to the spec reaches the samples and the Postman collection with no other edit.
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { operations } from "../../generated/spec-values.js";
import { specWithSamples } from "../../scripts/docs.js";
import type { CodeSample } from "../../scripts/lib/code-samples.js";
import { type JsonObject, readSpec } from "../../scripts/lib/spec.js";
import { buildCollection } from "../../scripts/postman.js";

function withNewOperation(): JsonObject {
  const spec = readSpec();
  const getJob = ((spec.paths as JsonObject)["/v3/jobs/{jobId}"] as JsonObject).get as JsonObject;
  (spec.paths as JsonObject)["/v3/jobs/{jobId}/outputs"] = {
    parameters: [{ $ref: "#/components/parameters/JobId" }],
    get: { ...getJob, operationId: "listJobOutputs", summary: "List the outputs of a job", parameters: [] },
  };
  return spec;
}

describe("a new operation in the spec", () => {
  it("gets TypeScript and curl samples, through alteryx-jobs/raw until it has a wrapper, and none for a command it lacks", () => {
    const paths = specWithSamples(withNewOperation()).paths as JsonObject;
    const samples = ((paths["/v3/jobs/{jobId}/outputs"] as JsonObject).get as JsonObject)[
      "x-codeSamples"
    ] as unknown as CodeSample[];
    expect(samples.map((s) => s.lang)).toEqual(["TypeScript", "curl"]);
    expect(samples[0]?.source).toContain('createRawClient(client).GET("/v3/jobs/{jobId}/outputs"');
    // The shared jobId parameter's example fills the path.
    expect(samples[1]?.source).toContain(`/v3/jobs/${operations.getJob.parameters.jobId.example}/outputs`);
  });

  it("gets a request in the Postman collection", async () => {
    const collection = await buildCollection(stringify(withNewOperation()));
    const names = JSON.stringify(collection.item);
    expect(names).toContain("List the outputs of a job");
  });
});
