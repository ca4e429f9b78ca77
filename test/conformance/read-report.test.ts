// Reading a conformance report back: a report the writer made is taken whole, and anything else is
// refused with the file named and what is wrong, before a byte of a FIFO or a device is waited for.
import { execFileSync } from "node:child_process";
import { mkdirSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_REPORT_BYTES, parseReport, ReportError, readReport } from "../../src/conformance/index.js";
import { useScratch } from "../helpers/scratch.js";
import { HOSTILE, mixed } from "./fixtures.js";

const scratch = useScratch();
const write = (name: string, text: string | Buffer) => {
  const file = join(scratch(), name);
  writeFileSync(file, text);
  return file;
};
const refusal = (read: () => unknown): string => {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ReportError);
    return (error as Error).message;
  }
  throw new Error("the report was read");
};
const json = (change: (report: Record<string, unknown>) => void) => {
  const report = structuredClone(mixed) as unknown as Record<string, unknown>;
  change(report);
  return JSON.stringify(report);
};

describe("reading a conformance report", () => {
  it("takes back what the writer wrote, server text and all", () => {
    const hostile = structuredClone(mixed);
    (hostile.claims[0] as { observed?: string }).observed = HOSTILE;
    expect(readReport(write("report.json", JSON.stringify(hostile)))).toEqual(hostile);
  });

  it("refuses a file that is missing, a folder, a device, a FIFO, too large or not UTF-8, naming it", () => {
    const folder = join(scratch(), "folder");
    mkdirSync(folder);
    const fifo = join(scratch(), "fifo");
    execFileSync("mkfifo", [fifo]);
    const large = write("large.json", "");
    truncateSync(large, MAX_REPORT_BYTES + 1);
    const latin1 = write("latin1.json", Buffer.from([0x7b, 0xe9, 0x7d]));
    expect(refusal(() => readReport(join(scratch(), "nope.json")))).toBe(
      `Conformance report ${join(scratch(), "nope.json")}: no such file.`,
    );
    expect(refusal(() => readReport(folder))).toContain("is a folder, not a file");
    expect(refusal(() => readReport("/dev/zero"))).toContain("is not a regular file");
    expect(refusal(() => readReport(fifo))).toContain("is not a regular file");
    expect(refusal(() => readReport(large))).toContain(`is larger than ${MAX_REPORT_BYTES} bytes`);
    expect(refusal(() => readReport(latin1))).toContain("is not UTF-8 text");
  });

  it("refuses text that is not JSON, or not a report's shape, saying where", () => {
    expect(refusal(() => parseReport("{", "r.json"))).toMatch(/^Conformance report r\.json: not JSON/);
    expect(refusal(() => parseReport("[]", "r.json"))).toContain("not a conformance report: report must be object");
    expect(
      refusal(() =>
        parseReport(
          json((r) => delete r.claims),
          "r.json",
        ),
      ),
    ).toContain("must have required property 'claims'");
    expect(
      refusal(() =>
        parseReport(
          json((r) => (((r.claims as { verdict: string }[])[0] as { verdict: string }).verdict = "great")),
          "r.json",
        ),
      ),
    ).toContain("report/claims/0/verdict must be equal to one of the allowed values");
    expect(
      refusal(() =>
        parseReport(
          json((r) => (r.finishedAt = "yesterday")),
          "r.json",
        ),
      ),
    ).toContain('report/finishedAt must match format "date-time"');
    const twice = json((r) => (r.claims as unknown[]).push((r.claims as unknown[])[0]));
    expect(refusal(() => parseReport(twice, "r.json"))).toContain('the claim "getJob.status.200" is in it twice');
  });

  it("refuses a server that is not an http(s) origin, whatever it is instead", () => {
    for (const origin of [
      "javascript:alert(1)",
      "https://user:secret@alteryx.example.com",
      "https://alteryx.example.com/webapi",
      "https://alteryx.example.com/?q=1",
      "file:///etc/passwd",
      "https://alteryx.example.com\u202e",
    ]) {
      const message = refusal(() =>
        parseReport(
          json((r) => (r.server = { origin })),
          "r.json",
        ),
      );
      expect(message, origin).toMatch(/server\.origin .* is not an http\(s\) origin|must match format "uri"/);
      expect(message).not.toContain("\u202e");
    }
  });
});
