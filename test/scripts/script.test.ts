// scripts/lib/script.ts: what the pipeline scripts share.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { bin, isMain, option, withScratch } from "../../scripts/lib/script.js";

describe("isMain", () => {
  it("knows the script that was run from one it imports, in a folder whose name a URL must encode", () => {
    const out = withScratch("is main ", (dir) => {
      const helper = pathToFileURL(join(process.cwd(), "scripts/lib/script.ts")).href;
      const imported = join(dir, "imported ü.ts");
      const started = join(dir, "started é #1.ts");
      const line = `import { isMain } from ${JSON.stringify(helper)};\nconsole.log(import.meta.url.split("/").pop(), isMain(import.meta.url));\n`;
      writeFileSync(imported, line);
      writeFileSync(started, `import "./imported ü.ts";\n${line}`);
      return spawnSync(process.execPath, ["--import", "tsx", started], { encoding: "utf8" }).stdout;
    });
    expect(out).toBe("imported%20%C3%BC.ts false\nstarted%20%C3%A9%20%231.ts true\n");
  });

  it("is false when the module is not a file Node was asked to run", () => {
    expect(isMain(import.meta.url)).toBe(false);
  });
});

describe("option", () => {
  it("reads the value after a flag, and nothing for an absent flag", () => {
    expect(option(["--gate", "--base", "v1.2.0"], "--base")).toBe("v1.2.0");
    expect(option(["--gate"], "--base")).toBeUndefined();
  });
  it("refuses a flag with no value", () => {
    expect(() => option(["--base"], "--base")).toThrow("--base needs a value");
  });
});

describe("withScratch", () => {
  it("removes its folder when the work is done and when it throws", () => {
    const kept = withScratch("scratch-", (dir) => dir);
    expect(existsSync(kept)).toBe(false);
    let failed = "";
    expect(() =>
      withScratch("scratch-", (dir) => {
        failed = dir;
        throw new Error("stop");
      }),
    ).toThrow("stop");
    expect(failed).not.toBe("");
    expect(existsSync(failed)).toBe(false);
  });

  it("keeps its folder until the promise the work returns has settled", async () => {
    let during = false;
    const kept = await withScratch("scratch-", async (dir) => {
      await new Promise((resolve) => setImmediate(resolve));
      during = existsSync(dir);
      return dir;
    });
    expect(during).toBe(true);
    expect(existsSync(kept)).toBe(false);
    let failed = "";
    await expect(
      withScratch("scratch-", async (dir) => {
        failed = dir;
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(existsSync(failed)).toBe(false);
  });
});

describe("bin", () => {
  it("finds the tools installed with the package", () => {
    expect(existsSync(bin("redocly"))).toBe(true);
  });
});
