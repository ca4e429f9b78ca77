// `npm run postman`: the Postman collection (v2.1) of the spec, in site/postman/, and an
// environment for the sandbox. Converted by openapi-to-postmanv2, so every operation of the spec
// becomes a request; set here: each parameter's value from the spec's example (only required ones
// enabled), a token asked for with the client credentials before the first request, and a check
// on each request that its status is one the spec documents.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import converter from "openapi-to-postmanv2";
import { parse } from "yaml";
import { DEFAULT_PORT } from "../src/cli/options.js";
import { API_ROOT } from "../src/sandbox/http.js";
import { defaultFixture } from "../src/sandbox/index.js";
import { isMain } from "./lib/script.js";
import {
  dereference,
  type JsonObject,
  listOperations,
  type Operation,
  parameterExample,
  specPath,
} from "./lib/spec.js";

/** The collection's file name, in site/postman/. */
export const COLLECTION_FILE = "alteryx-jobs.postman_collection.json";
export const collectionPath = new URL(`../site/postman/${COLLECTION_FILE}`, import.meta.url);
/** The sandbox's environment file, beside the collection. */
export const ENVIRONMENT_FILE = "alteryx-jobs-sandbox.postman_environment.json";
export const environmentPath = new URL(`../site/postman/${ENVIRONMENT_FILE}`, import.meta.url);

type Collection = {
  auth?: unknown;
  variable?: { key: string; value: string; type?: string; description?: unknown }[];
} & Record<string, unknown>;

function convert(data: string): Promise<Collection> {
  return new Promise((resolve, reject) => {
    converter.convert(
      { type: "string", data },
      {
        folderStrategy: "Tags",
        requestParametersResolution: "Example",
        exampleParametersResolution: "Example",
        // Pressing Send sends what the operation needs; the filters are there to switch on.
        enableOptionalParameters: false,
      },
      (error, result) => {
        if (error || !result?.result) return reject(error ?? new Error(result?.reason ?? "conversion failed"));
        resolve(result.output?.[0]?.data as Collection);
      },
    );
  });
}

interface Param {
  key: string;
  value: string;
  disabled?: boolean;
  description?: unknown;
}
interface Item {
  name: string;
  item?: Item[];
  request?: { method: string; url: { path: string[]; query?: Param[]; variable?: Param[] } };
  event?: unknown[];
}

/** A parameter's example as Postman sends it: each item of a list as a value of its own. */
function values(parameter: JsonObject): string[] {
  const example =
    parameterExample(parameter) ?? parameterExample({ schema: (parameter.schema as JsonObject).items ?? {} });
  if (example === undefined || example === null) return [""];
  return Array.isArray(example) ? example.map(String) : [String(example)];
}

/** The request's path and query parameters, each with the spec's example; only required ones enabled. */
function fillParameters(item: Item, op: Operation): void {
  const url = item.request?.url;
  if (!url) return;
  const parameters = op.node.parameters as JsonObject[];
  for (const variable of url.variable ?? []) {
    const parameter = parameters.find((p) => p.in === "path" && p.name === variable.key);
    if (parameter) variable.value = values(parameter)[0] ?? "";
  }
  const described = new Map((url.query ?? []).map((q) => [q.key, q.description]));
  url.query = parameters
    .filter((p) => p.in === "query")
    .flatMap((p) =>
      [...new Set(values(p))].map((value) => ({
        key: String(p.name),
        value,
        disabled: p.required !== true,
        description: described.get(String(p.name)),
      })),
    );
}

/** A test on the request: its status is one the spec documents for the operation. */
function statusCheck(op: Operation): unknown {
  const documented = Object.keys((op.node.responses ?? {}) as JsonObject).map(Number);
  return {
    listen: "test",
    script: {
      type: "text/javascript",
      exec: [
        `pm.test("the status is one the spec documents (${documented.join(", ")})", function () {`,
        `  pm.expect(${JSON.stringify(documented)}).to.include(pm.response.code);`,
        "});",
      ],
    },
  };
}

/**
 * Before each request but the token's own: a token asked for with the client credentials (a Basic
 * header, as the spec's token request says) when there is none or it is about to expire, kept in
 * the collection's variables. Postman and newman both run it, so Send works with nothing clicked.
 */
const TOKEN_SCRIPT = [
  "if (pm.request.url.getPath().endsWith('/oauth2/token')) return;",
  "const token = pm.collectionVariables.get('accessToken');",
  "if (token && Date.now() < Number(pm.collectionVariables.get('accessTokenExpires') || 0)) return;",
  "const key = encodeURIComponent(pm.variables.get('clientId')) + ':' + encodeURIComponent(pm.variables.get('clientSecret'));",
  "pm.sendRequest({",
  "  url: pm.variables.replaceIn('{{baseUrl}}/oauth2/token'),",
  "  method: 'POST',",
  "  header: { authorization: 'Basic ' + btoa(key), 'content-type': 'application/x-www-form-urlencoded' },",
  "  body: { mode: 'urlencoded', urlencoded: [{ key: 'grant_type', value: 'client_credentials' }] },",
  "}, function (error, response) {",
  "  if (error || response.code !== 200) throw new Error('The token request failed: ' + (error || response.code));",
  "  const body = response.json();",
  "  pm.collectionVariables.set('accessToken', body.access_token);",
  "  // Renewed a minute before it expires; a lifetime the server does not give is taken as 5 minutes.",
  "  const seconds = Number(body.expires_in) > 0 ? Number(body.expires_in) : 300;",
  "  pm.collectionVariables.set('accessTokenExpires', String(Date.now() + Math.max(0, seconds - 60) * 1000));",
  "});",
];

const kv = (key: string, value: string) => ({ key, value, type: "string" });

export async function buildCollection(specText = readFileSync(specPath, "utf8")): Promise<Collection> {
  const collection = await convert(specText);
  const operations = listOperations(dereference(parse(specText) as JsonObject) as JsonObject);
  const requests = (items: Item[]): Item[] => items.flatMap((i) => (i.item ? requests(i.item) : [i]));
  for (const item of requests(collection.item as Item[])) {
    const path = `/${(item.request?.url.path ?? []).map((p) => p.replace(/^:(.+)$/, "{$1}")).join("/")}`;
    const op = operations.find((o) => o.path === path && o.method.toUpperCase() === item.request?.method);
    if (!op) continue;
    fillParameters(item, op);
    item.event = [...(item.event ?? []), statusCheck(op)];
  }
  // Every request sends the token the collection's script keeps; the token request its own Basic header.
  collection.auth = { type: "bearer", bearer: [kv("token", "{{accessToken}}")] };
  collection.event = [{ listen: "prerequest", script: { type: "text/javascript", exec: TOKEN_SCRIPT } }];
  const keep = (collection.variable ?? []).filter(
    (v) => !["clientId", "clientSecret", "basicAuthUsername", "basicAuthPassword", "accessToken"].includes(v.key),
  );
  collection.variable = [
    ...keep,
    { key: "clientId", value: "", type: "string", description: "The API access key (My Profile → Keys)." },
    { key: "clientSecret", value: "", type: "string", description: "The API access secret." },
    { key: "basicAuthUsername", value: "{{clientId}}", type: "string" },
    { key: "basicAuthPassword", value: "{{clientSecret}}", type: "string" },
    { key: "accessToken", value: "", type: "string", description: "Asked for by the collection's script." },
    { key: "accessTokenExpires", value: "", type: "string" },
  ];
  return collection;
}

/**
 * A Postman environment for the sandbox as `alteryx-jobs sandbox` serves it unless told otherwise:
 * its URL on the default port, and its default fixture's Curator key, which every request may use.
 */
export function sandboxEnvironment(): JsonObject {
  const curator = defaultFixture.users.find((u) => u.curator === true) ?? defaultFixture.users[0];
  return {
    name: "alteryx-jobs sandbox",
    values: [
      { key: "baseUrl", value: `http://127.0.0.1:${DEFAULT_PORT}${API_ROOT}`, type: "default", enabled: true },
      { key: "clientId", value: curator?.clientId ?? "", type: "default", enabled: true },
      { key: "clientSecret", value: curator?.clientSecret ?? "", type: "secret", enabled: true },
    ],
    _postman_variable_scope: "environment",
  };
}

/** Writes the collection of the spec into `dir`, site/postman/ unless told (`npm run docs` does it too). */
export async function writeCollection(dir = fileURLToPath(new URL(".", collectionPath))): Promise<void> {
  const collection = await buildCollection();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, COLLECTION_FILE), `${JSON.stringify(collection, null, 2)}\n`);
  writeFileSync(join(dir, ENVIRONMENT_FILE), `${JSON.stringify(sandboxEnvironment(), null, 2)}\n`);
}

if (isMain(import.meta.url)) {
  await writeCollection();
  console.log(`wrote ${collectionPath.pathname} and ${environmentPath.pathname}`);
}
