// The engine against the sandbox made to drift: each named drift is reported as a contradiction of
// the claims it breaks, of the right operation, and of nothing else; the command exits 8 for it.
// One sandbox per drift, so that no drift's jobs or tokens reach another's run.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { operationRules } from "../../generated/client-values.js";
import { EXIT } from "../../src/cli/exit-codes.js";
import { type ConformanceReport, runConformance } from "../../src/conformance/index.js";
import { createJobsClient } from "../../src/index.js";
import { DRIFTS, type Drift, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { cleanEnv, runInProcess } from "../helpers/cli.js";
import { ANALYST, CURATOR, SALES, START } from "../sandbox/helpers.js";

const auth = { clientId: CURATOR.clientId, clientSecret: CURATOR.clientSecret };
const userAuth = { clientId: ANALYST.clientId, clientSecret: ANALYST.clientSecret };
const HOUR = 3_600_000;

/** Each drift: the claims it contradicts, and whether only the plan with writes reaches them. */
const EXPECTED: Record<Drift, { writes?: true; contradicted: string[] }> = {
  "reduced-job-with-messages": { contradicted: ["getJob.includeMessages-false"] },
  "create-date-renamed": {
    contradicted: ["listWorkflowJobs.200", "listWorkflowJobs.200.WorkflowJobView.createDate"],
  },
  "cancel-queued-says-cancelled": { writes: true, contradicted: ["cancelJob.queued-deleted"] },
  "curator-only-403": {
    contradicted: [
      "getJobMessages.curator-only",
      "getJobMessages.statuses",
      "listJobs.curator-only",
      "listJobs.statuses",
    ],
  },
  "offset-ignored": { contradicted: ["listJobs.offset", "listWorkflowJobs.offset"] },
  "expires-in-fraction": { contradicted: ["requestToken.200", "requestToken.200.TokenResponse.expires_in"] },
  "status-word-unknown": { contradicted: ["getJob.status-words"] },
  "messages-wrapped": { contradicted: ["getJobMessages.200", "getJobMessages.shape"] },
  "curator-list-unwrapped": { contradicted: ["listJobs.200"] },
  "unfinished-disposition-empty": { writes: true, contradicted: ["runWorkflow.unfinished-disposition"] },
  "content-disposition-inline": { contradicted: ["getJobOutput.content-disposition"] },
  "format-not-offered-404": { contradicted: ["getJobOutput.format-not-offered"] },
  "token-error-message": {
    contradicted: [
      "requestToken.400",
      "requestToken.401",
      "requestToken.unknown-key-basic",
      "requestToken.unknown-key-form",
    ],
  },
  "questions-v1": {
    contradicted: [
      "getWorkflowQuestions.200",
      "getWorkflowQuestions.200.WorkflowQuestionView.multiple",
      "getWorkflowQuestions.200.WorkflowQuestionView.questionType",
      "getWorkflowQuestions.v3-shape",
    ],
  },
};

/** A sandbox with one drift in force, given to `use`, and stopped whatever `use` does. */
async function withDrift<T>(drift: Drift, use: (sandbox: RunningSandbox) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox({ speed: 0, start: START, faults: { drift: [drift] } });
  try {
    return await use(sandbox);
  } finally {
    await sandbox.stop();
  }
}

/** Two finished jobs of the app, for the reads, the paging and the downloads of the read-only plan. */
async function seedJobs(sandbox: RunningSandbox): Promise<void> {
  const client = createJobsClient({ baseUrl: sandbox.url, auth });
  await client.runWorkflow(SALES.id);
  await client.runWorkflow(SALES.id);
  sandbox.clock.advance(HOUR);
}

async function conform(sandbox: RunningSandbox, writes: boolean): Promise<ConformanceReport> {
  if (!writes) await seedJobs(sandbox);
  return runConformance({
    baseUrl: sandbox.url,
    auth,
    userAuth,
    workflowId: SALES.id,
    allowWrites: writes,
    onProgress(event) {
      // The clock stands still: the job followed finishes when the wait starts.
      if (event.kind === "step" && event.text.startsWith("Waiting")) sandbox.clock.advance(HOUR);
    },
  });
}

const contradictedOf = (report: ConformanceReport) => report.claims.filter((c) => c.verdict === "contradicted");

describe("conformance against a drifted sandbox", () => {
  it("knows every drift the sandbox has", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...DRIFTS].sort());
  });

  it.each(DRIFTS)("reports %s as a contradiction of the claims it breaks, and only those", async (drift) => {
    const { writes = false, contradicted } = EXPECTED[drift];
    const report = await withDrift(drift, (sandbox) => conform(sandbox, writes));
    const found = contradictedOf(report);
    expect(found.map((c) => c.id).sort()).toEqual(contradicted);
    expect(report.summary.contradicted).toBe(contradicted.length);
    for (const claim of found) {
      // The claim's id starts with the operation it belongs to.
      expect(claim.id.startsWith(`${claim.operationId}.`), claim.id).toBe(true);
      expect(claim.expected, claim.id).not.toBe("");
      expect(claim.observed, claim.id).toBeTruthy();
      expect(claim.evidence.length, claim.id).toBeGreaterThan(0);
    }
  });

  it("the same plans against the undrifted sandbox contradict nothing", async () => {
    for (const writes of [false, true]) {
      const sandbox = await startSandbox({ speed: 0, start: START });
      try {
        expect(contradictedOf(await conform(sandbox, writes)).map((c) => c.id)).toEqual([]);
      } finally {
        await sandbox.stop();
      }
    }
  });

  it.each([
    ["offset-ignored", ["--workflow", SALES.id], "listWorkflowJobs.offset"],
    ["expires-in-fraction", [], "requestToken.200.TokenResponse.expires_in"],
    [
      "curator-only-403",
      ["--user-client-id", ANALYST.clientId, "--user-client-secret", ANALYST.clientSecret],
      "listJobs.curator-only",
    ],
  ] as const)("alteryx-jobs conform exits 8 against %s and names %s", async (drift, args, claim) => {
    const result = await withDrift(drift, async (sandbox) => {
      await seedJobs(sandbox);
      const env = cleanEnv({
        ALTERYX_BASE_URL: sandbox.url,
        ALTERYX_CLIENT_ID: CURATOR.clientId,
        ALTERYX_CLIENT_SECRET: CURATOR.clientSecret,
      });
      return runInProcess(["conform", ...args], env);
    });
    expect(result.code).toBe(EXIT.contradicted);
    expect(result.stdout).toMatch(new RegExp(`^contradicted\\s+${claim.replaceAll(".", "\\.")}\\s`, "m"));
  });

  it("refuses a drift it does not know, naming the nearest one it does", async () => {
    await expect(startSandbox({ faults: { drift: ["offset-ignore" as Drift] } })).rejects.toThrow(
      /faults\.drift\[0\] "offset-ignore" is not a drift the sandbox knows: did you mean offset-ignored\?/,
    );
    await expect(startSandbox({ faults: { drift: ["offset-ignored", "offset-ignored"] } })).rejects.toThrow(
      /faults\.drift must be unique/,
    );
  });
});

describe("conformance against a server within the spec's latitude", () => {
  it("takes a download's media type that the spec's */* covers, such as text/csv", async () => {
    const download = new RegExp(`${operationRules.getJobOutput.path.replace(/\{\w+\}/g, "[^/]+")}$`);
    const sandbox = await startSandbox({ speed: 0, start: START });
    try {
      await seedJobs(sandbox);
      const report = await runConformance({
        baseUrl: sandbox.url,
        auth,
        workflowId: SALES.id,
        // The one change: downloads come as text/csv, as the spec says a server may send them.
        fetch: async (input, init) => {
          const response = await globalThis.fetch(input, init);
          const url = new URL(typeof input === "string" ? input : input.url);
          if (!download.test(url.pathname) || !response.ok) return response;
          const headers = new Headers(response.headers);
          headers.set("content-type", "text/csv; charset=utf-8");
          return new Response(response.body, { status: response.status, headers });
        },
      });
      const media = report.claims.find((c) => c.id === "getJobOutput.media-type");
      expect(media?.verdict).toBe("confirmed");
      expect(media?.observed).toContain("text/csv");
    } finally {
      await sandbox.stop();
    }
  });
});

describe("the drifts' documentation", () => {
  it("the README's sandbox section lists every drift", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const listed = [...readme.matchAll(/^\| `([a-z0-9-]+)` \| .* \| `[\w.…-]+`/gm)].map((m) => m[1]);
    expect(listed).toEqual(DRIFTS);
  });
});
