// Fixtures: the default one is valid, a file's outputs are read relative to it, and a wrong
// fixture fails with a message that names the field at fault.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadFixture, parseFaults, parseFixture } from "../../src/sandbox/fixture.js";
import { defaultFixture, FixtureError } from "../../src/sandbox/index.js";
import { SALES } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "sandbox-fixture-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const workflow = { id: SALES.id, name: "One" };
const users = defaultFixture.users;

describe("fixtures", () => {
  it("the default one is valid, with a Curator and an ordinary user", () => {
    const loaded = parseFixture(defaultFixture);
    expect(loaded.users.map((u) => u.curator)).toEqual([true, false]);
    expect(loaded.workflows.map((w) => w.disposition)).toEqual(["Success", "Warning", "Error"]);
  });

  it("read output files relative to the fixture file, as bytes", () => {
    const bytes = new Uint8Array([0, 255, 10, 13, 128]);
    writeFileSync(join(dir, "out.bin"), bytes);
    const file = join(dir, "fixture.json");
    const outputs = [{ fileName: "out.bin", formats: { Raw: { path: "out.bin" } } }];
    writeFileSync(file, JSON.stringify({ users, workflows: [{ ...workflow, outputs }] }));
    expect(loadFixture(file).workflows[0]?.outputs[0]?.formats.get("Raw")).toEqual(bytes);
  });

  it.each([
    [{ users: [], workflows: [] }, "users must name at least one API key"],
    [{ users, workflows: [{ ...workflow, id: "ABC" }] }, "workflows[0].id must be 24 lowercase hexadecimal characters"],
    [{ users, workflows: [workflow, workflow] }, `workflows[].id must be unique; "${SALES.id}" appears twice`],
    [{ users, workflows: [{ ...workflow, runningMs: -1 }] }, "workflows[0].runningMs must be a number from 0"],
    [
      { users, workflows: [{ ...workflow, questions: [{ name: "Region" }] }] },
      "workflows[0].questions[0].questionType must be a non-empty string",
    ],
    [
      {
        users,
        workflows: [{ ...workflow, outputs: [{ fileName: "a", formats: { Raw: { text: "a", base64: "YQ==" } } }] }],
      },
      "workflows[0].outputs[0].formats.Raw must have exactly one of text, base64 or path",
    ],
    [
      { users, workflows: [{ ...workflow, outputs: [{ fileName: "a", formats: { "C s v": { text: "a" } } }] }] },
      'workflows[0].outputs[0].formats has a format name "C s v"',
    ],
    [
      { users, workflows: [], faults: { rateLimited: { rate: 2 } } },
      "faults.rateLimited.rate must be a number from 0 to 1",
    ],
  ])("refuse wrong fixture %#, saying where", (fixture, message) => {
    expect(() => parseFixture(fixture, { source: "test.json" })).toThrow(FixtureError);
    expect(() => parseFixture(fixture, { source: "test.json" })).toThrow(
      `Invalid sandbox fixture (test.json): ${message}`,
    );
  });

  it("refuse a misspelt field, naming it and the field it is nearest to", () => {
    const misspelt = { users, workflows: [{ ...workflow, runingMs: 1000 }] };
    expect(() => parseFixture(misspelt, { source: "test.json" })).toThrow(
      /^Invalid sandbox fixture \(test\.json\): workflows\[0\]\.runingMs is not a field the sandbox knows: did you mean runningMs\?/,
    );
  });

  it("refuse an unknown field in every object of a fixture that has each kind, at its path", () => {
    const full = {
      ...defaultFixture,
      faults: { latencyMs: 1, rateLimited: { rate: 0.1 }, unavailable: { rate: 0.1 }, tokenLifetimeMs: 1, seed: 2 },
    };
    const checked = objectsIn(full, "");
    // Every kind of object a fixture holds, the faults' included, is among those tried.
    expect(
      new Set(checked.map(({ path }) => path.replace(/\[\d+\]/g, "[]").replace(/formats\.\w+/, "formats.F"))),
    ).toEqual(
      new Set([
        "",
        "users[]",
        "workflows[]",
        "workflows[].questions[]",
        "workflows[].questions[].items[]",
        "workflows[].messages[]",
        "workflows[].outputs[]",
        "workflows[].outputs[].formats.F",
        "jobs[]",
        "faults",
        "faults.rateLimited",
        "faults.unavailable",
      ]),
    );
    for (const { path, object } of checked) {
      for (const field of Object.keys(object)) {
        // One letter short: the nearest known field is the one it was taken from.
        const typo = field.slice(0, -1);
        const where = path ? `${path}.${typo}` : typo;
        const wrong = structuredClone(full) as Record<string, unknown>;
        const target = path ? (pathValue(wrong, path) as Record<string, unknown>) : wrong;
        target[typo] = target[field];
        delete target[field];
        expect(() => parseFixture(wrong, { source: "test.json" }), `${where}`).toThrow(
          `Invalid sandbox fixture (test.json): ${where} is not a field the sandbox knows: did you mean ${field}?`,
        );
      }
    }
  });

  it("refuse an unknown fault, from a fixture or setFaults, and __proto__ too", () => {
    expect(() => parseFaults({ latencyMS: 10 })).toThrow(
      "faults.latencyMS is not a field the sandbox knows: did you mean latencyMs?",
    );
    expect(() => parseFixture(JSON.parse(`{"users":[],"workflows":[],"__proto__":{}}`))).toThrow(
      "__proto__ is not a field the sandbox knows",
    );
    // Nothing close: no guess, only the list of what is known.
    expect(() => parseFaults({ colour: 1 })).toThrow(/: faults\.colour is not a field the sandbox knows \(/);
  });

  it("refuse a file that is missing or not JSON, naming it", () => {
    expect(() => loadFixture(join(dir, "missing.json"))).toThrow(/Cannot read the sandbox fixture .*missing\.json/);
    writeFileSync(join(dir, "broken.json"), "{ users: ");
    expect(() => loadFixture(join(dir, "broken.json"))).toThrow(/broken\.json is not JSON/);
  });
});

/** Every object of a fixture with its path (`workflows[0].outputs[1]`), a format map's keys aside: they are names, not fields. */
function objectsIn(value: unknown, path: string): { path: string; object: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => objectsIn(item, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  const object = value as Record<string, unknown>;
  const inside = Object.entries(object).flatMap(([key, field]) => {
    const at = path ? `${path}.${key}` : key;
    if (key !== "formats") return objectsIn(field, at);
    return Object.entries(field as object).flatMap(([format, content]) => objectsIn(content, `${at}.${format}`));
  });
  return [{ path, object }, ...inside];
}

function pathValue(root: unknown, path: string): unknown {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== "")
    .reduce((value, part) => (value as Record<string, unknown>)[part], root);
}
