// What the docs site costs: how long `npm run docs` takes from a clean site/, and how soon the
// landing page first paints in Chromium, served from 127.0.0.1 as it would be published.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM, launchChromium } from "../../../test/helpers/chromium.js";
import { serveSite } from "../serve-site.js";
import { type Budget, median, table } from "./report.js";

export const DOCS_BUDGET = {
  /** `npm run docs`, whole, from a clean site/: the median run. */
  buildMs: 30_000,
  /** The landing page's first contentful paint: the median load. */
  paintMs: 1_000,
};

export interface DocsSiteResult {
  /** Wall time of each `npm run docs`, in ms, in the order they ran. */
  builds: number[];
  /** Each load's first paint and first contentful paint, in ms from the navigation's start; undefined without Chromium. */
  paints: { firstPaint: number; firstContentfulPaint: number }[] | undefined;
}

/**
 * How long `npm run docs` takes, whole (npm, tsx, the four builders, the copy), from no site/.
 * @throws Error with what the build wrote to stderr (its last 4 kB) when it fails.
 */
function timeDocsBuild(root: string): Promise<number> {
  rmSync(join(root, "site"), { recursive: true, force: true });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let stderr = "";
    const child = spawn("npm", ["run", "docs", "--silent"], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    // The builders' banners and progress go unseen unless the build fails.
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4096);
    });
    child
      .once("error", reject)
      .once("close", (code) =>
        code === 0
          ? resolve(performance.now() - started)
          : reject(new Error(`npm run docs exited with ${code}:\n${stderr}`)),
      );
  });
}

/**
 * The landing page's paint entries, as Chromium itself reports them (`performance.getEntriesByType("paint")`),
 * over `loads` loads, each in a browser context of its own: no cache, no cookies, no storage. One
 * unmeasured load comes first, so that the browser's own start is not counted as the page's.
 * Requests anywhere but the site are refused (the site test holds that there are none).
 */
async function measurePaints(site: string, loads: number): Promise<DocsSiteResult["paints"]> {
  if (!existsSync(CHROMIUM)) return undefined;
  const served = await serveSite(site);
  const browser = await launchChromium();
  try {
    const paints: { firstPaint: number; firstContentfulPaint: number }[] = [];
    for (let i = 0; i <= loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.route(
          (url) => url.origin !== served.url,
          (route) => route.abort(),
        );
        await page.goto(`${served.url}/index.html`, { waitUntil: "load", timeout: 30_000 });
        // Chromium may report the contentful paint after the load event: wait for it, within bounds.
        const entries = await page.waitForFunction(
          () => {
            const found = Object.fromEntries(performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]));
            return found["first-contentful-paint"] === undefined ? false : found;
          },
          undefined,
          { timeout: 10_000 },
        );
        const found = (await entries.jsonValue()) as Record<string, number>;
        const firstContentfulPaint = found["first-contentful-paint"] ?? Number.NaN;
        if (i > 0) paints.push({ firstPaint: found["first-paint"] ?? firstContentfulPaint, firstContentfulPaint });
      } finally {
        await context.close();
      }
    }
    return paints;
  } finally {
    await browser.close();
    await served.close();
  }
}

/** `builds` runs of `npm run docs`, then `loads` loads of the site the last one built. */
export async function measureDocsSite(root: string, builds = 5, loads = 15): Promise<DocsSiteResult> {
  const times: number[] = [];
  for (let i = 0; i < builds; i++) times.push(await timeDocsBuild(root));
  return { builds: times, paints: await measurePaints(join(root, "site"), loads) };
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const ms = (value: number) => `${Math.round(value)} ms`;
/** A row of the section's table: what was measured, its median, best and worst, and how many. */
const spread = (what: string, values: number[], unit: (n: number) => string) => [
  what,
  unit(median(values)),
  unit(Math.min(...values)),
  unit(Math.max(...values)),
  values.length,
];

/** The two budgets' rows and BENCHMARKS.md's section on the docs site. */
export function docsSiteReport({ builds, paints = [] }: DocsSiteResult): { budgets: Budget[]; section: string } {
  const build = median(builds);
  const fcp = paints.map((p) => p.firstContentfulPaint);
  const fp = paints.map((p) => p.firstPaint);
  const noChromium = `not measured: ${CHROMIUM} is not installed`;
  const budgets: Budget[] = [
    {
      budget: `\`npm run docs\` ≤ ${seconds(DOCS_BUDGET.buildMs)} from a clean site/ (median of ${builds.length})`,
      measured: `${seconds(build)} (${seconds(Math.min(...builds))} to ${seconds(Math.max(...builds))})`,
      pass: builds.length > 0 && build <= DOCS_BUDGET.buildMs,
    },
    {
      budget: `docs landing page's first contentful paint ≤ ${seconds(DOCS_BUDGET.paintMs)} in Chromium, cold (127.0.0.1, median of ${paints.length})`,
      measured: paints.length ? `${ms(median(fcp))} (worst ${ms(Math.max(...fcp))})` : noChromium,
      pass: paints.length ? median(fcp) <= DOCS_BUDGET.paintMs : undefined,
    },
  ];
  const section = `## The docs site

\`npm run docs\` as it is run (npm, tsx, then VitePress, Redoc, TypeDoc and the Postman collection
side by side, then the copy into site/), timed whole, each run after site/ is removed; ${builds.length} runs one
after another. Then the site the last run built, served from 127.0.0.1 by \`scripts/lib/serve-site.ts\`:
its landing page (\`/index.html\`) loaded ${paints.length} times in Debian's Chromium, headless, each load in a
new browser context (empty cache, no storage), after one unmeasured load. The times are the
browser's own paint entries (\`performance.getEntriesByType("paint")\`), from the start of the
navigation. The budget holds the median first contentful paint (never earlier than the first
paint); the worst load is shown beside it.

${table(
  ["measure", "median", "best", "worst", "runs"],
  [
    spread("`npm run docs`, from a clean site/", builds, seconds),
    ...(paints.length
      ? [spread("first paint", fp, ms), spread("first contentful paint", fcp, ms)]
      : [["first paint, first contentful paint", noChromium, "", "", 0]]),
  ],
)}`;
  return { budgets, section };
}
