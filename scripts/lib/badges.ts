// Badges in the API reference. Redoc draws `x-badges` beside an operation (and in the sidebar), a
// parameter, a schema and a property; it draws none for a response or a header, so a badge of
// theirs is a span at the start of their description, in Redoc's own colours. The provenance
// badges and the conformance marks are both drawn this way.
import { type JsonObject, pointerKeys } from "./spec.js";

/** Where a node's badge goes: its `x-badges`, or the start of its description. */
export type BadgeKind = "description" | "badges";

/** The maps whose entries Redoc draws no `x-badges` for. */
const DESCRIBED = new Set(["responses", "headers"]);

/** Where the badge of the node at `pointer` goes. */
export function badgeKind(pointer: string): BadgeKind {
  return DESCRIBED.has(pointerKeys(pointer).at(-2) ?? "") ? "description" : "badges";
}

export interface Badge {
  /** The words on it. */
  name: string;
  /** One of Redoc's named badge colours (its `tag-<colour>` classes). */
  color: string;
  /** What it means, in plain words: the tooltip of a badge in a description. */
  description: string;
  /** The class of a badge in a description, which BADGE_STYLE sizes. */
  className: "provenance-badge" | "conformance-badge";
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
/** `text` with the five HTML entities escaped. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ENTITIES[char] as string);

/** A badge drawn in a description. */
export function badgeHtml(badge: Badge): string {
  return `<span class="${badge.className} tag-${badge.color}" title="${escapeHtml(badge.description)}">${escapeHtml(badge.name)}</span>`;
}

const LEADING_BADGES = /^(?:<span class="(?:provenance|conformance)-badge [^>]*>[^<]*<\/span> )*/;

/** Adds `badge` to `node` where Redoc draws it (see {@link badgeKind}). Changes `node`. */
export function addBadge(node: JsonObject, kind: BadgeKind, badge: Badge): void {
  if (kind === "description") {
    // After the badges already there, as x-badges are drawn in the order they are listed.
    const text = String(node.description ?? "");
    const at = LEADING_BADGES.exec(text)?.[0].length ?? 0;
    node.description = `${text.slice(0, at)}${badgeHtml(badge)} ${text.slice(at)}`;
  } else {
    const { name, color, description } = badge;
    node["x-badges"] = [...((node["x-badges"] ?? []) as JsonObject[]), { name, color, description }];
  }
}

/** How a badge in a description looks: as Redoc's own badges do, in its colours (light and dark). */
export const BADGE_STYLE = `
.provenance-badge, .conformance-badge { display: inline-block; padding: 0 4px; margin-right: 4px; border-radius: 6px;
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
