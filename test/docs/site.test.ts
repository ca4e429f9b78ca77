// The built site in a real browser: Debian's Chromium, headless, driven by playwright-core
// (which never downloads a browser), the site served from 127.0.0.1 as it would be published.
// Every page opens with no console error, no failed request and no request to anywhere else;
// every internal link leads somewhere; search finds the guides, an operation and an export; every
// operation shows.
import { mkdirSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiReferenceHref } from "../../scripts/lib/api-operations.js";
import { SAMPLE_LANGUAGES } from "../../scripts/lib/code-samples.js";
import { GUIDES, SITE_GUIDES } from "../../scripts/lib/guides.js";
import { provenanceMeanings } from "../../scripts/lib/provenance.js";
import { REFERENCE_PAGES } from "../../scripts/lib/reference-pages.js";
import { type ServedSite, serveSite } from "../../scripts/lib/serve-site.js";
import { dereference, type JsonObject, listOperations, type Operation, readSpec } from "../../scripts/lib/spec.js";
import { chromiumMissing, launchChromium, SKIP_NO_CHROMIUM } from "../helpers/chromium.js";

const site = fileURLToPath(new URL("../../site/", import.meta.url));
const artifacts = fileURLToPath(new URL("../../test-results/", import.meta.url));
const operations = listOperations(dereference(readSpec()) as JsonObject);
const missing = chromiumMissing;
const SKIP = SKIP_NO_CHROMIUM;

/** Every page a reader reaches: VitePress's, the API reference, and the library reference's index and entries. */
function pages(): string[] {
  const html = (dir: string): string[] =>
    readdirSync(join(site, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return ["assets", "lib", "postman"].includes(path) ? [] : html(path);
      return entry.name.endsWith(".html") && path !== "404.html" ? [path] : [];
    });
  const lib = readdirSync(join(site, "lib/modules")).map((name) => `lib/modules/${name}`);
  return [...html(""), "lib/index.html", ...lib].map((path) => relative("", path));
}

interface Visit {
  page: Page;
  problems: string[];
}

describe("documentation site in Chromium", () => {
  let browser: Browser | undefined;
  let served: ServedSite;
  const external: string[] = [];

  beforeAll(async () => {
    served = await serveSite(site);
    if (missing) return;
    browser = await launchChromium();
    mkdirSync(artifacts, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  /** Opens a page and records what goes wrong on it: errors logged, requests failed or refused. */
  async function open(path: string): Promise<Visit> {
    if (!browser) throw new Error("no browser");
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`${path}: console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`${path}: ${error.message}`));
    page.on("requestfailed", (request) => {
      if (!request.url().startsWith(served.url)) return;
      // VitePress prefetches the pages a page links to; leaving the page cancels those that have
      // not finished. That cancellation is the browser's, not a fault of the site: a prefetch the
      // server refuses still shows as a failed response below.
      const cancelledPrefetch =
        request.headers()["sec-purpose"] === "prefetch" && request.failure()?.errorText === "net::ERR_ABORTED";
      if (cancelledPrefetch) return;
      problems.push(`${path}: request failed: ${request.url()} ${request.failure()?.errorText}`);
    });
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`${path}: ${response.status()} ${response.url()}`);
    });
    // Nothing may be loaded from anywhere but the site: each such request is refused and recorded.
    await page.route(
      (url) => url.origin !== served.url,
      (route) => {
        external.push(`${path}: ${route.request().url()}`);
        return route.abort();
      },
    );
    await page.goto(`${served.url}/${path}`, { waitUntil: "networkidle" });
    return { page, problems };
  }

  it("opens every page with no error, no failed request and nothing loaded from elsewhere, every link leading somewhere", async (context) => {
    if (missing) return context.skip(SKIP);
    const all = pages();
    expect(all).toEqual(expect.arrayContaining(["index.html", "changelog.html", "api/index.html", "lib/index.html"]));
    for (const guide of [...GUIDES, ...SITE_GUIDES]) expect(all).toContain(`guide/${guide.slug}.html`);
    for (const page of REFERENCE_PAGES) expect(all).toContain(`${page.slug}.html`);
    const problems: string[] = [];
    const links = new Map<string, string>();
    const anchors = new Map<string, Set<string>>();
    const tagRoutes = new Set(operations.map((op) => `/${String((op.node.tags as string[])[0]).toLowerCase()}`));
    for (const path of all) {
      const visit = await open(path);
      problems.push(...visit.problems);
      const found = await visit.page.evaluate(() => ({
        hrefs: [...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href),
        ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
      }));
      anchors.set(path, new Set(found.ids));
      for (const href of found.hrefs) {
        if (href.startsWith(served.url)) links.set(href, path);
        // A scheme the browser cannot follow (VitePress leaves `pathname://` as it is) goes nowhere.
        else if (!/^(https?|mailto):/.test(href)) problems.push(`${path}: link to nowhere ${href}`);
      }
      await visit.page.close();
    }
    const redocRoutes = new Map<string, string>();
    for (const [href, from] of links) {
      const url = new URL(href);
      if (url.pathname === "/api/index.html" && url.hash.startsWith("#/") && from !== "api/index.html") {
        redocRoutes.set(url.hash, from);
      }
      // Redoc's prerendered sidebar writes a tag's route as /jobs; its hash router takes it as #/jobs.
      if (from === "api/index.html" && /^\/[a-z-]+$/.test(url.pathname)) {
        if (!tagRoutes.has(url.pathname)) problems.push(`${from}: unknown route ${url.pathname}`);
        continue;
      }
      const status = (await fetch(new URL(url.pathname, served.url))).status;
      if (status !== 200) problems.push(`${from}: broken link ${url.pathname} (${status})`);
      // An anchor on a page opened here must name an element of it (Redoc's #/… are its routes).
      const target = url.pathname.slice(1) || "index.html";
      const hash = decodeURIComponent(url.hash.slice(1));
      if (hash && !hash.startsWith("/") && anchors.has(target) && !anchors.get(target)?.has(hash)) {
        problems.push(`${from}: broken anchor ${url.pathname}${url.hash}`);
      }
    }
    // A route into the API reference from another page is one Redoc shows: its section is there.
    expect(redocRoutes.size).toBeGreaterThanOrEqual(operations.length);
    for (const [route, from] of redocRoutes) {
      const visit = await open(`api/index.html${route}`);
      problems.push(...visit.problems);
      const id = decodeURIComponent(route.slice("#/".length));
      const shown = visit.page.locator(`[id="${id}"]`).first();
      await expect.poll(() => shown.isVisible(), { timeout: 10_000, message: `${from}: ${route}` }).toBe(true);
      await visit.page.close();
    }
    expect(problems, problems.join("\n")).toEqual([]);
    expect(external, external.join("\n")).toEqual([]);
    expect(links.size).toBeGreaterThan(all.length);
  }, 300_000);

  it("gets a reader from the landing page to a guide, and finds the guides by search", async (context) => {
    if (missing) return context.skip(SKIP);
    const { page, problems } = await open("index.html");
    await expect.poll(() => page.getByText("A first call in a minute").isVisible()).toBe(true);
    await page.screenshot({ path: join(artifacts, "docs-landing.png") });
    await page.getByRole("link", { name: "Get started" }).click();
    await expect.poll(() => page.url()).toContain("/guide/client.html");
    await expect.poll(() => page.getByRole("heading", { name: "The client", level: 1 }).isVisible()).toBe(true);
    await page.screenshot({ path: join(artifacts, "docs-guide.png"), fullPage: false });
    // VitePress's local search: its index is built with the site, and a word of a guide finds it.
    await page
      .getByRole("button", { name: /search/i })
      .first()
      .click();
    await page.getByRole("searchbox").fill("saveJobOutputs");
    const hit = page.locator(".VPLocalSearchBox a[href*='/guide/outputs']").first();
    await expect.poll(() => hit.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(problems).toEqual([]);
  });

  /** Types `query` into the site's search box and follows the result that leads to `target`. */
  async function search(page: Page, query: string, target: string): Promise<void> {
    await page
      .getByRole("button", { name: /search/i })
      .first()
      .click();
    await page.getByRole("searchbox").fill(query);
    const hit = page.locator(`.VPLocalSearchBox a[href*='${target}']`).first();
    await expect.poll(() => hit.isVisible(), { timeout: 10_000, message: query }).toBe(true);
    await hit.click();
    await expect.poll(() => decodeURIComponent(page.url())).toContain(target);
  }

  it("finds an operation by its operationId, and leads from it to the operation in the API reference", async (context) => {
    if (missing) return context.skip(SKIP);
    const { page, problems } = await open("index.html");
    const cancel = operations.find((op) => op.operationId === "cancelJob");
    if (!cancel) throw new Error("the spec has no cancelJob");
    await search(page, "cancelJob", "/reference/operations.html#cancelJob");
    const heading = page.getByRole("heading", { name: String(cancel.node.summary) });
    await expect.poll(() => heading.isVisible()).toBe(true);
    await page.locator(`a[href="${apiReferenceHref(cancel)}"]`).click();
    await expect.poll(() => page.url()).toBe(`${served.url}${apiReferenceHref(cancel)}`);
    const inRedoc = page.getByRole("heading", { name: String(cancel.node.summary) }).first();
    await expect.poll(() => inRedoc.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(problems).toEqual([]);
  });

  it("finds an exported class by its name, and leads from it to its page in the library reference", async (context) => {
    if (missing) return context.skip(SKIP);
    const { page, problems } = await open("index.html");
    await search(page, "UnexpectedResponseError", "/reference/library.html#alteryx-jobs.UnexpectedResponseError");
    await page.locator("a[href='/lib/classes/alteryx-jobs.UnexpectedResponseError.html']").click();
    await expect.poll(() => page.url()).toContain("/lib/classes/alteryx-jobs.UnexpectedResponseError.html");
    const heading = page.getByRole("heading", { name: "Class UnexpectedResponseError", level: 1 });
    await expect.poll(() => heading.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(problems).toEqual([]);
  });

  it("shows every operation's summary in the API reference, with its samples", async (context) => {
    if (missing) return context.skip(SKIP);
    const { page, problems } = await open("api/index.html");
    for (const op of operations) {
      await page.goto(`${served.url}${apiReferenceHref(op)}`);
      const heading = page.getByRole("heading", { name: String(op.node.summary) }).first();
      await expect.poll(() => heading.isVisible(), { timeout: 10_000, message: op.operationId }).toBe(true);
    }
    await page.goto(
      `${served.url}${apiReferenceHref(operations.find((op) => op.operationId === "cancelJob") as Operation)}`,
    );
    // The first language is shown; its menu offers the others.
    const shown = (text: string) => page.getByText(text, { exact: true }).locator("visible=true").first();
    const [first, ...others] = SAMPLE_LANGUAGES.map((l) => l.label);
    await shown(first ?? "").click();
    for (const label of others) await expect.poll(() => shown(label).isVisible(), { message: label }).toBe(true);
    await shown("Command line (alteryx-jobs)").click();
    await expect.poll(() => page.getByText("alteryx-jobs cancel").locator("visible=true").count()).toBe(1);
    await page.screenshot({ path: join(artifacts, "docs-operation.png") });
    expect(problems).toEqual([]);
  }, 120_000);

  it("shows each item's provenance as a badge, and the legend that says what each means", async (context) => {
    if (missing) return context.skip(SKIP);
    const { page, problems } = await open("api/index.html");
    const meanings = provenanceMeanings(readSpec());
    // The legend: the spec's list of the values, each drawn as its badge, at the top of the reference.
    for (const value of Object.keys(meanings)) {
      const legend = page.locator("li .provenance-badge", { hasText: value }).first();
      await expect.poll(() => legend.isVisible(), { message: value }).toBe(true);
    }
    const op = operations.find((o) => o.operationId === "getJob") as (typeof operations)[number];
    await page.goto(`${served.url}/api/index.html#/jobs/getjob`);
    const heading = page.getByRole("heading", { name: String(op.node.summary) }).first();
    await expect.poll(() => heading.isVisible()).toBe(true);
    // Redoc's own badge (x-badges) under the operation's title, and one at the start of a response's description.
    const badge = page
      .locator("[data-component-name='Tag/Tag']", { hasText: String(op.node["x-provenance"]) })
      .locator("visible=true");
    await expect.poll(() => badge.count()).toBeGreaterThan(0);
    const response = page.locator(".provenance-badge").locator("visible=true").first();
    await expect.poll(() => response.isVisible()).toBe(true);
    await heading.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, "docs-provenance.png") });
    expect(problems).toEqual([]);
  });
});
