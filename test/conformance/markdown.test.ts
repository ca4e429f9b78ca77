// The Markdown summary, rendered as GitHub renders it (GFM: tables, autolinks of bare URLs, raw
// HTML let through so that any would show), then read back cell by cell.
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { markdownCell, toMarkdown } from "../../src/conformance/markdown.js";
import { reportText } from "../../src/conformance/text.js";
import { claim, HOSTILE, hostile, mixed, report } from "./fixtures.js";

const render = (markdown: string) =>
  micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });

const decode = (html: string) =>
  html.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

/** Each table of the rendered page, as rows of cell texts (header row first). */
function tables(html: string): string[][][] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, table]) =>
    [...(table as string).matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, tr]) =>
      [...(tr as string).matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) => decode(cell as string)),
    ),
  );
}

describe("the Markdown summary", () => {
  const html = render(toMarkdown(mixed));
  const [counts, contradicted, accepted, inconclusive] = tables(html);

  it("says in its heading whether the server contradicts the spec", () => {
    expect(html).toContain("<h2>Conformance of https://alteryx.example.com: 1 contradiction of the spec</h2>");
    const clean = report([claim({ id: "a", verdict: "confirmed" })]);
    expect(render(toMarkdown(clean))).toContain(": no contradiction of the spec</h2>");
  });

  it("counts each verdict and the accepted contradictions", () => {
    expect(counts).toEqual([
      ["verdict", "claims"],
      ["confirmed", "1"],
      ["contradicted", "2"],
      ["not exercised", "1"],
      ["inconclusive", "1"],
      ["accepted by the baseline", "1"],
    ]);
  });

  it("lists the contradictions no baseline accepts, with what was expected and observed", () => {
    expect(contradicted).toEqual([
      ["claim", "operation", "provenance", "expected", "observed"],
      [
        "getJob.createDate.type",
        "getJob",
        "inferred",
        "createDate: string (date-time)",
        "createDate missing; created: string",
      ],
    ]);
  });

  it("lists the accepted contradictions with the baseline's date and reason, and the inconclusive claims", () => {
    expect(accepted?.[1]).toEqual([
      "getJob.messages.omitted",
      "getJob",
      "2025-06-30",
      "fixed in 2025.2",
      "messages: []",
    ]);
    expect(inconclusive?.slice(1).map((r) => r[0])).toEqual(["cancelJob.running"]);
  });

  it("leaves out a table with no row", () => {
    const clean = report([claim({ id: "a", verdict: "confirmed" })]);
    expect(tables(render(toMarkdown(clean)))).toHaveLength(1);
  });
});

describe("the Markdown summary of a hostile server", () => {
  const markdown = toMarkdown(hostile);
  const html = render(markdown);

  it("keeps every row to its cells, and opens no link, image or HTML element", () => {
    const [, contradicted, inconclusive] = tables(html);
    expect(contradicted?.map((r) => r.length)).toEqual([5, 5]);
    expect(inconclusive?.map((r) => r.length)).toEqual([5, 5]);
    // The server's `<` arrive as `&lt;`: every tag left is one of the summary's own.
    const tags = new Set([...html.matchAll(/<\/?([^>]*)>/g)].map(([, tag]) => tag ?? ""));
    const own = ["h2", "p", "h3", "table", "thead", "tr", "th", "tbody", "td", `th align="right"`, `td align="right"`];
    expect([...tags].filter((tag) => !own.includes(tag))).toEqual([]);
  });

  it("shows the server's text as it was sent, its control characters as visible escapes", () => {
    const observed = tables(html)[1]?.[1]?.[4];
    expect(observed).toBe(reportText(HOSTILE));
    expect(observed).toContain("[click](https://evil.example)");
  });

  it("shows a long text only in part", () => {
    const long = render(markdownCell("x".repeat(10_000)));
    expect(decode(long)).toBe(`<p>${"x".repeat(300)}…</p>`);
  });

  it("keeps a backslash before a pipe from ending the cell", () => {
    expect(
      tables(
        render(toMarkdown(report([claim({ id: "a", verdict: "contradicted", observed: "a\\|b\\\\|c" })]))),
      )[1]?.[1]?.[4],
    ).toBe("a\\|b\\\\|c");
  });
});
