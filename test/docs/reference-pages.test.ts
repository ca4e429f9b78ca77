// The index pages of the two references, which make them findable by the site's search: "API
// operations" lists every operation of the spec, "Library index" every export of every entry of
// the library reference. Counted from their sources: the spec's operations, each entry module's
// runtime exports, and the pages TypeDoc wrote for each module (types included).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apiReferenceHref, operationsPage } from "../../scripts/lib/api-operations.js";
import {
  EXPORT_KINDS,
  libraryEntries,
  libraryIndexPage,
  libraryReferenceHref,
  referenceEntryPoints,
} from "../../scripts/lib/library-index.js";
import { LIBRARY_PAGE, OPERATIONS_PAGE } from "../../scripts/lib/reference-pages.js";
import { root } from "../../scripts/lib/script.js";
import { firstSentence, outsideLink, pageText } from "../../scripts/lib/site-text.js";
import { dereference, type JsonObject, listOperations, readSpec } from "../../scripts/lib/spec.js";

const spec = readSpec();
const operations = listOperations(dereference(spec) as JsonObject);
const written = (slug: string) => readFileSync(join(root, "docs", `${slug}.md`), "utf8");
const entries = libraryEntries();

/** The part of a page from a heading line to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  const start = lines.indexOf(heading);
  if (start < 0) return "";
  const level = /^#+/.exec(heading)?.[0].length ?? 1;
  const end = lines.findIndex(
    (line, i) => i > start && /^#+ /.test(line) && (/^#+/.exec(line)?.[0].length ?? 0) <= level,
  );
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

describe("the API operations page", () => {
  const page = operationsPage(spec);

  it("is the page npm run docs wrote from this spec", () => {
    expect(written(OPERATIONS_PAGE.slug)).toBe(page);
  });

  it("shows every operation of the spec: method, path, summary, a sentence, its parameters, its answers, its place in the API reference", () => {
    const headings = page.split("\n").filter((line) => line.startsWith("### "));
    expect(headings).toHaveLength(operations.length);
    for (const op of operations) {
      const mine = section(page, `### ${op.node.summary} {#${op.operationId}}`);
      expect(mine, op.operationId).toContain(`\`${op.method.toUpperCase()} ${op.path}\` · \`${op.operationId}\``);
      expect(mine, op.operationId).toContain(outsideLink("in the API reference", apiReferenceHref(op)));
      expect(mine, op.operationId).toContain(firstSentence(String(op.node.description)));
      for (const p of op.node.parameters as JsonObject[])
        expect(mine, `${op.operationId} ${p.name}`).toContain(`| \`${p.name}\` | ${p.in} |`);
      for (const status of Object.keys(op.node.responses as JsonObject))
        expect(mine, op.operationId).toContain(`\`${status}\``);
    }
    expect(section(page, "### Run a workflow {#runWorkflow}")).toContain("| `questions` | `object[]` | no |");
  });

  it("addresses an operation in the API reference as Redoc's sidebar does", () => {
    const cancel = operations.find((op) => op.operationId === "cancelJob");
    expect(cancel && apiReferenceHref(cancel)).toBe("/api/index.html#/jobs/canceljob");
  });
});

describe("the library index", () => {
  const page = libraryIndexPage(entries);

  it("is the page npm run docs wrote from these sources", () => {
    expect(written(LIBRARY_PAGE.slug)).toBe(page);
  });

  it("has every entry point of the library reference, and every value each exports at run time", async () => {
    expect(entries.map((e) => e.file)).toEqual(referenceEntryPoints());
    for (const entry of entries) {
      const slug = entry.module.replace(/\//g, "_");
      const mine = section(page, `## ${entry.module} {#${slug}}`);
      const values = Object.keys(await import(join(root, entry.file)));
      expect(values.length, entry.file).toBeGreaterThan(0);
      for (const name of values) expect(mine, `${entry.module}: ${name}`).toContain(`#### ${name} {#${slug}.${name}}`);
    }
  });

  it("links each export to its page in the library reference, and misses none of TypeDoc's pages", (context) => {
    const lib = join(root, "site", "lib");
    if (!existsSync(lib)) return context.skip("site/lib is not built (npm run docs)");
    const linked = new Set([...page.matchAll(/\]\((\/lib\/[^)]+)\)/g)].map((m) => m[1]));
    for (const entry of entries) {
      const slug = entry.module.replace(/\//g, "_");
      // TypeDoc's page of an export is <folder>/<module>.<name>.html; a namespace's members have one dot more.
      const pages = EXPORT_KINDS.flatMap(({ folder }) =>
        existsSync(join(lib, folder))
          ? readdirSync(join(lib, folder))
              .filter((file) => {
                const name = file.startsWith(`${slug}.`) ? file.slice(slug.length + 1, -".html".length) : "";
                return name !== "" && !name.includes(".");
              })
              .map((file) => `/lib/${folder}/${file}`)
          : [],
      );
      const own = entry.exports.filter((e) => !e.home).map((e) => libraryReferenceHref(entry.module, e));
      expect(own.sort(), entry.module).toEqual(pages.sort());
      // An export an earlier entry has too leads to that entry's page of it, as TypeDoc's reference does.
      const all = entry.exports.map((e) => libraryReferenceHref(entry.module, e));
      for (const href of [...all, libraryReferenceHref(entry.module)]) {
        expect(linked, href).toContain(href);
        expect(existsSync(join(root, "site", href)), href).toBe(true);
      }
    }
  });

  it("gives each export the first sentence of its TSDoc", () => {
    const main = entries.find((e) => e.module === "alteryx-jobs");
    const error = main?.exports.find((e) => e.name === "UnexpectedResponseError");
    expect(error).toMatchObject({ kind: "class" });
    expect(error?.summary).toMatch(/^[A-Z].*\.$/);
    expect(page).toContain(
      `${outsideLink("`UnexpectedResponseError`", "/lib/classes/alteryx-jobs.UnexpectedResponseError.html")}: ${error?.summary}`,
    );
    const namespace = entries
      .find((e) => e.module === "alteryx-jobs/raw")
      ?.exports.find((e) => e.name === "schemaValues");
    expect(namespace).toEqual({
      name: "schemaValues",
      kind: "namespace",
      summary: expect.stringMatching(/value lists/),
    });
  });
});

describe("text from the spec and TSDoc on a page", () => {
  it("is cut at the first sentence, not at a dot inside code or a word", () => {
    expect(firstSentence("Reads `a.b` twice. Then more.")).toBe("Reads `a.b` twice.");
    expect(firstSentence("Version 2.1 of it\nwraps.\n\nSecond paragraph.")).toBe("Version 2.1 of it wraps.");
    expect(firstSentence("No end at all")).toBe("No end at all");
  });

  it("keeps tags and interpolation out of VitePress's templates, and code as it is", () => {
    expect(pageText("A Promise<Job> or `Promise<Job>`")).toBe("A Promise&lt;Job&gt; or `Promise<Job>`");
    expect(pageText("a {{ b }}")).toBe("<span v-pre>a {{ b }}</span>");
  });
});
