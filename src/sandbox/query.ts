// Reads an operation's query parameters by the spec's own rules (generated/client-values.ts): whole
// numbers, booleans, enums, dates and repeated array parameters. A value that breaks its rule is
// named in `problems`, in the shape of a 400's `modelState`.
import { type OperationId, operationRules } from "../../generated/client-values.js";

type Rule = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: readonly string[];
  minimum?: number;
  items?: Rule;
};
export type QueryValue = string | number | boolean | string[];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readQuery(
  operationId: OperationId,
  search: URLSearchParams,
): { values: Record<string, QueryValue>; problems: Record<string, string[]> } {
  const values: Record<string, QueryValue> = {};
  const problems: Record<string, string[]> = {};
  const parameters = operationRules[operationId].parameters as Record<string, { in: string; schema: Rule }>;
  for (const [name, { in: where, schema }] of Object.entries(parameters)) {
    if (where !== "query") continue;
    const raw = search.getAll(name);
    if (raw.length === 0) continue;
    const read =
      schema.type === "array" ? raw.map((v) => coerce(v, schema.items ?? {})) : [coerce(raw[0] ?? "", schema)];
    const wrong = read.find((r) => "problem" in r);
    if (wrong && "problem" in wrong)
      problems[name] = [`The value '${wrong.raw}' is not valid for ${name}: ${wrong.problem}.`];
    else
      values[name] =
        schema.type === "array"
          ? read.map((r) => String((r as { value: unknown }).value))
          : (read[0] as { value: QueryValue }).value;
  }
  return { values, problems };
}

function coerce(raw: string, rule: Rule): { value: string | number | boolean } | { raw: string; problem: string } {
  if (rule.type === "integer") {
    const n = /^-?\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(n)) return { raw, problem: "it must be a whole number" };
    if (rule.minimum !== undefined && n < rule.minimum) return { raw, problem: `it must be at least ${rule.minimum}` };
    return { value: n };
  }
  if (rule.type === "boolean") {
    if (raw !== "true" && raw !== "false") return { raw, problem: "it must be true or false" };
    return { value: raw === "true" };
  }
  if (rule.enum && !rule.enum.includes(raw)) return { raw, problem: `it must be one of ${rule.enum.join(", ")}` };
  if (rule.format === "date" && !isDate(raw)) {
    return { raw, problem: "it must be a date, yyyy-MM-dd" };
  }
  if (rule.pattern && !new RegExp(rule.pattern).test(raw)) return { raw, problem: `it must match ${rule.pattern}` };
  return { value: raw };
}

/** yyyy-MM-dd naming a day that exists: Date.parse reads 2024-02-30 as the 1st of March. */
function isDate(text: string): boolean {
  const time = DATE.test(text) ? Date.parse(text) : Number.NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}
