import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createRedactor, REMEMBERED_TOKENS, redactError } from "../../src/core/redact.js";

const SECRET = 'a/b+c"d e✓f';

describe("the redactor", () => {
  it("masks a secret as is, URL-encoded, form-encoded and JSON-escaped", () => {
    const redact = createRedactor();
    redact.remember(SECRET, true);
    const forms = [
      SECRET,
      encodeURIComponent(SECRET),
      new URLSearchParams({ v: SECRET }).toString().slice(2),
      JSON.stringify(SECRET).slice(1, -1),
    ];
    for (const form of forms) expect(redact(`<${form}>`)).toBe("<[redacted]>");
  });

  it("masks a secret in base64, either alphabet, wherever it starts in the encoded value", () => {
    const redact = createRedactor();
    redact.remember(SECRET, true);
    for (const before of ["", "a", "ab", "user:"]) {
      const bytes = Buffer.from(`${before}${SECRET}`);
      for (const encoded of [bytes.toString("base64"), bytes.toString("base64url")]) {
        const masked = redact(encoded);
        expect(masked).toContain("[redacted]");
        // What is left are the characters the bytes around the secret share with it: too few to rebuild it.
        expect(masked.replace("[redacted]", "").length).toBeLessThanOrEqual(Math.ceil((before.length * 8) / 6) + 4);
      }
    }
  });

  it("keeps the last tokens, forgets older ones, and never forgets pinned secrets", () => {
    const redact = createRedactor();
    redact.remember("pinned-secret", true);
    const tokens = Array.from({ length: REMEMBERED_TOKENS + 1 }, (_, n) => `token-number-${n}`);
    for (const token of tokens) redact.remember(token);
    expect(redact(tokens[0] as string)).toBe(tokens[0]);
    expect(redact(tokens.slice(1).join(" "))).not.toMatch(/token-number/);
    expect(redact("pinned-secret")).toBe("[redacted]");
  });

  it("copies an error and its causes with message, stack and code masked", () => {
    const redact = createRedactor();
    redact.remember(SECRET, true);
    const inner = Object.assign(new Error(`invalid header value ${SECRET}`), { code: "ERR_INVALID_CHAR" });
    const copy = redactError(new TypeError("fetch failed", { cause: inner }), redact);
    expect(copy.name).toBe("TypeError");
    expect((copy.cause as { code: string }).code).toBe("ERR_INVALID_CHAR");
    expect(inspect(copy, { depth: 5 })).not.toContain(SECRET);
  });
});
