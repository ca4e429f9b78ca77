// The built site, read file by file with no browser, loads nothing from elsewhere: no script,
// style sheet, font, image, frame, hint or telemetry call to another host. The Chromium test sees
// what the pages it opens request; this sees what any page could request, on any path of its
// code. The few addresses the tools' bundles carry and never use here are each explained below,
// with what keeps them unused checked where a file can show it.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { withScratch } from "../../scripts/lib/script.js";
import { auditSite, type Found, type SiteAudit, siteFiles } from "../helpers/site-audit.js";

const site = fileURLToPath(new URL("../../site/", import.meta.url));

interface Allowance {
  file: RegExp;
  /** The address, or its beginning when a script builds the rest. */
  url: string;
  why: string;
  /** What keeps it unused, when the built files can show it: a problem, or undefined when it holds. */
  holds?: (dir: string) => string | undefined;
}

/** The site's pages (VitePress's, Redoc's, TypeDoc's). */
const pages = (dir: string) => siteFiles(dir).filter((file) => file.endsWith(".html"));

const ALLOWED: Allowance[] = [
  {
    file: /^api\/index\.html$/,
    url: "https://otel.cloud.redocly.com/v1/traces",
    why: "Redoc's telemetry, which sends nothing when the page's options disable it: scripts/docs.ts's `telemetry: off` writes `disableTelemetry: true` into them",
    holds: (dir) =>
      readFileSync(join(dir, "api/index.html"), "utf8").includes('"disableTelemetry":true')
        ? undefined
        : "api/index.html: Redoc's options no longer say disableTelemetry: true",
  },
  ...["https://cdn.redocly.com/icons/fa/7.0.0", "https://cdn.redocly.com/icons/code/5.24.0"].map((url) => ({
    file: /^api\/index\.html$/,
    url,
    // The Chromium test opens the page and every operation of it, and sees no request there.
    why: "the base of the icons Redoc draws by name, for a Redocly project's configuration that names icons; this page's names none",
  })),
  {
    file: /^assets\/chunks\/theme\.[\w-]+\.js$/,
    url: "https://api.iconify.design/simple-icons/",
    why: "VitePress's icon of a social link (themeConfig.socialLinks), of which the site has none",
    holds: (dir) => {
      const shown = pages(dir).filter((page) => readFileSync(join(dir, page), "utf8").includes("VPSocialLink"));
      return shown.length
        ? `social links shown on ${shown.join(", ")}: their icons load from api.iconify.design`
        : undefined;
    },
  },
];

/** What is wrong with the site in `dir`: each unexplained load, each allowance that no longer holds or matches. */
function problems(dir: string, audit: SiteAudit): string[] {
  const explained = (found: Found) => ALLOWED.some((a) => a.file.test(found.file) && found.url.startsWith(a.url));
  const found = audit.loads.filter((f) => !explained(f)).map((f) => `${f.file}: ${f.kind} ${f.url}`);
  for (const allowance of ALLOWED) {
    if (!audit.loads.some((f) => allowance.file.test(f.file) && f.url.startsWith(allowance.url))) {
      found.push(`allowed but no longer found (remove it): ${allowance.url}`);
    }
    const broken = allowance.holds?.(dir);
    if (broken) found.push(`${allowance.url} is allowed because ${allowance.why}, but ${broken}`);
  }
  return found;
}

/** Writes `files` (path → content) under `dir`. */
function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

describe("documentation site offline, read file by file", () => {
  it("loads nothing from elsewhere but what the allowances explain, and links only over HTTPS", () => {
    const audit = auditSite(site);
    for (const type of [".html", ".css", ".js", ".json", ".svg"]) {
      expect(
        audit.read.some((file) => file.endsWith(type)),
        `no ${type} file read in site/: npm run docs`,
      ).toBe(true);
    }
    expect(problems(site, audit)).toEqual([]);
    // A reader's links are no load (see SiteAudit.links); they are held to HTTPS, so that following
    // one never leaves for a connection anyone on the way can read.
    expect(audit.links.length).toBeGreaterThan(0);
    expect(audit.links.filter((l) => !l.url.startsWith("https://"))).toEqual([]);
  });

  it("fails on the built site with an external font and script planted in a copy of it", () =>
    withScratch("site-planted-", (copy) => {
      cpSync(site, copy, { recursive: true });
      const index = readFileSync(join(copy, "index.html"), "utf8");
      const planted = index.replace(
        "</head>",
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter"><script src="https://cdn.example.net/analytics.js"></script></head>',
      );
      expect(planted).not.toBe(index);
      writeFileSync(join(copy, "index.html"), planted);
      const style = readdirSync(join(copy, "assets")).find((f) => f.endsWith(".css"));
      expect(style, "VitePress's style sheet in site/assets/").toBeDefined();
      const sheet = join(copy, "assets", String(style));
      const font = '@font-face{font-family:Planted;src:url(https://fonts.example.net/planted.woff2) format("woff2")}';
      writeFileSync(sheet, `${font}\n${readFileSync(sheet, "utf8")}`);
      expect(problems(copy, auditSite(copy)).sort()).toEqual(
        [
          "index.html: <link rel=stylesheet> https://fonts.googleapis.com/css2?family=Inter",
          "index.html: telemetry or CDN host https://fonts.googleapis.com/css2?family=Inter",
          "index.html: <script src> https://cdn.example.net/analytics.js",
          `assets/${style}: css url() https://fonts.example.net/planted.woff2`,
        ].sort(),
      );
    }));

  it("finds each way a file refers to another host, tells links apart, and leaves the site's own addresses alone", () =>
    withScratch("site-fixture-", (dir) => {
      write(dir, {
        "index.html": `<!doctype html><html><head>
<link rel="preconnect" href="https://fonts.gstatic.com">
<link rel="dns-prefetch" href="//dns.example.net">
<link rel="canonical" href="https://example.org/">
<link rel="stylesheet" href="/assets/style.css">
<script src="/assets/app.js"></script>
<meta http-equiv="refresh" content="5; url=https://away.example.net/">
</head><body>
<img srcset="/local.png 1x, https://img.example.net/a.png 2x">
<iframe src="//embed.example.net/x"></iframe>
<video poster="https://img.example.net/poster.png"><source src="https://media.example.net/v.mp4"></video>
<div style="background: url('https://img.example.net/bg.png')"></div>
<a href="https://example.org/read-more" ping="https://collect.example.net/ping">more</a>
<a href="/guide/client.html">local</a>
</body></html>`,
        "assets/style.css": `@import "https://cdn.example.net/reset.css";
@font-face { font-family: X; src: url(https://fonts.example.net/x.woff2) format("woff2"), url(/assets/local.woff2); }
.a { background: image-set("https://img.example.net/set.png" 1x); }`,
        "assets/app.js": `import x from "https://cdn.example.net/esm.js";
import("https://cdn.example.net/mod.js"); new Worker("https://cdn.example.net/worker.js");
xhr.open("GET", "https://api.example.net/x"); image.src = "https://img.example.net/i.png";
fetch(\`https://api.example.net/v1/\${id}\`); fetch("/local.json");
navigator.sendBeacon("https://collect.example.net/e", data);
const endpoint = "https://otel.cloud.redocly.com/v1/traces";
el.innerHTML = "<img src=\\"https://img.example.net/c.png\\">";
const hint = document.createElement("link"); hint.rel = "dns-prefetch"; hint.href = "https://" + appId + ".example.net";`,
        "data.json": JSON.stringify({ logo: "<img src='https://img.example.net/j.png'>", see: "https://example.org/" }),
        "icon.svg": `<svg xmlns="http://www.w3.org/2000/svg"><image href="https://img.example.net/s.png"/></svg>`,
        "api/openapi.yaml": "info:\n  description: |\n    ![diagram](https://img.example.net/d.png)\n",
        "fonts/local.woff2": "wOF2",
      });
      const audit = auditSite(dir);
      const list = (found: Found[]) => found.map((f) => `${f.file}: ${f.kind} ${f.url}`).sort();
      // A script's hint is shown with the code that makes it: its address is built at run time.
      const [hint, ...hints] = audit.loads.filter((f) => f.kind.endsWith("hint in a script"));
      expect(hints).toEqual([]);
      expect(hint).toMatchObject({ file: "assets/app.js", kind: "dns-prefetch hint in a script" });
      expect(hint?.url).toContain('hint.rel = "dns-prefetch"; hint.href = "https://" + appId');
      expect(list(audit.loads.filter((f) => f !== hint))).toEqual(
        [
          "index.html: <link rel=preconnect> https://fonts.gstatic.com",
          "index.html: telemetry or CDN host https://fonts.gstatic.com",
          "index.html: <link rel=dns-prefetch> //dns.example.net",
          "index.html: <meta http-equiv=refresh> https://away.example.net/",
          "index.html: <img srcset> https://img.example.net/a.png",
          "index.html: <iframe src> //embed.example.net/x",
          "index.html: <video poster> https://img.example.net/poster.png",
          "index.html: <source src> https://media.example.net/v.mp4",
          "index.html: css url() https://img.example.net/bg.png",
          "index.html: <a ping> https://collect.example.net/ping",
          "assets/style.css: css @import https://cdn.example.net/reset.css",
          "assets/style.css: css url() https://fonts.example.net/x.woff2",
          "assets/style.css: css image-set() https://img.example.net/set.png",
          "assets/app.js: import … from https://cdn.example.net/esm.js",
          "assets/app.js: import() https://cdn.example.net/mod.js",
          "assets/app.js: Worker() https://cdn.example.net/worker.js",
          "assets/app.js: .open() https://api.example.net/x",
          "assets/app.js: .src = https://img.example.net/i.png",
          `assets/app.js: fetch() https://api.example.net/v1/\${id}`,
          "assets/app.js: .sendBeacon() https://collect.example.net/e",
          "assets/app.js: telemetry or CDN host https://otel.cloud.redocly.com/v1/traces",
          "assets/app.js: <img src> https://img.example.net/c.png",
          "data.json: <img src> https://img.example.net/j.png",
          "icon.svg: <image href> https://img.example.net/s.png",
          "api/openapi.yaml: markdown image https://img.example.net/d.png",
        ].sort(),
      );
      expect(list(audit.links)).toEqual(["index.html: <a href> https://example.org/read-more"]);
      expect(audit.read.sort()).toEqual(
        ["api/openapi.yaml", "assets/app.js", "assets/style.css", "data.json", "icon.svg", "index.html"].sort(),
      );
    }));

  it("refuses a file of a type it does not know, rather than skip it", () =>
    withScratch("site-unknown-", (dir) => {
      write(dir, { "index.html": "<p>ok</p>", "assets/module.wasm": "\0asm" });
      expect(() => auditSite(dir)).toThrow(/module\.wasm: a file of a type the audit does not know/);
    }));
});
