// Compares two versions of the spec with Redocly's diff (its `diff-recommended` rules, turned on
// in redocly.yaml) and says which changes break clients: every change Redocly rates `major`, and
// every changed or removed `x-<name>-values` list or `x-outcome`, which Redocly's diff does not compare.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { bin, root, withScratch } from "./script.js";

export interface SpecChange {
  /** Where, as the operation or component it is in and the JSON pointer below it. */
  path: string;
  /** What happened: `added`, `removed` or `modified`, and the rule that rated it. */
  kind: string;
  rule: string | undefined;
  breaking: boolean;
  impact: "major" | "minor" | "patch";
  message: string;
}

export interface SpecDiff {
  base: { ref: string; version: string };
  revision: { ref: string; version: string };
  changes: SpecChange[];
}

interface RedoclyChange {
  path: string;
  kind: string;
  impact: "major" | "minor" | "patch";
  property?: string;
  verdicts: { ruleId: string; impact: string; message: string }[];
}

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

const read = (file: string) => parse(readFileSync(file, "utf8")) as { info?: { version?: string } };
const versionOf = (doc: ReturnType<typeof read>) => String(doc.info?.version ?? "0.0.0");

/**
 * Every extension clients act on, by where it is: the `x-<name>-values` lists (such as
 * `x-terminal-values`) by JSON pointer, and each `x-outcome` of a documented message by its
 * examples map and its name, with the example's value (so renaming the example changes nothing).
 */
function valueLists(node: unknown, pointer = "#", out = new Map<string, string>()): Map<string, string> {
  if (node === null || typeof node !== "object") return out;
  for (const [key, value] of Object.entries(node)) {
    const here = `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    if (/^x-.+-values$/.test(key)) out.set(here, JSON.stringify(value));
    else if (key === "x-outcome") continue;
    else {
      if (key === "examples" && value !== null && typeof value === "object") {
        for (const example of Object.values(value) as { "x-outcome"?: unknown; value?: unknown }[]) {
          const outcome = example?.["x-outcome"];
          if (typeof outcome === "string") out.set(`${here}/x-outcome/${outcome}`, JSON.stringify(example.value));
        }
      }
      valueLists(value, here, out);
    }
  }
  return out;
}

/**
 * Changes to the `x-<name>-values` lists and `x-outcome` names, which Redocly's diff does not look
 * at. Clients act on these values (a job is finished when its status is in `x-terminal-values`; a
 * cancel's outcome is the `x-outcome` of the message it answered), so changing or removing one
 * breaks them; adding one does not. They are read from the entry file.
 */
function valueListChanges(base: unknown, revision: unknown): SpecChange[] {
  const before = valueLists(base);
  const after = valueLists(revision);
  const changes: SpecChange[] = [];
  for (const pointer of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(pointer);
    const is = after.get(pointer);
    if (was === is) continue;
    const kind = was === undefined ? "added" : is === undefined ? "removed" : "modified";
    const breaking = kind !== "added";
    changes.push({
      path: location(pointer, undefined),
      kind,
      rule: "value-list-changed",
      breaking,
      impact: breaking ? "major" : "minor",
      message: `Value list ${kind}${breaking ? ": clients act on these values." : "."}`,
    });
  }
  return changes;
}

/** Where a change is, in the reader's terms: `GET /v3/jobs/{jobId} responses/404`. */
function location(pointer: string, property: string | undefined): string {
  const parts = pointer
    .replace(/^#\//, "")
    .split("/")
    .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
  let where: string;
  if (parts[0] === "paths" && parts.length >= 2) {
    const method =
      parts[2] && /^(get|put|post|delete|patch|head|options|trace)$/.test(parts[2]) ? `${parts[2].toUpperCase()} ` : "";
    const rest = parts.slice(method ? 3 : 2).join("/");
    where = `${method}${parts[1]}${rest ? ` ${rest}` : ""}`;
  } else {
    where = parts.join("/") || "(document)";
  }
  return property ? `${where} · ${property}` : where;
}

function describeChange({ kind, property }: RedoclyChange): string {
  if (kind === "modified") return property ? `\`${property}\` changed.` : "Changed.";
  return `${kind[0]?.toUpperCase()}${kind.slice(1)}.`;
}

export function diffSpecs(baseRef: string, revisionRef: string, baseFile: string, revisionFile: string): SpecDiff {
  const result = spawnSync(
    bin("redocly"),
    ["diff", baseFile, revisionFile, "--format", "json", "--fail-on", "none", "--config", join(root, "redocly.yaml")],
    { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`redocly diff failed:\n${result.stderr}`);
  const report = JSON.parse(result.stdout) as { changes: RedoclyChange[] };
  const changes = report.changes.map((change): SpecChange => {
    const verdict = change.verdicts.find((v) => v.impact === change.impact) ?? change.verdicts[0];
    return {
      path: location(change.path, change.property),
      kind: change.kind,
      rule: verdict?.ruleId,
      breaking: change.impact === "major",
      impact: change.impact,
      message: verdict?.message ?? describeChange(change),
    };
  });
  const [base, revision] = [read(baseFile), read(revisionFile)];
  return {
    base: { ref: baseRef, version: versionOf(base) },
    revision: { ref: revisionRef, version: versionOf(revision) },
    changes: [...changes, ...valueListChanges(base, revision)],
  };
}

export const major = (version: string) => Number.parseInt(version.split(".")[0] ?? "0", 10) || 0;
