// `npm run spec:diff [-- --base <ref>] [-- --revision <ref>] [-- --gate]`: lists every change of
// the spec from the base (default: the last tag, else the merge-base with main, else the first
// commit) to the revision (default: the working tree), with where it is, its kind and whether it
// breaks clients. A ref is a git ref or a file. With --gate it fails on a breaking change unless
// info.version's major number was raised; `npm test` runs it so.

import { option } from "./lib/script.js";
import { defaultBase, diffRefs, major } from "./lib/spec-diff.js";

const args = process.argv.slice(2);
const base = option(args, "--base") ?? defaultBase();
const revision = option(args, "--revision") ?? "working";
const gate = args.includes("--gate");

const diff = diffRefs(base, revision);
if (!diff) {
  console.log(`spec:diff: ${base} has no spec/openapi.yaml; nothing to compare.`);
  process.exit(0);
}
const breaking = diff.changes.filter((c) => c.breaking);

console.log(`spec:diff ${base} (${diff.base.version}) → ${revision} (${diff.revision.version})`);
for (const change of diff.changes) {
  const verdict = change.breaking ? "BREAKING    " : "not breaking";
  console.log(
    `  ${verdict}  ${change.kind.padEnd(8)}  ${change.path}\n                ${change.message}${change.rule ? ` (${change.rule})` : ""}`,
  );
}
console.log(`${diff.changes.length} changes, ${breaking.length} breaking.`);

if (gate && breaking.length > 0 && major(diff.revision.version) <= major(diff.base.version)) {
  console.error(
    `\nspec:diff: ${breaking.length} breaking change(s) since ${base}, and info.version's major number was not raised ` +
      `(${diff.base.version} → ${diff.revision.version}):\n${breaking.map((c) => `  - ${c.path}: ${c.message}`).join("\n")}\n` +
      `Undo them, or raise info.version to ${major(diff.base.version) + 1}.0.0 to release them as a new major version.`,
  );
  process.exit(1);
}
