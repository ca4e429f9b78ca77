// The Postman collection: valid collection v2.1 JSON, one request per operation, a token asked for
// with the client credentials, {{baseUrl}} preset, and the spec's examples in every parameter
// (postman-run.test.ts sends it all to the sandbox).
import { readFileSync } from "node:fs";
import { Collection } from "postman-collection";
import { describe, expect, it } from "vitest";
import { dereference, type JsonObject, listOperations, parameterExample, readSpec } from "../../scripts/lib/spec.js";
import { collectionPath } from "../../scripts/postman.js";

interface Item {
  name: string;
  item?: Item[];
  request?: {
    method: string;
    url: {
      host: string[];
      path: string[];
      query?: { key: string; value: string; disabled?: boolean }[];
      variable?: { key: string; value: string }[];
    };
    auth?: { type: string };
  };
}
const collection = JSON.parse(readFileSync(collectionPath, "utf8")) as {
  info: { name: string; schema: string };
  item: Item[];
  auth: { type: string };
  event?: { listen: string; script: { exec: string[] } }[];
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

  it("asks for a token with the client credentials at {{baseUrl}}/oauth2/token, and sends it as a Bearer token", () => {
    expect(collection.auth).toEqual({
      type: "bearer",
      bearer: [{ key: "token", value: "{{accessToken}}", type: "string" }],
    });
    const script = collection.event?.find((e) => e.listen === "prerequest")?.script.exec.join("\n") ?? "";
    expect(script).toContain("{{baseUrl}}/oauth2/token");
    expect(script).toContain("grant_type");
    expect(script).toContain("pm.variables.get('clientSecret')");
    const token = requests(collection.item).find((r) => r.request?.url.path.join("/") === "oauth2/token");
    expect(token?.request?.auth?.type).toBe("basic");
  });

  it("enables only the required parameters, each with the spec's example", () => {
    for (const r of requests(collection.item)) {
      const op = operations.find((o) => o.node.summary === r.name);
      const parameters = (op?.node.parameters ?? []) as JsonObject[];
      for (const q of r.request?.url.query ?? []) {
        const parameter = parameters.find((p) => p.in === "query" && p.name === q.key);
        expect(q.disabled, `${r.name} ${q.key}`).toBe(parameter?.required !== true);
        const example = parameterExample(parameter ?? {});
        if (example !== undefined) expect([example].flat().map(String), `${r.name} ${q.key}`).toContain(q.value);
      }
      for (const v of r.request?.url.variable ?? []) {
        const parameter = parameters.find((p) => p.in === "path" && p.name === v.key);
        if (parameter) expect(v.value, `${r.name} ${v.key}`).toBe(String(parameterExample(parameter)));
      }
    }
  });
});
