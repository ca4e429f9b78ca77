// The main entry's size budget is a decision, not a measurement: it is written by hand in one
// place, a marked section of BENCHMARKS.md, beside the bytes each capability added to the entry
// cost. `npm run bench` reads the number from there to check against, and copies the section as it
// is into the BENCHMARKS.md it writes, so rewriting the figures never loses the decision.

const START = "<!-- size-budget:";
const END = "<!-- /size-budget -->";
const NUMBER = /at most \*\*(\d+(?:\.\d+)?) kB\*\* min\+gzip/;

export interface SizeBudget {
  /** The marked section, markers included, to be written back unchanged. */
  section: string;
  /** The budget in bytes (1 kB = 1024 bytes, as the bench's figures count). */
  bytes: number;
  /** The budget as written, such as `11.5 kB`. */
  text: string;
}

/**
 * The size budget of the main entry, read from the text of BENCHMARKS.md.
 * @throws Error when the marked section or its `at most **N kB** min+gzip` is missing.
 */
export function readSizeBudget(benchmarks: string): SizeBudget {
  const start = benchmarks.indexOf(START);
  const end = benchmarks.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`BENCHMARKS.md has no section between ${START} … and ${END}`);
  const section = benchmarks.slice(start, end + END.length);
  const number = NUMBER.exec(section)?.[1];
  if (number === undefined) throw new Error("BENCHMARKS.md's size-budget section says no `at most **N kB** min+gzip`");
  return { section, bytes: Number(number) * 1024, text: `${number} kB` };
}
