// `npm run postman`: the Postman collection (v2.1) of the spec, in site/postman/, with OAuth2
// client-credentials auth and `{{baseUrl}}` preset. Converted by openapi-to-postmanv2; only the
// auth and the variables are set here, so every operation of the spec becomes a request.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import converter from "openapi-to-postmanv2";
import { isMain } from "./lib/script.js";
import { specPath } from "./lib/spec.js";

/** The collection's file name, in site/postman/. */
export const COLLECTION_FILE = "alteryx-jobs.postman_collection.json";
export const collectionPath = new URL(`../site/postman/${COLLECTION_FILE}`, import.meta.url);

type Collection = {
  auth?: unknown;
  variable?: { key: string; value: string; type?: string; description?: unknown }[];
} & Record<string, unknown>;

function convert(data: string): Promise<Collection> {
  return new Promise((resolve, reject) => {
    converter.convert(
      { type: "string", data },
      { folderStrategy: "Tags", requestParametersResolution: "Example", exampleParametersResolution: "Example" },
      (error, result) => {
        if (error || !result?.result) return reject(error ?? new Error(result?.reason ?? "conversion failed"));
        resolve(result.output?.[0]?.data as Collection);
      },
    );
  });
}

const kv = (key: string, value: string) => ({ key, value, type: "string" });

export async function buildCollection(specText = readFileSync(specPath, "utf8")): Promise<Collection> {
  const collection = await convert(specText);
  // The key and secret are exchanged for a token at {{baseUrl}}/oauth2/token, sent in a Basic header.
  collection.auth = {
    type: "oauth2",
    oauth2: [
      kv("grant_type", "client_credentials"),
      kv("accessTokenUrl", "{{baseUrl}}/oauth2/token"),
      kv("clientId", "{{clientId}}"),
      kv("clientSecret", "{{clientSecret}}"),
      kv("client_authentication", "header"),
      kv("tokenName", "Alteryx API"),
      kv("addTokenTo", "header"),
    ],
  };
  const keep = (collection.variable ?? []).filter(
    (v) => !["clientId", "clientSecret", "basicAuthUsername", "basicAuthPassword"].includes(v.key),
  );
  collection.variable = [
    ...keep,
    { key: "clientId", value: "", type: "string", description: "The API access key (My Profile → Keys)." },
    { key: "clientSecret", value: "", type: "string", description: "The API access secret." },
    { key: "basicAuthUsername", value: "{{clientId}}", type: "string" },
    { key: "basicAuthPassword", value: "{{clientSecret}}", type: "string" },
  ];
  return collection;
}

/** Writes the collection of the spec into `dir`, site/postman/ unless told (`npm run docs` does it too). */
export async function writeCollection(dir = fileURLToPath(new URL(".", collectionPath))): Promise<void> {
  const collection = await buildCollection();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, COLLECTION_FILE), `${JSON.stringify(collection, null, 2)}\n`);
}

if (isMain(import.meta.url)) {
  await writeCollection();
  console.log(`wrote ${collectionPath.pathname}`);
}
