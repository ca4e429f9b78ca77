// A baseline lets a team live with a known contradiction for a while without turning CI off: it
// names the claim, says why, and says until when. An accepted contradiction passes until the end
// of its `until` day (UTC, the day included), then fails again, so no acceptance is forever.
//
// The file is checked strictly before anything is sent: a typo in a claim id, a date that does
// not exist or a field too many would otherwise accept nothing, or the wrong thing, in silence.
import { closestMatch } from "leven";
import { InvalidArgumentError } from "../core/errors.js";
import type { Clock } from "../core/runtime.js";
import type { ClaimResult, ConformanceReport } from "./report.js";
import { readSmallFile } from "./small-file.js";

/** One accepted contradiction. */
export interface BaselineEntry {
  /** The claim's id, as in the report. */
  claim: string;
  /** Why it is accepted: shown beside the claim in every report. */
  reason: string;
  /** The last day (`YYYY-MM-DD`, UTC) on which the contradiction passes. */
  until: string;
}

/** `{ "accepted": [{ "claim": "<id>", "reason": "…", "until": "YYYY-MM-DD" }] }` */
export interface Baseline {
  accepted: BaselineEntry[];
}

/** The largest baseline file read: a list of accepted claims, not a data set. */
export const MAX_BASELINE_BYTES = 1024 * 1024;

/** A baseline that cannot be used as it is: missing, not JSON, the wrong shape, a bad date or an unknown claim. Nothing was sent. */
export class BaselineError extends InvalidArgumentError {
  override name = "BaselineError";
  constructor(
    /** The baseline file (or the name the text was given). */
    readonly file: string,
    problem: string,
  ) {
    super("baseline", file, "a baseline");
    this.message = `Baseline ${file}: ${problem}. Nothing was sent.`;
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a day that exists, written `YYYY-MM-DD`. */
function isDay(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const FIELDS = ["claim", "reason", "until"] as const;

/**
 * The baseline in `text`, checked against the claim ids the run knows.
 * @param source The file's name, for the messages.
 * @param claimIds Every claim id the run can report: an entry naming another is a mistake.
 * @throws BaselineError when `text` is not JSON, is not `{ "accepted": [...] }`, an entry has a
 * missing, empty or unknown field, an `until` that is not a day (`YYYY-MM-DD`), a claim id the
 * run does not know (the message names the closest one) or that an entry before it names.
 */
export function parseBaseline(text: string, source: string, claimIds: readonly string[]): Baseline {
  const fail = (problem: string): never => {
    throw new BaselineError(source, problem);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(`not JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) return fail('expected an object: { "accepted": [...] }');
  const extra = Object.keys(value).find((key) => key !== "accepted");
  if (extra !== undefined) fail(`unknown field ${JSON.stringify(extra)}; the only field is "accepted"`);
  if (!Array.isArray(value.accepted)) return fail('"accepted" must be a list of { "claim", "reason", "until" }');

  const known = new Set(claimIds);
  const seen = new Set<string>();
  const accepted = value.accepted.map((entry: unknown, index): BaselineEntry => {
    const at = `accepted[${index}]`;
    if (!isObject(entry)) return fail(`${at} must be an object { "claim", "reason", "until" }`);
    const unknown = Object.keys(entry).find((key) => !(FIELDS as readonly string[]).includes(key));
    if (unknown !== undefined)
      fail(`${at} has an unknown field ${JSON.stringify(unknown)} (fields: claim, reason, until)`);
    for (const field of FIELDS) {
      const given = entry[field];
      if (typeof given !== "string" || given.trim() === "") fail(`${at}.${field} must be a non-empty string`);
    }
    const { claim, reason, until } = entry as unknown as BaselineEntry;
    if (!isDay(until)) fail(`${at}.until is ${JSON.stringify(until)}, not a day written YYYY-MM-DD`);
    if (!known.has(claim)) {
      const near = claimIds.length > 0 ? `; did you mean ${JSON.stringify(closestMatch(claim, [...claimIds]))}?` : "";
      fail(`${at}.claim ${JSON.stringify(claim)} is not a claim of this run${near}`);
    }
    if (seen.has(claim)) fail(`${at}.claim ${JSON.stringify(claim)} is accepted twice`);
    seen.add(claim);
    return { claim, reason, until };
  });
  return { accepted };
}

/**
 * The baseline in `file` (see {@link parseBaseline}), read whole, at most {@link MAX_BASELINE_BYTES}.
 * @throws BaselineError when the file is missing, is a folder or not a regular file, cannot be
 * read, is too large or is not UTF-8, and for everything {@link parseBaseline} refuses.
 */
export function readBaseline(file: string, claimIds: readonly string[]): Baseline {
  const text = readSmallFile(file, MAX_BASELINE_BYTES, (problem) => {
    throw new BaselineError(file, problem);
  });
  return parseBaseline(text, file, claimIds);
}

/** The day `now` falls on, in UTC: `YYYY-MM-DD`. */
const dayOf = (now: number) => new Date(now).toISOString().slice(0, 10);

/** What applying a baseline found besides the report. */
export interface AppliedBaseline {
  /** The report, each contradiction the baseline accepts today marked `accepted`, and `summary.accepted` counted. */
  report: ConformanceReport;
  /** Entries whose day has passed: their contradictions fail again. */
  expired: BaselineEntry[];
  /** Entries whose claim was not contradicted in this run: they can go. */
  unused: BaselineEntry[];
}

/**
 * Marks each contradiction the baseline accepts on the clock's day (UTC) as `accepted`: it passes
 * through its `until` day, and fails from the day after. A report is not changed in place.
 * @param clock Where today comes from (the runtime's clock; a test's own).
 */
export function applyBaseline(
  report: ConformanceReport,
  baseline: Baseline,
  clock: Pick<Clock, "now">,
): AppliedBaseline {
  const today = dayOf(clock.now());
  const entries = new Map(baseline.accepted.map((entry) => [entry.claim, entry]));
  const expired: BaselineEntry[] = [];
  const used = new Set<string>();
  const claims = report.claims.map((claim): ClaimResult => {
    const { accepted: _earlier, ...rest } = claim;
    const entry = entries.get(claim.id);
    if (!entry || claim.verdict !== "contradicted") return rest;
    used.add(entry.claim);
    if (today > entry.until) {
      expired.push(entry);
      return rest;
    }
    return { ...rest, accepted: { reason: entry.reason, until: entry.until } };
  });
  return {
    report: { ...report, claims, summary: { ...report.summary, accepted: claims.filter((c) => c.accepted).length } },
    expired,
    unused: baseline.accepted.filter((entry) => !used.has(entry.claim)),
  };
}
