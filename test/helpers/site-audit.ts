// Finds, in the files of a built site, every address a page would load from elsewhere, without a
// browser: what the Chromium test cannot see because no page it opens happens to load it (a
// script's branch not taken, an icon no page shows, a telemetry call turned off by an option).
// Every text file is read with every reader, whatever its type: a bundle carries HTML in its
// strings, a page carries CSS and scripts, the spec embedded in Redoc's page carries Markdown.
import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";

/** An address found in a file of the site, and what would load it. */
export interface Found {
  /** The file, relative to the site's folder, with "/" between folders. */
  file: string;
  /** What refers to it: `<script src>`, `css url()`, `fetch()`, `telemetry host`… */
  kind: string;
  url: string;
}

export interface SiteAudit {
  /** Addresses elsewhere that a page would load by itself: each one is a finding. */
  loads: Found[];
  /**
   * Addresses elsewhere that a reader may follow (`<a href>`, `<area href>`, `<form action>`).
   * Not findings: the browser asks nothing of them until the reader clicks, and then the reader
   * leaves the site knowingly, which the site being offline does not forbid. Kept apart so that a
   * link is never mistaken for a load, nor a load for a link.
   */
  links: Found[];
}

const TEXT = new Set([".html", ".htm", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".yaml", ".txt", ".map"]);
/** Files read by no reader: fonts and images are data, they name no address a browser loads. */
const DATA = new Set([".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".webp"]);
/** Files with no content to read: VitePress's marker that tells GitHub Pages not to run Jekyll. */
const MARKERS = new Set([".nojekyll"]);

/** An address on another host: http(s), web sockets, or scheme-relative (`//host/…`). */
const EXTERNAL = /^\s*(?:(?:https?|wss?):)?\/\/[^/\s]/i;

/**
 * Hosts of the tools' telemetry, analytics and CDNs, reported wherever they appear, because a
 * script builds the address at run time (`https://${appId}-dsn.algolia.net`) or keeps it in a
 * variable that another call uses: no pattern of a call would find those.
 */
const KNOWN_HOSTS = [
  "otel.cloud.redocly.com", // Redoc's telemetry
  "cdn.redocly.com", // Redoc's icons
  "cdn.redoc.ly", // Redoc's logo
  "algolia.net", // VitePress's Algolia search
  "algolianet.com",
  "insights.algolia.io",
  "api.iconify.design", // VitePress's social icons
  "fonts.googleapis.com",
  "fonts.gstatic.com",
  "unpkg.com",
  "cdn.jsdelivr.net",
  "cdnjs.cloudflare.com",
  "google-analytics.com",
  "googletagmanager.com",
  "plausible.io",
  "sentry.io",
  "segment.io",
];
const KNOWN_HOST = new RegExp(
  `(?:(?:https?|wss?):)?//(?:[\\w$\${}-]+\\.)*(?:${KNOWN_HOSTS.map((h) => h.replace(/\./g, "\\.")).join("|")})\\b[^\\s"'\`)<>]*`,
  "gi",
);

/** Elements and the attributes with which they load something, or lead somewhere (`a`, `area`, `form`). */
const LOADING: Record<string, string[]> = {
  script: ["src"],
  link: ["href", "imagesrcset"],
  img: ["src", "srcset"],
  iframe: ["src"],
  frame: ["src"],
  source: ["src", "srcset"],
  video: ["src", "poster"],
  audio: ["src"],
  track: ["src"],
  embed: ["src"],
  object: ["data"],
  input: ["src"],
  image: ["href", "xlink:href"],
  use: ["href", "xlink:href"],
  feimage: ["href", "xlink:href"],
  base: ["href"],
  a: ["href", "ping"],
  area: ["href", "ping"],
  form: ["action"],
};
/** What a reader follows rather than what a page loads; `ping` (sent on a click, unasked) is a load. */
const FOLLOWED = new Set(["a href", "area href", "form action"]);
/** `<link rel>`s that the browser does not fetch. */
const NOT_FETCHED = new Set(["canonical", "alternate", "author", "license", "help", "me", "bookmark"]);

const TAG = /<([a-z][\w:-]*)\b([^<>]*)>/gi;
const ATTRIBUTE = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
const CSS_URL = /url\(\s*(["']?)([^"')]*)\1\s*\)/gi;
const CSS_IMPORT = /@import\s+(["'])([^"']*)\1/gi;
const CSS_IMAGE_SET = /image-set\(\s*(["'])([^"']*)\1/gi;
/** A call or statement that loads the address in its (first) string argument. */
const JS_LOAD =
  /((?<![@\w.$])import\s*\(|(?<![@\w.$])import\s+|\bfrom\s*|\bfetch\s*\(|\bimportScripts\s*\(|\.sendBeacon\s*\(|\bnew\s+(?:WebSocket|EventSource|Worker|SharedWorker|Request)\s*\(|\.open\s*\(\s*["'`]\w+["'`]\s*,\s*|\.src\s*=\s*|setAttribute\s*\(\s*["'`](?:src|href)["'`]\s*,\s*)(["'`])([^"'`]*)\2/g;
/**
 * A hint to reach another host made by a script (`{ rel: "preconnect" }`, `link.rel = "dns-prefetch"`),
 * whose address is usually built at run time. Written as an attribute, the tag's reader finds it.
 */
const JS_HINT = /(?:\brel\s*:|\.rel\s*=)\s*["'`](preconnect|dns-prefetch)["'`]/g;
const MARKDOWN_IMAGE = /!\[[^\]\n]*\]\(\s*<?([^\s)>]+)/g;
const REFRESH = /^\s*\d+\s*[;,]\s*url\s*=\s*['"]?([^'"]+)/i;

/** How a finding of JS_LOAD names what loads: `fetch()`, `import()`, `import`, `.open()`, `.src =`… */
function callKind(call: string): string {
  const name = /^[\w.\s]*?(?:new\s+)?([.\w]+)/.exec(call)?.[1] ?? call;
  if (name === "from") return "import … from";
  if (/\(/.test(call)) return `${name}()`;
  return /=\s*$/.test(call) ? `${name} =` : name;
}

/** The text as the page would read it: a script's escaped quotes and slashes undone. */
const asRead = (text: string) =>
  text
    .replace(/\\u002[fF]/g, "/")
    .replace(/\\u0022/g, '"')
    .replace(/\\(["'/])/g, "$1");

/** Every address elsewhere that `text`, the content of `file`, loads or links to. */
export function auditText(file: string, text: string): SiteAudit {
  const loads: Found[] = [];
  const links: Found[] = [];
  const seen = new Set<string>();
  const add = (to: Found[], kind: string, url: string) => {
    const key = `${kind} ${url}`;
    if (!EXTERNAL.test(url) || seen.has(key)) return;
    seen.add(key);
    to.push({ file, kind, url: url.trim() });
  };
  const source = asRead(text);

  for (const [, name = "", attributes = ""] of source.matchAll(TAG)) {
    const tag = name.toLowerCase();
    const values = new Map<string, string>();
    for (const [, key = "", a, b, c] of attributes.matchAll(ATTRIBUTE))
      values.set(key.toLowerCase(), a ?? b ?? c ?? "");
    if (tag === "meta" && values.get("http-equiv")?.toLowerCase() === "refresh") {
      add(loads, "<meta http-equiv=refresh>", REFRESH.exec(values.get("content") ?? "")?.[1] ?? "");
    }
    const rels = (values.get("rel") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    if (tag === "link" && rels.length > 0 && rels.every((rel) => NOT_FETCHED.has(rel))) continue;
    for (const attribute of LOADING[tag] ?? []) {
      const value = values.get(attribute);
      if (value === undefined) continue;
      const kind = tag === "link" && rels.length ? `<link rel=${rels.join(" ")}>` : `<${tag} ${attribute}>`;
      // A srcset lists candidates, "url 2x, url 640w"; ping lists addresses split by spaces.
      const urls = attribute.endsWith("srcset")
        ? value.split(",").map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
        : attribute === "ping"
          ? value.split(/\s+/)
          : [value];
      for (const url of urls) add(FOLLOWED.has(`${tag} ${attribute}`) ? links : loads, kind, url);
    }
  }
  for (const [, , url = ""] of source.matchAll(CSS_URL)) add(loads, "css url()", url);
  for (const [, , url = ""] of source.matchAll(CSS_IMPORT)) add(loads, "css @import", url);
  for (const [, , url = ""] of source.matchAll(CSS_IMAGE_SET)) add(loads, "css image-set()", url);
  for (const [, call = "", , url = ""] of source.matchAll(JS_LOAD)) add(loads, callKind(call), url);
  for (const [, url = ""] of source.matchAll(MARKDOWN_IMAGE)) add(loads, "markdown image", url);
  for (const [url] of source.matchAll(KNOWN_HOST)) add(loads, "telemetry or CDN host", url);
  // A hint made by a script rarely holds its address as one string: the hint itself is the finding,
  // shown with the code that makes it.
  for (const match of source.matchAll(JS_HINT)) {
    const code = source.slice(Math.max(0, match.index - 40), match.index + 80).replace(/\s+/g, " ");
    loads.push({ file, kind: `${match[1]} hint in a script`, url: code });
  }
  return { loads, links };
}

/** The site's files, relative to `dir`, with "/" between folders. */
export function siteFiles(dir: string, under = ""): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((entry) => {
    const path = under ? `${under}/${entry.name}` : entry.name;
    return entry.isDirectory() ? siteFiles(dir, path) : [path];
  });
}

/**
 * Every file of the built site in `dir`, read with every reader.
 * @throws Error on a file of a type it neither reads nor knows to be data: look at it, then list it.
 */
export function auditSite(dir: string): SiteAudit & { read: string[] } {
  const audit: SiteAudit & { read: string[] } = { loads: [], links: [], read: [] };
  for (const file of siteFiles(dir)) {
    const type = extname(file).toLowerCase();
    if (DATA.has(type) || MARKERS.has(basename(file))) continue;
    if (!TEXT.has(type)) throw new Error(`${relative("", join(dir, file))}: a file of a type the audit does not know`);
    const { loads, links } = auditText(file, readFileSync(join(dir, file), "utf8"));
    audit.loads.push(...loads);
    audit.links.push(...links);
    audit.read.push(file);
  }
  return audit;
}
