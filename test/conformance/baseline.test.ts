// The baseline: read strictly (every mistake a usage error that names the file and the entry),
// then applied on an injected clock's day, never the machine's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT, exitCodeFor } from "../../src/cli/exit-codes.js";
import {
  applyBaseline,
  type Baseline,
  BaselineError,
  MAX_BASELINE_BYTES,
  parseBaseline,
  readBaseline,
} from "../../src/conformance/baseline.js";
import { InvalidArgumentError } from "../../src/index.js";
import { fakeClock } from "../helpers/clock.js";
import { claim, report } from "./fixtures.js";

const IDS = ["getJob.createDate.type", "getJob.messages.omitted", "cancelJob.queued"];
const dir = mkdtempSync(join(tmpdir(), "baseline-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = { claim: "getJob.createDate.type", reason: "renamed in 2025.1", until: "2025-03-31" };
const json = (value: unknown) => JSON.stringify(value);

function refusal(text: string, ids = IDS): BaselineError {
  try {
    parseBaseline(text, "baseline.json", ids);
  } catch (error) {
    expect(error).toBeInstanceOf(BaselineError);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(exitCodeFor(error)).toBe(EXIT.usage);
    expect((error as Error).message).toMatch(/^Baseline baseline\.json: .+\. Nothing was sent\.$/);
    return error as BaselineError;
  }
  throw new Error(`accepted: ${text}`);
}

describe("reading a baseline", () => {
  it("reads a valid baseline, an empty one too", () => {
    expect(parseBaseline(json({ accepted: [entry] }), "b", IDS)).toEqual({ accepted: [entry] });
    expect(parseBaseline(json({ accepted: [] }), "b", IDS)).toEqual({ accepted: [] });
  });

  it.each([
    ["not JSON", "{ accepted: [] }", /not JSON/],
    ["a list", json([entry]), /expected an object/],
    ["a second field", json({ accepted: [], expires: "x" }), /unknown field "expires"/],
    ["no list", json({ accepted: entry }), /"accepted" must be a list/],
    [
      "an entry that is not an object",
      json({ accepted: ["getJob.createDate.type"] }),
      /accepted\[0\] must be an object/,
    ],
    ["an unknown field", json({ accepted: [{ ...entry, owner: "me" }] }), /accepted\[0\] has an unknown field "owner"/],
    ["no reason", json({ accepted: [{ claim: entry.claim, until: entry.until }] }), /accepted\[0\]\.reason must be/],
    ["an empty reason", json({ accepted: [{ ...entry, reason: "  " }] }), /accepted\[0\]\.reason must be/],
    ["a date as a number", json({ accepted: [{ ...entry, until: 20250331 }] }), /accepted\[0\]\.until must be/],
    ["a day that does not exist", json({ accepted: [{ ...entry, until: "2025-02-29" }] }), /"2025-02-29", not a day/],
    ["a date with a time", json({ accepted: [{ ...entry, until: "2025-03-31T00:00:00Z" }] }), /not a day/],
    ["a short date", json({ accepted: [{ ...entry, until: "2025-3-31" }] }), /not a day/],
    [
      "a claim accepted twice",
      json({ accepted: [entry, { ...entry, reason: "again" }] }),
      /accepted\[1\]\.claim .+ twice/,
    ],
  ])("refuses %s", (_, text, message) => {
    expect(refusal(text).message).toMatch(message);
  });

  it("refuses an unknown claim id, naming the closest one", () => {
    const error = refusal(json({ accepted: [{ ...entry, claim: "getJob.createdate.type" }] }));
    expect(error.message).toContain('accepted[0].claim "getJob.createdate.type" is not a claim of this run');
    expect(error.message).toContain('did you mean "getJob.createDate.type"?');
  });

  it("takes a leap day that exists", () => {
    const text = json({ accepted: [{ ...entry, until: "2028-02-29" }] });
    expect(parseBaseline(text, "b", IDS).accepted[0]?.until).toBe("2028-02-29");
  });

  it("refuses a missing file, a folder and a file too large, naming the file", () => {
    const missing = join(dir, "missing.json");
    expect(() => readBaseline(missing, IDS)).toThrow(`Baseline ${missing}: no such file. Nothing was sent.`);
    const folder = join(dir, "folder");
    mkdirSync(folder);
    expect(() => readBaseline(folder, IDS)).toThrow(/is a folder, not a file/);
    const large = join(dir, "large.json");
    writeFileSync(large, " ".repeat(MAX_BASELINE_BYTES + 1));
    expect(() => readBaseline(large, IDS)).toThrow(BaselineError);
    expect(() => readBaseline(large, IDS)).toThrow(/larger than/);
  });

  it("reads a file", () => {
    const file = join(dir, "baseline.json");
    writeFileSync(file, json({ accepted: [entry] }));
    expect(readBaseline(file, IDS)).toEqual({ accepted: [entry] });
  });
});

describe("applying a baseline", () => {
  const run = report([
    claim({ id: "getJob.createDate.type", verdict: "contradicted" }),
    claim({ id: "getJob.messages.omitted", verdict: "confirmed" }),
    claim({ id: "cancelJob.queued", verdict: "contradicted" }),
  ]);
  const baseline: Baseline = {
    accepted: [entry, { claim: "getJob.messages.omitted", reason: "was wrong", until: "2030-01-01" }],
  };
  const at = (iso: string) => applyBaseline(run, baseline, fakeClock(Date.parse(iso)).clock);

  it("accepts a contradiction through the last moment of its day, UTC", () => {
    const { report: applied, expired } = at("2025-03-31T23:59:59.999Z");
    expect(applied.claims[0]?.accepted).toEqual({ reason: "renamed in 2025.1", until: "2025-03-31" });
    expect(applied.claims[2]?.accepted).toBeUndefined();
    expect(applied.summary.accepted).toBe(1);
    expect(expired).toEqual([]);
  });

  it("fails it again from the next day on, and says the entry expired", () => {
    const { report: applied, expired } = at("2025-04-01T00:00:00.000Z");
    expect(applied.claims[0]?.accepted).toBeUndefined();
    expect(applied.summary.accepted).toBe(0);
    expect(expired).toEqual([entry]);
  });

  it("accepts only contradictions, and names the entries the run did not need", () => {
    const { report: applied, unused } = at("2025-03-01T12:00:00.000Z");
    expect(applied.claims[1]?.accepted).toBeUndefined();
    expect(unused.map((e) => e.claim)).toEqual(["getJob.messages.omitted"]);
  });

  it("leaves the report it was given as it was, and drops an acceptance no longer in the baseline", () => {
    const before = structuredClone(run);
    const once = at("2025-03-01T00:00:00.000Z").report;
    expect(run).toEqual(before);
    const again = applyBaseline(once, { accepted: [] }, fakeClock(0).clock).report;
    expect(again.claims.every((c) => c.accepted === undefined)).toBe(true);
    expect(again.summary.accepted).toBe(0);
  });
});
