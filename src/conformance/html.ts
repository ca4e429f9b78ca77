// The report as one HTML page that needs nothing else: its style is inline, it has no script,
// and it loads nothing from anywhere (its Content-Security-Policy forbids it too, should a
// browser ever be handed markup we did not write). Every text, server text above all, is
// HTML-escaped after `reportText`, so what the server sent is shown, never run.
import type { ClaimResult, ConformanceReport, Verdict } from "./report.js";
import { byOperation, evidenceLine, reportText, runLine, verdictLine } from "./text.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** `text` as HTML text or an attribute value: visible escapes for control characters, then the five HTML entities. */
export function htmlText(text: string): string {
  return reportText(text).replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}

/** How a verdict looks: a coloured pill, in any page that shows claim tables. */
export const VERDICT_STYLE = `
.verdict { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-weight: 600; white-space: nowrap; }
.confirmed { background: #dafbe1; color: #116329; }
.contradicted { background: #ffebe9; color: #a40e26; }
.accepted { background: #fff8c5; color: #7d4e00; }
.not-exercised, .inconclusive { background: #eaeef2; color: #424a53; }
`;

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
${VERDICT_STYLE}
.counts td:last-child { text-align: right; }
code, pre { font: 12px/1.4 ui-monospace, monospace; }
pre { white-space: pre-wrap; margin: 0; }
`;

const LABELS: Record<Verdict, string> = {
  confirmed: "confirmed",
  contradicted: "contradicted",
  "not-exercised": "not exercised",
  inconclusive: "inconclusive",
};

function badge(claim: ClaimResult): string {
  if (claim.verdict === "contradicted" && claim.accepted)
    return `<span class="verdict accepted" title="${htmlText(`accepted until ${claim.accepted.until}: ${claim.accepted.reason}`)}">accepted</span>`;
  return `<span class="verdict ${claim.verdict}">${LABELS[claim.verdict]}</span>`;
}

function claimRow(claim: ClaimResult): string {
  const evidence = claim.evidence.map((e) => htmlText(evidenceLine(e))).join("\n");
  const accepted = claim.accepted
    ? `<br>accepted by the baseline until ${htmlText(claim.accepted.until)}: ${htmlText(claim.accepted.reason)}`
    : "";
  return [
    "<tr>",
    `<td><code>${htmlText(claim.id)}</code><br>${htmlText(claim.title)}</td>`,
    `<td>${badge(claim)}${accepted}</td>`,
    `<td>${htmlText(claim.provenance)}</td>`,
    `<td>${htmlText(claim.expected)}</td>`,
    `<td>${htmlText(claim.observed ?? "")}</td>`,
    `<td>${evidence ? `<pre>${evidence}</pre>` : ""}</td>`,
    "</tr>",
  ].join("");
}

/**
 * A table of claims, each with its verdict, provenance, what the spec says, what the server did
 * and the requests behind it; every text escaped. No line of it is blank, so that Markdown takes
 * it whole as one HTML block.
 */
export function claimTable(claims: readonly ClaimResult[]): string {
  const head =
    "<table><thead><tr><th>claim</th><th>verdict</th><th>provenance</th>" +
    "<th>expected</th><th>observed</th><th>evidence</th></tr></thead>";
  return [head, "<tbody>", ...claims.map(claimRow), "</tbody></table>"].join("\n");
}

/**
 * The report as one self-contained HTML page: the counts, then a table per operation of every
 * claim with its verdict, provenance, what the spec says, what the server did and the requests
 * behind it. Nothing is loaded from elsewhere and nothing runs.
 */
export function toHtml(report: ConformanceReport): string {
  const title = `Conformance of ${report.server.origin}`;
  const counts = (Object.keys(LABELS) as Verdict[])
    .map((verdict) => `<tr><td>${LABELS[verdict]}</td><td>${report.summary[verdict]}</td></tr>`)
    .join("");
  const operations = [...byOperation(report.claims)].map(
    ([operationId, claims]) => `<h2><code>${htmlText(operationId)}</code></h2>\n${claimTable(claims)}`,
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${htmlText(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${htmlText(`${title}: ${verdictLine(report)}`)}</h1>
<p>${htmlText(runLine(report))}</p>
<table class="counts"><thead><tr><th>verdict</th><th>claims</th></tr></thead><tbody>${counts}<tr><td>accepted by the baseline</td><td>${report.summary.accepted}</td></tr></tbody></table>
${operations.join("\n")}
</body>
</html>
`;
}
