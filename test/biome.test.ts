// biome.json: `npm run lint` reaches every JavaScript, TypeScript and JSON file in the repository,
// whatever its extension, so no script or config file sits outside the linter.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { bin, root } from "../scripts/lib/script.js";

const SOURCE = /\.(?:[cm]?[jt]sx?|jsonc?)$/;
// Written by `npm run generate` and checked by `npm run generate:check` instead; the lockfile is npm's.
const NOT_LINTED = /^(?:generated\/|package-lock\.json$)/;

function tracked(): string[] {
  const out = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" });
  return out.split("\0").filter((file) => SOURCE.test(file) && !NOT_LINTED.test(file));
}

/** The files Biome's `--verbose` report lists as processed. */
function linted(): Set<string> {
  let out: string;
  try {
    out = execFileSync(bin("biome"), ["check", "--verbose", "--max-diagnostics=0", "."], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    out = (error as { stdout: string }).stdout;
  }
  return new Set([...out.matchAll(/^\s+- (\S+)$/gm)].map((m) => m[1] as string));
}

describe("biome.json", () => {
  it("lints every tracked source file", () => {
    const files = tracked();
    expect(files).toContain("scripts/redocly-rules.js");
    const processed = linted();
    expect(files.filter((file) => !processed.has(file))).toEqual([]);
  });
});
