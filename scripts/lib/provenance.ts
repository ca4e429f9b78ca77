// The API reference shows how sure the spec is of each item: its `x-provenance` as a badge. Redoc
// draws `x-badges` beside an operation (and in the sidebar), a parameter and a schema property; it
// draws none for a response or a header, so their descriptions start with one. The legend is
// the spec's own list of the values (in its info.description), each value drawn as its badge.
import type { Provenance } from "../../src/conformance/report.js";
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

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const html = (text: string) => text.replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
/** A meaning as a tooltip: plain words, without the Markdown of the spec's text. */
const plain = (text: string) => text.replaceAll("`", "");

/** A badge drawn in a description: Redoc's own badge colours (its `tag-<colour>` class), sized by BADGE_STYLE. */
export function badgeHtml(provenance: Provenance, meaning: string): string {
  return `<span class="provenance-badge tag-${COLORS[provenance]}" title="${html(plain(meaning))}">${provenance}</span>`;
}

/** An item of the spec that carries `x-provenance`: where, and whether its badge goes in its description. */
export interface BadgeSite {
  pointer: string;
  provenance: Provenance;
  /** `description` for a response or a header, which Redoc draws no `x-badges` for. */
  kind: "description" | "badges";
}

/** The maps whose entries Redoc draws no `x-badges` for. */
const DESCRIBED = new Set(["responses", "headers"]);

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
      const kind = DESCRIBED.has(keys.at(-2) ?? "") ? "description" : "badges";
      sites.push({ pointer: pointerOf(keys), provenance: provenance as Provenance, kind });
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
    const node = lookUp(spec, pointer) as JsonObject;
    const meaning = meanings[provenance];
    if (kind === "description") {
      node.description = `${badgeHtml(provenance, meaning)} ${String(node.description ?? "")}`;
    } else {
      const badge = { name: provenance, color: COLORS[provenance], description: plain(meaning) };
      node["x-badges"] = [...((node["x-badges"] ?? []) as JsonObject[]), badge];
    }
  }
  const info = spec.info as JsonObject;
  info.description = String(info.description).replace(LEGEND_ITEM, (item, value: string) =>
    value in COLORS
      ? item.replace(`\`${value}\`:`, `${badgeHtml(value as Provenance, meanings[value as Provenance])}`)
      : item,
  );
  return spec;
}

/** How a badge in a description looks: as Redoc's own badges do, in its colours (light and dark). */
export const BADGE_STYLE = `
.provenance-badge { display: inline-block; padding: 0 4px; margin-right: 4px; border-radius: 6px;
  font-size: 12px; line-height: 20px; vertical-align: middle; text-transform: capitalize;
  color: var(--tag-color, #4f5660); background-color: var(--tag-bg-color, #f3f4f6); }
`;

/**
 * Redoc's page with the badges' style in its head.
 * @throws Error when the page has no `</head>`: the renderer changed, look again.
 */
export function withBadgeStyle(page: string): string {
  if (!page.includes("</head>")) throw new Error("Redoc's page has no </head> to add the badges' style to");
  return page.replace("</head>", `<style>${BADGE_STYLE}</style></head>`);
}
