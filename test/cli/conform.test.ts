// `alteryx-jobs conform` in-process against the sandbox: the verdict table, the report file, exit
// codes, the checks that run before anything is sent, and no secret in any output.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { operationRules } from "../../generated/client-values.js";
import { EXIT } from "../../src/cli/exit-codes.js";
import { SWAGGER_PATH } from "../../src/conformance/plan.js";
import { createJobsClient } from "../../src/index.js";
import { runInProcess } from "../helpers/cli.js";
import { isTokenPath, leakForms, leaksIn } from "../helpers/secrets.js";
import { ANALYST, CURATOR, curatorEnv, SALES, useSandbox } from "../sandbox/helpers.js";

const sandbox = useSandbox();
const dir = mkdtempSync(join(tmpdir(), "conform-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = () => curatorEnv(sandbox().url);
const DOWNLOAD = new RegExp(`${operationRules.getJobOutput.path.replace(/\{\w+\}/g, "[^/]+")}$`);
const user = ["--user-client-id", ANALYST.clientId, "--user-client-secret", ANALYST.clientSecret];

describe("alteryx-jobs conform", () => {
  it("exits 0 against the sandbox, with a table of verdicts and the report in --json FILE", async () => {
    const client = createJobsClient({ baseUrl: sandbox().url, auth: CURATOR });
    await client.runWorkflow(SALES.id);
    await client.runWorkflow(SALES.id);
    sandbox().clock.advance(3_600_000);
    const file = join(dir, "report.json");
    const result = await runInProcess(["conform", "--workflow", SALES.id, ...user, "--json", file], env());
    expect(result.stderr).not.toMatch(/alteryx-jobs:/);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/^VERDICT\s+CLAIM\s+PROVENANCE\s+OBSERVED/);
    expect(result.stdout).toMatch(/\d+ claims against http:\/\/127\.0\.0\.1:\d+: 0 contradicted, 0 inconclusive/);
    const report = JSON.parse(readFileSync(file, "utf8"));
    expect(report.summary.contradicted).toBe(0);
    expect(report.claims.find((c: { id: string }) => c.id === "getJobMessages.curator-only").verdict).toBe("confirmed");
    const forms = leakForms(
      [CURATOR.clientSecret, ANALYST.clientSecret],
      [
        [CURATOR.clientId, CURATOR.clientSecret],
        [ANALYST.clientId, ANALYST.clientSecret],
      ],
    );
    expect(leaksIn(result.stdout + result.stderr + readFileSync(file, "utf8"), forms)).toEqual([]);
  });

  it("--verbose logs every request of the engine's clients as other commands do, and never a secret", async () => {
    const client = createJobsClient({ baseUrl: sandbox().url, auth: CURATOR });
    await client.runWorkflow(SALES.id);
    sandbox().clock.advance(3_600_000);
    // What left, and the tokens the sandbox issued: the log must name the one and never show the other.
    const sent: string[] = [];
    const issued: string[] = [];
    const result = await runInProcess(["conform", "--workflow", SALES.id, ...user, "--verbose"], env(), {
      async fetch(input, init) {
        const request = new Request(input, init);
        const url = new URL(request.url);
        const response = await globalThis.fetch(request);
        // The Swagger document is fetched outside the clients; a download's 200 streams after
        // the call returns, and no command's client logs it.
        const streamed = response.ok && DOWNLOAD.test(url.pathname);
        if (!url.pathname.endsWith(SWAGGER_PATH) && !streamed) {
          sent.push(`${request.method} ${url.pathname}${url.search} → ${response.status}`);
        }
        if (isTokenPath(url) && response.ok) issued.push((await response.clone().json()).access_token);
        return response;
      },
    });
    expect(result.code).toBe(EXIT.ok);
    const logged = [...result.stderr.matchAll(/^(\S+ \S+ → \d{3}) in \d+ ms$/gm)].map((m) => m[1]);
    expect(sent.length).toBeGreaterThan(40);
    expect(logged.sort()).toEqual(sent.sort());
    expect(issued.length).toBeGreaterThan(1);
    const forms = leakForms(
      [CURATOR.clientSecret, ANALYST.clientSecret, ...issued],
      [
        [CURATOR.clientId, CURATOR.clientSecret],
        [ANALYST.clientId, ANALYST.clientSecret],
      ],
    );
    expect(leaksIn(result.stdout + result.stderr, forms)).toEqual([]);
  });

  it.each([
    [["--json"], /--json needs a value: FILE/],
    [["--json", join(dir, "missing", "report.json")], /--json takes a file in a folder that exists/],
    [["--json", dir], /--json takes a file, not the folder/],
    [["--allow-writes"], /--allow-writes needs --workflow/],
    [["--workflow", SALES.id, "--answers", "a.json"], /--answers goes with --allow-writes/],
    [["--user-client-id", "x"], /go together/],
    [["--timeout", "0s"], /--timeout takes a duration/],
  ])("exits 2 with nothing sent for %j", async (args, message) => {
    let sent = 0;
    const result = await runInProcess(["conform", ...args], env(), {
      fetch: () => {
        sent += 1;
        return Promise.reject(new Error("nothing may be sent"));
      },
    });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(message);
    expect(sent).toBe(0);
  });
});
