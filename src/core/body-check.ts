// Checks a success body against its operation's rule, generated from the spec's response schema
// (generated/body-rules.ts), so that a body of the wrong shape is an error and not wrong values.
//
// A rule is one of: "s" string, "i" integer, "n" number, "b" boolean, "" anything, "#Name" a
// named shape; { e: [...] } a string from a list; { a: rule } an array of; { p: {name: rule},
// r: [required names] } an object (other fields allowed); { or: [...] } any one of; { and: [...] }
// all of. Only types and required fields fail: a string outside its list is passed to `unknown`
// and accepted, because servers add status words before their documents do.

export type BodyRule =
  | string
  | { readonly e: readonly string[] }
  | { readonly a: BodyRule }
  | { readonly p: { readonly [name: string]: BodyRule }; readonly r?: readonly string[] }
  | { readonly or: readonly BodyRule[] }
  | { readonly and: readonly BodyRule[] };

export type Shapes = { readonly [name: string]: BodyRule };

const TYPES: Record<string, (value: unknown) => boolean> = {
  s: (value) => typeof value === "string",
  i: Number.isInteger,
  n: Number.isFinite,
  b: (value) => typeof value === "boolean",
  "": () => true,
};

/**
 * Where `value` first breaks `rule` ("body.outputs[0].id: expected a string"), or undefined when
 * it fits. Strings outside an enum are reported to `unknown` (where, value) and accepted. The
 * path is kept as a stack and spelled out only when something is reported, since most bodies fit.
 */
export function checkBody(
  value: unknown,
  rule: BodyRule,
  shapes: Shapes,
  unknown: (where: string, value: string) => void,
): string | undefined {
  const named = byReference(shapes);
  const at: (string | number)[] = [];
  const where = () => `body${at.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("")}`;
  // Unknown values found inside an alternative of `or`, held until that alternative wins.
  let held: [string, string][] | undefined;
  const report = (found: string) => (held ? void held.push([where(), found]) : unknown(where(), found));

  const check = (value: unknown, rule: BodyRule): string | undefined => {
    if (typeof rule === "string") {
      if (rule[0] === "#") return check(value, named[rule] ?? "");
      return TYPES[rule]?.(value) ? undefined : `${where()}: expected ${NAMES[rule]}`;
    }
    if ("e" in rule) {
      if (typeof value !== "string") return `${where()}: expected a string`;
      if (!rule.e.includes(value)) report(value);
      return undefined;
    }
    if ("a" in rule) {
      if (!Array.isArray(value)) return `${where()}: expected an array`;
      for (let i = 0; i < value.length; i++) {
        at.push(i);
        const found = check(value[i], rule.a);
        at.pop();
        if (found) return found;
      }
      return undefined;
    }
    if ("p" in rule) {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return `${where()}: expected an object`;
      const fields = value as Record<string, unknown>;
      for (const name of rule.r ?? []) if (fields[name] === undefined) return `${where()}.${name}: missing`;
      for (const name in rule.p) {
        const field = fields[name];
        if (field === undefined) continue;
        at.push(name);
        const found = check(field, rule.p[name] as BodyRule);
        at.pop();
        if (found) return found;
      }
      return undefined;
    }
    if ("and" in rule) {
      for (const part of rule.and) {
        const found = check(value, part);
        if (found) return found;
      }
      return undefined;
    }
    // Any one of: the first that fits wins, and only its unknown values are reported.
    const outer = held;
    let first: string | undefined;
    for (const part of rule.or) {
      const seen: [string, string][] = [];
      held = seen;
      const found = check(value, part);
      held = outer;
      if (!found) {
        for (const [w, v] of seen) held ? held.push([w, v]) : unknown(w, v);
        return undefined;
      }
      first ??= found;
    }
    return first;
  };
  return check(value, rule);
}

/** `shapes` keyed as rules name them (`#Name`), made once: slicing the name on every check costs. */
const references = new WeakMap<Shapes, Shapes>();
function byReference(shapes: Shapes): Shapes {
  let named = references.get(shapes);
  if (!named) {
    named = Object.fromEntries(Object.entries(shapes).map(([name, rule]) => [`#${name}`, rule]));
    references.set(shapes, named);
  }
  return named;
}

const NAMES: Record<string, string> = { s: "a string", i: "a whole number", n: "a number", b: "true or false" };
