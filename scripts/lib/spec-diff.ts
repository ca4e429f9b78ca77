// The spec of a git ref, a file or the working tree, compared by the breaking-change gate
// (src/spec-diff.ts, its one home: the package's `conform --overlay` runs it too).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { diffSpecs, type SpecDiff } from "../../src/spec-diff.js";
import { root, withScratch } from "./script.js";

export { diffSpecs, gate, major, type SpecChange, type SpecDiff } from "../../src/spec-diff.js";

function git(args: string[], cwd: string): string | undefined {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * The default base of the repository at `cwd`: the last tag, else the merge-base with main, else
 * the first commit.
 * @throws Error when the repository has no commit.
 */
export function defaultBase(cwd = root): string {
  const tag = git(["describe", "--tags", "--abbrev=0"], cwd);
  if (tag) return tag;
  for (const main of ["main", "origin/main"]) {
    const mergeBase = git(["merge-base", "HEAD", main], cwd);
    if (mergeBase) return mergeBase;
  }
  const first = git(["rev-list", "--max-parents=0", "HEAD"], cwd)?.split("\n").at(-1);
  if (!first) throw new Error("No git history to compare the spec against: pass --base <file or ref>.");
  return first;
}

/**
 * The spec's entry file at `ref`: a git ref (the whole spec/ folder is extracted into `dir`, so
 * `$ref`s across files resolve), a path to a file, or "working" for the working tree. Undefined
 * when the ref has no spec.
 */
function specAt(ref: string, dir: string, cwd: string): string | undefined {
  if (ref === "working") return join(cwd, "spec", "openapi.yaml");
  if (!git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd)) return ref;
  if (git(["cat-file", "-e", `${ref}:spec/openapi.yaml`], cwd) === undefined) return undefined;
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git archive "$1" spec | tar -x -C "$2"`, "sh", ref, dir], { cwd });
  return join(dir, "spec", "openapi.yaml");
}

/**
 * The changes of the spec from `baseRef` to `revisionRef` (each a git ref, a file or "working",
 * as for {@link specAt}) in the repository at `cwd`; undefined when the base has no spec. Copies
 * taken out of git are removed before it returns.
 * @throws Error when the revision has no spec, or Redocly fails.
 */
export function diffRefs(baseRef: string, revisionRef: string, cwd = root): SpecDiff | undefined {
  return withScratch("spec-at-", (dir) => {
    const baseFile = specAt(baseRef, join(dir, "base"), cwd);
    if (!baseFile) return undefined;
    const revisionFile = specAt(revisionRef, join(dir, "revision"), cwd);
    if (!revisionFile) throw new Error(`${revisionRef} has no spec/openapi.yaml`);
    return diffSpecs(baseRef, revisionRef, baseFile, revisionFile);
  });
}
