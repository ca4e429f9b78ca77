// scripts/lib/bench/size-budget.ts: the main entry's size budget has one home, BENCHMARKS.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSizeBudget } from "../../scripts/lib/bench/size-budget.js";

const root = join(import.meta.dirname, "..", "..");
const read = (file: string) => readFileSync(join(root, file), "utf8");

describe("readSizeBudget", () => {
  it("reads the budget BENCHMARKS.md states, in the bench's bytes", () => {
    const budget = readSizeBudget(read("BENCHMARKS.md"));
    expect(budget.text).toBe("11.5 kB");
    expect(budget.bytes).toBe(11.5 * 1024);
    expect(budget.section).toMatch(/^<!-- size-budget:[\s\S]*<!-- \/size-budget -->$/);
    expect(budget.section).toContain("## Size budget of the main entry");
  });

  it("gives back the section unchanged, so that the file the bench writes keeps it", () => {
    const text = `# Benchmarks\n\n<!-- size-budget: by hand -->\nat most **9.25 kB** min+gzip\n<!-- /size-budget -->\n\n## More\n`;
    const budget = readSizeBudget(text);
    expect(budget.bytes).toBe(9.25 * 1024);
    expect(readSizeBudget(`# Rewritten\n\n${budget.section}\n`)).toEqual(budget);
  });

  it("refuses a file without the section or without its number", () => {
    expect(() => readSizeBudget("# Benchmarks\n")).toThrow("no section");
    expect(() => readSizeBudget("<!-- size-budget: x -->\nsmall\n<!-- /size-budget -->")).toThrow(
      "at most **N kB** min+gzip",
    );
  });

  it("is the only home of the number: the bench reads it, the README links to it", () => {
    const { text } = readSizeBudget(read("BENCHMARKS.md"));
    for (const file of ["README.md", "scripts/bench.ts", "scripts/lib/bench/size.ts"]) {
      expect(read(file), file).not.toContain(text);
      expect(read(file), file).not.toContain("6.5 kB");
    }
    expect(read("scripts/bench.ts")).toContain("readSizeBudget(");
    expect(read("README.md")).toContain("(BENCHMARKS.md#size-budget-of-the-main-entry)");
  });
});
