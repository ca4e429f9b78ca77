// `npm run docs -- --conformance report.json`: the API reference marks each spec item a
// conformance report confirmed or contradicted. A report's claims are matched to the spec's by id
// (listClaims() says which item each is about); a claim the spec does not have is listed on the
// conformance page, never guessed onto an item. Of the report only the verdicts, the checked
// origin (an http(s) origin, as readReport holds it) and the day reach the badges and the legend.
import type { ClaimInfo } from "../../src/conformance/index.js";
import { markdownCell } from "../../src/conformance/markdown.js";
import type { ClaimResult, ConformanceReport } from "../../src/conformance/report.js";
import { reportText, shortened } from "../../src/conformance/text.js";
import { addBadge, type Badge, badgeKind } from "./badges.js";
import { CONFORMANCE_PAGE } from "./reference-pages.js";
import { type JsonObject, lookUp, pointerKeys, pointerOf } from "./spec.js";

/** A report matched to the spec the site shows. */
export interface MarkedReport {
  report: ConformanceReport;
  /** The spec's claims by id. */
  claims: Map<string, ClaimInfo>;
  /** The report's claims the spec has, by the spec item each is about, in report order. */
  byPointer: Map<string, ClaimResult[]>;
  /** The report's claims the spec does not have (the report is of another version of it). */
  unknown: ClaimResult[];
  /** The spec's claims the report does not have. */
  absent: ClaimInfo[];
}

/**
 * Matches the report's claims to the spec's.
 * @param claims The spec's claims (listClaims() of the spec shown).
 * @throws Error when the report is of another API: its spec's title is not the spec's.
 */
export function markReport(report: ConformanceReport, spec: JsonObject, claims: readonly ClaimInfo[]): MarkedReport {
  const title = String((spec.info as JsonObject).title);
  if (report.spec.title !== title) {
    throw new Error(
      `The conformance report checked ${reportText(JSON.stringify(shortened(report.spec.title, 100)))}, not ${JSON.stringify(title)}: it is not a report on this spec.`,
    );
  }
  const byId = new Map(claims.map((claim) => [claim.id, claim]));
  const byPointer = new Map<string, ClaimResult[]>();
  const unknown: ClaimResult[] = [];
  for (const result of report.claims) {
    const claim = byId.get(result.id);
    if (!claim) {
      unknown.push(result);
      continue;
    }
    byPointer.set(claim.pointer, [...(byPointer.get(claim.pointer) ?? []), result]);
  }
  const reported = new Set(report.claims.map((c) => c.id));
  return { report, claims: byId, byPointer, unknown, absent: claims.filter((c) => !reported.has(c.id)) };
}

/** What an item is marked: contradicted when any of its claims is (accepted when a baseline accepts each), else confirmed when one is. */
export type Mark = "contradicted" | "accepted" | "confirmed";

/** The mark of an item from its claims' verdicts; undefined when none was confirmed or contradicted. */
export function markOf(results: readonly ClaimResult[]): Mark | undefined {
  const contradicted = results.filter((r) => r.verdict === "contradicted");
  if (contradicted.some((r) => !r.accepted)) return "contradicted";
  if (contradicted.length > 0) return "accepted";
  return results.some((r) => r.verdict === "confirmed") ? "confirmed" : undefined;
}

const MARK_BADGES: Record<Mark, Pick<Badge, "name" | "color">> = {
  confirmed: { name: "confirmed", color: "turquoise" },
  contradicted: { name: "contradicted", color: "red" },
  accepted: { name: "contradicted, accepted", color: "orange" },
};

/**
 * The day a run ended, as its timestamp writes it: `2026-12-03`. Read from the text, which the
 * report's schema holds to RFC 3339, because `Date` refuses some of its valid forms (a leap second).
 */
export const reportDay = (report: ConformanceReport): string => report.finishedAt.slice(0, 10);

/** The badge of a mark: its words, and where and when the server was checked. */
export function markBadge(mark: Mark, report: ConformanceReport): Badge {
  const by = `by ${report.server.origin} on ${reportDay(report)}`;
  const description = {
    confirmed: `The server confirmed this ${by}.`,
    contradicted: `The server contradicted this ${by}.`,
    accepted: `The server contradicted this ${by}; a baseline accepts it for now.`,
  }[mark];
  return { ...MARK_BADGES[mark], description, className: "conformance-badge" };
}

/** The maps whose references are copied in before their entry is marked: the mark is of this operation's entry, not of a shared one. */
const OWN_ENTRY = new Set(["responses", "parameters"]);

/**
 * The spec with each item the report confirmed or contradicted marked with a badge beside its
 * provenance badge, and a legend at the start of its description naming the server and the day.
 * A response or parameter that is a reference is copied into the operation first, so that the
 * mark shows on the operation that was checked only. Changes `spec` and returns it.
 */
export function withConformanceMarks(spec: JsonObject, marked: MarkedReport): JsonObject {
  for (const [pointer, results] of marked.byPointer) {
    const mark = markOf(results);
    if (!mark) continue;
    let node = lookUp(spec, pointer) as JsonObject;
    if (typeof node.$ref === "string" && OWN_ENTRY.has(pointerKeys(pointer).at(-2) ?? "")) {
      node = structuredClone(resolved(spec, node));
      const keys = pointerKeys(pointer);
      const parent = lookUp(spec, pointerOf(keys.slice(0, -1))) as JsonObject;
      parent[keys.at(-1) as string] = node;
    }
    addBadge(node, badgeKind(pointer), markBadge(mark, marked.report));
  }
  const info = spec.info as JsonObject;
  info.description = `${conformanceLegend(marked)}\n\n${String(info.description ?? "")}`;
  return spec;
}

/** A node with its `$ref` chain followed. */
function resolved(spec: JsonObject, node: JsonObject): JsonObject {
  let current = node;
  for (let depth = 0; depth < 32 && typeof current.$ref === "string"; depth++) {
    current = lookUp(spec, current.$ref) as JsonObject;
  }
  return current;
}

/** What the API reference says of the marks, first in its introduction. */
function conformanceLegend({ report, unknown }: MarkedReport): string {
  const version = markdownCell(report.spec.version);
  const counts = (["confirmed", "contradicted"] as const).map((v) => `${report.summary[v]} ${v}`).join(", ");
  return [
    `**Checked against a server.** The items marked *confirmed* or *contradicted* are those a`,
    `conformance run of \`${report.server.origin}\` found so on ${reportDay(report)} (spec version ${version}; ${counts};`,
    `an item shared by several claims is marked contradicted when any of them is).`,
    unknown.length === 0
      ? ""
      : unknown.length === 1
        ? "1 claim of the run is not a claim of this spec."
        : `${unknown.length} claims of the run are not claims of this spec.`,
    `The [conformance page](../${CONFORMANCE_PAGE.slug}.html) lists every claim, with what the server did.`,
  ]
    .filter(Boolean)
    .join(" ");
}
