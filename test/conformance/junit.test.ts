// The JUnit report, read back with an XML parser as a CI system reads it.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { toJUnit } from "../../src/conformance/junit.js";
import { hostile, mixed } from "./fixtures.js";

interface Case {
  name: string;
  classname: string;
  failure?: { message: string; type: string; "#text"?: string };
  skipped?: unknown;
  "system-out"?: string;
  properties: { property: { name: string; value: string }[] };
}
interface Suite {
  name: string;
  tests: number;
  failures: number;
  skipped: number;
  testcase: Case[];
}

function parse(xml: string): { name: string; tests: number; failures: number; suites: Suite[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: true,
    isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
  }).parse(xml);
  return { ...doc.testsuites, suites: doc.testsuites.testsuite };
}

/** Every element name in a parsed document: the server's text must add none. */
function elementNames(node: unknown, names = new Set<string>()): Set<string> {
  if (node === null || typeof node !== "object") return names;
  for (const [key, value] of Object.entries(node)) {
    if (!Array.isArray(node)) names.add(key);
    elementNames(value, names);
  }
  return names;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding what XML cannot hold is the point
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/u;

describe("the JUnit report", () => {
  const doc = parse(toJUnit(mixed));
  const cases = doc.suites.flatMap((suite) => suite.testcase);
  const byId = (id: string) => cases.find((c) => c.name.startsWith(`${id}:`)) as Case;

  it("has one suite per operation and one test case per claim", () => {
    expect(doc.suites.map((s) => s.name)).toEqual(["getJob", "cancelJob"]);
    expect(cases.map((c) => c.name.split(":")[0])).toEqual(mixed.claims.map((c) => c.id));
    expect(doc.tests).toBe(mixed.claims.length);
    expect(cases.every((c) => c.classname === "getJob" || c.classname === "cancelJob")).toBe(true);
  });

  it("fails a contradiction with what was expected and observed, and the evidence", () => {
    const failed = byId("getJob.createDate.type");
    expect(failed.failure?.type).toBe("contradicted");
    expect(failed.failure?.message).toBe(
      "expected createDate: string (date-time); observed createDate missing; created: string",
    );
    expect(failed.failure?.["#text"]).toBe('GET /v3/jobs/5b1f0a1c2d3e4f5061728394 → 200: {"id":"5b1f');
  });

  it("passes a contradiction the baseline accepts, saying so", () => {
    const accepted = byId("getJob.messages.omitted");
    expect(accepted.failure).toBeUndefined();
    expect(accepted.skipped).toBeUndefined();
    expect(accepted["system-out"]).toContain("accepted by the baseline until 2025-06-30: fixed in 2025.2");
    expect(doc.failures).toBe(1);
  });

  it("skips what was not exercised or not decided", () => {
    expect(byId("cancelJob.queued").skipped).toBeDefined();
    expect(byId("cancelJob.running").skipped).toBeDefined();
    expect(byId("cancelJob.running")["system-out"]).toContain("the job finished before it could be cancelled");
    expect(byId("getJob.status.200").skipped).toBeUndefined();
    expect(doc.suites[1]?.skipped).toBe(2);
  });

  it("names each claim's provenance and verdict", () => {
    const props = Object.fromEntries(byId("getJob.status.200").properties.property.map((p) => [p.name, p.value]));
    expect(props).toMatchObject({ provenance: "documented", verdict: "confirmed", observed: 200 });
  });
});

describe("the JUnit report of a hostile server", () => {
  const xml = toJUnit(hostile);

  it("stays well-formed, with no element or character the server sent", () => {
    const doc = parse(xml);
    expect(XML_ILLEGAL.test(xml)).toBe(false);
    expect(elementNames(new XMLParser().parse(xml))).toEqual(
      new Set([
        "?xml",
        "testsuites",
        "testsuite",
        "testcase",
        "properties",
        "property",
        "failure",
        "skipped",
        "system-out",
      ]),
    );
    expect(doc.suites).toHaveLength(1);
    expect(doc.suites[0]?.testcase).toHaveLength(2);
  });

  it("keeps the server's text readable, its control characters as visible escapes", () => {
    const failure = parse(xml).suites[0]?.testcase[0]?.failure;
    expect(failure?.message).toContain("]]><injected/>");
    expect(failure?.message).toContain("<script>alert(1)</script>");
    expect(failure?.message).toContain("\\x00\\x07\\x1b[2J\\x7f\\x85\\u202e\\u200b\\ufeff");
    expect(failure?.message).toContain("lone \\ud800 half and \\uffff");
    // In the failure's text (CDATA), every `]]>` of the server's, not only the first, is an escape.
    expect(failure?.["#text"]).toContain("]]\\x3e<injected/>");
    expect(failure?.["#text"]).not.toContain("]]>");
    expect(failure?.["#text"]?.split("]]\\x3e<injected/>")).toHaveLength(3);
  });
});
