// The docs site's frame: navigation, sidebar, local search. Its pages are docs/index.md (the
// landing page) and those `npm run docs` writes from the README, the exit-code table, the
// changelog, the spec and the library's sources (scripts/docs.ts); the API and library references are built beside them.
import { existsSync } from "node:fs";
import { defineConfig } from "vitepress";
import { GUIDES, SITE_GUIDES } from "../../scripts/lib/guides.js";
import { githubAnchor } from "../../scripts/lib/readme-sections.js";
import {
  CONFORMANCE_PAGE,
  LIBRARY_PAGE,
  OPERATIONS_PAGE,
  type ReferencePage,
} from "../../scripts/lib/reference-pages.js";

// Pages VitePress does not build, served beside it: the browser loads them, not the router.
const outside = (text: string, link: string) => ({ text, link, target: "_self" });
// The references' index pages, which VitePress builds (and its search indexes).
const index = (page: ReferencePage) => ({ text: page.title, link: `/${page.slug}` });
// The conformance page is there when `npm run docs -- --conformance report.json` wrote it.
const conformance = existsSync(new URL(`../${CONFORMANCE_PAGE.slug}.md`, import.meta.url))
  ? [index(CONFORMANCE_PAGE)]
  : [];

export default defineConfig({
  title: "alteryx-jobs",
  description: "The Alteryx Server v3 Jobs API from TypeScript and the command line",
  lang: "en",
  outDir: "../site",
  cleanUrls: false,
  // The reference pages are built by other tools into the same folder; the browser test checks them.
  ignoreDeadLinks: [/^\/(api|lib|postman)\//],
  // Anchors as GitHub writes them, so the README's own links between sections keep working here.
  markdown: { anchor: { slugify: githubAnchor } },
  themeConfig: {
    search: { provider: "local" },
    nav: [
      { text: "Guides", link: `/guide/${GUIDES[0]?.slug}` },
      outside("API reference", "/api/index.html"),
      outside("Library reference", "/lib/index.html"),
      { text: "API changelog", link: "/changelog" },
      ...conformance,
    ],
    sidebar: [
      {
        text: "Guides",
        items: [...GUIDES, ...SITE_GUIDES].map((g) => ({ text: g.title, link: `/guide/${g.slug}` })),
      },
      {
        text: "Reference",
        items: [
          outside("API reference", "/api/index.html"),
          index(OPERATIONS_PAGE),
          outside("Library reference", "/lib/index.html"),
          index(LIBRARY_PAGE),
          outside("Postman collection", "/postman/alteryx-jobs.postman_collection.json"),
          outside("OpenAPI description", "/api/openapi.yaml"),
          { text: "API changelog", link: "/changelog" },
          ...conformance,
        ],
      },
    ],
    outline: [2, 3],
  },
});
