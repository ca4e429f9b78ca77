// Facts more than one part of the package states: each has one home, and every other place
// that shows it reads it from there or is checked against it here.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { PRISM_VERSION as CLI_PRISM_VERSION } from "../../src/cli/manifest.js";
import { parseBaseUrl, parseDuration } from "../../src/cli/values.js";
import { createJobsClient, InvalidArgumentError, MAX_DELAY_MS } from "../../src/index.js";
import { PRISM_VERSION } from "../../src/mock.js";
import { REDOCLY_VERSION } from "../../src/spec-diff.js";

const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const PRISM = "@stoplight/prism-cli";

describe("the Prism version", () => {
  it("is the package's peer dependency, and the one it is tested with", () => {
    expect(manifest.devDependencies[PRISM]).toBe(manifest.peerDependencies[PRISM]);
  });

  it("is read from package.json by the mock and by the command", () => {
    expect(PRISM_VERSION).toBe(manifest.peerDependencies[PRISM]);
    expect(CLI_PRISM_VERSION).toBe(manifest.peerDependencies[PRISM]);
    expect(COMMANDS.mock?.about).toContain(`${PRISM} ${PRISM_VERSION}`);
  });

  it("is the one the README names, wherever it names one", () => {
    const named = [...readme.matchAll(/prism-cli`?[ @]v?(\d+\.\d+\.\d+)/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named)).toEqual(new Set([PRISM_VERSION]));
  });
});

describe("the Redocly version", () => {
  it("is the package's optional peer dependency, the one it is tested with, and the one the gate names", () => {
    expect(manifest.devDependencies["@redocly/cli"]).toBe(manifest.peerDependencies["@redocly/cli"]);
    expect(manifest.peerDependenciesMeta["@redocly/cli"]).toEqual({ optional: true });
    expect(REDOCLY_VERSION).toBe(manifest.peerDependencies["@redocly/cli"]);
  });
});

describe("the base-URL rule", () => {
  const clientTakes = (baseUrl: string) => {
    try {
      createJobsClient({ baseUrl, auth: { token: "t" } });
      return true;
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      return false;
    }
  };
  const commandTakes = (baseUrl: string) => {
    try {
      parseBaseUrl("base-url", baseUrl);
      return true;
    } catch {
      return false;
    }
  };

  it.each([
    ["https://alteryx.example.com/webapi", true],
    ["http://127.0.0.1:8080/webapi/", true],
    ["https://alteryx.example.com/webapi?", false],
    ["https://alteryx.example.com/webapi#", false],
    ["https://alteryx.example.com/webapi?a=1", false],
    ["https://user:pw@alteryx.example.com/webapi", false],
    ["ftp://alteryx.example.com/webapi", false],
    ["alteryx.example.com/webapi", false],
  ])("%s: the client and the command agree (%s)", (url, fits) => {
    expect(clientTakes(url)).toBe(fits);
    expect(commandTakes(url)).toBe(fits);
  });
});

describe("the longest timer", () => {
  it("bounds the command's durations", () => {
    expect(parseDuration("timeout", `${MAX_DELAY_MS}ms`, 0)).toBe(MAX_DELAY_MS);
    expect(() => parseDuration("timeout", `${MAX_DELAY_MS + 1}ms`, 0)).toThrow(/24d/);
  });
});

describe("the generated names", () => {
  const generated = new URL("../../generated/", import.meta.url);
  const files = readdirSync(generated).filter((name) => name !== "openapi.ts" && name !== "body-rules.ts");
  const text = (name: string) => readFileSync(new URL(name, generated), "utf8");

  it("give each value list and message table one name: none is written in two places", () => {
    const values = files.flatMap((name) =>
      [...text(name).matchAll(/^export const (\w+) = (.+) as const;$/gm)].map(([, id, json]) => ({ name, id, json })),
    );
    for (const { name, id, json } of values) {
      const places = files.filter((other) => text(other).includes(json as string));
      expect(places, `${name}: ${id}`).toEqual([name]);
    }
    expect(values.map(({ id }) => id)).toContain("Priority");
  });

  it("leave `operations` to the generated type, and define OperationId once", () => {
    for (const name of files) expect(text(name)).not.toMatch(/export const operations\b/);
    const sources = ["src", "generated"].flatMap((dir) =>
      readdirSync(new URL(`../../${dir}/`, import.meta.url), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts"))
        .map((file) => readFileSync(new URL(`../../${dir}/${file}`, import.meta.url), "utf8")),
    );
    expect(sources.join("\n").match(/type OperationId =/g)).toHaveLength(1);
  });
});
