// The main entry's size budget is a decision, not a measurement: it is written by hand in one
// place, a marked section of BENCHMARKS.md: the budget of the restructured base, then a table of
// each capability added to the entry since, with the bytes it costs. `npm run bench` allows the
// base plus what the table states, and copies the section as it is into the BENCHMARKS.md it
// writes, so rewriting the figures never loses the decision.

const START = "<!-- size-budget:";
const END = "<!-- /size-budget -->";
const NUMBER = /at most \*\*(\d+(?:\.\d+)?) kB\*\* min\+gzip/;
/** A row of the capabilities' table: `| what | commit | +123 B |` (or −45 B for one that shrank it). */
const ROW = /^\|(.+)\|(.*)\|\s*([+−-]?)(\d[\d,]*) B\s*\|$/;
const TABLE_HEADER = "| capability added to the main entry |";

/** One capability the table states, with what it added to the entry (negative when it made it smaller). */
export interface StatedCapability {
  capability: string;
  commit: string;
  bytes: number;
}

export interface SizeBudget {
  /** The marked section, markers included, to be written back unchanged. */
  section: string;
  /** The budget of the restructured base in bytes (1 kB = 1024 bytes, as the bench's figures count). */
  baseBytes: number;
  /** The base budget as written, such as `11.5 kB`. */
  text: string;
  /** The capabilities added since, each with its bytes. */
  stated: StatedCapability[];
  /** What the main entry may weigh: the base budget plus every stated capability. */
  bytes: number;
}

/**
 * The size budget of the main entry, read from the text of BENCHMARKS.md.
 * @throws Error when the marked section, its `at most **N kB** min+gzip`, or its capabilities'
 * table is missing, or when a row of that table states no bytes (a row is never silently left out).
 */
export function readSizeBudget(benchmarks: string): SizeBudget {
  const start = benchmarks.indexOf(START);
  const end = benchmarks.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error(`BENCHMARKS.md has no section between ${START} … and ${END}`);
  const section = benchmarks.slice(start, end + END.length);
  const number = NUMBER.exec(section)?.[1];
  if (number === undefined) throw new Error("BENCHMARKS.md's size-budget section says no `at most **N kB** min+gzip`");
  const stated = statedCapabilities(section);
  const baseBytes = Number(number) * 1024;
  const bytes = stated.reduce((sum, row) => sum + row.bytes, baseBytes);
  return { section, baseBytes, text: `${number} kB`, stated, bytes };
}

function statedCapabilities(section: string): StatedCapability[] {
  const lines = section.split("\n").map((line) => line.trim());
  const header = lines.findIndex((line) => line.startsWith(TABLE_HEADER));
  if (header < 0) throw new Error(`BENCHMARKS.md's size-budget section has no table starting "${TABLE_HEADER}"`);
  const stated: StatedCapability[] = [];
  // The header, its divider, then rows up to the first line that is not a table row.
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const [, capability = "", commit = "", sign, digits = ""] = ROW.exec(line) ?? [];
    if (!digits) throw new Error(`BENCHMARKS.md's size-budget row states no "+N B": ${line}`);
    const bytes = Number(digits.replaceAll(",", ""));
    stated.push({
      capability: capability.trim(),
      commit: commit.trim(),
      bytes: sign ? (sign === "+" ? bytes : -bytes) : bytes,
    });
  }
  return stated;
}

/** The bench's verdict on the main entry's measured min+gzip bytes: within the base plus what is stated, or not. */
export function sizeVerdict(budget: SizeBudget, gzipped: number): { budget: string; pass: boolean; left: number } {
  const stated = budget.bytes - budget.baseBytes;
  const sign = stated < 0 ? "−" : "+";
  return {
    budget: `main entry ≤ ${budget.text} ${sign} ${Math.abs(stated).toLocaleString("en-US")} B stated in ${budget.stated.length} rows (below) min+gzip`,
    pass: gzipped <= budget.bytes,
    left: budget.bytes - gzipped,
  };
}
