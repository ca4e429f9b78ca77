// The docs site's guides, made from the README's sections: one text, two places. Each guide
// names the README headings it shows; a section belongs to the guide that names it or, failing
// that, to the guide of its nearest named ancestor. Links between sections are rewritten to the
// page that shows their target, and a link to something the site does not show keeps its words.
import { allSections, parseSections, type Section } from "./readme-sections.js";
import { outsideLink } from "./site-text.js";

export interface Guide {
  /** The page's name: the guide is /guide/<slug>. */
  slug: string;
  title: string;
  /** One line for the sidebar's and the landing page's readers. */
  summary: string;
  /** The README headings it shows, in this order; each must match exactly one heading. */
  headings: RegExp[];
}

export const GUIDES: readonly Guide[] = [
  {
    slug: "authentication",
    title: "Authentication",
    summary: "API keys, tokens, and how the client and the command use them.",
    headings: [/^Authentication$/i],
  },
  {
    slug: "client",
    title: "The client",
    summary: "createJobsClient: jobs, waiting, paging, errors, retries, timeouts.",
    headings: [/^Use the client$/i],
  },
  {
    slug: "command",
    title: "The command",
    summary: "alteryx-jobs from a shell: every command, its options and exit codes.",
    headings: [/^Command line\b/i],
  },
  {
    slug: "outputs",
    title: "Job outputs",
    summary: "Download a job's output files byte for byte, as streams or into a folder.",
    headings: [/^Job outputs$/i],
  },
  {
    slug: "apps-and-batches",
    title: "Analytic apps and batches",
    summary: "Answer an app's questions, checked first; run it once per row of answers.",
    headings: [/^Analytic apps\b/i, /^Many runs\b/i],
  },
  {
    slug: "sandbox",
    title: "The sandbox in your own tests",
    summary: "A stateful server on a virtual clock, or MSW handlers, and the Prism mock.",
    headings: [/^Test your automation against the sandbox$/i, /^Mock for your own tests$/i],
  },
  {
    slug: "check-your-server",
    title: "Checking your server",
    summary: "alteryx-jobs conform: the server against the spec, claim by claim, with reports and baselines for CI.",
    headings: [/^Check your server$/i],
  },
];

/** The guides that exist only on the site, written from other sources than the README (scripts/lib/site-pages.ts). */
export const SITE_GUIDES: readonly Omit<Guide, "headings">[] = [
  {
    slug: "errors",
    title: "Errors and exit codes",
    summary: "Every error class of the library and every exit code of the command.",
  },
];

/** Files of the repository that the site publishes, by the path the README links them as. */
const PUBLISHED: Record<string, string> = { "spec/openapi.yaml": "/api/openapi.yaml" };

export interface GuidePage {
  guide: Guide;
  markdown: string;
}

/** Where each README section is shown: its guide's slug, or undefined when the site leaves it out. */
function owners(roots: Section[], named: Map<Section, Guide>): Map<Section, Guide | undefined> {
  const owner = new Map<Section, Guide | undefined>();
  const visit = (section: Section, inherited: Guide | undefined) => {
    const mine = named.get(section) ?? inherited;
    owner.set(section, mine);
    for (const child of section.children) visit(child, mine);
  };
  for (const root of roots) visit(root, undefined);
  return owner;
}

/**
 * The guides' pages, from the README's text.
 * @throws Error naming the guide and the heading when a heading matches no section or several:
 *   the README was reorganised, and the table above says which guide to point elsewhere.
 */
export function guidePages(readme: string, guides: readonly Guide[] = GUIDES): GuidePage[] {
  const roots = parseSections(readme);
  const sections = allSections(roots);
  const named = new Map<Section, Guide>();
  const chosen = new Map<Guide, Section[]>();
  for (const guide of guides) {
    const mine = guide.headings.map((pattern) => {
      const found = sections.filter((s) => pattern.test(s.heading));
      if (found.length !== 1) {
        const which = found.length ? found.map((s) => `"${s.heading}"`).join(", ") : "none";
        throw new Error(`The guide "${guide.title}" shows the README section ${pattern}, which matches ${which}`);
      }
      const section = found[0] as Section;
      named.set(section, guide);
      return section;
    });
    chosen.set(guide, mine);
  }
  const owner = owners(roots, named);
  const byAnchor = new Map(sections.map((s) => [s.anchor, s]));

  return guides.map((guide) => {
    const mine = chosen.get(guide) ?? [];
    // One section: its heading gives way to the guide's title. Several: each is a part of the page.
    const single = mine.length === 1;
    const link = (text: string, target: string): string => {
      if (target.startsWith("#")) {
        const section = byAnchor.get(target.slice(1));
        const page = section && owner.get(section);
        if (!section || !page) return text;
        // A guide made of one section shows it as the page itself: the page's address, no anchor.
        const whole = chosen.get(page)?.length === 1 && chosen.get(page)?.[0] === section;
        const href = page === guide && !whole ? target : `./${page.slug}.md${whole ? "" : target}`;
        return `[${text}](${href})`;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("/")) return `[${text}](${target})`;
      const published = PUBLISHED[target];
      return published ? outsideLink(text, published) : text;
    };
    const lines: string[] = [`# ${guide.title}`, ""];
    const emit = (section: Section, depth: number, heading: boolean) => {
      if (heading) lines.push(`${"#".repeat(depth)} ${section.heading}`);
      lines.push(...rewriteLinks(section.body, link));
      for (const child of section.children) {
        const childOwner = owner.get(child);
        if (childOwner === guide) emit(child, depth + 1, true);
        else if (childOwner) lines.push(`See [${childOwner.title}](./${childOwner.slug}.md).`, "");
      }
    };
    for (const section of mine) emit(section, single ? 1 : 2, !single);
    return {
      guide,
      markdown: `${lines
        .join("\n")
        .replace(/\n{3,}/g, "\n\n")
        .trimEnd()}\n`,
    };
  });
}

const LINK = /(?<!!)\[([^\]\n]+)\]\(([^)\s]+)\)/g;

/** The lines with each Markdown link outside code replaced by `link(text, target)`. */
function rewriteLinks(lines: readonly string[], link: (text: string, target: string) => string): string[] {
  let fenced = false;
  return lines.map((line) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced || /^\s*(```|~~~)/.test(line)) return line;
    // Inline code is left as it is: split on backtick spans, rewrite only the parts between.
    return line
      .split(/(`[^`]*`)/)
      .map((part) =>
        part.startsWith("`") ? part : part.replace(LINK, (_, text: string, target: string) => link(text, target)),
      )
      .join("");
  });
}
