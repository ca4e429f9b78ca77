// CONTRIBUTING.md's recipes: the five the project promises, each step naming files that exist and
// held by a test that exists, so that a recipe cannot point a contributor at a moved file.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();
const text = readFileSync(join(root, "CONTRIBUTING.md"), "utf8");

/** Each `## ` section's numbered steps, as text. */
const recipes = new Map(
  text
    .split(/^## /m)
    .slice(1)
    .map((section) => {
      const [title = "", ...body] = section.split("\n");
      const steps = body
        .join("\n")
        .split(/^\d+\. /m)
        .slice(1);
      return [title.trim(), steps.map((step) => step.replace(/\s+/g, " ").trim())];
    }),
);

/** The backticked names in `step` that are paths in the repository (`src/cli/handlers/`, `README.md`). */
const pathsIn = (step: string) =>
  [...step.matchAll(/`([^`\s]+)`/g)]
    .map((match) => match[1] as string)
    .filter((name) => /^[\w.-]+(\/[\w.-]*)+$|^[\w-]+\.(md|json|yaml|ts)$/.test(name));

describe("CONTRIBUTING.md", () => {
  it("has the recipes the project promises", () => {
    expect([...recipes.keys()]).toEqual([
      "Add an operation",
      "Add a field",
      "Change a retry rule",
      "Add a sandbox fault",
      "Release a breaking spec change",
    ]);
  });

  for (const [title, steps] of recipes) {
    it(`${title}: names files that exist, in steps each held by a test that exists`, () => {
      expect(steps.length).toBeGreaterThan(2);
      for (const step of steps) {
        const paths = pathsIn(step);
        expect(paths.length, step).toBeGreaterThan(0);
        for (const path of paths) expect(existsSync(join(root, path)), `${title}: ${path}`).toBe(true);
        const held = step.slice(step.indexOf("Held by"));
        expect(step, "a step says what holds it").toContain("Held by");
        expect(pathsIn(held).filter((path) => /^test\/.+\.test\.ts$/.test(path)).length, step).toBeGreaterThan(0);
      }
    });
  }
});
