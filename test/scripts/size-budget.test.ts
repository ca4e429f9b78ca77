// scripts/lib/bench/size-budget.ts: the main entry's size budget has one home, BENCHMARKS.md: the
// base budget and the bytes of each capability added since, which the bench's check adds up.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSizeBudget, sizeVerdict } from "../../scripts/lib/bench/size-budget.js";

const root = join(import.meta.dirname, "..", "..");
const read = (file: string) => readFileSync(join(root, file), "utf8");

const TABLE = "| capability added to the main entry | commit | min+gzip |\n|---|---|---|";
const section = (rows: string[], number = "9.25") =>
  `<!-- size-budget: by hand -->\nat most **${number} kB** min+gzip\n\n${[TABLE, ...rows].join("\n")}\n<!-- /size-budget -->`;

describe("readSizeBudget", () => {
  it("reads the base budget and the capabilities BENCHMARKS.md states, in the bench's bytes", () => {
    const budget = readSizeBudget(read("BENCHMARKS.md"));
    expect(budget.text).toBe("11.5 kB");
    expect(budget.baseBytes).toBe(11.5 * 1024);
    expect(budget.stated.length).toBeGreaterThan(0);
    for (const row of budget.stated) {
      expect(row.capability, JSON.stringify(row)).not.toBe("");
      expect(row.commit, row.capability).toMatch(/^[0-9a-f]{7,40}$/);
    }
    expect(budget.bytes).toBe(budget.baseBytes + budget.stated.reduce((sum, row) => sum + row.bytes, 0));
    expect(budget.section).toMatch(/^<!-- size-budget:[\s\S]*<!-- \/size-budget -->$/);
    expect(budget.section).toContain("## Size budget of the main entry");
  });

  it("adds every row's bytes to the base, a row that made the entry smaller taken off", () => {
    const budget = readSizeBudget(
      `# Benchmarks\n\n${section(["| a check | abc1234 | +100 B |", "| a parser moved out | def5678 | −30 B |", "| more | 0123abc | +1,024 B |"])}\n\n## More\n`,
    );
    expect(budget.baseBytes).toBe(9.25 * 1024);
    expect(budget.stated).toEqual([
      { capability: "a check", commit: "abc1234", bytes: 100 },
      { capability: "a parser moved out", commit: "def5678", bytes: -30 },
      { capability: "more", commit: "0123abc", bytes: 1024 },
    ]);
    expect(budget.bytes).toBe(9.25 * 1024 + 100 - 30 + 1024);
  });

  it("gives back the section unchanged, so that the file the bench writes keeps it", () => {
    const budget = readSizeBudget(`# Benchmarks\n\n${section(["| a check | abc1234 | +100 B |"])}\n\n## More\n`);
    expect(readSizeBudget(`# Rewritten\n\n${budget.section}\n`)).toEqual(budget);
  });

  it("refuses a file without the section, its number, its table, or with a row that states no bytes", () => {
    expect(() => readSizeBudget("# Benchmarks\n")).toThrow("no section");
    expect(() => readSizeBudget("<!-- size-budget: x -->\nsmall\n<!-- /size-budget -->")).toThrow(
      "at most **N kB** min+gzip",
    );
    expect(() => readSizeBudget("<!-- size-budget: x -->\nat most **9 kB** min+gzip\n<!-- /size-budget -->")).toThrow(
      "no table",
    );
    // A row the sum would skip would let the entry grow unstated.
    expect(() => readSizeBudget(section(["| a check | abc1234 | +100 B |", "| a hint | def5678 | some |"]))).toThrow(
      'states no "+N B": | a hint | def5678 | some |',
    );
  });
});

describe("sizeVerdict", () => {
  const budget = readSizeBudget(
    section(["| a check | abc1234 | +100 B |", "| a parser moved out | def5678 | −30 B |"]),
  );
  const allowed = 9.25 * 1024 + 70;

  it("passes an entry that weighs the base budget plus what is stated, and names both", () => {
    expect(sizeVerdict(budget, allowed)).toEqual({
      budget: "main entry ≤ 9.25 kB + 70 B stated in 2 rows (below) min+gzip",
      pass: true,
      left: 0,
    });
  });

  it("fails an entry one byte over what is stated", () => {
    expect(sizeVerdict(budget, allowed + 1)).toMatchObject({ pass: false, left: -1 });
  });
});

describe("the budget's one home", () => {
  it("is BENCHMARKS.md: the bench reads and judges by it, the README links to it", () => {
    const { text } = readSizeBudget(read("BENCHMARKS.md"));
    for (const file of ["README.md", "scripts/bench.ts", "scripts/lib/bench/size.ts"]) {
      expect(read(file), file).not.toContain(text);
      expect(read(file), file).not.toContain("6.5 kB");
    }
    const bench = read("scripts/bench.ts");
    expect(bench).toContain("readSizeBudget(");
    expect(bench).toContain("sizeVerdict(sizeBudget, shipped)");
    expect(bench).not.toMatch(/gzippedBytes/);
    expect(read("README.md")).toContain("(BENCHMARKS.md#size-budget-of-the-main-entry)");
  });
});
