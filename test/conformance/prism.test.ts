// The engine against the Prism mock: what a stateless mock can confirm and what it cannot. Prism
// serves the spec's examples, keeps nothing and checks no credentials, so every body it sends fits
// the spec (the shapes are confirmed) while every behaviour that needs state or a real account
// (paging, filters, unknown IDs, bad tokens and keys, roles) is contradicted: the report says so,
// claim by claim, rather than passing a mock off as a server.
import { describe, expect, it } from "vitest";
import { type ClaimResult, runConformance } from "../../src/conformance/index.js";
import { usePrism } from "../helpers/prism.js";
import { SALES } from "../sandbox/helpers.js";

const prism = usePrism();

/** The claims of one operation's answers and bodies: `{op}.{status}`, `{op}.statuses`, `{op}.200.{Schema}.{property}`. */
const isShape = (claim: ClaimResult) => /^\w+\.(\d{3}|statuses)(\.|$)/.test(claim.id);

/** What a mock that keeps no state and checks no credentials cannot do, each claim it therefore contradicts. */
const NEEDS_STATE = [
  // It answers every read with the same example, whatever the query asks.
  "getJob.includeMessages-false",
  "listJobs.limit",
  "listJobs.offset",
  "listJobs.statuses-filter",
  "listWorkflowJobs.limit",
  "listWorkflowJobs.offset",
  "listWorkflowJobs.status-filter",
  "getJobOutput.format-not-offered",
  // It knows no IDs, so none is unknown to it.
  "getJob.unknown-id",
  "getJobMessages.unknown-id",
  "getJobOutput.unknown-id",
  "getWorkflowQuestions.unknown-id",
  "listWorkflowJobs.unknown-id",
  // It takes any token and any key, and knows no Curators.
  "getJob.bad-token",
  "getJobMessages.bad-token",
  "getJobOutput.bad-token",
  "getWorkflowQuestions.bad-token",
  "listJobs.bad-token",
  "listWorkflowJobs.bad-token",
  "requestToken.unknown-key-basic",
  "requestToken.unknown-key-form",
  "getJobMessages.curator-only",
  "listJobs.curator-only",
];

describe("conformance against the Prism mock", () => {
  it("confirms the shapes of the examples it serves, and contradicts the behaviours only a server has", async () => {
    const report = await runConformance({
      baseUrl: prism.url(),
      auth: { clientId: "any-key", clientSecret: "any-secret" },
      userAuth: { clientId: "another-key", clientSecret: "another-secret" },
      workflowId: SALES.id,
    });
    const shapes = report.claims.filter(isShape);
    // Every body Prism sent fits the spec, and Prism (run with --errors) took every request the plan sent.
    expect(shapes.filter((c) => c.verdict !== "confirmed" && c.verdict !== "not-exercised")).toEqual([]);
    const read = ["getJob", "getJobMessages", "listJobs", "listWorkflowJobs", "getWorkflowQuestions", "getJobOutput"];
    for (const operationId of [...read, "requestToken"]) {
      expect(shapes.find((c) => c.id === `${operationId}.200`)?.verdict, operationId).toBe("confirmed");
      expect(shapes.find((c) => c.id === `${operationId}.statuses`)?.verdict, operationId).toBe("confirmed");
    }
    // Its refusals are never exercised: it answers every read 200.
    expect(shapes.filter((c) => /\.4\d\d$/.test(c.id)).map((c) => c.verdict)).not.toContain("confirmed");

    const contradicted = report.claims.filter((c) => c.verdict === "contradicted").map((c) => c.id);
    expect(contradicted.sort()).toEqual([...NEEDS_STATE].sort());
    // A job shown to another user may be one shared with them: not a contradiction, but not a confirmation.
    expect(report.claims.filter((c) => c.verdict === "inconclusive").map((c) => c.id)).toEqual([
      "getJob.other-users-job",
    ]);
    // The behaviours that need no state hold: the messages' shape, the token endpoint, the value lists, a download.
    for (const id of [
      "getJob.includeMessages-default",
      "getJobMessages.shape",
      "requestToken.basic",
      "requestToken.form",
      "getJob.status-words",
      "getWorkflowQuestions.v3-shape",
      "getJobOutput.bytes",
      "getJobOutput.media-type",
    ]) {
      expect(report.claims.find((c) => c.id === id)?.verdict, id).toBe("confirmed");
    }
  });
});
