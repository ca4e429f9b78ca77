// One text, one place: the site's guides are made from the README's sections, and the pages of
// docs/ written by hand hold none of the README's text.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GUIDES, guidePages } from "../../scripts/lib/guides.js";
import { allSections, githubAnchor, parseSections } from "../../scripts/lib/readme-sections.js";
import { root } from "../../scripts/lib/script.js";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const tracked = execFileSync("git", ["ls-files", "docs"], { cwd: root, encoding: "utf8" }).split("\n").filter(Boolean);

/** The lines of prose worth comparing, outside code: long enough that sharing one is a copy, not a coincidence. */
function prose(markdown: string): Set<string> {
  let fenced = false;
  const lines = markdown.split("\n").filter((line) => {
    const fence = /^\s*(```|~~~)/.test(line);
    if (fence) fenced = !fenced;
    return !fence && !fenced;
  });
  return new Set(
    lines
      .map((line) => line.trim())
      .filter((line) => line.length >= 40 && !line.startsWith("<!--") && !line.startsWith("|---")),
  );
}

describe("the guides", () => {
  it("are made from the README, not kept beside it: docs/ holds only the frame and the landing page", () => {
    expect(tracked.sort()).toEqual(["docs/.vitepress/config.ts", "docs/index.md"]);
    const readmeLines = prose(readme);
    for (const file of tracked.filter((f) => f.endsWith(".md"))) {
      const copied = [...prose(readFileSync(new URL(file, `file://${root}`), "utf8"))].filter((l) =>
        readmeLines.has(l),
      );
      expect(copied, `${file} repeats the README`).toEqual([]);
    }
  });

  it("are the pages npm run docs wrote from this README", () => {
    for (const { guide, markdown } of guidePages(readme)) {
      expect(readFileSync(new URL(`../../docs/guide/${guide.slug}.md`, import.meta.url), "utf8"), guide.slug).toBe(
        markdown,
      );
    }
  });

  it("show every README section they name, with its subsections, in their own words", () => {
    const pages = new Map(guidePages(readme).map((page) => [page.guide.slug, page.markdown]));
    const sections = allSections(parseSections(readme));
    for (const guide of GUIDES) {
      for (const pattern of guide.headings) {
        const section = sections.find((s) => pattern.test(s.heading));
        const body = section?.body.find((line) => line.trim().length >= 40) ?? "";
        expect(pages.get(guide.slug), `${guide.slug}: ${pattern}`).toContain(body);
      }
    }
  });

  it("find a section wherever the README moves it, and say which guide lost one", () => {
    const moved = "# Title\n\n## Other\n\ntext\n\n#### Job outputs\n\nThe outputs, moved and deeper.\n";
    const [outputs] = guidePages(
      moved,
      GUIDES.filter((g) => g.slug === "outputs"),
    );
    expect(outputs?.markdown).toBe("# Job outputs\n\nThe outputs, moved and deeper.\n");
    expect(() => guidePages("# Title\n\n## Something else\n", GUIDES)).toThrow(
      /The guide "Authentication" shows the README section \/\^Authentication\$\/i, which matches none/,
    );
  });

  it("point the README's links to the page that shows their target, and keep the words of the others", () => {
    const text = [
      "# T",
      "## Use the client",
      "See [outputs](#job-outputs), [this](#paging), [the spec](spec/openapi.yaml), [a file](BENCHMARKS.md),",
      "[the layout](#layout) and `[code](#job-outputs)`.",
      "### Paging",
      "```sh",
      "# Job outputs: a comment in a code block is no heading",
      "```",
      "### Job outputs",
      "Bytes.",
      "## Layout",
    ].join("\n\n");
    const guides = GUIDES.filter((g) => g.slug === "client" || g.slug === "outputs");
    const client = guidePages(text, guides).find((p) => p.guide.slug === "client")?.markdown ?? "";
    expect(client).toContain(
      'See [outputs](./outputs.md), [this](#paging), [the spec](/api/openapi.yaml){target="_self"}, a file,\n\nthe layout and `[code](#job-outputs)`.',
    );
    expect(client).toContain("See [Job outputs](./outputs.md).");
    expect(client).not.toContain("Bytes.");
  });

  it("use GitHub's anchors, numbering a repeated heading", () => {
    expect(githubAnchor("Command line: `alteryx-jobs`")).toBe("command-line-alteryx-jobs");
    expect(githubAnchor("Analytic apps: questions, and many runs at once")).toBe(
      "analytic-apps-questions-and-many-runs-at-once",
    );
    const anchors = allSections(parseSections("# A\n## Usage\n## Usage\n")).map((s) => s.anchor);
    expect(anchors).toEqual(["a", "usage", "usage-1"]);
  });
});
