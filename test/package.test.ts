// What npm ships: the tarball `npm pack` writes from the built package, unpacked where a consumer's
// npm would put it, then imported by its name and run as the command, as the README's "install
// from a clone" says. Inside the repository, so that its dependencies resolve from node_modules
// without a registry.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  version: string;
  license: string;
  exports: Record<string, string | { types: string; import: string }>;
  bin: Record<string, string>;
};
const scratch = mkdtempSync(join(root, ".pack-"));
const installed = join(scratch, "node_modules", pkg.name);
let tarball = "";
let files: string[] = [];

beforeAll(async () => {
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: root });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarball = packed?.filename ?? "";
  files = (packed?.files ?? []).map((file) => file.path).sort();
  mkdirSync(installed, { recursive: true });
  await run("tar", ["-xzf", join(scratch, tarball), "-C", installed, "--strip-components=1"]);
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the packed tarball", () => {
  it("is named as the README's install from a clone says", () => {
    expect(tarball).toBe(`${pkg.name}-${pkg.version}.tgz`);
    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(readme).toContain("npm pack");
    expect(readme).toContain(`npm install ../${pkg.name}/${tarball}`);
  });

  it("ships the licence package.json names", () => {
    expect(files).toContain("LICENSE");
    expect(pkg.license).toBe("MIT");
    expect(readFileSync(join(installed, "LICENSE"), "utf8")).toMatch(/^MIT License\n/);
  });

  it("ships no source map, and no file points at one: the sources they would name are not shipped", () => {
    expect(files.filter((file) => file.endsWith(".map"))).toEqual([]);
    expect(files.filter((file) => /\.ts$/.test(file) && !file.endsWith(".d.ts"))).toEqual([]);
    const pointing = files
      .filter((file) => /\.(js|d\.ts)$/.test(file))
      .filter((file) => readFileSync(join(installed, file), "utf8").includes("sourceMappingURL"));
    expect(pointing).toEqual([]);
  });

  it("holds every file its exports and bin name", () => {
    const named = [
      ...Object.values(pkg.exports).flatMap((target) =>
        typeof target === "string" ? [target] : Object.values(target),
      ),
      ...Object.values(pkg.bin),
    ].map((path) => path.replace(/^\.\//, ""));
    expect(named.filter((path) => !files.includes(path))).toEqual([]);
  });

  it("imports by its name, every entry, from a consumer's project", async () => {
    const entries = Object.keys(pkg.exports).filter((entry) => !/\.(yaml|json)$/.test(entry));
    const consumer = join(scratch, "consumer.mjs");
    const imports = entries.map((entry, i) => `import * as e${i} from "${pkg.name}${entry.slice(1)}";`);
    writeFileSync(
      consumer,
      `${imports.join("\n")}\nconsole.log(JSON.stringify([${entries.map((_, i) => `Object.keys(e${i}).length`).join(", ")}]));\n`,
    );
    const { stdout } = await run(process.execPath, [consumer], { cwd: scratch });
    const counts = JSON.parse(stdout) as number[];
    expect(counts).toHaveLength(entries.length);
    for (const count of counts) expect(count).toBeGreaterThan(0);
    const command = join(installed, pkg.bin[pkg.name] ?? "");
    expect((await run(process.execPath, [command, "--version"], { cwd: scratch })).stdout).toBe(`${pkg.version}\n`);
  });
});
