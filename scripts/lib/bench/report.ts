// What every part of `npm run bench` reports in: a budget's row, its verdict, a Markdown table.

/** A row of BENCHMARKS.md's budgets table. */
export interface Budget {
  budget: string;
  measured: string;
  /** undefined: could not be measured (said in `measured`). */
  pass: boolean | undefined;
}

export const verdict = (pass: boolean | undefined) =>
  pass === undefined ? "**not measured**" : pass ? "pass" : "**FAIL**";

export const table = (header: string[], rows: (string | number)[][]) =>
  [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");

/** The middle value of `values`, or the mean of the two middle ones when their count is even; 0 for none. */
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
