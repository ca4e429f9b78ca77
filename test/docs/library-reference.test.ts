// The library reference (TypeDoc, in site/lib/) names each module by the path it is imported
// from, as package.json's exports publish it: `alteryx-jobs`, `alteryx-jobs/node`… and none by
// its file's name (a module called "index" is what TypeDoc shows when `@module` is missing).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const lib = join(root, "site", "lib");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, string | { import?: string }>;
};

/** The import path of every entry with code (not `./openapi.yaml`, `./package.json`). */
const importPaths = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === "object" && target.import)
  .map(([key]) => pkg.name + key.slice(1))
  .sort();

/** TypeDoc's reflection kind of a module. */
const MODULE = 2;

/** One of TypeDoc's data files (assets/navigation.js, assets/search.js): base64 of deflated JSON. */
function typedocData(name: string): unknown {
  const text = readFileSync(join(lib, "assets", `${name}.js`), "utf8");
  const data = /= "([A-Za-z0-9+/=]+)"/.exec(text)?.[1];
  if (!data) throw new Error(`site/lib/assets/${name}.js holds no data TypeDoc's way: has its format changed?`);
  return JSON.parse(inflateSync(Buffer.from(data, "base64")).toString("utf8"));
}

describe("library reference", () => {
  it("is built (npm run docs)", () => {
    expect(existsSync(join(lib, "index.html")), "site/lib/ is missing: run npm run docs").toBe(true);
    expect(importPaths).toContain("alteryx-jobs");
    expect(importPaths.length).toBeGreaterThan(5);
  });

  it("lists one module per entry of package.json's exports, named by its import path, on its index and in its navigation", () => {
    const index = readFileSync(join(lib, "index.html"), "utf8");
    const listed = [...index.matchAll(/<a href="modules\/[^"]+\.html">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual(importPaths);
    const navigation = typedocData("navigation") as { text: string; kind: number }[];
    expect(
      navigation
        .filter((n) => n.kind === MODULE)
        .map((n) => n.text)
        .sort(),
    ).toEqual(importPaths);
    const search = typedocData("search") as { rows: { name: string; kind: number }[] };
    expect(
      search.rows
        .filter((r) => r.kind === MODULE)
        .map((r) => r.name)
        .sort(),
    ).toEqual(importPaths);
  });

  it("heads each module's page with its import path, and has no module called index", () => {
    const headings = readdirSync(join(lib, "modules")).map(
      (file) => /<h1>Module ([^<]+)<\/h1>/.exec(readFileSync(join(lib, "modules", file), "utf8"))?.[1],
    );
    // Namespaces inside a module (`schemaValues`) have pages there too, headed "Namespace …".
    expect(headings.filter((h) => h !== undefined).sort()).toEqual(importPaths);
    expect(readdirSync(join(lib, "modules")).filter((file) => /(^|[_.])index\b/.test(file))).toEqual([]);
  });
});
