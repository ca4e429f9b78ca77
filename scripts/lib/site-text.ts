// What the site's generated pages share: links to the pages VitePress does not build (the API
// and library references, published files), and text taken from the spec or from TSDoc made
// safe to put in a VitePress page.

/**
 * A Markdown link to a page of the site that VitePress does not build. `{target="_self"}` makes
 * the browser load it: VitePress's router would look for a page of its own and show its 404.
 */
export function outsideLink(text: string, path: string): string {
  return `[${text}](${path}){target="_self"}`;
}

/**
 * The first sentence of a text, on one line: up to the first `.`, `!` or `?` followed by a space
 * or the end, outside code spans; the whole first paragraph when it has no such end.
 */
export function firstSentence(text: string): string {
  const paragraph = (text.trim().split(/\n\s*\n/)[0] ?? "").replace(/\s+/g, " ");
  let code = false;
  for (let i = 0; i < paragraph.length; i++) {
    const c = paragraph[i];
    if (c === "`") code = !code;
    else if (
      !code &&
      (c === "." || c === "!" || c === "?") &&
      (i + 1 === paragraph.length || paragraph[i + 1] === " ")
    ) {
      return paragraph.slice(0, i + 1);
    }
  }
  return paragraph;
}

/**
 * A line of prose from the spec or a TSDoc comment, as a VitePress page shows it as text: outside
 * code spans `<` and `>` are entities (VitePress would take a tag for a Vue component), and a
 * line with `{{` is kept from Vue's interpolation.
 */
export function pageText(text: string): string {
  const escaped = text
    .split(/(`[^`]*`)/)
    .map((part) => (part.startsWith("`") ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("");
  return escaped.includes("{{") ? `<span v-pre>${escaped}</span>` : escaped;
}
