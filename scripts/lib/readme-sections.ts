// The README as a tree of sections, found by their headings, so that the docs site's guides are
// made from the README's own text rather than from a second copy of it. Headings are matched by
// their words, not their place, so sections can move, change level or gain neighbours.

export interface Section {
  /** The heading's text, as written after the `#`s. */
  heading: string;
  /** 1 for `#`, 2 for `##`, … */
  depth: number;
  /** GitHub's anchor for the heading, as the README's own links write it. */
  anchor: string;
  /** The lines after the heading, up to the next heading of any depth. */
  body: string[];
  children: Section[];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
export function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

/** The README's sections as a tree (lines inside fenced code blocks are never headings). */
export function parseSections(markdown: string): Section[] {
  const roots: Section[] = [];
  const open: Section[] = [];
  const preamble: string[] = [];
  let fence: string | undefined;
  const seen = new Map<string, number>();
  for (const line of markdown.split("\n")) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fenceMark && (fence === undefined || fence === fenceMark)) fence = fence === undefined ? fenceMark : undefined;
    const match = fence === undefined && !fenceMark ? HEADING.exec(line) : null;
    if (!match) {
      (open.at(-1)?.body ?? preamble).push(line);
      continue;
    }
    const depth = (match[1] ?? "").length;
    const heading = match[2] ?? "";
    // GitHub numbers a repeated anchor: the second `## Usage` is #usage-1.
    const base = githubAnchor(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    const section: Section = { heading, depth, anchor: count ? `${base}-${count}` : base, body: [], children: [] };
    while ((open.at(-1)?.depth ?? 0) >= depth) open.pop();
    (open.at(-1)?.children ?? roots).push(section);
    open.push(section);
  }
  return roots;
}

/** Every section of the tree, parents before their children, in the README's order. */
export function allSections(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...allSections(s.children)]);
}
