// How a fixture's values are read: small readers that check one value each, and `fields`, which
// reads an object by a table of its fields. The table is the one list of what an object may hold:
// the compiler holds it to the object's type, and a field not in it (a misspelling, such as
// `runingMs`) is an error naming the nearest field that is.
import { nearestName } from "../core/nearest-name.js";

/** A fixture that is not valid: the message names the file and the field at fault. */
export class FixtureError extends Error {
  override name = "FixtureError";
}

/** Reads one value (undefined when the field is absent) at `where` into its checked form. */
export type Reader<T> = (value: unknown, where: string) => T;

/**
 * One reader for each field of `In`, the object as written, reading into the same field of `Out`,
 * the object as loaded. Every field of `In` must have a reader, and a reader for a field `In` does
 * not have is a compile error: a field added to the type is read, or the build fails.
 */
export type Fields<In, Out> = { readonly [K in keyof In]-?: Reader<K extends keyof Out ? Out[K] : never> };

/** Where the fixture's own fields are: `users`, not `the fixture.users`. */
export const ROOT = "the fixture";

type Json = Record<string, unknown>;

/** The readers, each failing with a FixtureError that names `source` and the field. */
export function readers(source: string) {
  const fail = (where: string, what: string): never => {
    throw new FixtureError(`Invalid sandbox fixture (${source}): ${where} ${what}`);
  };
  const object = (v: unknown, where: string): Json =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : fail(where, "must be an object");
  const array = (v: unknown, where: string): unknown[] => (Array.isArray(v) ? v : fail(where, "must be an array"));
  const string: Reader<string> = (v, where) =>
    typeof v === "string" && v.length > 0 ? v : fail(where, "must be a non-empty string");
  /** Any string, the empty one included. */
  const text: Reader<string> = (v, where) => (typeof v === "string" ? v : fail(where, "must be a string"));
  const boolean: Reader<boolean> = (v, where) => (typeof v === "boolean" ? v : fail(where, "must be true or false"));
  const integer: Reader<number> = (v, where) =>
    Number.isInteger(v) ? (v as number) : fail(where, "must be a whole number");
  const number =
    (max: number): Reader<number> =>
    (v, where) =>
      typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= max
        ? v
        : fail(where, `must be a number from 0 to ${max}`);
  /** `read` when the field is there; `otherwise` (undefined unless given) when it is not. */
  function optional<T>(read: Reader<T>): Reader<T | undefined>;
  function optional<T>(read: Reader<T>, otherwise: T): Reader<T>;
  function optional<T>(read: Reader<T>, otherwise?: T): Reader<T | undefined> {
    return (v, where) => (v === undefined ? otherwise : read(v, where));
  }
  /** An array, each item read by `read`. */
  const list =
    <T>(read: Reader<T>): Reader<T[]> =>
    (v, where) =>
      array(v, where).map((item, i) => read(item, `${where}[${i}]`));

  /**
   * An object read field by field by `table`, after refusing any field the table does not have.
   * Absent optional fields stay absent.
   */
  function fields<In, Out>(value: unknown, where: string, table: Fields<In, Out>): Out {
    const o = object(value, where);
    const at = (key: string) => (where === ROOT ? key : `${where}.${key}`);
    const known = Object.keys(table);
    for (const key of Object.keys(o)) {
      if (Object.hasOwn(table, key)) continue;
      const meant = nearestName(key, known);
      fail(at(key), `is not a field the sandbox knows${meant ? `: did you mean ${meant}?` : ""} (${known.join(", ")})`);
    }
    const out: Json = {};
    for (const key of known) {
      const read = table[key as keyof In] as Reader<unknown>;
      const field = read(Object.hasOwn(o, key) ? o[key] : undefined, at(key));
      if (field !== undefined) out[key] = field;
    }
    return out as Out;
  }

  return { fail, object, array, string, text, boolean, integer, number, optional, list, fields };
}

/** `values` when no two of them are equal by `key`; otherwise a FixtureError naming the first repeated. */
export function unique<T>(
  values: T[],
  key: (value: T) => string,
  where: string,
  fail: (w: string, what: string) => never,
): T[] {
  const seen = new Set<string>();
  for (const value of values) {
    const name = key(value);
    if (seen.has(name)) fail(where, `must be unique; "${name}" appears twice`);
    seen.add(name);
  }
  return values;
}
