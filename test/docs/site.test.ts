// The built site in a real browser: Debian's Chromium, headless, driven by playwright-core
// (which never downloads a browser), the site served from 127.0.0.1 as it would be published.
// Every operation's summary shows, and no page logs an error.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { extname } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dereference, type JsonObject, listOperations, readSpec } from "../../scripts/lib/spec.js";
import { useServer } from "../helpers/http-server.js";

const CHROMIUM = "/usr/bin/chromium";
const site = new URL("../../site/", import.meta.url);
const artifacts = new URL("../../test-results/", import.meta.url);
const spec = dereference(readSpec()) as JsonObject;
const operations = listOperations(spec);
// CI installs Debian's chromium (.ci/run), so there a missing browser is a failure, not a skip.
const missing = !existsSync(CHROMIUM) && !process.env.CI;
const SKIP = `skipped: ${CHROMIUM} is not installed (apt-get install chromium)`;
// Redoc's attribution logo is the one resource the reference loads from elsewhere; the machines
// that run these tests have no Internet, so it is answered locally, and anything else is reported.
const REDOC_LOGO = /^https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg$/;

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".yaml": "text/yaml",
};
const server = useServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? "/", "http://site").pathname);
  const file = new URL(`.${path.endsWith("/") ? `${path}index.html` : path}`, site);
  if (!file.pathname.startsWith(site.pathname) || !existsSync(file)) return void response.writeHead(404).end();
  response.writeHead(200, { "content-type": TYPES[extname(file.pathname)] ?? "application/octet-stream" });
  response.end(readFileSync(file));
});

describe("documentation site in Chromium", () => {
  let browser: Browser | undefined;
  const external: string[] = [];

  beforeAll(async () => {
    if (missing) return;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    if (!browser) throw new Error("no browser");
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
      external.push(route.request().url());
      return REDOC_LOGO.test(route.request().url())
        ? route.fulfill({ contentType: "image/svg+xml", body: '<svg xmlns="http://www.w3.org/2000/svg"/>' })
        : route.abort();
    });
    await page.goto(`${server.url()}/${path}`, { waitUntil: "networkidle" });
    return { page, errors };
  }

  it("shows every operation's summary in the API reference, with its samples, and no error", async (context) => {
    if (missing) return context.skip(SKIP);
    const { page, errors } = await open("api/index.html");
    for (const op of operations) {
      // Redoc's address of an operation: #/<tag>/<operationId>, lower case.
      const tag = String((op.node.tags as string[])[0]).toLowerCase();
      await page.goto(`${server.url()}/api/index.html#/${tag}/${op.operationId.toLowerCase()}`);
      const heading = page.getByRole("heading", { name: String(op.node.summary) }).first();
      await expect.poll(() => heading.isVisible(), { timeout: 10_000, message: op.operationId }).toBe(true);
    }
    await page.getByText("curl", { exact: true }).first().click();
    await expect.poll(() => page.getByText("TypeScript (alteryx-jobs)").first().isVisible()).toBe(true);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: new URL("docs-api.png", artifacts).pathname });
    expect(errors, errors.join("\n")).toEqual([]);
    expect(external.filter((url) => !REDOC_LOGO.test(url))).toEqual([]);
  }, 120_000);

  it("links the API reference, the library reference and the Postman collection from the index", async (context) => {
    if (missing) return context.skip(SKIP);
    const { page, errors } = await open("index.html");
    const links = await page.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(links).toEqual([
      "api/index.html",
      "lib/index.html",
      "postman/alteryx-jobs.postman_collection.json",
      "api/openapi.yaml",
    ]);
    for (const link of links) expect((await page.request.get(`${server.url()}/${link}`)).status(), link).toBe(200);
    await page.getByText("Library reference").click();
    await page.getByRole("link", { name: "index", exact: true }).first().click();
    await expect.poll(() => page.getByText("createJobsClient").first().isVisible()).toBe(true);
    await page.screenshot({ path: new URL("docs-lib.png", artifacts).pathname });
    expect(errors).toEqual([]);
  });
});
