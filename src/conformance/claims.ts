// What a claim is, and the claims that come straight from the spec's structure: each documented
// (operation, status), each operation's list of statuses, and each property of each 200 body
// (present when required, of its type, in its value list). Bodies are held to the spec's own
// schemas by Ajv; nothing here restates a schema.
import { type JsonObject, lookUp, pointerKeys, pointerOf } from "./document.js";
import type { Facts } from "./plan.js";
import type { Exchange, Recorder } from "./record.js";
import type { Proposal, Provenance, Verdict } from "./report.js";
import { provenanceOf, type Spec } from "./spec.js";

/** What the claims are judged on. */
export interface Observed {
  spec: Spec;
  recorder: Recorder;
  facts: Facts;
  allowWrites: boolean;
  /** A non-Curator's key or token was given. */
  roles: boolean;
  /** The main credentials are a key and secret (so that token requests were sent). */
  keys: boolean;
}

export interface Judgement {
  verdict: Verdict;
  observed?: string;
  evidence?: Exchange[];
  proposal?: Proposal;
}

export interface Claim {
  id: string;
  operationId: string;
  /** The spec item the claim is about (a JSON pointer into the spec); the operation when absent. */
  pointer?: string;
  provenance: Provenance;
  title: string;
  expected: string;
  judge(observed: Observed): Judgement;
}

export const confirmed = (observed: string, evidence: Exchange[] = []): Judgement => ({
  verdict: "confirmed",
  observed,
  evidence,
});
export const contradicted = (observed: string, evidence: Exchange[] = [], proposal?: Proposal): Judgement => ({
  verdict: "contradicted",
  observed,
  evidence,
  ...(proposal ? { proposal } : {}),
});
export const notExercised = (why: string, evidence: Exchange[] = []): Judgement => ({
  verdict: "not-exercised",
  observed: why,
  evidence,
});
export const inconclusive = (why: string, evidence: Exchange[] = []): Judgement => ({
  verdict: "inconclusive",
  observed: why,
  evidence,
});

/** A JSONPath (RFC 9535) to the node at a JSON pointer: what an Overlay action targets. */
export function jsonPath(pointer: string): string {
  return `$${pointerKeys(pointer)
    .map((key) => (/^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `['${key.replaceAll("'", "\\'")}']`))
    .join("")}`;
}

/** The JSON type of a value, as a schema's `type` names it. */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The exchanges of the API's answers (not the token requests behind them) of one step. */
export const answersOf = (recorder: Recorder, step: string): Exchange[] =>
  recorder.of(step).filter((e) => e.operationId !== "requestToken");

/** A response of an operation: where its JSON schema is, and how sure the spec is of it. */
export interface ResponseInfo {
  status: string;
  /** Where the operation lists it: `#/paths/…/responses/{status}`, whether or not it is a reference. */
  pointer: string;
  node: JsonObject;
  schemaPointer?: string;
  provenance: Provenance;
}

export function responsesOf(spec: Spec, operationId: string): ResponseInfo[] {
  const op = spec.operation(operationId);
  const responses = (op.node.responses ?? {}) as JsonObject;
  return Object.entries(responses).map(([status, raw]) => {
    const ref = (raw as JsonObject).$ref;
    const pointer = pointerOf(["paths", op.path, op.method, "responses", status]);
    const base = typeof ref === "string" ? ref : pointer;
    const node = spec.resolve(raw);
    const json = ((node.content ?? {}) as JsonObject)["application/json"];
    return {
      status,
      pointer,
      node,
      ...(json ? { schemaPointer: `${base}/content/application~1json/schema` } : {}),
      provenance: provenanceOf(node, provenanceOf(op.node)),
    };
  });
}

const title = (spec: Spec, operationId: string) => {
  const { method, path } = spec.operation(operationId);
  return `${method.toUpperCase()} ${path}`;
};

/** `{op}.{status}`: each documented answer, its body fitting the schema; `{op}.statuses`: nothing else. */
export function statusClaims(spec: Spec): Claim[] {
  return spec.operations.flatMap(({ operationId, node }) => {
    const responses = responsesOf(spec, operationId);
    const documented = responses.map((r) => r.status);
    const perStatus = responses.map(
      (response): Claim => ({
        id: `${operationId}.${response.status}`,
        operationId,
        pointer: response.pointer,
        provenance: response.provenance,
        title: `${title(spec, operationId)} answers ${response.status} as documented`,
        expected: response.schemaPointer
          ? `${response.status} with a body that fits ${schemaName(spec, response.schemaPointer)}`
          : `${response.status}`,
        judge({ recorder }) {
          const seen = recorder
            .all()
            .filter((e) => e.operationId === operationId && String(e.status) === response.status);
          if (seen.length === 0) return notExercised(`no request of the plan was answered ${response.status}`);
          if (response.schemaPointer) {
            for (const exchange of seen) {
              if (exchange.json === undefined) return contradicted("a body that is not JSON", [exchange]);
              const problem = spec.check(response.schemaPointer, exchange.json);
              if (problem) return contradicted(problem, [exchange]);
            }
          }
          return confirmed(
            `${seen.length} answer${seen.length === 1 ? "" : "s"} of ${response.status}`,
            seen.slice(0, 1),
          );
        },
      }),
    );
    const statuses: Claim = {
      id: `${operationId}.statuses`,
      operationId,
      provenance: provenanceOf(node),
      title: `${title(spec, operationId)} answers only with the statuses the spec documents`,
      expected: documented.join(", "),
      judge({ recorder }) {
        const seen = recorder.all().filter((e) => e.operationId === operationId && e.status !== undefined);
        if (seen.length === 0) return notExercised("the plan sent no request of it that was answered");
        const other = seen.filter((e) => !documented.includes(String(e.status)));
        // A server error or a rate limit is the server's state, not its contract.
        const contract = other.filter((e) => (e.status as number) < 500 && e.status !== 429);
        if (contract.length > 0) {
          const proposal: Proposal | undefined =
            provenanceOf(node) === "documented"
              ? undefined
              : {
                  target: jsonPath(
                    pointerOf([
                      "paths",
                      spec.operation(operationId).path,
                      spec.operation(operationId).method,
                      "responses",
                    ]),
                  ),
                  update: {
                    [String(contract[0]?.status)]: { description: "Seen from a server.", "x-provenance": "seen" },
                  },
                  description: `Document the ${contract[0]?.status} a server answered`,
                };
          return contradicted(
            `answered ${[...new Set(contract.map((e) => e.status))].join(", ")}`,
            contract.slice(0, 1),
            proposal,
          );
        }
        if (other.length > 0)
          return inconclusive(`answered ${other[0]?.status} (the server's state, not its contract)`, other.slice(0, 1));
        return confirmed(`answered ${[...new Set(seen.map((e) => e.status))].join(", ")}`);
      },
    };
    return [...perStatus, statuses];
  });
}

/** The component schema a pointer names, or its last key. */
function schemaName(spec: Spec, pointer: string): string {
  const node = lookUp(spec.doc, pointer) as JsonObject;
  const ref = node.$ref;
  if (typeof ref === "string") return ref.split("/").pop() ?? ref;
  if (node.anyOf || node.oneOf) {
    return ((node.anyOf ?? node.oneOf) as JsonObject[])
      .map((branch) => (typeof branch.$ref === "string" ? branch.$ref.split("/").pop() : `a ${branch.type ?? "value"}`))
      .join(" or ");
  }
  return String(node.type ?? "the schema");
}

/** A property a body schema declares: where it is, in which schema, and whether it is required. */
interface PropertySite {
  schema: string;
  property: string;
  /** The property's schema. */
  pointer: string;
  /** The object schema that declares it. */
  objectPointer: string;
  required: boolean;
  provenance: Provenance;
}

/** Every property a schema reaches, by the nearest component schema's name. */
function propertySites(spec: Spec, pointer: string, name: string, seen = new Set<string>()): PropertySite[] {
  if (seen.has(pointer)) return [];
  seen.add(pointer);
  const node = lookUp(spec.doc, pointer) as JsonObject;
  if (typeof node.$ref === "string") {
    const refName = node.$ref.startsWith("#/components/schemas/") ? (node.$ref.split("/").pop() as string) : name;
    return propertySites(spec, node.$ref, refName, seen);
  }
  const sites: PropertySite[] = [];
  for (const combiner of ["allOf", "anyOf", "oneOf"]) {
    ((node[combiner] ?? []) as JsonObject[]).forEach((_, i) => {
      sites.push(...propertySites(spec, `${pointer}/${combiner}/${i}`, name, seen));
    });
  }
  if (node.items) sites.push(...propertySites(spec, `${pointer}/items`, name, seen));
  const required = (node.required ?? []) as string[];
  for (const [property, schema] of Object.entries((node.properties ?? {}) as JsonObject)) {
    const at = `${pointer}/properties/${property.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    sites.push({
      schema: name,
      property,
      pointer: at,
      objectPointer: pointer,
      required: required.includes(property),
      provenance: provenanceOf(schema, provenanceOf(node)),
    });
    sites.push(...propertySites(spec, at, name, seen));
  }
  return sites;
}

interface Instance {
  present: boolean;
  value: unknown;
  exchange: Exchange;
}

/** The instances in `value` of each property site, following the branch of anyOf/oneOf the value fits best. */
function collect(
  spec: Spec,
  pointer: string,
  value: unknown,
  exchange: Exchange,
  out: Map<string, Instance[]>,
  depth = 0,
): void {
  if (depth > 32) return;
  const node = lookUp(spec.doc, pointer) as JsonObject;
  if (typeof node.$ref === "string") {
    collect(spec, node.$ref, value, exchange, out, depth + 1);
    return;
  }
  ((node.allOf ?? []) as JsonObject[]).forEach((_, i) => {
    collect(spec, `${pointer}/allOf/${i}`, value, exchange, out, depth + 1);
  });
  const branches = (node.anyOf ? "anyOf" : node.oneOf ? "oneOf" : undefined) as "anyOf" | "oneOf" | undefined;
  if (branches) {
    const pointers = (node[branches] as JsonObject[]).map((_, i) => `${pointer}/${branches}/${i}`);
    const best = pointers
      .map((p) => ({ p, errors: spec.check(p, value)?.split("; ").length ?? 0 }))
      .sort((a, b) => a.errors - b.errors)[0];
    if (best) collect(spec, best.p, value, exchange, out, depth + 1);
  }
  if (Array.isArray(value) && node.items) {
    for (const item of value) collect(spec, `${pointer}/items`, item, exchange, out, depth + 1);
  }
  if (isObject(value) && node.properties) {
    for (const property of Object.keys(node.properties as JsonObject)) {
      const at = `${pointer}/properties/${property.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      const present = Object.hasOwn(value, property);
      out.set(at, [...(out.get(at) ?? []), { present, value: value[property], exchange }]);
      if (present) collect(spec, at, value[property], exchange, out, depth + 1);
    }
  }
}

/** `{op}.200.{Schema}.{property}`: each property of each 200 body, as the spec types it. */
export function propertyClaims(spec: Spec): Claim[] {
  return spec.operations.flatMap(({ operationId }) => {
    const ok = responsesOf(spec, operationId).find((r) => r.status === "200");
    if (!ok?.schemaPointer) return [];
    const root = ok.schemaPointer;
    const unique = new Map<string, PropertySite>();
    for (const site of propertySites(spec, root, "body")) unique.set(`${site.schema}.${site.property}`, site);
    return [...unique.entries()].map(([key, site]): Claim => {
      const sites = propertySites(spec, root, "body").filter((s) => `${s.schema}.${s.property}` === key);
      const described = describeType(spec, site.pointer);
      return {
        id: `${operationId}.200.${key}`,
        operationId,
        pointer: site.pointer,
        provenance: site.provenance,
        title: `${title(spec, operationId)}: ${key} is ${site.required ? "required, " : ""}${described}`,
        expected: `${site.required ? "present, and " : "when present, "}${described}`,
        judge({ recorder }) {
          const instances = new Map<string, Instance[]>();
          for (const exchange of recorder.all()) {
            if (exchange.operationId !== operationId || exchange.status !== 200 || exchange.json === undefined)
              continue;
            collect(spec, root, exchange.json, exchange, instances);
          }
          const seen = sites.flatMap((s) => instances.get(s.pointer) ?? []);
          if (seen.length === 0) return notExercised("no 200 body of it was seen");
          const missing = seen.find((i) => !i.present);
          if (missing && site.required) {
            return contradicted(`${site.property} is missing`, [missing.exchange], removeRequired(site));
          }
          for (const instance of seen.filter((i) => i.present)) {
            const problem = spec.check(site.pointer, instance.value);
            if (problem) {
              return contradicted(
                `${site.property}: ${problem.replaceAll("body", site.property)} (${JSON.stringify(instance.value)?.slice(0, 60)})`,
                [instance.exchange],
                site.provenance === "documented" ? undefined : retype(site, instance.value),
              );
            }
          }
          const present = seen.filter((i) => i.present).length;
          if (present === 0) return notExercised(`${site.property} was never sent (it is optional)`);
          return confirmed(`as expected in ${present} of ${seen.length} objects`, [seen[0]?.exchange as Exchange]);
        },
      };
    });
  });
}

/** "a string (date-time)", "an integer", "one of Default, Low, …". */
function describeType(spec: Spec, pointer: string): string {
  const node = spec.resolve(lookUp(spec.doc, pointer));
  if (Array.isArray(node.enum)) return `one of ${node.enum.join(", ")}`;
  const type = String(node.type ?? "any value");
  const article = /^[aeiou]/.test(type) ? "an" : "a";
  const extra = node.format ? ` (${node.format})` : node.pattern ? ` matching ${node.pattern}` : "";
  return `${article} ${type}${extra}`;
}

function removeRequired(site: PropertySite): Proposal | undefined {
  if (site.provenance === "documented") return undefined;
  return {
    target: `${jsonPath(`${site.objectPointer}/required`)}[?@ == '${site.property}']`,
    remove: true,
    description: `${site.schema}.${site.property} is not always sent: make it optional`,
  };
}

function retype(site: PropertySite, value: unknown): Proposal {
  return {
    target: jsonPath(site.pointer),
    update: { type: jsonType(value), "x-provenance": "seen" },
    description: `${site.schema}.${site.property} was sent as ${jsonType(value)}`,
  };
}
