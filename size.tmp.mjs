import { build } from "esbuild"; import { gzipSync } from "node:zlib";
const r = await build({ stdin: { contents: `export * from "./dist/src/index.js";`, resolveDir: ".", loader: "ts" }, bundle: true, minify: true, format: "esm", platform: "neutral", mainFields: ["module","main"], write: false, logLevel: "silent" });
const code = r.outputFiles[0].contents; console.log("total", code.byteLength, gzipSync(code,{level:9}).byteLength);
