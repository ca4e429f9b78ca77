// `npm run docs`: the documentation site in site/ (build output, not committed): VitePress's
// pages (the landing page, the guides made from the README, errors and exit codes, the API
// changelog, the index pages of both references, with local search), the API reference (Redoc, with samples for every operation),
// the library reference (TypeDoc) and the Postman collection. The four are built side by side.
// `--conformance FILE` adds a conformance report: its marks in the API reference, and its page.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { listClaims, readReport } from "../src/conformance/index.js";
import { operationsPage } from "./lib/api-operations.js";
import { withBadgeStyle } from "./lib/badges.js";
import { codeSamples, SAMPLE_LANGUAGES } from "./lib/code-samples.js";
import { type MarkedReport, markReport, withConformanceMarks } from "./lib/conformance-marks.js";
import { conformancePage } from "./lib/conformance-page.js";
import { guidePages } from "./lib/guides.js";
import { libraryIndexPage } from "./lib/library-index.js";
import { withProvenanceBadges } from "./lib/provenance.js";
import { CONFORMANCE_PAGE, LIBRARY_PAGE, OPERATIONS_PAGE, type ReferencePage } from "./lib/reference-pages.js";
import { bin, isMain, root, withScratch } from "./lib/script.js";
import { changelogPage, errorsPage } from "./lib/site-pages.js";
import { dereference, HTTP_METHODS, type JsonObject, listOperations, readSpec, specPath } from "./lib/spec.js";
import { writeCollection } from "./postman.js";

const rootUrl = new URL("../", import.meta.url);
const site = new URL("site/", rootUrl);
const docsDir = new URL("docs/", rootUrl);
const guideDir = new URL("guide/", docsDir);

/** Runs a tool of node_modules/.bin, its errors shown as they come. */
function run(name: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    spawn(bin(name), args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] })
      .once("error", reject)
      .once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}`))));
  });
}

/** What the reference says of its samples, before the spec's own introduction. */
const SAMPLES_NOTE = `**Samples.** Each operation has a TypeScript, a command-line and a curl sample. Each reads the
server and the API key from the environment, as the \`alteryx-jobs\` command does:
\`ALTERYX_BASE_URL\` (\`https://host/webapi\`), \`ALTERYX_CLIENT_ID\` and \`ALTERYX_CLIENT_SECRET\`, and, for
curl, a token in \`ALTERYX_TOKEN\` (the *Get an access token* sample gets one). The IDs in them are
the spec's examples, which the sandbox's default fixture holds: with \`npx alteryx-jobs sandbox\`
running and the \`export\` line it prints pasted, every sample runs as it is.

`;

/** The spec with `x-codeSamples` on every operation, as Redoc reads them, and a word on them. */
export function specWithSamples(spec: JsonObject = readSpec()): JsonObject {
  const info = spec.info as JsonObject;
  info.description = SAMPLES_NOTE + String(info.description ?? "");
  const resolved = listOperations(dereference(spec) as JsonObject);
  for (const [path, item] of Object.entries(spec.paths as JsonObject)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as JsonObject)[method] as JsonObject | undefined;
      const op = resolved.find((o) => o.path === path && o.method === method);
      if (operation && op) operation["x-codeSamples"] = codeSamples(op, resolved) as unknown as JsonObject[];
    }
  }
  return spec;
}

/**
 * The pages `npm run docs` writes into docs/ for VitePress (git-ignored: the README and the code
 * are their source). The conformance page is written with a report, and removed without one.
 */
export function writePages(
  readme = readFileSync(new URL("README.md", rootUrl), "utf8"),
  marked: MarkedReport | undefined = undefined,
): void {
  rmSync(guideDir, { recursive: true, force: true });
  mkdirSync(guideDir, { recursive: true });
  for (const { guide, markdown } of guidePages(readme)) writeFileSync(new URL(`${guide.slug}.md`, guideDir), markdown);
  writeFileSync(new URL("errors.md", guideDir), errorsPage());
  writeFileSync(new URL("changelog.md", docsDir), changelogPage());
  writeReferencePage(OPERATIONS_PAGE, operationsPage());
  rmSync(new URL(`${CONFORMANCE_PAGE.slug}.md`, docsDir), { force: true });
  if (marked) writeReferencePage(CONFORMANCE_PAGE, conformancePage(marked, readSpec()));
}

/** Writes one of the references' index pages (docs/reference/ is git-ignored: the spec and the code are their source). */
export function writeReferencePage(page: ReferencePage, markdown: string): void {
  const file = new URL(`${page.slug}.md`, docsDir);
  mkdirSync(new URL("./", file), { recursive: true });
  writeFileSync(file, markdown);
}

/**
 * The API reference (Redoc) into `dir`, with the spec it shows: published as `openapi.yaml` with
 * its samples, and shown with each item's provenance as a badge (the badges stay out of the file).
 */
function buildApiReference(spec: JsonObject, dir: string, marked: MarkedReport | undefined): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "openapi.yaml"), stringify(spec));
  // Redoc offers the samples of the languages its configuration lists; it reports nothing home.
  return withScratch("docs-", async (scratch) => {
    const decorated = join(scratch, "openapi.yaml");
    const shown = withProvenanceBadges(structuredClone(spec));
    writeFileSync(decorated, stringify(marked ? withConformanceMarks(shown, marked) : shown));
    const config = join(scratch, "redocly.yaml");
    // `telemetry: off` also turns off the page's own reports to Redocly (its disableTelemetry option).
    writeFileSync(config, stringify({ telemetry: "off", openapi: { codeSamples: { languages: SAMPLE_LANGUAGES } } }));
    const page = join(dir, "index.html");
    await run("redocly", [
      "build-docs",
      decorated,
      "--config",
      config,
      "--output",
      page,
      "--inlineBundle",
      "--title",
      String((spec.info as JsonObject).title),
    ]);
    writeFileSync(page, withBadgeStyle(withoutRemoteLogo(readFileSync(page, "utf8"))));
  });
}

/**
 * Redoc's page with its attribution logo, which it loads from Redocly's CDN, drawn from a blank
 * local image instead, so that the page loads nothing from elsewhere. The words and the link stay.
 * @throws Error when the page names the logo no longer: the renderer changed, look again.
 */
export function withoutRemoteLogo(html: string): string {
  const logo = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g;
  if (!logo.test(html)) throw new Error("Redoc no longer loads its logo from cdn.redoc.ly: check what it loads now");
  return html.replace(logo, BLANK_IMAGE);
}
const BLANK_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";

const USAGE = "usage: npm run docs [-- --conformance REPORT.json]";

/**
 * The conformance report `--conformance` names, matched to the spec; undefined without the option.
 * A relative path is the caller's: npm runs the script from the package's folder, and says in
 * INIT_CWD where it was started.
 * @throws Error for an unknown option, and when the report cannot be read or is not of this spec.
 */
export function conformanceOption(
  args: string[],
  cwd = process.env.INIT_CWD ?? process.cwd(),
): MarkedReport | undefined {
  let file: string | undefined;
  try {
    file = parseArgs({ args, options: { conformance: { type: "string" } }, strict: true }).values.conformance;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
  if (file === undefined) return undefined;
  return markReport(readReport(resolve(cwd, file)), readSpec(), listClaims(specPath));
}

async function main(): Promise<void> {
  let marked: MarkedReport | undefined;
  try {
    marked = conformanceOption(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\nNothing was built.`);
    process.exit(2);
  }
  const spec = specWithSamples();
  writePages(undefined, marked);
  rmSync(site, { recursive: true, force: true });
  // VitePress empties its output folder, so the other parts are built beside it and moved in after.
  await withScratch("docs-parts-", async (parts) => {
    const tasks = [
      buildApiReference(spec, join(parts, "api"), marked),
      // TypeDoc's options are in tsconfig.build.json ("typedocOptions").
      run("typedoc", ["--tsconfig", "tsconfig.build.json", "--out", join(parts, "lib")]),
      writeCollection(join(parts, "postman")),
    ];
    // The library index is read from the sources while the others build; VitePress needs it first.
    try {
      writeReferencePage(LIBRARY_PAGE, libraryIndexPage());
      tasks.push(run("vitepress", ["build", "docs"]));
    } catch (error) {
      tasks.push(Promise.reject(error));
    }
    // Every part finishes (no tool is left running) before a failure ends the script.
    const failed = (await Promise.allSettled(tasks)).find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
    cpSync(parts, site.pathname, { recursive: true });
  });
  const extra = marked ? `, and ${CONFORMANCE_PAGE.slug}.html from the conformance report` : "";
  console.log(`wrote ${site.pathname}: the guides, api/, lib/, postman/${extra}`);
}

if (isMain(import.meta.url)) await main();
