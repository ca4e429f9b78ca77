// The API reference shows how sure the spec is of each item: its `x-provenance` as a badge (drawn
// where Redoc draws badges: ./badges.ts). The legend is the spec's own list of the values (in its
// info.description), each value drawn as its badge.
import type { Provenance } from "../../src/conformance/report.js";
import { addBadge, type Badge, type BadgeKind, badgeHtml, badgeKind } from "./badges.js";
import { type JsonObject, type JsonValue, lookUp, pointerOf } from "./spec.js";

/** Redoc's named badge colour of each value: the surer, the greener. */
const COLORS: Record<Provenance, string> = { documented: "green", swagger: "blue", seen: "carrot", inferred: "grey" };

/** A bullet of the spec's list of values: "- `seen`: seen in community clients…", its lines joined. */
const LEGEND_ITEM = /^- `([a-z]+)`: ((?:.|\n {2}(?! *- ))*)/gm;

/**
 * What each `x-provenance` value means, in the spec's own words: the bullets of info.description
 * that start with a value in backticks.
 * @throws Error when the description explains none of them, or not one of the four.
 */
export function provenanceMeanings(spec: JsonObject): Record<Provenance, string> {
  const description = String((spec.info as JsonObject).description ?? "");
  const meanings: Partial<Record<string, string>> = {};
  for (const [, value, text] of description.matchAll(LEGEND_ITEM)) {
    if (value && text && value in COLORS) meanings[value] = text.replace(/\s+/g, " ").trim();
  }
  const missing = Object.keys(COLORS).filter((value) => !meanings[value]);
  if (missing.length > 0) {
    throw new Error(`The spec's info.description does not say what x-provenance ${missing.join(", ")} means`);
  }
  return meanings as Record<Provenance, string>;
}

/** A meaning as a tooltip: plain words, without the Markdown of the spec's text. */
const plain = (text: string) => text.replaceAll("`", "");

/** The badge of a provenance value. */
export const provenanceBadge = (provenance: Provenance, meaning: string): Badge => ({
  name: provenance,
  color: COLORS[provenance],
  description: plain(meaning),
  className: "provenance-badge",
});

/** An item of the spec that carries `x-provenance`: where, and whether its badge goes in its description. */
export interface BadgeSite {
  pointer: string;
  provenance: Provenance;
  /** `description` for a response or a header, which Redoc draws no `x-badges` for. */
  kind: BadgeKind;
}

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Every node of the spec that carries `x-provenance`, in document order. */
export function badgeSites(spec: JsonObject): BadgeSite[] {
  const sites: BadgeSite[] = [];
  const visit = (node: JsonValue, keys: string[]) => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, [...keys, String(i)]);
      return;
    }
    if (!isObject(node)) return;
    const provenance = node["x-provenance"];
    if (typeof provenance === "string") {
      const pointer = pointerOf(keys);
      sites.push({ pointer, provenance: provenance as Provenance, kind: badgeKind(pointer) });
    }
    for (const [key, child] of Object.entries(node)) visit(child, [...keys, key]);
  };
  visit(spec, []);
  return sites;
}

/**
 * The spec with its provenance shown: `x-badges` on every operation, parameter, schema and property
 * that has an `x-provenance`, a badge at the start of every response's and header's description, and the
 * spec's list of the values with each value as its badge. Changes `spec` and returns it.
 * @throws Error when the spec does not say what a value means (see {@link provenanceMeanings}).
 */
export function withProvenanceBadges(spec: JsonObject): JsonObject {
  const meanings = provenanceMeanings(spec);
  for (const { pointer, provenance, kind } of badgeSites(spec)) {
    addBadge(lookUp(spec, pointer) as JsonObject, kind, provenanceBadge(provenance, meanings[provenance]));
  }
  const info = spec.info as JsonObject;
  info.description = String(info.description).replace(LEGEND_ITEM, (item, value: string) =>
    value in COLORS
      ? item.replace(`\`${value}\`:`, badgeHtml(provenanceBadge(value as Provenance, meanings[value as Provenance])))
      : item,
  );
  return spec;
}
