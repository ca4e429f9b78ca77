// The breaking-change gate: compares two versions of the spec with Redocly's diff (its
// `diff-recommended` rules) and says which changes break clients: every change Redocly rates
// `major`, and every changed or removed `x-<name>-values` list or `x-outcome`, which Redocly's diff
// does not compare. `npm run spec:diff` gates the repository's own releases with it, and
// `alteryx-jobs conform --overlay` states its verdict on the spec changes a run proposes.
// Node only (it runs Redocly's command), and it needs @redocly/cli, an optional peer dependency.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";

const require = createRequire(import.meta.url);

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

/** The Redocly CLI the gate is tested with: the package's peer dependency, read from package.json (its one home). */
export const REDOCLY_VERSION: string = (
  require("alteryx-jobs/package.json") as { peerDependencies: Record<string, string> }
).peerDependencies["@redocly/cli"] as string;

/** How long one `redocly diff` may take: it takes a few seconds on a busy machine. */
export const DIFF_TIMEOUT_MS = 120_000;

/**
 * Redocly's command-line entry point.
 * @throws Error saying what to install when @redocly/cli is not installed.
 */
export function redoclyBin(): string {
  try {
    return join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
  } catch {
    throw new Error(`The breaking-change gate needs Redocly: npm install --save-dev @redocly/cli@${REDOCLY_VERSION}`);
  }
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

/** Runs `redocly diff` on two files with the `diff-recommended` rules, and no telemetry, update check or notice. */
function redoclyDiff(baseFile: string, revisionFile: string): { changes: RedoclyChange[] } {
  const dir = mkdtempSync(join(tmpdir(), "spec-diff-"));
  try {
    const config = join(dir, "redocly.yaml");
    writeFileSync(config, "extends:\n  - diff-recommended\ntelemetry: off\n");
    const stdout = execFileSync(
      process.execPath,
      [
        redoclyBin(),
        "diff",
        resolve(baseFile),
        resolve(revisionFile),
        "--format",
        "json",
        "--fail-on",
        "none",
        "--config",
        config,
      ],
      {
        cwd: dir,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
        timeout: DIFF_TIMEOUT_MS,
        killSignal: "SIGKILL",
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      },
    );
    return JSON.parse(stdout) as { changes: RedoclyChange[] };
  } catch (error) {
    const { stderr, signal } = error as { stderr?: string; signal?: string };
    if (signal === "SIGKILL") throw new Error(`redocly diff did not finish within ${DIFF_TIMEOUT_MS} ms`);
    throw new Error(`redocly diff failed:\n${stderr ?? (error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The changes from the spec in `baseFile` to the one in `revisionFile`, each named by its ref
 * (a git ref, a file, a description) in the result.
 * @throws Error when Redocly is not installed, fails, or takes longer than {@link DIFF_TIMEOUT_MS}.
 */
export function diffSpecs(baseRef: string, revisionRef: string, baseFile: string, revisionFile: string): SpecDiff {
  const report = redoclyDiff(baseFile, revisionFile);
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

/** What the gate says of a diff. */
export interface GateVerdict {
  /** False when a change breaks clients and `info.version`'s major number was not raised. */
  passes: boolean;
  breaking: SpecChange[];
}

/** The gate: a breaking change passes only as a new major version. */
export function gate(diff: SpecDiff): GateVerdict {
  const breaking = diff.changes.filter((c) => c.breaking);
  return { passes: breaking.length === 0 || major(diff.revision.version) > major(diff.base.version), breaking };
}
