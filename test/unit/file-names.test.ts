// Names from the server made safe to create in a folder: whatever the server sends, the result is
// one plain name inside that folder.
import { join, resolve, sep } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_NAME_BYTES, numbered, safeFileName } from "../../src/node/file-names.js";

const folder = resolve("/srv/outputs");

describe("safeFileName", () => {
  it.each([
    ["../../x.csv", undefined, "x.csv"],
    ["/etc/passwd", undefined, "passwd"],
    ["C:\\Windows\\System32\\evil.csv", undefined, "evil.csv"],
    ["\\\\server\\share\\report.pdf", undefined, "report.pdf"],
    ["a\u0000b\u001b[31mc.csv", undefined, "a_b_[31mc.csv"],
    ["\u202egnp.exe", undefined, "_gnp.exe"],
    ['what?<now>:"|*.csv', undefined, "what__now_____.csv"],
    ["..", undefined, "output"],
    ["", "csv", "output.csv"],
    [".hidden", undefined, "hidden"],
    ["report. . .", undefined, "report"],
    ["CON", "csv", "_CON.csv"],
    ["lpt1.tar.gz", undefined, "_lpt1.tar.gz"],
    ["sales_summary.yxdb", "csv", "sales_summary.csv"],
    ["sales_summary.csv", undefined, "sales_summary.csv"],
    ["notes", "txt", "notes.txt"],
    ["data.c$v", undefined, "data"],
    ["a\ud800b.csv", undefined, "a_b.csv"],
    ["a\u2028b\u2029c.csv", undefined, "a_b_c.csv"],
    ["CONIN$.txt", undefined, "_CONIN$.txt"],
    ["conout$", "log", "_conout$.log"],
  ])("%j with extension %j becomes %j", (name, extension, expected) => {
    expect(safeFileName(name, extension)).toBe(expected);
  });

  it("bounds the length in UTF-8 bytes, keeps the extension and never splits a character", () => {
    const name = safeFileName(`${"é".repeat(300)}.xlsx`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name.endsWith("é.xlsx")).toBe(true);
  });

  it("gives, for any text, one non-empty name that stays in the folder", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), fc.option(fc.string()), (name, extension) => {
        const safe = safeFileName(name, extension ?? undefined);
        expect(safe).not.toMatch(/[/\\\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}<>:"|?*]/u);
        expect(safe.startsWith(".")).toBe(false);
        expect(Buffer.byteLength(numbered(safe, 999))).toBeLessThanOrEqual(MAX_NAME_BYTES);
        expect(resolve(folder, safe).startsWith(folder + sep)).toBe(true);
        expect(join(folder, safe)).toBe(resolve(folder, safe));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("numbered", () => {
  it("puts the copy number before the extension", () => {
    expect([1, 2, 3].map((n) => numbered("sales.csv", n))).toEqual(["sales.csv", "sales (2).csv", "sales (3).csv"]);
    expect(numbered("README", 2)).toBe("README (2)");
  });
});
