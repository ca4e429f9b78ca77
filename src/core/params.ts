// Checks arguments against the spec's parameter rules (generated/client-values.ts) before a request
// is built, so that a bad ID or filter fails with a clear error and nothing is sent, and no
// argument can add a query parameter the operation does not have.
import { type OperationId, operationRules } from "../../generated/client-values.js";
import { InvalidArgumentError } from "./errors.js";
import { memo } from "./memo.js";

export type { OperationId };

export interface Schema {
  readonly type?: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: Schema;
}
interface ParameterRule {
  readonly in: string;
  readonly required?: boolean;
  readonly schema: Schema;
}

const LOCATIONS = ["path", "query"] as const;

const pattern = memo((source: string) => new RegExp(source));

/** Throws InvalidArgumentError for the first value that breaks the spec's rules for `operationId`. */
export function checkParameters(
  operationId: OperationId,
  values: { path?: Record<string, unknown>; query?: Record<string, unknown> },
): void {
  const rules = operationRules[operationId].parameters as Record<string, ParameterRule>;
  // Plain loops: this runs on every call.
  for (const location of LOCATIONS) {
    const given = values[location] ?? {};
    for (const name of Object.keys(given)) {
      const value = given[name];
      const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
      if (rule?.in !== location) {
        const known = Object.keys(rules).filter((key) => rules[key]?.in === location);
        throw new InvalidArgumentError(name, value, `one of the ${location} parameters ${known.join(", ")}`);
      }
      if (value !== undefined) checkValue(name, value, rule.schema);
    }
    for (const name in rules) {
      const rule = rules[name] as ParameterRule;
      if (rule.in === location && rule.required && given[name] === undefined) {
        throw new InvalidArgumentError(name, undefined, describe(rule.schema));
      }
    }
  }
}

/** Throws InvalidArgumentError naming `name` when `value` breaks `schema`. */
export function checkValue(name: string, value: unknown, schema: Schema): void {
  if (!matches(value, schema)) throw new InvalidArgumentError(name, value, describe(schema));
  if (schema.type === "array") {
    (value as unknown[]).forEach((item, index) => {
      checkValue(`${name}[${index}]`, item, schema.items ?? {});
    });
  }
}

function matches(value: unknown, schema: Schema): boolean {
  if (schema.enum && !schema.enum.includes(value)) return false;
  switch (schema.type) {
    case "string":
      if (typeof value !== "string") return false;
      if (schema.pattern && !pattern(schema.pattern).test(value)) return false;
      return schema.format !== "date" || isDate(value);
    case "integer":
      return (
        Number.isSafeInteger(value) &&
        (schema.minimum === undefined || (value as number) >= schema.minimum) &&
        (schema.maximum === undefined || (value as number) <= schema.maximum)
      );
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    default:
      return true;
  }
}

/** `yyyy-MM-dd` naming a day that exists. */
function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

function describe(schema: Schema): string {
  if (schema.enum) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (schema.pattern) return `a string matching ${schema.pattern}`;
  if (schema.format === "date") return "a date as yyyy-MM-dd";
  if (schema.type === "integer") {
    const bounds = [
      schema.minimum !== undefined ? `≥ ${schema.minimum}` : "",
      schema.maximum !== undefined ? `≤ ${schema.maximum}` : "",
    ].filter(Boolean);
    return `a whole number${bounds.length ? ` ${bounds.join(" and ")}` : ""}`;
  }
  if (schema.type === "array") return `a list of ${describe(schema.items ?? {})}`;
  return schema.type ? `a ${schema.type}` : "a value";
}
