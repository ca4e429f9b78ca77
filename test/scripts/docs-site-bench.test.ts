// scripts/lib/bench/docs-site.ts's report: the docs site's two budgets judge the median run and
// load, show the spread beside it, and say when the browser was not there to measure.
import { describe, expect, it } from "vitest";
import { DOCS_BUDGET, docsSiteReport } from "../../scripts/lib/bench/docs-site.js";
import { CHROMIUM } from "../helpers/chromium.js";

const paint = (ms: number) => ({ firstPaint: ms - 10, firstContentfulPaint: ms });

describe("docsSiteReport", () => {
  it("passes each budget on its median, the slowest run or load shown but not judged", () => {
    const { budgets, section } = docsSiteReport({
      builds: [20_000, DOCS_BUDGET.buildMs, 45_000],
      paints: [paint(300), paint(DOCS_BUDGET.paintMs), paint(2_500)],
    });
    expect(budgets.map((b) => b.pass)).toEqual([true, true]);
    expect(budgets[0]?.measured).toBe("30 s (20 s to 45 s)");
    expect(budgets[1]?.measured).toBe("1000 ms (worst 2500 ms)");
    expect(section).toContain("| `npm run docs`, from a clean site/ | 30 s | 20 s | 45 s | 3 |");
    expect(section).toContain("| first paint | 990 ms | 290 ms | 2490 ms | 3 |");
    expect(section).toContain("| first contentful paint | 1000 ms | 300 ms | 2500 ms | 3 |");
  });

  it("fails a budget whose median is over it", () => {
    const { budgets } = docsSiteReport({
      builds: [DOCS_BUDGET.buildMs + 1, DOCS_BUDGET.buildMs + 1, 1_000],
      paints: [paint(DOCS_BUDGET.paintMs + 1), paint(DOCS_BUDGET.paintMs + 1), paint(100)],
    });
    expect(budgets.map((b) => b.pass)).toEqual([false, false]);
  });

  it("says the paint was not measured when Chromium is missing, rather than pass or fail it", () => {
    const { budgets, section } = docsSiteReport({ builds: [10_000], paints: undefined });
    expect(budgets[1]).toMatchObject({ pass: undefined, measured: `not measured: ${CHROMIUM} is not installed` });
    expect(section).toContain(`not measured: ${CHROMIUM} is not installed`);
    expect(section).not.toContain("NaN");
  });
});
