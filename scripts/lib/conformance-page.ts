// The site's conformance page (`npm run docs -- --conformance report.json`): what a run found, by
// operation, with every claim's verdict, what the spec says, what the server did and the requests
// behind it, then the claims of the report the spec does not have, and the reverse.
//
// Everything the report says is the server's text, or may be: it goes into the page only as the
// HTML of the report's own HTML format (every text escaped after control characters are made
// visible), inside an element with `v-pre`, so that Vue, which compiles the page, runs no `{{ }}`
// of it, and in HTML blocks with no blank line, so that Markdown reads no link or heading in it.
import { claimTable, htmlText, VERDICT_STYLE } from "../../src/conformance/html.js";
import { CELL_CHARS } from "../../src/conformance/markdown.js";
import type { ClaimResult, Verdict } from "../../src/conformance/report.js";
import { VERDICTS } from "../../src/conformance/report.js";
import { runLine, shortened, verdictLine } from "../../src/conformance/text.js";
import { apiReferenceHref } from "./api-operations.js";
import { type MarkedReport, reportDay } from "./conformance-marks.js";
import { CONFORMANCE_PAGE } from "./reference-pages.js";
import { outsideLink, pageText } from "./site-text.js";
import { dereference, type JsonObject, listOperations } from "./spec.js";

/** HTML of ours around the report's escaped text, kept from Vue's template syntax. */
const verbatim = (html: string) => `<div v-pre class="conformance">\n${html}\n</div>`;

const LABELS: Record<Verdict, string> = {
  confirmed: "confirmed",
  contradicted: "contradicted",
  "not-exercised": "not exercised",
  inconclusive: "inconclusive",
};

const short = (text: string) => shortened(text, CELL_CHARS);

/** A claim with each of its texts cut to what a cell shows: a page is read, the JSON report has it all. */
function cut(claim: ClaimResult): ClaimResult {
  return {
    ...claim,
    id: short(claim.id),
    operationId: short(claim.operationId),
    title: short(claim.title),
    expected: short(claim.expected),
    ...(claim.observed === undefined ? {} : { observed: short(claim.observed) }),
    evidence: claim.evidence.slice(0, 3).map((e) => ({
      ...e,
      method: short(e.method),
      path: short(e.path),
      ...(e.bodyStart === undefined ? {} : { bodyStart: short(e.bodyStart) }),
    })),
    ...(claim.accepted ? { accepted: { reason: short(claim.accepted.reason), until: claim.accepted.until } } : {}),
  };
}

/** The conformance page's Markdown. */
export function conformancePage(marked: MarkedReport, spec: JsonObject): string {
  const { claims, unknown, absent } = marked;
  const report = {
    ...marked.report,
    tool: { name: short(marked.report.tool.name), version: short(marked.report.tool.version) },
    spec: { title: marked.report.spec.title, version: short(marked.report.spec.version) },
  };
  const specVersion = String((spec.info as JsonObject).version);
  const lines = [
    `# ${CONFORMANCE_PAGE.title}`,
    "",
    verbatim(
      [
        `<p><strong>${htmlText(`${report.server.origin}, ${reportDay(report)}: ${verdictLine(report)}.`)}</strong></p>`,
        `<p>${htmlText(runLine(report))}</p>`,
        report.spec.version === specVersion
          ? ""
          : `<p>${htmlText(`The run checked version ${report.spec.version} of the spec; this site shows version ${specVersion}.`)}</p>`,
      ]
        .filter(Boolean)
        .join("\n"),
    ),
    "",
    "The API reference marks each item a claim of the run confirmed or contradicted, beside its provenance.",
    "",
    "| verdict | claims |",
    "|---|---:|",
    ...VERDICTS.map((v) => `| ${LABELS[v]} | ${report.summary[v]} |`),
    `| accepted by the baseline | ${report.summary.accepted} |`,
  ];
  const known = new Map<string, ClaimResult[]>();
  for (const result of report.claims) {
    const operationId = claims.get(result.id)?.operationId;
    if (operationId !== undefined) known.set(operationId, [...(known.get(operationId) ?? []), result]);
  }
  /** A section of the page: its heading, a line of ours, then its body. */
  const section = (heading: string, intro: string, body: string[]) =>
    lines.push("", `## ${heading}`, "", intro, "", ...body);
  for (const op of listOperations(dereference(spec) as JsonObject)) {
    const results = known.get(op.operationId);
    if (!results) continue;
    const where = `\`${op.method.toUpperCase()} ${op.path}\`: ${outsideLink("in the API reference", apiReferenceHref(op))}`;
    section(pageText(op.operationId), where, [verbatim(claimTable(results.map(cut)))]);
  }
  if (unknown.length > 0) {
    section(
      "Claims this spec does not have",
      "The run judged these claims, which the spec this site shows does not state (the run was of another version of it).",
      [verbatim(claimTable(unknown.map(cut)))],
    );
  }
  if (absent.length > 0) {
    section(
      "Claims the report does not have",
      "The spec states these claims, which the run did not judge.",
      absent.map((claim) => `- \`${claim.id}\`: ${pageText(claim.title)}`),
    );
  }
  lines.push(
    "",
    `<style>${VERDICT_STYLE}.conformance table { font-size: 13px; } .conformance td { vertical-align: top; overflow-wrap: anywhere; }</style>`,
  );
  return `${lines.join("\n")}\n`;
}
