// The live suite's own machinery: the ALTERYX_LIVE_* variables it reads, and what each verdict
// makes of a claim's test, judged on real reports (the sandbox, and the sandbox made to drift).
import { describe, expect, it } from "vitest";
import { runConformance } from "../../src/conformance/index.js";
import { startSandbox } from "../../src/sandbox/index.js";
import { CURATOR, SALES, START } from "../sandbox/helpers.js";
import { judgeClaim, liveConfigFromEnv } from "./live-suite.js";

const auth = { clientId: CURATOR.clientId, clientSecret: CURATOR.clientSecret };
const base = {
  ALTERYX_LIVE_BASE_URL: "https://alteryx.example.com/webapi",
  ALTERYX_LIVE_WORKFLOW_ID: SALES.id,
  ALTERYX_LIVE_CLIENT_ID: "key",
  ALTERYX_LIVE_CLIENT_SECRET: "secret",
};

describe("the live suite's configuration", () => {
  it("says what to set when the server or the credentials are missing", () => {
    expect(liveConfigFromEnv({})).toMatch(/set ALTERYX_LIVE_BASE_URL/);
    expect(liveConfigFromEnv({ ...base, ALTERYX_LIVE_CLIENT_SECRET: "" })).toMatch(/ALTERYX_LIVE_CLIENT_SECRET/);
  });

  it("reads the variables: read-only unless ALTERYX_LIVE_WRITES=1, a Curator only when told", () => {
    expect(liveConfigFromEnv(base)).toEqual({
      baseUrl: base.ALTERYX_LIVE_BASE_URL,
      auth: { clientId: "key", clientSecret: "secret" },
      workflowId: SALES.id,
      jobId: undefined,
      curator: false,
      userAuth: undefined,
      writes: false,
    });
    const other = "678f96e5a15300008c0039e1";
    expect(
      liveConfigFromEnv({
        ...base,
        ALTERYX_LIVE_TOKEN: "t",
        ALTERYX_LIVE_CURATOR: "1",
        ALTERYX_LIVE_WRITES: "1",
        ALTERYX_LIVE_RUN_WORKFLOW_ID: other,
        ALTERYX_LIVE_USER_TOKEN: "u",
      }),
    ).toMatchObject({ auth: { token: "t" }, curator: true, writes: true, workflowId: other, userAuth: { token: "u" } });
    // The workflow to run is read only with writes allowed.
    expect(liveConfigFromEnv({ ...base, ALTERYX_LIVE_RUN_WORKFLOW_ID: other })).toMatchObject({ workflowId: SALES.id });
  });
});

describe("what a verdict makes of a claim's test", () => {
  it("fails a contradicted claim with what was expected and what the server did, and passes a confirmed one", async () => {
    const sandbox = await startSandbox({ speed: 0, start: START, faults: { drift: ["expires-in-fraction"] } });
    try {
      const report = await runConformance({ baseUrl: sandbox.url, auth, workflowId: SALES.id });
      const claim = (id: string) => report.claims.find((c) => c.id === id);
      expect(() => judgeClaim(claim("requestToken.200.TokenResponse.expires_in"), { curator: true })).toThrow(
        /requestToken\.200\.TokenResponse\.expires_in \(seen\): expected .*integer.*; observed .*3600\.5.*; POST \/oauth2\/token → 200/,
      );
      expect(judgeClaim(claim("requestToken.basic"), { curator: true })).toBeUndefined();
      // Not exercised (no non-Curator key was given): skipped with the reason.
      expect(judgeClaim(claim("listJobs.curator-only"), { curator: true })).toMatch(/^not-exercised: no non-Curator/);
      // Without a Curator's key, the Curator-only operations' claims are skipped, whatever their verdict.
      expect(judgeClaim(claim("listJobs.200"), { curator: false })).toMatch(/ALTERYX_LIVE_CURATOR=1/);
      expect(() => judgeClaim(undefined, { curator: true })).toThrow(/did not report/);
    } finally {
      await sandbox.stop();
    }
  });
});
