// The site's index pages of the two references, written by `npm run docs` into docs/reference/
// (git-ignored): VitePress pages, so that its search finds an operation or an export by name.

export interface ReferencePage {
  /** The page's path below docs/, without `.md`. */
  slug: string;
  title: string;
}

export const OPERATIONS_PAGE: ReferencePage = { slug: "reference/operations", title: "API operations" };
export const LIBRARY_PAGE: ReferencePage = { slug: "reference/library", title: "Library index" };
/** Written only by `npm run docs -- --conformance report.json`: the report's claims, by operation. */
export const CONFORMANCE_PAGE: ReferencePage = { slug: "reference/conformance", title: "Conformance" };
export const REFERENCE_PAGES: readonly ReferencePage[] = [OPERATIONS_PAGE, LIBRARY_PAGE];
