// `alteryx-jobs conform` writing its report files (JUnit, Markdown, HTML, Overlay) and applying a
// baseline, in-process against the sandbox made to drift: its token answers carry a `token_type`
// the spec does not allow (and a hostile one the client's secret). Bad report paths and
// baselines are usage errors before anything is sent.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { EXIT } from "../../src/cli/exit-codes.js";
import { markdownCell } from "../../src/conformance/markdown.js";
import type { ProposedOverlay } from "../../src/conformance/overlay.js";
import { runInProcess } from "../helpers/cli.js";
import { isTokenPath, leakForms, leaksIn } from "../helpers/secrets.js";
import { CURATOR, curatorEnv, SALES, useSandbox } from "../sandbox/helpers.js";

const sandbox = useSandbox();
const dir = mkdtempSync(join(tmpdir(), "conform-reports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = () => curatorEnv(sandbox().url);

/** The claims a token_type that is not a string contradicts. */
const CONTRADICTED = ["requestToken.200", "requestToken.200.TokenResponse.token_type", "requestToken.bearer"];

/** The sandbox, but every token it issues says `token_type: tokenType`; `issued` collects the tokens. */
function drifting(tokenType: unknown, issued: string[] = []) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await globalThis.fetch(input, init);
    if (!isTokenPath(String(input instanceof Request ? input.url : input)) || !response.ok) return response;
    const body = (await response.json()) as { access_token: string };
    issued.push(body.access_token);
    return new Response(JSON.stringify({ ...body, token_type: tokenType }), {
      status: response.status,
      headers: response.headers,
    });
  };
}

let files = 0;
/**
 * Paths for each report in a folder of their own. `overlay: false` leaves the overlay out: its
 * breaking-change gate runs Redocly, the slow part of a run, which the baseline's tests need not.
 */
function reportPaths({ overlay = true } = {}) {
  const folder = join(dir, `run-${++files}`);
  mkdirSync(folder);
  const paths = {
    junit: join(folder, "report.xml"),
    markdown: join(folder, "summary.md"),
    html: join(folder, "report.html"),
    overlay: join(folder, "overlay.yaml"),
  };
  const args = Object.entries(paths)
    .filter(([format]) => overlay || format !== "overlay")
    .flatMap(([format, path]) => [`--${format}`, path]);
  return { paths, args, read: (format: keyof typeof paths) => readFileSync(paths[format], "utf8") };
}

function failuresIn(xml: string): string[] {
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    isArray: (n) => n === "testsuite" || n === "testcase",
  }).parse(xml);
  return (doc.testsuites.testsuite as { testcase: { name: string; failure?: unknown }[] }[])
    .flatMap((suite) => suite.testcase)
    .filter((testCase) => testCase.failure !== undefined)
    .map((testCase) => testCase.name.split(":")[0] as string);
}

function baselineFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("conform's report files against a drifted server", () => {
  it("exits 8 and writes each contradiction as a JUnit failure, a Markdown row, an HTML row and an overlay action", async () => {
    const { args, read } = reportPaths();
    const result = await runInProcess(["conform", "--workflow", SALES.id, ...args], env(), { fetch: drifting(1) });
    expect(result.code).toBe(EXIT.contradicted);
    expect(failuresIn(read("junit"))).toEqual(CONTRADICTED);
    for (const id of CONTRADICTED) {
      expect(read("markdown")).toContain(`| ${markdownCell(id)} | requestToken |`);
      expect(read("html")).toContain(`<code>${id}</code>`);
    }
    expect(read("markdown")).toMatch(/^## Conformance of .+: 3 contradictions of the spec$/m);
    const overlay = parse(read("overlay")) as ProposedOverlay;
    expect(overlay.overlay).toBe("1.0.0");
    // requestToken.200 and .bearer state documented facts: only the type the spec saw is proposed.
    expect(overlay.actions.map((action) => action["x-claim"])).toEqual(["requestToken.200.TokenResponse.token_type"]);
    expect(overlay.actions[0]).toMatchObject({ update: { type: "integer" } });
    expect(overlay["x-breaking-change-gate"]?.verdict).toBe("breaking");
  });

  it("writes no secret and no token into any report, whatever the server echoes", async () => {
    const { args, read } = reportPaths();
    const issued: string[] = [];
    const result = await runInProcess(
      ["conform", "--workflow", SALES.id, "--json", join(dir, "echo.json"), ...args],
      env(),
      {
        fetch: drifting([CURATOR.clientSecret], issued),
      },
    );
    expect(result.code).toBe(EXIT.contradicted);
    expect(issued.length).toBeGreaterThan(0);
    const forms = leakForms([CURATOR.clientSecret, ...issued], [[CURATOR.clientId, CURATOR.clientSecret]]);
    const written = (["junit", "markdown", "html", "overlay"] as const).map(read).join("\n");
    expect(
      leaksIn(written + readFileSync(join(dir, "echo.json"), "utf8") + result.stdout + result.stderr, forms),
    ).toEqual([]);
  });

  it("passes the contradictions a baseline accepts, until their day", async () => {
    const { args, read } = reportPaths({ overlay: false });
    const accepted = CONTRADICTED.map((claim) => ({ claim, reason: "the 2025.1 token endpoint", until: "2999-12-31" }));
    const baseline = baselineFile("accepted.json", { accepted });
    const result = await runInProcess(["conform", "--workflow", SALES.id, "--baseline", baseline, ...args], env(), {
      fetch: drifting(1),
    });
    expect(result.code).toBe(EXIT.ok);
    expect(failuresIn(read("junit"))).toEqual([]);
    expect(read("markdown")).toContain("| accepted by the baseline | 3 |");
    expect(read("markdown")).toContain("### Contradicted, accepted by the baseline");
    expect(result.stdout).toContain("contradicted (accepted)");
  });

  it("fails them again once the day has passed, and says so", async () => {
    const { args, read } = reportPaths({ overlay: false });
    const accepted = CONTRADICTED.map((claim) => ({ claim, reason: "the 2025.1 token endpoint", until: "2000-01-01" }));
    const baseline = baselineFile("expired.json", { accepted });
    const result = await runInProcess(["conform", "--workflow", SALES.id, "--baseline", baseline, ...args], env(), {
      fetch: drifting(1),
    });
    expect(result.code).toBe(EXIT.contradicted);
    expect(failuresIn(read("junit"))).toEqual(CONTRADICTED);
    expect(result.stderr).toContain("The baseline accepted requestToken.bearer until 2000-01-01; that day has passed");
  });
});

describe("conform's report and baseline options", () => {
  const missingFolder = join(dir, "no-such-folder", "report");
  it.each([
    [["--junit"], /--junit needs a value: FILE/],
    [["--junit", join(missingFolder, ".xml")], /--junit takes a file in a folder that exists/],
    [["--markdown", dir], /--markdown takes a file, not the folder/],
    [["--html", join(missingFolder, ".html")], /--html takes a file in a folder that exists/],
    [["--overlay", join(missingFolder, ".yaml")], /--overlay takes a file in a folder that exists/],
    [["--baseline", join(dir, "none.json")], /Baseline .*none\.json: no such file\. Nothing was sent\./],
    [["--baseline", "BASELINE:{ accepted: [] }"], /not JSON/],
    [["--baseline", 'BASELINE:{"accepted":{}}'], /"accepted" must be a list/],
    [
      ["--baseline", 'BASELINE:{"accepted":[{"claim":"requestToken.bearr","reason":"r","until":"2999-12-31"}]}'],
      /"requestToken\.bearr" is not a claim of this run; did you mean "requestToken\.bearer"\?/,
    ],
    [
      ["--baseline", 'BASELINE:{"accepted":[{"claim":"requestToken.bearer","reason":"r","until":"2999-02-29"}]}'],
      /until is "2999-02-29", not a day/,
    ],
  ])("exits 2 with nothing sent for %j", async (given, message) => {
    const args = given.map((arg, i) =>
      arg.startsWith("BASELINE:") ? baselineFile(`bad-${i}-${files++}.json`, arg.slice("BASELINE:".length)) : arg,
    );
    let sent = 0;
    const result = await runInProcess(["conform", "--workflow", SALES.id, ...args], env(), {
      fetch: () => {
        sent += 1;
        return Promise.reject(new Error("nothing may be sent"));
      },
    });
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(EXIT.usage);
    expect(sent).toBe(0);
  });
});
