// The proposed overlay: applied to the spec this package ships, it makes the spec say what the
// server sent, and it carries the breaking-change gate's verdict on that change.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { jsonPath } from "../../src/conformance/claims.js";
import {
  applyOverlay,
  overlayText,
  overlayWithVerdict,
  type ProposedOverlay,
  proposeOverlay,
} from "../../src/conformance/overlay.js";
import { loadSpec } from "../../src/conformance/spec.js";
import { example } from "../helpers/examples.js";
import { claim, report } from "./fixtures.js";

const specFile = "spec/openapi.yaml";
const spec = () => parse(readFileSync(specFile, "utf8")) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), "overlay-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = "#/components/schemas/TokenResponse";
const REDUCED = "#/components/schemas/ReducedJobView";
const token = { access_token: "t", token_type: 1, expires_in: 3599 };

/** A run against a server that sends `token_type` as a number and leaves out the reduced job's `createDateTime`. */
const drifted = report([
  claim({
    id: "requestToken.200.TokenResponse.token_type",
    operationId: "requestToken",
    provenance: "seen",
    verdict: "contradicted",
    expected: "a string",
    observed: "an integer",
    proposal: {
      target: jsonPath(`${TOKEN}/properties/token_type`),
      update: { type: "integer", "x-provenance": "seen" },
      description: "TokenResponse.token_type was sent as integer",
    },
  }),
  claim({
    id: "getJob.reduced.createDateTime.required",
    provenance: "inferred",
    verdict: "contradicted",
    expected: "createDateTime present",
    observed: "createDateTime missing",
    proposal: {
      target: `${jsonPath(`${REDUCED}/required`)}[?@ == 'createDateTime']`,
      remove: true,
      description: "ReducedJobView.createDateTime is not always sent: make it optional",
    },
  }),
  // A documented fact the server breaks is the server's problem: no change is proposed for it.
  claim({
    id: "getJob.id.type",
    provenance: "documented",
    verdict: "contradicted",
    proposal: { target: jsonPath(`${REDUCED}/properties/id`), update: { type: "integer" }, description: "x" },
  }),
  claim({ id: "getJob.confirmed", verdict: "confirmed" }),
]);

let written = 0;
/** How the spec in `document` judges `value` against the schema at `pointer`. */
function check(document: Record<string, unknown>, pointer: string, value: unknown): string | null {
  const file = join(dir, `spec-${++written}.yaml`);
  writeFileSync(file, stringify(document));
  return loadSpec(file).check(pointer, value);
}

describe("the proposed overlay", () => {
  const overlay = proposeOverlay(drifted);

  it("is an Overlay 1.0 document with an action per contradicted claim the spec did not document", () => {
    expect(overlay.overlay).toBe("1.0.0");
    expect(overlay.info.title).toContain("as https://alteryx.example.com answered");
    expect(overlay.actions.map((a) => a["x-claim"])).toEqual([
      "requestToken.200.TokenResponse.token_type",
      "getJob.reduced.createDateTime.required",
    ]);
    expect(overlay.actions[0]?.description).toContain("observed: an integer");
    expect(overlay.actions[1]).toMatchObject({ remove: true });
    expect(overlay.actions[1]).not.toHaveProperty("update");
  });

  it("applied to spec/openapi.yaml, makes the spec take what the server sent", async () => {
    // The documented job, reduced (no messages) and without createDateTime, as the drifted server sends it.
    const {
      messages: _,
      createDateTime: __,
      ...reducedJob
    } = example<Record<string, unknown>>("getJob", 200, "completed");
    const before = spec();
    expect(check(before, TOKEN, token)).not.toBeNull();
    expect(check(before, REDUCED, reducedJob)).not.toBeNull();
    const { spec: after, unapplied } = await applyOverlay(before, overlay);
    expect(unapplied).toEqual([]);
    expect(check(after, TOKEN, token)).toBeNull();
    expect(check(after, REDUCED, reducedJob)).toBeNull();
    expect(check(after, REDUCED, { ...reducedJob, status: 42 })).not.toBeNull();
    expect(before).toEqual(spec());
  });

  it("names the claims whose action matches nothing in the spec", async () => {
    const stale = proposeOverlay(
      report([
        claim({
          id: "getJob.gone",
          verdict: "contradicted",
          proposal: { target: "$.components.schemas.NoSuchSchema", update: { type: "object" }, description: "x" },
        }),
      ]),
    );
    const { unapplied } = await applyOverlay(spec(), stale);
    expect(unapplied.map((a) => a["x-claim"])).toEqual(["getJob.gone"]);
  });
});

describe("the gate's verdict on the overlay", () => {
  it("says a retyped response property and a property made optional break clients, and how they could be released", async () => {
    const judged = await overlayWithVerdict(drifted, specFile);
    const gate = judged["x-breaking-change-gate"];
    expect(gate?.verdict).toBe("breaking");
    expect(gate?.summary).toMatch(
      /^Applying it breaks clients \(2 breaking changes\): the gate passes it only as a new major version, (\d+)\.0\.0\.$/,
    );
    const version = String((spec().info as { version: string }).version);
    expect(gate?.summary).toContain(`new major version, ${Number.parseInt(version, 10) + 1}.0.0.`);
    expect(gate?.changes.filter((c) => c.breaking).map((c) => c.path)).toEqual([
      "POST /oauth2/token responses/200/content/application/json/schema/properties/token_type · type",
      "GET /v3/jobs/{jobId} responses/200/content/application/json/schema/anyOf/0/allOf/0 · required",
    ]);
    expect(gate?.unapplied).toEqual([]);
    // The file a run writes reads back as the same document.
    expect(parse(overlayText(judged)) as ProposedOverlay).toEqual(judged);
  });

  it("says a change of description breaks no client", async () => {
    const described = report([
      claim({
        id: "listJobs.offset.pages",
        operationId: "listJobs",
        provenance: "inferred",
        verdict: "contradicted",
        proposal: {
          target: jsonPath("#/components/parameters/Offset"),
          update: { description: "How many jobs to skip. A server was seen to ignore it (seen)." },
          description: "Say that a server ignored offset",
        },
      }),
    ]);
    const gate = (await overlayWithVerdict(described, specFile))["x-breaking-change-gate"];
    expect(gate?.verdict).toBe("compatible");
    expect(gate?.summary).toMatch(/^Applying it breaks no client \(1 change\): the gate passes it\.$/);
  });

  it("proposes nothing when nothing the spec inferred or saw is contradicted", async () => {
    const clean = await overlayWithVerdict(report([claim({ id: "a", verdict: "confirmed" })]), specFile);
    expect(clean.actions).toEqual([]);
    expect(clean["x-breaking-change-gate"]?.verdict).toBe("compatible");
  });

  it("says when the gate could not judge it, and why", async () => {
    const notOpenApi = join(dir, "not-openapi.yaml");
    writeFileSync(notOpenApi, "shape: round\n");
    const run = report([
      claim({
        id: "a",
        verdict: "contradicted",
        proposal: { target: "$.shape", update: "square", description: "x" },
      }),
    ]);
    const gate = (await overlayWithVerdict(run, notOpenApi))["x-breaking-change-gate"];
    expect(gate?.verdict).toBe("not-checked");
    expect(gate?.summary).toBe("The breaking-change gate did not run.");
    expect(gate?.reason).toMatch(/redocly diff failed/);
  });
});
