// The wait for the job run, with writes: it takes its share of the run's deadline at most, and a
// status the spec does not list ends it at once; either way the reads and refusals after it are
// still sent and the run ends with its report. The engine's clients wait on a test clock, so no
// test waits in real time.
import { describe, expect, it } from "vitest";
import { EXIT } from "../../src/cli/exit-codes.js";
import { WAIT_SHARE } from "../../src/conformance/limits.js";
import { runConformanceWith } from "../../src/conformance/run.js";
import type { Fetch } from "../../src/index.js";
import { type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { runInProcess } from "../helpers/cli.js";
import { fakeClock } from "../helpers/clock.js";
import { ANALYST, CURATOR, curatorEnv, SALES, START } from "../sandbox/helpers.js";

const auth = { clientId: CURATOR.clientId, clientSecret: CURATOR.clientSecret };
const userAuth = { clientId: ANALYST.clientId, clientSecret: ANALYST.clientSecret };
const HOUR = 3_600_000;
const TIMEOUT_MS = 600_000;

/** A sandbox (drifted with status-word-unknown when `drifted`), given to `use`, and stopped whatever `use` does. */
async function withSandbox<T>(drifted: boolean, use: (sandbox: RunningSandbox) => Promise<T>): Promise<T> {
  const faults = drifted ? { faults: { drift: ["status-word-unknown" as const] } } : {};
  const sandbox = await startSandbox({ speed: 0, start: START, ...faults });
  try {
    return await use(sandbox);
  } finally {
    await sandbox.stop();
  }
}

const verdictOf = (report: { claims: { id: string; verdict: string; observed?: string }[] }, id: string) =>
  report.claims.find((c) => c.id === id);

describe("the conformance run's wait for its job", () => {
  it("ends at a status the spec does not list, and the report names the contradiction", async () => {
    const { clock, sleeps } = fakeClock(START);
    const report = await withSandbox(true, (sandbox) =>
      runConformanceWith(
        {
          baseUrl: sandbox.url,
          auth,
          userAuth,
          workflowId: SALES.id,
          allowWrites: true,
          timeoutMs: TIMEOUT_MS,
          onProgress(event) {
            // The job followed has finished when the wait starts: the sandbox calls it `Finished`.
            if (event.kind === "step" && event.text.startsWith("Waiting")) sandbox.clock.advance(HOUR);
          },
        },
        { clock },
      ),
    );
    // One poll, and no pause after it: the wait did not go on for a word it cannot judge.
    expect(sleeps).toEqual([]);
    expect(verdictOf(report, "getJob.status-words")).toMatchObject({
      verdict: "contradicted",
      observed: 'status "Finished"',
    });
    expect(verdictOf(report, "getJob.reaches-terminal")).toMatchObject({ verdict: "inconclusive" });
    expect(verdictOf(report, "getJob.reaches-terminal")?.observed).toMatch(/status "Finished", which the spec/);
    expect(verdictOf(report, "cancelJob.finished")?.verdict).toBe("not-exercised");
    // The refusals after the wait were still sent.
    expect(verdictOf(report, "cancelJob.unknown-id")?.verdict).toBe("confirmed");
    expect(report.claims.filter((c) => c.verdict === "contradicted").map((c) => c.id)).toEqual(["getJob.status-words"]);
  });

  it("takes its share of the deadline at most for a job that never ends, and the plan goes on", async () => {
    const { clock, sleeps } = fakeClock(START);
    // The sandbox's clock stands still: the job stays Queued however long the engine waits.
    const report = await withSandbox(false, (sandbox) =>
      runConformanceWith(
        { baseUrl: sandbox.url, auth, workflowId: SALES.id, allowWrites: true, timeoutMs: TIMEOUT_MS },
        { clock },
      ),
    );
    const waited = sleeps.reduce((sum, ms) => sum + ms, 0);
    expect(waited).toBeGreaterThan(0);
    expect(waited).toBeLessThanOrEqual(TIMEOUT_MS * WAIT_SHARE);
    const share = Math.ceil((TIMEOUT_MS * WAIT_SHARE) / 1000);
    expect(verdictOf(report, "getJob.reaches-terminal")).toMatchObject({
      verdict: "inconclusive",
      observed: `not finished within ${share} s, the wait's share of --timeout`,
    });
    expect(verdictOf(report, "cancelJob.unknown-id")?.verdict).toBe("confirmed");
    expect(verdictOf(report, "runWorkflow.bad-token")?.verdict).toBe("confirmed");
  });

  it("alteryx-jobs conform --allow-writes ends against the drift with exit 8, naming the claim", async () => {
    const result = await withSandbox(true, (sandbox) => {
      // Each job run finishes as soon as it is queued: the wait's first poll reads it `Finished`.
      const fetch: Fetch = async (input, init) => {
        const response = await globalThis.fetch(input, init);
        if ((init?.method ?? "GET") === "POST" && /\/workflows\/[0-9a-f]{24}\/jobs$/.test(String(input))) {
          sandbox.clock.advance(HOUR);
        }
        return response;
      };
      return runInProcess(["conform", "--workflow", SALES.id, "--allow-writes"], curatorEnv(sandbox.url), { fetch });
    });
    expect(result.code).toBe(EXIT.contradicted);
    expect(result.stdout).toMatch(/^contradicted\s+getJob\.status-words\s/m);
    expect(result.stdout).toMatch(/^inconclusive\s+getJob\.reaches-terminal\s/m);
  });
});
