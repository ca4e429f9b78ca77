// Server text (observed values, bodies, messages) in a report. Every format shows it through
// `reportText` first, then applies its own escaping (XML, Markdown, HTML): control and invisible
// characters become visible escapes, as on the terminal, and what XML 1.0 cannot carry at all
// (lone surrogate halves, U+FFFE, U+FFFF) becomes a visible escape too, so a report is always
// well-formed whatever the server sent.
import { escapeText } from "../core/escape.js";
import type { ClaimResult, ConformanceReport, Evidence } from "./report.js";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NONCHARACTER = /[\ufffe\uffff]/g;
const hex = (char: string) => `\\u${(char.codePointAt(0) as number).toString(16).padStart(4, "0")}`;

/** `text` with every character a reader cannot see, or XML cannot hold, as a visible escape. */
export function reportText(text: string): string {
  return escapeText(text).replace(LONE_SURROGATE, hex).replace(NONCHARACTER, hex);
}

/** `text` cut to its first `max` characters (code points), with `…` when something was cut. */
export function shortened(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : text;
}

/** One request behind a verdict, on one line: `GET /v3/jobs/abc → 200: {"id":…`. */
export function evidenceLine(evidence: Evidence): string {
  const status = evidence.status === undefined ? "no answer" : String(evidence.status);
  const body = evidence.bodyStart ? `: ${evidence.bodyStart}` : "";
  return reportText(`${evidence.method} ${evidence.path} → ${status}${body}`);
}

/** A contradiction no baseline accepts: what makes a run fail. */
export const isFailure = (claim: ClaimResult): boolean => claim.verdict === "contradicted" && !claim.accepted;

/** The claims grouped by operation, operations in the order they first appear. */
export function byOperation(claims: readonly ClaimResult[]): Map<string, ClaimResult[]> {
  const groups = new Map<string, ClaimResult[]>();
  for (const claim of claims) {
    const group = groups.get(claim.operationId);
    if (group) group.push(claim);
    else groups.set(claim.operationId, [claim]);
  }
  return groups;
}

/** What a report's heading says of the run: `2 contradictions of the spec`, or `no contradiction of the spec`. */
export function verdictLine(report: ConformanceReport): string {
  const failures = report.claims.filter(isFailure).length;
  if (failures === 0) return "no contradiction of the spec";
  return `${failures} contradiction${failures === 1 ? "" : "s"} of the spec`;
}

/** What was checked, by what, when, and how: the line under a report's heading. */
export function runLine(report: ConformanceReport): string {
  return (
    `${report.spec.title} ${report.spec.version}, checked by ${report.tool.name} ${report.tool.version} ` +
    `from ${report.startedAt} to ${report.finishedAt}: ${report.requests} requests, ` +
    `${report.allowWrites ? "with writes" : "read-only"}.`
  );
}
