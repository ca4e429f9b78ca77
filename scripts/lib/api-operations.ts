// The site's "API operations" page, from the spec: each operation by tag with its method and
// path, the first sentence of its description, its parameters and body fields, the statuses it
// answers with, and a link to its place in the API reference (Redoc). A VitePress page, so the
// site's search finds an operation by its operationId, path or words.
import { firstSentence, outsideLink, pageText } from "./site-text.js";
import { dereference, type JsonObject, listOperations, type Operation, readSpec } from "./spec.js";

/** Redoc's name for a tag or an operation in its routes: lower case, spaces as hyphens. */
const redocSlug = (name: string) => name.toLowerCase().replace(/\s+/g, "-");

/**
 * The address of an operation in the API reference: Redoc's route `#/<tag>/<operationId>`, as its
 * own sidebar links it (it also accepts the older `#tag/<Tag>/operation/<id>` and rewrites it).
 */
export function apiReferenceHref(op: Operation): string {
  const tag = String((op.node.tags as string[] | undefined)?.[0] ?? "");
  return `/api/index.html#/${redocSlug(tag)}/${redocSlug(op.operationId)}`;
}

/** A table cell: one line, its pipes escaped. */
const cell = (text: string) => pageText(text.replace(/\s+/g, " ").trim()).replace(/\|/g, "\\|");

/** A schema's type as a reader writes it: `string (date)`, `string[]`, `integer`. */
function typeOf(schema: JsonObject | undefined): string {
  if (!schema) return "";
  const type = Array.isArray(schema.type) ? schema.type.join(" \\| ") : String(schema.type ?? "object");
  if (type === "array") return `${typeOf(schema.items as JsonObject | undefined)}[]`;
  return schema.format ? `${type} (${schema.format})` : type;
}

function parametersTable(op: Operation): string[] {
  const parameters = (op.node.parameters ?? []) as JsonObject[];
  if (!parameters.length) return [];
  return [
    "| parameter | in | type | required | description |",
    "|---|---|---|---|---|",
    ...parameters.map(
      (p) =>
        `| \`${p.name}\` | ${p.in} | \`${typeOf(p.schema as JsonObject)}\` | ${p.required ? "yes" : "no"} | ${cell(firstSentences(String(p.description ?? "")))} |`,
    ),
    "",
  ];
}

/** A parameter's description up to its first full sentence: "Required." alone says too little. */
function firstSentences(text: string): string {
  const first = firstSentence(text);
  if (/^(Required|Optional)\.$/.test(first)) return `${first} ${firstSentence(text.trim().slice(first.length))}`;
  return first;
}

function bodyTable(op: Operation): string[] {
  const content = ((op.node.requestBody as JsonObject | undefined)?.content ?? {}) as JsonObject;
  return Object.entries(content).flatMap(([mediaType, media]) => {
    const schema = ((media as JsonObject).schema ?? {}) as JsonObject;
    const properties = (schema.properties ?? {}) as JsonObject;
    const required = new Set((schema.required ?? []) as string[]);
    const title = `Request body, \`${mediaType}\`${(op.node.requestBody as JsonObject).required ? "" : " (optional)"}`;
    if (!Object.keys(properties).length) return [`${title}.`, ""];
    return [
      `${title}:`,
      "",
      "| field | type | required | description |",
      "|---|---|---|---|",
      ...Object.entries(properties).map(([name, property]) => {
        const p = property as JsonObject;
        return `| \`${name}\` | \`${typeOf(p)}\` | ${required.has(name) ? "yes" : "no"} | ${cell(firstSentence(String(p.description ?? "")))} |`;
      }),
      "",
    ];
  });
}

function operationSection(op: Operation): string[] {
  const statuses = Object.keys((op.node.responses ?? {}) as JsonObject);
  return [
    `### ${pageText(String(op.node.summary ?? op.operationId))} {#${op.operationId}}`,
    "",
    `\`${op.method.toUpperCase()} ${op.path}\` · \`${op.operationId}\` · ${outsideLink("in the API reference", apiReferenceHref(op))}`,
    "",
    pageText(firstSentence(String(op.node.description ?? ""))),
    "",
    ...parametersTable(op),
    ...bodyTable(op),
    `Answers ${statuses.map((s) => `\`${s}\``).join(", ")}.`,
    "",
  ];
}

/** /reference/operations: every operation of the spec, grouped by its first tag in the spec's tag order. */
export function operationsPage(spec: JsonObject = readSpec()): string {
  const operations = listOperations(dereference(spec) as JsonObject);
  const tags = ((spec.tags ?? []) as JsonObject[]).map((t) => ({ name: String(t.name), description: t.description }));
  for (const op of operations) {
    const tag = String((op.node.tags as string[] | undefined)?.[0] ?? "");
    if (!tags.some((t) => t.name === tag)) tags.push({ name: tag, description: undefined });
  }
  const sections = tags.flatMap((tag) => {
    const mine = operations.filter((op) => (op.node.tags as string[] | undefined)?.[0] === tag.name);
    if (!mine.length) return [];
    const about = tag.description ? [pageText(firstSentence(String(tag.description))), ""] : [];
    return [`## ${tag.name}`, "", ...about, ...mine.flatMap(operationSection)];
  });
  return [
    "# API operations",
    "",
    "Every operation of the API as the spec describes it, by tag: its method and path, what it does,",
    "its parameters and body fields, and the statuses it answers with. Each links to its place in the",
    `${outsideLink("API reference", "/api/index.html")}, which has the whole description, the schemas`,
    "and a TypeScript, a command-line and a curl sample.",
    "",
    ...sections,
  ]
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}
