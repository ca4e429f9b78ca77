// `npm run spec:changelog [-- --from <ref>] [-- --to <ref>]`: writes the API's changes between two
// refs (default: the spec:diff base, and the working tree) as a section of CHANGELOG.md, breaking
// changes first. Running it again for the same versions replaces that section.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isMain, option, root } from "./lib/script.js";
import { defaultBase, diffRefs, type SpecDiff } from "./lib/spec-diff.js";

const TITLE = "# API changelog";

export function section(diff: SpecDiff, heading: string): string {
  const list = (breaking: boolean) =>
    diff.changes
      .filter((c) => c.breaking === breaking)
      .map((c) => `- \`${c.path}\`: ${c.message}`)
      .join("\n");
  const parts = [heading, ""];
  if (diff.changes.length === 0) parts.push("No change to the API.", "");
  const breaking = list(true);
  const other = list(false);
  if (breaking) parts.push("### Breaking", "", breaking, "");
  if (other) parts.push("### Not breaking", "", other, "");
  return parts.join("\n");
}

/** CHANGELOG.md with `text` as the newest section, in place of any section with the same heading. */
export function withSection(current: string, heading: string, text: string): string {
  const body = current.startsWith(TITLE) ? current.slice(TITLE.length).replace(/^\n+/, "") : current;
  const sections = body.split(/\n(?=## )/).filter((s) => s.trim() !== "" && !s.startsWith(`${heading}\n`));
  return `${TITLE}\n\n${[text.trimEnd(), ...sections.map((s) => s.trimEnd())].join("\n\n")}\n`;
}

/**
 * Writes the changes from `from` to `to` as the newest section of CHANGELOG.md in the repository
 * at `cwd`; returns the line the command prints.
 * @throws Error when `from` has no spec.
 */
export function writeChangelog(from: string, to: string, cwd = root): string {
  const diff = diffRefs(from, to, cwd);
  if (!diff) throw new Error(`No spec/openapi.yaml at ${from}`);
  const heading = `## ${diff.revision.version} (from ${diff.base.version})`;
  const changelog = join(cwd, "CHANGELOG.md");
  const current = existsSync(changelog) ? readFileSync(changelog, "utf8") : "";
  writeFileSync(changelog, withSection(current, heading, section(diff, heading)));
  return `CHANGELOG.md: ${heading.slice(3)}, ${diff.changes.length} changes`;
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  console.log(writeChangelog(option(args, "--from") ?? defaultBase(), option(args, "--to") ?? "working"));
}
