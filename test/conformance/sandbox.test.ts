// The engine against the sandbox, which behaves as the spec says: every claim it can exercise is
// confirmed, the read-only plan sends nothing but reads and the token request, and no secret shows
// in the report in any form.
import { describe, expect, it } from "vitest";
import { listClaims, parseReport, runConformance } from "../../src/conformance/index.js";
import { createJobsClient } from "../../src/index.js";
import { leakForms, leaksIn } from "../helpers/secrets.js";
import { ANALYST, CURATOR, SALES, useSandbox } from "../sandbox/helpers.js";

const sandbox = useSandbox();
const auth = { clientId: CURATOR.clientId, clientSecret: CURATOR.clientSecret };
const userAuth = { clientId: ANALYST.clientId, clientSecret: ANALYST.clientSecret };

/** Two finished jobs of the app, so that paging, downloads and the job reads have something to read. */
async function seedJobs(): Promise<void> {
  const client = createJobsClient({ baseUrl: sandbox().url, auth });
  await client.runWorkflow(SALES.id);
  await client.runWorkflow(SALES.id);
  sandbox().clock.advance(3_600_000);
}

const verdictsOf = (claims: { id: string; verdict: string }[], verdict: string) =>
  claims.filter((c) => c.verdict === verdict).map((c) => c.id);

describe("conformance against the sandbox", () => {
  it("the read-only plan confirms every claim it exercises, with GETs and token requests only", async () => {
    await seedJobs();
    const methods: string[] = [];
    const report = await runConformance({
      baseUrl: sandbox().url,
      auth,
      userAuth,
      workflowId: SALES.id,
      fetch: (input, init) => {
        methods.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname.endsWith("/oauth2/token")}`);
        return globalThis.fetch(input, init);
      },
    });
    expect(verdictsOf(report.claims, "contradicted")).toEqual([]);
    expect(verdictsOf(report.claims, "inconclusive")).toEqual([]);
    expect(new Set(methods)).toEqual(new Set(["GET false", "POST true"]));
    expect(report.requests).toBe(methods.length);
    expect(report.allowWrites).toBe(false);
    // The role checks ran: the analyst's key was refused the Curator's reads.
    for (const id of ["getJobMessages.curator-only", "listJobs.curator-only", "getJob.other-users-job"]) {
      expect(report.claims.find((c) => c.id === id)?.verdict, id).toBe("confirmed");
    }
    expect(report.summary.confirmed + report.summary["not-exercised"]).toBe(report.claims.length);
  });

  it("reports every claim of the spec, each once, with the operation it belongs to", async () => {
    const report = await runConformance({ baseUrl: sandbox().url, auth, workflowId: SALES.id });
    const listed = listClaims();
    expect(report.claims.map((c) => c.id)).toEqual(listed.map((c) => c.id));
    expect(new Set(listed.map((c) => c.id)).size).toBe(listed.length);
    // Without a non-Curator's key the role checks are not exercised.
    expect(report.claims.find((c) => c.id === "getJobMessages.curator-only")?.verdict).toBe("not-exercised");
    // The report as `--json` writes it is one its reader takes back whole.
    expect(parseReport(JSON.stringify(report), "run.json")).toEqual(report);
  });

  it("the plan with writes runs, follows and cancels jobs, each write announced before it is sent", async () => {
    const events: string[] = [];
    const sent: string[] = [];
    const report = await runConformance({
      baseUrl: sandbox().url,
      auth,
      userAuth,
      workflowId: SALES.id,
      allowWrites: true,
      fetch: (input, init) => {
        const method = init?.method ?? "GET";
        if (method !== "GET" && !String(input).endsWith("/oauth2/token"))
          sent.push(`${method} ${new URL(String(input)).pathname}`);
        return globalThis.fetch(input, init);
      },
      onProgress(event) {
        if (event.kind === "write") events.push(event.text);
        // The sandbox's clock stands still: the job to follow finishes when the wait starts.
        if (event.kind === "step" && event.text.startsWith("Waiting")) sandbox().clock.advance(3_600_000);
      },
    });
    expect(verdictsOf(report.claims, "contradicted")).toEqual([]);
    expect(verdictsOf(report.claims, "inconclusive")).toEqual([]);
    for (const id of [
      "cancelJob.queued-deleted",
      "cancelJob.finished",
      "cancelJob.no-permission",
      "getJob.reaches-terminal",
      "runWorkflow.queued",
    ]) {
      expect(report.claims.find((c) => c.id === id)?.verdict, id).toBe("confirmed");
    }
    // Each write was announced, and sent once.
    expect(sent).toHaveLength(events.length);
    for (const [i, write] of sent.entries()) expect(events[i]).toContain(write.replace("/webapi", ""));
    expect(sent.filter((write) => write === `POST /webapi/v3/workflows/${SALES.id}/jobs`)).toHaveLength(2);
  });

  it("shows no secret, token or Basic value anywhere in the report", async () => {
    const tokens: string[] = [];
    const report = await runConformance({
      baseUrl: sandbox().url,
      auth,
      userAuth,
      workflowId: SALES.id,
      fetch: async (input, init) => {
        const response = await globalThis.fetch(input, init);
        if (String(input).endsWith("/oauth2/token") && response.ok) {
          tokens.push(((await response.clone().json()) as { access_token: string }).access_token);
        }
        return response;
      },
    });
    expect(tokens.length).toBeGreaterThan(0);
    const forms = leakForms(
      [CURATOR.clientSecret, ANALYST.clientSecret, ...tokens],
      [
        [CURATOR.clientId, CURATOR.clientSecret],
        [ANALYST.clientId, ANALYST.clientSecret],
      ],
    );
    expect(leaksIn(JSON.stringify(report), forms)).toEqual([]);
  });

  it("refuses bad options before any request", async () => {
    let sent = 0;
    const fetch = () => {
      sent += 1;
      return Promise.reject(new Error("nothing may be sent"));
    };
    const base = { baseUrl: sandbox().url, auth, fetch };
    await expect(runConformance({ ...base, workflowId: "not-an-id" })).rejects.toThrow(/workflowId/);
    await expect(runConformance({ ...base, allowWrites: true })).rejects.toThrow(/workflow to run/);
    await expect(runConformance({ ...base, timeoutMs: 0 })).rejects.toThrow(/timeoutMs/);
    await expect(runConformance({ ...base, baseUrl: "https://u:p@host/webapi" })).rejects.toThrow(/not shown/);
    expect(sent).toBe(0);
  });
});
