// The API reference's provenance badges: every item of the spec that has an `x-provenance` gets a
// badge of that value (counted from the spec itself, not from a list here), in the place Redoc
// draws it, and the legend is the spec's own list of the values.
import { describe, expect, it } from "vitest";
import { BADGE_STYLE, withBadgeStyle } from "../../scripts/lib/badges.js";
import { badgeSites, provenanceMeanings, withProvenanceBadges } from "../../scripts/lib/provenance.js";
import { type JsonObject, type JsonValue, lookUp, readSpec } from "../../scripts/lib/spec.js";

/** Every object of a JSON value that has `x-provenance`, by a walk of its own. */
function provenanceCount(node: JsonValue): number {
  if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + provenanceCount(item), 0);
  if (node === null || typeof node !== "object") return 0;
  const own = typeof node["x-provenance"] === "string" ? 1 : 0;
  return Object.values(node).reduce((sum: number, child) => sum + provenanceCount(child), own);
}

const badgeOf = (value: string) =>
  new RegExp(`^<span class="provenance-badge tag-[a-z]+" title="[^"]+">${value}</span> `);

describe("provenance badges in the API reference", () => {
  const spec = readSpec();
  const decorated = withProvenanceBadges(readSpec());
  const sites = badgeSites(spec);

  it("finds every item that has an x-provenance, of each kind the lint rule names", () => {
    expect(sites).toHaveLength(provenanceCount(spec));
    const at = (pattern: RegExp) => sites.filter((s) => pattern.test(s.pointer)).length;
    expect(at(/^#\/paths\/[^/]+\/(get|post|delete)$/)).toBeGreaterThan(5);
    expect(at(/\/responses\/[^/]+$/)).toBeGreaterThan(10);
    expect(at(/\/parameters\/[^/]+$/)).toBeGreaterThan(5);
    expect(at(/\/headers\/[^/]+$/)).toBeGreaterThan(0);
    expect(at(/\/properties\/[^/]+$/)).toBeGreaterThan(20);
  });

  it("gives each of them a badge of its own value: x-badges, or the start of a response's or header's description", () => {
    const missing = sites.filter(({ pointer, provenance, kind }) => {
      const node = lookUp(decorated, pointer) as JsonObject;
      if (kind === "description") return !badgeOf(provenance).test(String(node.description));
      const badges = (node["x-badges"] ?? []) as JsonObject[];
      return !(badges.length === 1 && badges[0]?.name === provenance && badges[0]?.description);
    });
    expect(missing.map((s) => s.pointer)).toEqual([]);
    const described = sites.filter((s) => s.kind === "description").map((s) => s.pointer);
    expect(described.every((p) => /\/(responses|headers)\/[^/]+$/.test(p))).toBe(true);
    // Nothing else is touched: the badges are all that was added.
    const undecorated = (node: JsonValue): JsonValue => {
      if (Array.isArray(node)) return node.map(undecorated);
      if (node === null || typeof node !== "object") return node;
      return Object.fromEntries(
        Object.entries(node)
          .filter(([key]) => key !== "x-badges")
          .map(([key, value]) => [
            key,
            key === "description" && typeof value === "string"
              ? value.replace(/^<span class="provenance-badge[^>]*>[a-z]+<\/span> /, "")
              : undecorated(value),
          ]),
      );
    };
    const { info: _info, ...rest } = undecorated(decorated) as JsonObject;
    const { info: _specInfo, ...specRest } = spec;
    expect(rest).toEqual(specRest);
  });

  it("shows the spec's own list of the values as the legend, each value as its badge", () => {
    const meanings = provenanceMeanings(spec);
    expect(Object.keys(meanings).sort()).toEqual(["documented", "inferred", "seen", "swagger"]);
    const legend = String((decorated.info as JsonObject).description);
    for (const [value, meaning] of Object.entries(meanings)) {
      expect(String((spec.info as JsonObject).description).replace(/\s+/g, " ")).toContain(`\`${value}\`: ${meaning}`);
      expect(legend).toMatch(
        new RegExp(`^- <span class="provenance-badge tag-[a-z]+" title="[^"]+">${value}</span> `, "m"),
      );
    }
  });

  it("refuses a spec that does not say what a value means", () => {
    const vague = readSpec();
    const info = vague.info as JsonObject;
    info.description = String(info.description).replace("- `seen`:", "- seen:");
    expect(() => withProvenanceBadges(vague)).toThrow(
      "The spec's info.description does not say what x-provenance seen means",
    );
  });

  it("adds the badges' style to Redoc's page head, and stops when the page has none", () => {
    expect(withBadgeStyle("<html><head></head><body></body></html>")).toBe(
      `<html><head><style>${BADGE_STYLE}</style></head><body></body></html>`,
    );
    expect(() => withBadgeStyle("<html><body></body></html>")).toThrow("</head>");
  });
});
