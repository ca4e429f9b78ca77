// What the client weighs as users ship it: bundled by esbuild, minified, gzipped, with its
// dependencies (openapi-fetch) included; beside bare openapi-fetch and the Redocly client.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface SizeResult {
  name: string;
  minified: number;
  gzipped: number;
}

async function bundle(name: string, contents: string, resolveDir: string): Promise<SizeResult> {
  const result = await build({
    stdin: { contents, resolveDir, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { name, minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

export async function measureSizes(root: string, redoclyClientFile: string): Promise<SizeResult[]> {
  return [
    await bundle("alteryx-jobs (the main entry, whole)", `export * from "./dist/src/index.js";`, root),
    await bundle(
      "alteryx-jobs with alteryx-jobs/raw",
      `export * from "./dist/src/index.js"; export * from "./dist/src/raw.js";`,
      root,
    ),
    await bundle(
      "alteryx-jobs with alteryx-jobs/batch",
      `export * from "./dist/src/index.js"; export * from "./dist/src/batch.js";`,
      root,
    ),
    await bundle("bare openapi-fetch", `export { default } from "openapi-fetch";`, root),
    await bundle("redocly generate-client", `export * from ${JSON.stringify(redoclyClientFile)};`, root),
  ];
}
