// `--json` output: what JSON.stringify(value, null, 2) prints, without its recursion, so that a
// server's deeply nested answer is printed instead of overflowing the stack; and with the
// characters a terminal may act on (DEL, C1, bidi overrides, U+2028/9) escaped as well as C0.
import { escapeJsonText } from "./format.js";

/** Deeper than this, members are printed without line breaks: indenting each level would grow as its square. */
const INDENTED_LEVELS = 64;

type Frame = { close: string; indent: string; compact: boolean; items: [string | undefined, unknown][]; next: number };

/** `value` as indented JSON, each string (keys included) passed through `mask` first. */
export function printJson(value: unknown, mask: (text: string) => string = (text) => text, indentBy = "  "): string {
  const leaf = (item: unknown) =>
    escapeJsonText(JSON.stringify(typeof item === "string" ? mask(item) : item) ?? "null");
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (item: unknown, indent: string, compact: boolean): void => {
    const entries = toEntries(item);
    if (entries === undefined) {
      out.push(leaf(item));
      return;
    }
    const [openBracket, closeBracket, items] = entries;
    out.push(openBracket);
    if (items.length === 0) out.push(closeBracket);
    else stack.push({ close: closeBracket, indent, compact, items, next: 0 });
  };

  open(value, "", false);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const { compact, indent, items, next } = frame;
    if (next === items.length) {
      out.push(compact ? frame.close : `\n${indent}${frame.close}`);
      stack.pop();
      continue;
    }
    const [key, item] = items[next] as [string | undefined, unknown];
    const inner = compact ? indent : indent + indentBy;
    const name = key === undefined ? "" : `${leaf(key)}:${compact ? "" : " "}`;
    out.push(`${next === 0 ? "" : ","}${compact ? "" : `\n${inner}`}${name}`);
    frame.next += 1;
    open(item, inner, compact || stack.length >= INDENTED_LEVELS);
  }
  return out.join("");
}

/** An array's or object's members as JSON.stringify would list them; undefined for anything else. */
function toEntries(value: unknown): [string, string, [string | undefined, unknown][]] | undefined {
  if (Array.isArray(value)) {
    return ["[", "]", value.map((item) => [undefined, isSkipped(item) ? null : item])];
  }
  if (value !== null && typeof value === "object") {
    const members = Object.entries(value).filter(([, item]) => !isSkipped(item));
    return ["{", "}", members];
  }
  return undefined;
}

function isSkipped(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}
