// `npm run docs -- --conformance report.json`: the API reference marks what a report confirmed or
// contradicted, on the item each claim is about, with the server and the day; the conformance page
// shows every claim, and a report written to attack the page shows as text: rendered here as
// VitePress renders it (its Markdown, then Vue's compiler and server renderer), nothing of it runs,
// links or loads.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createMarkdownRenderer } from "vitepress";
import { describe, expect, it } from "vitest";
import { createSSRApp } from "vue";
import { renderToString } from "vue/server-renderer";
import { conformanceOption } from "../../scripts/docs.js";
import { BADGE_STYLE } from "../../scripts/lib/badges.js";
import { markOf, markReport, withConformanceMarks } from "../../scripts/lib/conformance-marks.js";
import { conformancePage } from "../../scripts/lib/conformance-page.js";
import { withProvenanceBadges } from "../../scripts/lib/provenance.js";
import { type JsonObject, lookUp, readSpec } from "../../scripts/lib/spec.js";
import { type ClaimInfo, listClaims } from "../../src/conformance/index.js";
import type { ClaimResult } from "../../src/conformance/report.js";
import { claim, HOSTILE, report } from "../conformance/fixtures.js";
import { runScript } from "../helpers/run-script.js";
import { useScratch } from "../helpers/scratch.js";

const spec = readSpec();
const scratch = useScratch();
const claims = listClaims();
const title = String((spec.info as JsonObject).title);
const find = (test: (c: ClaimInfo) => boolean, what: string): ClaimInfo => {
  const found = claims.find(test);
  if (!found) throw new Error(`the spec has no ${what}`);
  return found;
};
// A status claim whose response is a reference to a shared one, a property claim, a parameter's
// values, and a behaviour of an operation.
const shared = find((c) => {
  if (!/\.\d{3}$/.test(c.id)) return false;
  return typeof (lookUp(spec, c.pointer) as JsonObject).$ref === "string";
}, "status claim on a shared response");
const property = find((c) => /\.200\.[A-Za-z]+\.[A-Za-z]+$/.test(c.id), "property claim");
const values = find((c) => c.id.endsWith("-values"), "parameter values claim");
const behaviour = find((c) => c.id === "getJob.statuses", "getJob.statuses");
const result = (info: ClaimInfo, overrides: Partial<ClaimResult> & Pick<ClaimResult, "verdict">): ClaimResult =>
  claim({ id: info.id, operationId: info.operationId, provenance: info.provenance, title: info.title, ...overrides });

const run = () => ({
  ...report([
    result(property, { verdict: "confirmed", observed: "as expected" }),
    result(shared, { verdict: "contradicted", observed: "answered with HTML" }),
    result(values, { verdict: "contradicted", accepted: { reason: "fixed in the next release", until: "2099-01-01" } }),
    result(behaviour, { verdict: "not-exercised", observed: "no job" }),
    claim({ id: "renamedJob.200", verdict: "confirmed", operationId: "renamedJob" }),
  ]),
  spec: { title, version: "0.9.0" },
  server: { origin: "https://alteryx.example.com:8443" },
  finishedAt: "2026-11-30T23:59:59.000Z",
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u001b\u202e\ufeff]/;

/** The page as the browser gets it: VitePress's Markdown, then the page compiled and rendered by Vue. */
async function rendered(markdown: string): Promise<string> {
  const md = await createMarkdownRenderer(process.cwd());
  // VitePress lifts a page's <style> out of its template, as a single-file component's own.
  const html = md.render(markdown.replace(/<style>[\s\S]*?<\/style>/g, ""));
  return renderToString(createSSRApp({ template: `<div>${html}</div>` }));
}

describe("a conformance report in the docs site", () => {
  it("matches the report's claims to the spec's items, and keeps those it lacks apart", () => {
    const marked = markReport(run(), spec, claims);
    expect(marked.byPointer.get(property.pointer)?.map((c) => c.id)).toEqual([property.id]);
    expect(marked.unknown.map((c) => c.id)).toEqual(["renamedJob.200"]);
    expect(marked.absent).toHaveLength(claims.length - 4);
    expect(() => markReport({ ...run(), spec: { title: "Another API\u202e", version: "1" } }, spec, claims)).toThrow(
      /checked "Another API\\u202e", not ".+": it is not a report on this spec/,
    );
  });

  it("marks an item contradicted when any claim on it is, accepted when a baseline accepts each, else confirmed", () => {
    const of = (...verdicts: ClaimResult["verdict"][]) => verdicts.map((verdict, i) => claim({ id: `c${i}`, verdict }));
    expect(markOf(of("confirmed", "contradicted"))).toBe("contradicted");
    const accepted = claim({ id: "a", verdict: "contradicted", accepted: { reason: "r", until: "2099-01-01" } });
    expect(markOf([...of("confirmed"), accepted])).toBe("accepted");
    expect(markOf([accepted, ...of("contradicted")])).toBe("contradicted");
    expect(markOf(of("confirmed", "inconclusive"))).toBe("confirmed");
    expect(markOf(of("not-exercised", "inconclusive"))).toBeUndefined();
  });

  it("badges each confirmed or contradicted item beside its provenance, on the checked operation only", () => {
    const marked = markReport(run(), spec, claims);
    const decorated = withConformanceMarks(withProvenanceBadges(readSpec()), marked);
    const badges = (pointer: string) =>
      ((lookUp(decorated, pointer) as JsonObject)["x-badges"] as JsonObject[] | undefined)?.map((b) => b.name);
    expect(badges(property.pointer)?.at(-1)).toBe("confirmed");
    expect(badges(values.pointer)?.at(-1)).toBe("contradicted, accepted");
    // Not exercised: no mark on the operation.
    expect(badges(behaviour.pointer) ?? []).not.toContain("confirmed");
    // The shared response is copied into the checked operation, and marked there after its provenance.
    const response = lookUp(decorated, shared.pointer) as JsonObject;
    expect(response.$ref).toBeUndefined();
    expect(String(response.description)).toMatch(
      /^<span class="provenance-badge [^>]+>[a-z]+<\/span> <span class="conformance-badge tag-red" title="The server contradicted this by https:\/\/alteryx\.example\.com:8443 on 2026-11-30\.">contradicted<\/span> /,
    );
    const ref = String((lookUp(spec, shared.pointer) as JsonObject).$ref);
    expect(String((lookUp(decorated, ref) as JsonObject).description)).not.toContain("conformance-badge");
    const legend = String((decorated.info as JsonObject).description);
    expect(legend).toMatch(
      /^\*\*Checked against a server\.\*\* .*`https:\/\/alteryx\.example\.com:8443` found so on 2026-11-30 \(spec version 0\\\.9\\\.0; 2 confirmed, 2 contradicted;/,
    );
    expect(legend).toContain("1 claim of the run is not a claim of this spec.");
    expect(legend).toContain("](../reference/conformance.html)");
    expect(BADGE_STYLE).toContain(".conformance-badge");
  });

  it("takes the day from the run's timestamp as written, a leap second included", () => {
    const marked = markReport({ ...run(), finishedAt: "2016-12-31T23:59:60Z" }, spec, claims);
    const legend = String((withConformanceMarks(readSpec(), marked).info as JsonObject).description);
    expect(legend).toContain("found so on 2016-12-31");
    expect(conformancePage(marked, spec)).toContain("2016-12-31: 1 contradiction of the spec.");
  });

  it("shows every claim on the page, by operation, with the server, the day and the versions", async () => {
    const page = await rendered(conformancePage(markReport(run(), spec, claims), spec));
    expect(page).toContain("https://alteryx.example.com:8443, 2026-11-30: 1 contradiction of the spec.");
    expect(page).toContain(
      `The run checked version 0.9.0 of the spec; this site shows version ${(spec.info as JsonObject).version}.`,
    );
    for (const c of [property, shared, values, behaviour]) expect(page).toContain(`<code>${c.id}</code>`);
    expect(page).toMatch(/<h2[^>]*>Claims this spec does not have[\s\S]*renamedJob\.200/);
    expect(page).toMatch(/<h2[^>]*>Claims the report does not have/);
    expect(page).toContain('href="/api/index.html#/');
  });

  it("shows a hostile report's text as text: nothing runs, links, loads or is interpolated, and long text is cut", async () => {
    const attack = `{{ 6*7 }} ${HOSTILE} [x](javascript:alert(1)) <a href="javascript:alert(1)">x</a> ${"A".repeat(5000)}`;
    const hostile = run();
    hostile.claims = hostile.claims.map((c) => ({
      ...c,
      title: attack,
      expected: attack,
      observed: attack,
      evidence: [{ method: "GET", path: `/v3/{{ 6*7 }}${attack}`, status: 200, bodyStart: attack }],
      ...(c.accepted ? { accepted: { reason: attack, until: "2099-01-01" } } : {}),
    }));
    hostile.claims.push(claim({ id: `{{ 6*7 }}${attack}`, verdict: "confirmed", operationId: attack, title: attack }));
    hostile.tool = { name: attack, version: attack };
    const page = await rendered(conformancePage(markReport(hostile, spec, claims), spec));
    expect(page).toContain("{{ 6*7 }}");
    expect(page).not.toContain("42");
    expect(page).not.toMatch(/<script|<img|<injected|<!--|\son[a-z]+="/i);
    expect(page).not.toMatch(/href="(javascript:|https:\/\/evil)/);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).toContain("\\x1b[2J");
    expect(page).toContain("\\u202e\\u200b\\ufeff");
    // (VitePress's own heading anchors hold a zero-width space; the report's are escapes.)
    expect(page).not.toMatch(INVISIBLE);
    expect(page).not.toMatch(/A{301}/);
  });

  it("takes the report's path from where npm was started, and refuses a bad one before anything is built", () => {
    const scratchDir = scratch();
    writeFileSync(join(scratchDir, "run.json"), JSON.stringify(run()));
    expect(conformanceOption(["--conformance", "run.json"], scratchDir)?.report.server.origin).toBe(
      "https://alteryx.example.com:8443",
    );
    expect(conformanceOption([], scratchDir)).toBeUndefined();
    expect(() => conformanceOption(["--conformence", "run.json"], scratchDir)).toThrow(
      /Unknown option '--conformence'/,
    );
    expect(() => conformanceOption(["--conformance"], scratchDir)).toThrow(/argument missing/);
  });

  it("as a command, exits 2 naming the problem, and builds nothing", () => {
    const scratchDir = scratch();
    writeFileSync(
      join(scratchDir, "other.json"),
      JSON.stringify({ ...run(), spec: { title: "Another API", version: "1" } }),
    );
    const missing = runScript("scripts/docs.ts", ["--conformance", join(scratchDir, "nope.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(
      `Conformance report ${join(scratchDir, "nope.json")}: no such file.\nNothing was built.`,
    );
    const other = runScript("scripts/docs.ts", ["--conformance", join(scratchDir, "other.json")]);
    expect(other.status).toBe(2);
    expect(other.stderr).toContain('checked "Another API"');
    expect(other.stdout).toBe("");
  });
});
