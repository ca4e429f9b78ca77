// The Postman collection: valid collection v2.1 JSON, one request per operation, OAuth2 client
// credentials and {{baseUrl}} preset.
import { readFileSync } from "node:fs";
import { Collection } from "postman-collection";
import { describe, expect, it } from "vitest";
import { dereference, type JsonObject, listOperations, readSpec } from "../../scripts/lib/spec.js";
import { collectionPath } from "../../scripts/postman.js";

interface Item {
  name: string;
  item?: Item[];
  request?: { method: string; url: { host: string[]; path: string[] }; auth?: { type: string } };
}
const collection = JSON.parse(readFileSync(collectionPath, "utf8")) as {
  info: { name: string; schema: string };
  item: Item[];
  auth: { type: string; oauth2: { key: string; value: string }[] };
  variable: { key: string; value: string }[];
};
const requests = (items: Item[]): Item[] => items.flatMap((i) => (i.item ? requests(i.item) : [i]));
const operations = listOperations(dereference(readSpec()) as JsonObject);

describe("Postman collection", () => {
  it("is collection v2.1 JSON that the Postman SDK loads request for request", () => {
    expect(collection.info.schema).toBe("https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
    expect(collection.info.name).toBe((readSpec().info as JsonObject).title);
    const loaded = new Collection(collection as never);
    expect(Collection.isCollection(loaded)).toBe(true);
    const sdkRequests: string[] = [];
    loaded.forEachItem((item) => {
      sdkRequests.push(`${item.request.method} ${item.request.url.getPath({ unresolved: true })}`);
    });
    expect(sdkRequests).toEqual(
      requests(collection.item).map((r) => `${r.request?.method} /${r.request?.url.path.join("/")}`),
    );
  });

  it("has one request per operation, named by its summary, with its method", () => {
    const found = requests(collection.item)
      .map((r) => `${r.request?.method} ${r.name}`)
      .sort();
    const expected = operations.map((op) => `${op.method.toUpperCase()} ${op.node.summary}`).sort();
    expect(found).toEqual(expected);
  });

  it("sends every request to {{baseUrl}}", () => {
    for (const r of requests(collection.item)) expect(r.request?.url.host).toEqual(["{{baseUrl}}"]);
    expect(collection.variable.find((v) => v.key === "baseUrl")?.value).toBe("{{scheme}}://{{host}}/webapi");
  });

  it("authenticates with OAuth2 client credentials at {{baseUrl}}/oauth2/token", () => {
    const auth = Object.fromEntries(collection.auth.oauth2.map((e) => [e.key, e.value]));
    expect(collection.auth.type).toBe("oauth2");
    expect(auth).toMatchObject({
      grant_type: "client_credentials",
      accessTokenUrl: "{{baseUrl}}/oauth2/token",
      clientId: "{{clientId}}",
      clientSecret: "{{clientSecret}}",
    });
    const token = requests(collection.item).find((r) => r.request?.url.path.join("/") === "oauth2/token");
    expect(token?.request?.auth?.type).toBe("basic");
  });
});
