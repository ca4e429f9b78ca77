// The report as Markdown, for a pull request comment or a CI step summary ($GITHUB_STEP_SUMMARY):
// the counts, then a table of each claim that needs a reader (contradicted, accepted by the
// baseline, inconclusive). Every cell is escaped, server text and our own alike, so that nothing
// the server sends can end a row, open a link, an image or an HTML element, or autolink a URL.
import type { ClaimResult, ConformanceReport, Verdict } from "./report.js";
import { isFailure, reportText, runLine, shortened, verdictLine } from "./text.js";

/** How much of one server text a cell shows: a summary is read, not searched; the JSON report has it all. */
export const CELL_CHARS = 300;

// CommonMark lets every ASCII punctuation character be escaped with a backslash, and an escaped
// one is plain text: `\[`, `\<` and `\|` open no link, no HTML and no new cell; an escaped `:`,
// `.` or `@` stops GitHub's autolinks of bare URLs, www. names and e-mail addresses.
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** `text` as one table cell: visible escapes for control characters, then Markdown-escaped, at most {@link CELL_CHARS} characters of it. */
export function markdownCell(text: string): string {
  return reportText(shortened(text, CELL_CHARS)).replace(PUNCTUATION, "\\$&");
}

const row = (cells: string[]) => `| ${cells.join(" | ")} |`;

function table(header: string[], claims: ClaimResult[], cells: (claim: ClaimResult) => string[]): string[] {
  return [row(header), row(header.map(() => "---")), ...claims.map((claim) => row(cells(claim).map(markdownCell)))];
}

const VERDICTS: [Verdict, string][] = [
  ["confirmed", "confirmed"],
  ["contradicted", "contradicted"],
  ["not-exercised", "not exercised"],
  ["inconclusive", "inconclusive"],
];

/**
 * The report as a Markdown summary: a heading that says whether the server contradicts the spec,
 * the count of each verdict, and tables of the contradicted claims (those the baseline accepts in
 * their own table) and the inconclusive ones, with what the spec says and what the server did.
 */
export function toMarkdown(report: ConformanceReport): string {
  const failures = report.claims.filter(isFailure);
  const accepted = report.claims.filter((c) => c.verdict === "contradicted" && c.accepted);
  const inconclusive = report.claims.filter((c) => c.verdict === "inconclusive");
  const lines = [
    `## Conformance of ${markdownCell(report.server.origin)}: ${verdictLine(report)}`,
    "",
    markdownCell(runLine(report)),
    "",
    row(["verdict", "claims"]),
    row(["---", "---:"]),
    ...VERDICTS.map(([key, label]) => row([label, String(report.summary[key])])),
    row(["accepted by the baseline", String(report.summary.accepted)]),
  ];
  const claimCells = (c: ClaimResult) => [c.id, c.operationId, c.provenance, c.expected, c.observed ?? ""];
  const sections: [string, ClaimResult[], string[], (c: ClaimResult) => string[]][] = [
    ["Contradicted", failures, ["claim", "operation", "provenance", "expected", "observed"], claimCells],
    [
      "Contradicted, accepted by the baseline",
      accepted,
      ["claim", "operation", "until", "reason", "observed"],
      (c) => [c.id, c.operationId, c.accepted?.until ?? "", c.accepted?.reason ?? "", c.observed ?? ""],
    ],
    ["Inconclusive", inconclusive, ["claim", "operation", "provenance", "expected", "observed"], claimCells],
  ];
  for (const [title, claims, header, cells] of sections) {
    if (claims.length > 0) lines.push("", `### ${title}`, "", ...table(header, claims, cells));
  }
  return `${lines.join("\n")}\n`;
}
