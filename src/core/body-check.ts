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
 * Where a body first breaks its rule ("body.outputs[0].id: expected a string"), or undefined when
 * it fits. Strings outside an enum are reported to `unknown` (where, value) and accepted.
 */
export type BodyCheck = (value: unknown, unknown: (where: string, value: string) => void) => string | undefined;

/** The most distinct unlisted values warned about, so that a chatty server cannot fill memory. */
const MAX_WARNED = 100;

/**
 * What a client does with the values its checks find outside the spec's lists: one warning per
 * distinct value (at most MAX_WARNED), naming the request (`where`, made only when one is shown)
 * and the place in the body. The value is passed on as it is.
 */
export function createUnlistedWarnings(
  warn: ((line: string) => void) | undefined,
): (where: () => string, path: string, value: string) => void {
  const warned = new Set<string>();
  return (where, path, value) => {
    if (!warn || warned.has(value) || warned.size >= MAX_WARNED) return;
    warned.add(value);
    warn(`${where()}: ${path} is ${JSON.stringify(value)}, a value the spec does not list; passed on as it is`);
  };
}

/**
 * `rule` made into a check once, so that a call runs small closures rather than reading the rule
 * again. A named shape is made where it is first reached (shapes may refer to themselves).
 */
export function compileBody(rule: BodyRule, shapes: Shapes): BodyCheck {
  const check = compile(rule, shapes);
  return (value, unknown) => check(value, { at: [], held: undefined, unknown });
}

/**
 * One check's state. The path is kept as a stack and spelled out only when something is
 * reported, since most bodies fit; `held` keeps the unknown values found inside an alternative
 * of `or` until that alternative wins.
 */
interface Run {
  at: (string | number)[];
  held: [string, string][] | undefined;
  unknown: (where: string, value: string) => void;
}
type Check = (value: unknown, run: Run) => string | undefined;

const where = ({ at }: Run) => `body${at.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("")}`;
const report = (run: Run, found: string) =>
  run.held ? void run.held.push([where(run), found]) : run.unknown(where(run), found);

function compile(rule: BodyRule, shapes: Shapes): Check {
  if (typeof rule === "string") {
    if (rule[0] === "#") {
      const name = rule.slice(1);
      let named: Check | undefined;
      return (value, run) => {
        named ??= compile(Object.hasOwn(shapes, name) ? (shapes[name] as BodyRule) : "", shapes);
        return named(value, run);
      };
    }
    const test = TYPES[rule];
    return (value, run) => (test?.(value) ? undefined : `${where(run)}: expected ${NAMES[rule]}`);
  }
  if ("e" in rule) {
    const { e } = rule;
    return (value, run) => {
      if (typeof value !== "string") return `${where(run)}: expected a string`;
      if (!e.includes(value)) report(run, value);
      return undefined;
    };
  }
  if ("a" in rule) {
    const item = compile(rule.a, shapes);
    return (value, run) => {
      if (!Array.isArray(value)) return `${where(run)}: expected an array`;
      for (let i = 0; i < value.length; i++) {
        run.at.push(i);
        const found = item(value[i], run);
        run.at.pop();
        if (found) return found;
      }
      return undefined;
    };
  }
  if ("p" in rule) {
    const required = rule.r ?? [];
    const fields: [string, Check][] = [];
    for (const name in rule.p) fields.push([name, compile(rule.p[name] as BodyRule, shapes)]);
    return (value, run) => {
      if (value === null || typeof value !== "object" || Array.isArray(value))
        return `${where(run)}: expected an object`;
      const object = value as Record<string, unknown>;
      for (const name of required) if (object[name] === undefined) return `${where(run)}.${name}: missing`;
      for (const [name, check] of fields) {
        const field = object[name];
        if (field === undefined) continue;
        run.at.push(name);
        const found = check(field, run);
        run.at.pop();
        if (found) return found;
      }
      return undefined;
    };
  }
  if ("and" in rule) {
    const parts = rule.and.map((part) => compile(part, shapes));
    return (value, run) => {
      for (const part of parts) {
        const found = part(value, run);
        if (found) return found;
      }
      return undefined;
    };
  }
  // Any one of: the first that fits wins, and only its unknown values are reported.
  const parts = rule.or.map((part) => compile(part, shapes));
  return (value, run) => {
    const outer = run.held;
    let first: string | undefined;
    for (const part of parts) {
      const seen: [string, string][] = [];
      run.held = seen;
      const found = part(value, run);
      run.held = outer;
      if (!found) {
        for (const [w, v] of seen) outer ? outer.push([w, v]) : run.unknown(w, v);
        return undefined;
      }
      first ??= found;
    }
    return first;
  };
}

const NAMES: Record<string, string> = { s: "a string", i: "a whole number", n: "a number", b: "true or false" };
