// The gate, run on the working tree as `npm test` requires, the changelog, and both on a fresh
// clone with no tags. They run in this process (the git work is done where `cwd` says); one case
// runs `npm run spec:diff -- --gate` as a process, for its exit status.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type JsonObject, readSpec, specPath } from "../../scripts/lib/spec.js";
import { diffSpecs, major } from "../../scripts/lib/spec-diff.js";
import { section, withSection, writeChangelog } from "../../scripts/spec-changelog.js";
import { specDiff } from "../../scripts/spec-diff.js";
import { runScript } from "../helpers/run-script.js";

const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), "spec-gate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the spec without `DELETE /v3/jobs/{jobId}`, at `version`. */
function withoutCancel(version: string): string {
  const spec = readSpec();
  delete ((spec.paths as JsonObject)["/v3/jobs/{jobId}"] as JsonObject).delete;
  (spec.info as JsonObject).version = version;
  const file = join(dir, `without-cancel-${version}.yaml`);
  writeFileSync(file, stringify(spec));
  return file;
}

const gate = (args: string[], cwd = root) => specDiff(["--gate", ...args], cwd);
/** The spec's own version, and the next major one: what a breaking release of it would be. */
const current = String((readSpec().info as JsonObject).version);
const nextMajor = `${major(current) + 1}.0.0`;
const sameMajor = `${major(current)}.1.0`;

describe("the breaking-change gate", () => {
  it("passes the spec of the working tree against the default base", () => {
    const result = gate([]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("fails on a breaking change when the major version was not raised, naming the change", () => {
    const result = gate(["--base", specPath, "--revision", withoutCancel(sameMajor)]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Operation `DELETE /v3/jobs/{jobId}` was removed.");
    expect(result.stderr).toContain(`raise info.version to ${nextMajor}`);
  });

  it("as a command, exits 1 on a breaking change", () => {
    const result = runScript("scripts/spec-diff.ts", [
      "--gate",
      "--base",
      specPath,
      "--revision",
      withoutCancel(current),
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Operation `DELETE /v3/jobs/{jobId}` was removed.");
  });

  it("passes a breaking change released as a new major version", () => {
    const result = gate(["--base", specPath, "--revision", withoutCancel(nextMajor)]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/BREAKING\s+removed\s+DELETE \/v3\/jobs\/\{jobId\}/);
  });

  it("passes changes that break nothing", () => {
    const result = gate(["--base", withoutCancel(current)]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/not breaking\s+added\s+DELETE \/v3\/jobs\/\{jobId\}/);
  });
});

describe("the changelog", () => {
  const diff = diffSpecs("v1", "v2", withoutCancel(current), specPath);

  it("writes a section with breaking changes first", () => {
    const breaking = diffSpecs("v1", "v2", specPath, withoutCancel(nextMajor));
    const text = section(breaking, "## 2.0.0 (from 1.0.0)");
    expect(text).toMatch(
      /^## 2\.0\.0 \(from 1\.0\.0\)\n\n### Breaking\n\n- `DELETE \/v3\/jobs\/\{jobId\}`: Operation `DELETE \/v3\/jobs\/\{jobId\}` was removed\./,
    );
  });

  it("puts the newest section first and replaces a section written before for the same versions", () => {
    const once = withSection("", "## 1.1.0 (from 1.0.0)", section(diff, "## 1.1.0 (from 1.0.0)"));
    const twice = withSection(once, "## 1.1.0 (from 1.0.0)", section(diff, "## 1.1.0 (from 1.0.0)"));
    expect(twice).toBe(once);
    const next = withSection(once, "## 1.2.0 (from 1.1.0)", "## 1.2.0 (from 1.1.0)\n\nNo change to the API.\n");
    expect(next.indexOf("## 1.2.0")).toBeLessThan(next.indexOf("## 1.1.0"));
    expect(next.startsWith("# API changelog\n\n")).toBe(true);
  });
});

describe("on a fresh clone with no tags", () => {
  const clone = join(dir, "clone");
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", root, clone]);

  it("the gate runs against main and passes", () => {
    const result = gate([], clone);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^spec:diff [0-9a-f]{40} \(/);
  });

  it("the gate runs against the first commit when there is no main, and passes", () => {
    execFileSync("git", ["checkout", "--quiet", "--detach"], { cwd: clone });
    // The clone's only branch is the one checked out where the tests run: main, another, or none.
    const branches = execFileSync("git", ["for-each-ref", "--format=%(refname:short)", "refs/heads/"], {
      cwd: clone,
      encoding: "utf8",
    });
    const names = branches.split("\n").filter(Boolean);
    // A checkout on a detached HEAD (as CI makes) gives a clone with no branch at all.
    if (names.length > 0) execFileSync("git", ["branch", "--quiet", "-D", ...names], { cwd: clone });
    execFileSync("git", ["remote", "remove", "origin"], { cwd: clone });
    const first = execFileSync("git", ["rev-list", "--max-parents=0", "HEAD"], { cwd: clone, encoding: "utf8" }).trim();
    const result = gate([], clone);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`spec:diff ${first} (`);
  });

  it("the changelog is written from the first commit", () => {
    const first = execFileSync("git", ["rev-list", "--max-parents=0", "HEAD"], { cwd: clone, encoding: "utf8" }).trim();
    rmSync(join(clone, "CHANGELOG.md"), { force: true });
    const cloned = String((readSpec(join(clone, "spec", "openapi.yaml")).info as JsonObject).version);
    const heading = `${cloned} (from 1.0.0)`;
    expect(writeChangelog(first, "working", clone).startsWith(`CHANGELOG.md: ${heading}, `)).toBe(true);
    expect(readFileSync(join(clone, "CHANGELOG.md"), "utf8").startsWith(`# API changelog\n\n## ${heading}\n`)).toBe(
      true,
    );
  });
});
