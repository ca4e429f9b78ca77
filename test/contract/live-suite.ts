// The contract checks for a real server: the conformance engine's run, one test per claim, so that
// the checks live in one place (src/conformance) and a run says which facts it confirmed. A
// contradicted claim fails with what the spec expected and what the server did; a claim the run
// could not exercise, or could not decide, is skipped with the reason. Read-only unless writes
// are asked for.
import { beforeAll, describe, expect, it } from "vitest";
import {
  type ClaimResult,
  type ConformanceOptions,
  type ConformanceReport,
  DEFAULT_CONFORMANCE_TIMEOUT_MS,
  listClaims,
  runConformance,
} from "../../src/conformance/index.js";
import type { AuthOptions } from "../../src/index.js";

export interface LiveConfig {
  baseUrl: string;
  auth: AuthOptions;
  workflowId: string;
  jobId?: string | undefined;
  /** The caller is a Curator: check the Curator-only reads too. */
  curator: boolean;
  /** A non-Curator's credentials: the role checks. */
  userAuth?: AuthOptions | undefined;
  /** Run the workflow, follow the job, and cancel a second one it queues itself (opt-in writes). */
  writes?: boolean;
  /** Each step and request of the run: a stand-in server moves its clock here. */
  onProgress?: ConformanceOptions["onProgress"];
}

/** The operations only a Curator may call (the spec's descriptions); without a Curator's key their claims are skipped. */
const CURATOR_ONLY = new Set(["getJobMessages", "listJobs"]);

const credentials = (token: string | undefined, clientId: string | undefined, clientSecret: string | undefined) =>
  token ? { token } : clientId && clientSecret ? { clientId, clientSecret } : undefined;

/** The configuration from ALTERYX_LIVE_* variables, or why there is none. */
export function liveConfigFromEnv(env = process.env): LiveConfig | string {
  const baseUrl = env.ALTERYX_LIVE_BASE_URL;
  const auth = credentials(env.ALTERYX_LIVE_TOKEN, env.ALTERYX_LIVE_CLIENT_ID, env.ALTERYX_LIVE_CLIENT_SECRET);
  const workflowId = env.ALTERYX_LIVE_WORKFLOW_ID;
  if (!baseUrl || !workflowId || !auth) {
    return "set ALTERYX_LIVE_BASE_URL, ALTERYX_LIVE_WORKFLOW_ID and ALTERYX_LIVE_TOKEN (or ALTERYX_LIVE_CLIENT_ID and ALTERYX_LIVE_CLIENT_SECRET) to run it";
  }
  const writes = env.ALTERYX_LIVE_WRITES === "1";
  return {
    baseUrl,
    auth,
    // With writes, the workflow run is the one whose jobs are read.
    workflowId: (writes && env.ALTERYX_LIVE_RUN_WORKFLOW_ID) || workflowId,
    jobId: env.ALTERYX_LIVE_JOB_ID,
    curator: env.ALTERYX_LIVE_CURATOR === "1",
    userAuth: credentials(
      env.ALTERYX_LIVE_USER_TOKEN,
      env.ALTERYX_LIVE_USER_CLIENT_ID,
      env.ALTERYX_LIVE_USER_CLIENT_SECRET,
    ),
    writes,
  };
}

/**
 * What one claim's verdict makes of its test: nothing for a confirmed claim, the reason to skip
 * for one not exercised or undecided (or one that needs a Curator's key the run did not have).
 * @throws {AssertionError} for a contradicted claim, with what was expected and what was seen.
 */
export function judgeClaim(claim: ClaimResult | undefined, config: Pick<LiveConfig, "curator">): string | undefined {
  if (!claim) throw new Error("the run did not report this claim");
  if (!config.curator && CURATOR_ONLY.has(claim.operationId) && !claim.id.endsWith(".curator-only")) {
    return "needs a Curator's credentials: set ALTERYX_LIVE_CURATOR=1 when they are";
  }
  if (claim.verdict === "not-exercised" || claim.verdict === "inconclusive") {
    return `${claim.verdict}: ${claim.observed ?? ""}`;
  }
  const evidence = claim.evidence.map((e) => `${e.method} ${e.path} → ${e.status ?? "no answer"}`).join("; ");
  expect(
    claim.verdict,
    `${claim.id} (${claim.provenance}): expected ${claim.expected}; observed ${claim.observed ?? "nothing"}${evidence ? `; ${evidence}` : ""}`,
  ).toBe("confirmed");
  return undefined;
}

export function liveSuite(title: string, config: () => LiveConfig): void {
  describe(title, () => {
    let report: ConformanceReport | undefined;
    beforeAll(
      async () => {
        const { baseUrl, auth, userAuth, workflowId, jobId, writes, onProgress } = config();
        report = await runConformance({
          baseUrl,
          auth,
          workflowId,
          allowWrites: writes === true,
          ...(userAuth ? { userAuth } : {}),
          ...(jobId ? { jobId } : {}),
          ...(onProgress ? { onProgress } : {}),
        });
      },
      // The run ends by its own deadline; the hook gives it a minute more to write its report.
      DEFAULT_CONFORMANCE_TIMEOUT_MS + 60_000,
    );

    for (const { id, title: what } of listClaims()) {
      it(`${id}: ${what}`, (context) => {
        const skip = judgeClaim(
          report?.claims.find((claim) => claim.id === id),
          config(),
        );
        if (skip) context.skip(skip);
      });
    }
  });
}
