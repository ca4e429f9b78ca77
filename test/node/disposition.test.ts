// The file name in a Content-Disposition header, by RFC 6266 and RFC 8187: the cases a pattern
// gets wrong.
import { describe, expect, it } from "vitest";
import { dispositionFileName } from "../../src/node/index.js";

describe("dispositionFileName", () => {
  it.each([
    ['attachment; filename="a\\"b.csv"', 'a"b.csv'],
    ['attachment; filename="report; final.csv"', "report; final.csv"],
    ["attachment; filename*=UTF-8'en'r%C3%A9sum%C3%A9.csv", "résumé.csv"],
    ["attachment; filename*=ISO-8859-1''%E9t%E9.csv", "été.csv"],
    ['attachment; xfilename="evil.exe"; filename="x.csv"', "x.csv"],
    ["attachment; filename=plain.csv; filename*=UTF-8''%E2%82%AC.csv", "€.csv"],
    ["inline; filename=sales.csv", "sales.csv"],
  ])("reads %s as %j", (header, name) => {
    expect(dispositionFileName(header)).toBe(name);
  });

  it.each([
    undefined,
    "",
    "attachment",
    'attachment; xfilename="evil.exe"',
    "attachment; filename*=UTF-8''%ZZ.csv",
    ";;=",
  ])("gives no name for %j", (header) => {
    expect(dispositionFileName(header)).toBeUndefined();
  });
});
