// Fixtures: the default one is valid, a file's outputs are read relative to it, and a wrong
// fixture fails with a message that names the field at fault.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadFixture, parseFixture } from "../../src/sandbox/fixture.js";
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

  it("refuse a file that is missing or not JSON, naming it", () => {
    expect(() => loadFixture(join(dir, "missing.json"))).toThrow(/Cannot read the sandbox fixture .*missing\.json/);
    writeFileSync(join(dir, "broken.json"), "{ users: ");
    expect(() => loadFixture(join(dir, "broken.json"))).toThrow(/broken\.json is not JSON/);
  });
});
