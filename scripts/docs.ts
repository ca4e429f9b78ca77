// `npm run docs`: the documentation site in site/ (build output, not committed): the API
// reference (Redoc, with curl and TypeScript samples for every operation), the library
// reference (TypeDoc), the Postman collection, and an index page linking them. The three are
// built side by side.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { codeSamples, SAMPLE_LANGUAGES } from "./lib/code-samples.js";
import { bin, isMain, withScratch } from "./lib/script.js";
import { dereference, HTTP_METHODS, type JsonObject, listOperations, readSpec } from "./lib/spec.js";
import { writeCollection } from "./postman.js";

const site = new URL("../site/", import.meta.url);

/** Runs a tool of node_modules/.bin, its errors shown as they come. */
function run(name: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    spawn(bin(name), args, { stdio: ["ignore", "ignore", "inherit"] })
      .once("error", reject)
      .once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${name} exited with ${code}`))));
  });
}

/** The spec with `x-codeSamples` on every operation, as Redoc reads them. */
export function specWithSamples(spec: JsonObject = readSpec()): JsonObject {
  const resolved = listOperations(dereference(spec) as JsonObject);
  for (const [path, item] of Object.entries(spec.paths as JsonObject)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as JsonObject)[method] as JsonObject | undefined;
      const op = resolved.find((o) => o.path === path && o.method === method);
      if (operation && op) operation["x-codeSamples"] = codeSamples(op) as unknown as JsonObject[];
    }
  }
  return spec;
}

function indexPage(spec: JsonObject): string {
  const info = spec.info as JsonObject;
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${info.title} · alteryx-jobs ${version}</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #1d232b; }
    a { color: #0b5cad; } li { margin: .5rem 0; } code { background: #eef1f4; padding: 0 .25rem; }
  </style>
</head>
<body>
  <h1>${info.title}</h1>
  <p>${info.summary} Spec version ${info.version}, package alteryx-jobs ${version}.</p>
  <ul>
    <li><a href="api/index.html">API reference</a>: every endpoint, with curl and TypeScript samples.</li>
    <li><a href="lib/index.html">Library reference</a>: the <code>alteryx-jobs</code> TypeScript client.</li>
    <li><a href="postman/alteryx-jobs.postman_collection.json">Postman collection</a> (v2.1), with OAuth2 client credentials.</li>
    <li><a href="api/openapi.yaml">OpenAPI 3.1 description</a>.</li>
  </ul>
</body>
</html>
`;
}

async function main(): Promise<void> {
  for (const part of ["api", "lib"]) rmSync(new URL(part, site), { recursive: true, force: true });
  mkdirSync(new URL("api/", site), { recursive: true });
  const spec = specWithSamples();
  const decorated = new URL("api/openapi.yaml", site).pathname;
  writeFileSync(decorated, stringify(spec));
  // Redoc offers the samples of the languages its configuration lists.
  const reference = withScratch("docs-", (dir) => {
    const config = join(dir, "redocly.yaml");
    writeFileSync(config, stringify({ openapi: { codeSamples: { languages: SAMPLE_LANGUAGES } } }));
    return run("redocly", [
      "build-docs",
      decorated,
      "--config",
      config,
      "--output",
      new URL("api/index.html", site).pathname,
      "--inlineBundle",
      "--title",
      String((spec.info as JsonObject).title),
    ]);
  });
  // TypeDoc's options are in tsconfig.build.json ("typedocOptions").
  const library = run("typedoc", ["--tsconfig", "tsconfig.build.json", "--out", new URL("lib", site).pathname]);
  // Every part finishes (no tool is left running) before a failure ends the script.
  const failed = (await Promise.allSettled([reference, library, writeCollection()])).find(
    (r) => r.status === "rejected",
  );
  if (failed) throw failed.reason;
  writeFileSync(new URL("index.html", site), indexPage(spec));
  console.log(`wrote ${site.pathname}: index.html, api/, lib/, postman/`);
}

if (isMain(import.meta.url)) await main();
