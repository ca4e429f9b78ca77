// "Import both and Send": the collection and the sandbox's environment, run by newman (Postman's
// own runner) against the sandbox's default fixture. Every request is sent as it is, answers with
// a status the spec documents for it (the collection's own check) and, the spec's examples being
// the fixture's, succeeds.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { collectionPath, environmentPath } from "../../scripts/postman.js";
import { DEFAULT_PORT } from "../../src/cli/options.js";
import { API_ROOT, defaultFixture, type StartSandboxOptions, startSandbox } from "../../src/sandbox/index.js";

interface Execution {
  item: { name: string };
  request: { method: string; url: { toString(): string } };
  response?: { code: number };
  assertions?: { assertion: string; error?: { message: string } }[];
  requestError?: { message: string };
}
interface Summary {
  run: { executions: Execution[]; failures: { error: { message: string }; source?: { name?: string } }[] };
}
type Newman = {
  run(
    options: Record<string, unknown>,
    done: (error: Error | null, summary: Summary) => void,
  ): { on(event: string, listener: (...args: unknown[]) => void): void };
};
// newman ships no types; its `run` is called as its README shows.
const newman = createRequire(import.meta.url)("newman") as Newman;

/** The collection with the sandbox's environment, run against a sandbox started with `options`. */
async function runAgainst(options: StartSandboxOptions): Promise<Summary> {
  const sandbox = await startSandbox({ speed: 0, ...options });
  try {
    const run = {
      collection,
      environment: structuredClone(environment),
      // The sandbox listens on a free port here; everything else is the environment's.
      envVar: [{ key: "baseUrl", value: sandbox.url }],
      reporters: [],
      timeoutRequest: 30_000,
    };
    return await new Promise((resolve, reject) => {
      newman.run(run, (error, summary) => (error ? reject(error) : resolve(summary)));
    });
  } finally {
    await sandbox.stop();
  }
}

const environment = JSON.parse(readFileSync(environmentPath, "utf8")) as {
  values: { key: string; value: string; type: string }[];
};
interface Item {
  name: string;
  item?: Item[];
}
const collection = JSON.parse(readFileSync(collectionPath, "utf8")) as { item: Item[] };
const requests = (items: Item[]): Item[] => items.flatMap((i) => (i.item ? requests(i.item) : [i]));
const requestNames = requests(collection.item).map((i) => i.name);

describe("the Postman collection against the sandbox", () => {
  it("has an environment with the sandbox's default URL and a key of its default fixture", () => {
    const values = Object.fromEntries(environment.values.map((v) => [v.key, v.value]));
    // Where `alteryx-jobs sandbox` listens unless told otherwise.
    expect(values.baseUrl).toBe(`http://127.0.0.1:${DEFAULT_PORT}${API_ROOT}`);
    const user = defaultFixture.users.find((u) => u.clientId === values.clientId);
    expect(user).toMatchObject({ clientSecret: values.clientSecret, curator: true });
    expect(environment.values.find((v) => v.key === "clientSecret")?.type).toBe("secret");
  });

  it("sends every request as imported, each answered with a documented success", async () => {
    const summary = await runAgainst({});
    const executions = summary.run.executions;
    const sent = executions.map((e) => `${e.request.method} ${e.item.name} → ${e.response?.code}`);
    // Every request of the collection was sent (the token the script asks for first is sent
    // under the first request's name).
    expect(new Set(executions.map((e) => e.item.name)), sent.join("\n")).toEqual(new Set(requestNames));
    for (const e of executions) {
      expect(e.requestError, sent.join("\n")).toBeUndefined();
      expect(e.response?.code, `${e.item.name}\n${sent.join("\n")}`).toBeGreaterThanOrEqual(200);
      expect(e.response?.code, `${e.item.name}\n${sent.join("\n")}`).toBeLessThan(300);
      expect(e.assertions?.map((a) => a.assertion)).toEqual([expect.stringContaining("the spec documents")]);
    }
    expect(summary.run.failures.map((f) => `${f.source?.name}: ${f.error.message}`)).toEqual([]);
  }, 60_000);

  it("fails a request whose status the spec does not document", async () => {
    // The same collection against a sandbox that answers every request with 503, which no
    // operation documents: the collection's own check says so.
    const summary = await runAgainst({ faults: { unavailable: { rate: 1, retryAfterSeconds: 1 } } });
    const failed = summary.run.failures.filter((f) => f.error.message.includes("to include 503"));
    expect(failed.length).toBeGreaterThan(0);
  }, 60_000);
});
