// `npm run spec:diff [-- --base <ref>] [-- --revision <ref>] [-- --gate]`: lists every change of
// the spec from the base (default: the last tag, else the merge-base with main, else the first
// commit) to the revision (default: the working tree), with where it is, its kind and whether it
// breaks clients. A ref is a git ref or a file. With --gate it fails on a breaking change unless
// info.version's major number was raised; `npm test` runs it so.

import { isMain, option, root } from "./lib/script.js";
import { defaultBase, diffRefs, gate, major } from "./lib/spec-diff.js";

/** What the command prints, and its exit status. */
export interface SpecDiffRun {
  status: 0 | 1;
  stdout: string;
  stderr: string;
}

/** `npm run spec:diff` with `args`, in the repository at `cwd`. */
export function specDiff(args: readonly string[], cwd = root): SpecDiffRun {
  const base = option(args, "--base") ?? defaultBase(cwd);
  const revision = option(args, "--revision") ?? "working";
  const gating = args.includes("--gate");

  const diff = diffRefs(base, revision, cwd);
  if (!diff)
    return { status: 0, stdout: `spec:diff: ${base} has no spec/openapi.yaml; nothing to compare.\n`, stderr: "" };
  const { passes, breaking } = gate(diff);

  const lines = [`spec:diff ${base} (${diff.base.version}) → ${revision} (${diff.revision.version})`];
  for (const change of diff.changes) {
    const verdict = change.breaking ? "BREAKING    " : "not breaking";
    lines.push(
      `  ${verdict}  ${change.kind.padEnd(8)}  ${change.path}\n                ${change.message}${change.rule ? ` (${change.rule})` : ""}`,
    );
  }
  lines.push(`${diff.changes.length} changes, ${breaking.length} breaking.`);
  const stdout = `${lines.join("\n")}\n`;

  if (gating && !passes) {
    const stderr =
      `\nspec:diff: ${breaking.length} breaking change(s) since ${base}, and info.version's major number was not raised ` +
      `(${diff.base.version} → ${diff.revision.version}):\n${breaking.map((c) => `  - ${c.path}: ${c.message}`).join("\n")}\n` +
      `Undo them, or raise info.version to ${major(diff.base.version) + 1}.0.0 to release them as a new major version.\n`;
    return { status: 1, stdout, stderr };
  }
  return { status: 0, stdout, stderr: "" };
}

if (isMain(import.meta.url)) {
  const { status, stdout, stderr } = specDiff(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = status;
}
