// The prose markers and `x-provenance` say the same thing: a description that names where its
// facts come from names the item's own provenance among them, and an item that is only seen or
// inferred says so where a reader of the prose sees it.
import { describe, expect, it } from "vitest";
import { type JsonValue, readSpec } from "../../scripts/lib/spec.js";
import type { Provenance } from "../../src/conformance/report.js";

const markers: Record<Provenance, RegExp> = {
  documented: /\bdocumented\b/,
  swagger: /\bserver(?:'s)?\s+Swagger\b/,
  seen: /\bseen\b/,
  inferred: /\binferred\b/,
};

/** The provenances a description names in its parentheses, "(documented)", "(seen in …)". */
function proseMarkers(description: string): Set<Provenance> {
  const found = new Set<Provenance>();
  let depth = 0;
  let inside = "";
  for (const char of description) {
    if (char === "(") depth++;
    if (depth > 0) inside += char;
    if (char === ")" && depth > 0 && --depth === 0) {
      for (const [name, marker] of Object.entries(markers)) if (marker.test(inside)) found.add(name as Provenance);
      inside = "";
    }
  }
  return found;
}

type Item = { where: string; provenance: JsonValue; description?: string; parentDescription?: string };

/** Every object of the spec that carries x-provenance, with its description and its schema's. */
function items(node: JsonValue, where: string, parentDescription?: string, out: Item[] = []): Item[] {
  if (Array.isArray(node)) {
    for (const [n, child] of node.entries()) items(child, `${where}/${n}`, undefined, out);
  }
  if (node === null || typeof node !== "object" || Array.isArray(node)) return out;
  const description = typeof node.description === "string" ? node.description : undefined;
  if ("x-provenance" in node) {
    out.push({ where, provenance: node["x-provenance"] as JsonValue, description, parentDescription });
  }
  for (const [key, child] of Object.entries(node)) {
    if (key !== "properties" || child === null || typeof child !== "object" || Array.isArray(child)) {
      items(child, `${where}/${key}`, undefined, out);
      continue;
    }
    // A property without a description of its own is read with its schema's.
    for (const [name, property] of Object.entries(child)) {
      items(property, `${where}/properties/${name}`, description ?? parentDescription, out);
    }
  }
  return out;
}

const all = items(readSpec(), "#");

describe("x-provenance and the prose", () => {
  it("is found on every kind of item the lint rule names", () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.map((item) => item.provenance)).toEqual(
      expect.arrayContaining(["documented", "swagger", "seen", "inferred"]),
    );
  });

  it("is among the markers of a description that names any", () => {
    const disagree = all.filter((item) => {
      const found = proseMarkers(item.description ?? "");
      return found.size > 0 && !found.has(item.provenance as Provenance);
    });
    expect(disagree.map((item) => `${item.where}: ${item.provenance}`)).toEqual([]);
  });

  it("is said in the prose for every item only seen or inferred", () => {
    const unsaid = all.filter((item) => {
      if (item.provenance !== "seen" && item.provenance !== "inferred") return false;
      const prose = item.description ?? item.parentDescription ?? "";
      return !proseMarkers(prose).has(item.provenance);
    });
    expect(unsaid.map((item) => `${item.where}: ${item.provenance}`)).toEqual([]);
  });

  it("reads the markers of a description as a reader does", () => {
    expect([...proseMarkers("OK (documented; one object or an array, see above).")]).toEqual(["documented"]);
    expect([...proseMarkers("The job (server Swagger), queued (seen).")]).toEqual(["swagger", "seen"]);
    expect([...proseMarkers("How array filters are sent is not documented; (inferred).")]).toEqual(["inferred"]);
    expect([...proseMarkers("the job without its `messages` (the natural reading (inferred))")]).toEqual(["inferred"]);
    expect([...proseMarkers("(an undocumented field)")]).toEqual([]);
  });
});
