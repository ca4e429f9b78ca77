// `--json` output: what JSON.stringify(value, null, 2) prints, without its recursion, so that a
// server's deeply nested answer is printed instead of overflowing the stack; and with the
// characters a terminal may act on (DEL, C1, bidi overrides, U+2028/9) escaped as well as C0.
import { escapeJsonText } from "./format.js";

type Frame = { close: string; indent: string; items: [string | undefined, unknown][]; next: number };

export function printJson(value: unknown, indentBy = "  "): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (item: unknown, indent: string): void => {
    const entries = toEntries(item);
    if (entries === undefined) {
      out.push(leaf(item));
      return;
    }
    const [openBracket, closeBracket, items] = entries;
    if (items.length === 0) {
      out.push(openBracket + closeBracket);
      return;
    }
    out.push(openBracket);
    stack.push({ close: closeBracket, indent, items, next: 0 });
  };

  open(value, "");
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next === frame.items.length) {
      out.push(`\n${frame.indent}${frame.close}`);
      stack.pop();
      continue;
    }
    const [key, item] = frame.items[frame.next] as [string | undefined, unknown];
    const inner = frame.indent + indentBy;
    out.push(`${frame.next === 0 ? "" : ","}\n${inner}${key === undefined ? "" : `${leaf(key)}: `}`);
    frame.next += 1;
    open(item, inner);
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

function leaf(value: unknown): string {
  return escapeJsonText(JSON.stringify(value) ?? "null");
}
