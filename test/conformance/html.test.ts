// The HTML page, parsed as a browser parses it (parse5), and opened in Debian's Chromium: it
// references nothing outside itself, runs nothing, and shows a hostile server's text as text.
import { type DefaultTreeAdapterTypes, parse } from "parse5";
import { describe, expect, it } from "vitest";
import { toHtml } from "../../src/conformance/html.js";
import { reportText } from "../../src/conformance/text.js";
import { chromiumMissing, launchChromium } from "../helpers/chromium.js";
import { HOSTILE, hostile, mixed } from "./fixtures.js";

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.Document;
type HtmlElement = DefaultTreeAdapterTypes.Element;

function elements(node: Node, out: HtmlElement[] = []): HtmlElement[] {
  if ("tagName" in node) out.push(node);
  const children = "content" in node ? node.content.childNodes : "childNodes" in node ? node.childNodes : [];
  for (const child of children) elements(child, out);
  return out;
}

const text = (node: Node): string =>
  "value" in node && node.nodeName === "#text"
    ? node.value
    : "childNodes" in node
      ? node.childNodes.map(text).join("")
      : "";

/** The page's own elements: anything else came from the server. */
const OWN = new Set("html head meta title style body h1 h2 p table thead tbody tr th td code span br pre".split(" "));
// What could make a browser fetch, navigate or run something.
const REFERENCING = /^(src|srcset|href|xlink:href|action|formaction|poster|background|data|style|on.*)$/;

describe("the HTML page", () => {
  const page = toHtml(mixed);
  const all = elements(parse(page));

  it("uses only its own elements, and none that references anything", () => {
    expect(all.filter((e) => !OWN.has(e.tagName)).map((e) => e.tagName)).toEqual([]);
    const referencing = all.flatMap((e) => e.attrs.filter((a) => REFERENCING.test(a.name)).map((a) => a.name));
    expect(referencing).toEqual([]);
    const style = all
      .filter((e) => e.tagName === "style")
      .map(text)
      .join("");
    expect(style).toContain(".contradicted");
    expect(style).not.toMatch(/@import|url\(/);
  });

  it("forbids the browser from loading anything or running a script", () => {
    const csp = all.find((e) => e.attrs.some((a) => a.value === "Content-Security-Policy"));
    expect(csp?.attrs.find((a) => a.name === "content")?.value).toBe("default-src 'none'; style-src 'unsafe-inline'");
  });

  it("shows every claim in a table of its operation, with its verdict", () => {
    const rows = all.filter(
      (e) => e.tagName === "tr" && e.childNodes.some((c) => "tagName" in c && c.tagName === "td"),
    );
    const claimRows = rows.filter((r) => text(r).includes("the claim "));
    expect(claimRows.map((r) => text(r).split("the claim ")[0])).toEqual(mixed.claims.map((c) => c.id));
    expect(all.filter((e) => e.tagName === "h2").map(text)).toEqual(["getJob", "cancelJob"]);
    const badges = all.filter((e) => e.attrs.some((a) => a.name === "class" && a.value.startsWith("verdict")));
    expect(badges.map(text)).toEqual(["confirmed", "contradicted", "accepted", "not exercised", "inconclusive"]);
    expect(text(all.find((e) => e.tagName === "h1") as HtmlElement)).toBe(
      "Conformance of https://alteryx.example.com: 1 contradiction of the spec",
    );
  });
});

describe("the HTML page of a hostile server", () => {
  const page = toHtml(hostile);
  const all = elements(parse(page));

  it("gains no element and no attribute from the server's text", () => {
    expect(all.filter((e) => !OWN.has(e.tagName)).map((e) => e.tagName)).toEqual([]);
    expect(all.flatMap((e) => e.attrs.filter((a) => REFERENCING.test(a.name)))).toEqual([]);
    expect(page).not.toMatch(/<!--/);
  });

  it("shows the server's text as text, its control characters as visible escapes", () => {
    const cells = all.filter((e) => e.tagName === "td").map(text);
    expect(cells).toContain(reportText(HOSTILE));
    expect(cells.join("")).toContain('<img src="https://evil.example/x.png" onerror="alert(1)">');
  });

  it.skipIf(chromiumMissing)("loads nothing and runs nothing in a browser", async () => {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      await tab.route("**/*", (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      tab.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        return dialog.dismiss();
      });
      await tab.setContent(page, { waitUntil: "load" });
      expect(requests).toEqual([]);
      expect(dialogs).toEqual([]);
      expect(await tab.evaluate(() => document.querySelectorAll("script, img, iframe, link, object").length)).toBe(0);
      // The inline style applies: a contradiction's badge is red.
      const colour = await tab.evaluate(
        () => getComputedStyle(document.querySelector(".verdict.contradicted") as Element).backgroundColor,
      );
      expect(colour).toBe("rgb(255, 235, 233)");
    } finally {
      await browser.close();
    }
  });
});
