// Property-based: whatever body a run is sent with (bytes, JSON of any shape, objects whose keys
// are toString, valueOf or __proto__), both faces answer it alike, with the spec's 200 or its
// documented 400, never a 500, and MSW logs nothing; and a body over the limit gets the same 413
// from both, at once.
import fc from "fast-check";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as sharedMessages from "../../generated/shared-messages.js";
import { MAX_BODY_BYTES } from "../../src/sandbox/api.js";
import { createSandboxHandlers, type RunningSandbox, startSandbox } from "../../src/sandbox/index.js";
import { responseSchema, schemaErrors } from "../helpers/schema.js";
import { SALES, START, tokenFor } from "./helpers.js";

// A fixed seed keeps runs reproducible; a failure prints its counterexample.
const RUNS = { numRuns: 120, seed: 20_261_203 };
/** Names that break code which treats a parsed body as an ordinary object. */
const HOSTILE_KEYS = ["toString", "valueOf", "__proto__", "constructor", "toJSON", "hasOwnProperty", "length"];
const CONTRACT_KEYS = ["priority", "workerTag", "credentialId", "questions", "name", "value"];

/** JSON text of an object written key by key, so that `__proto__` stays a key as a client sends it. */
const objectText = (entries: [string, string][]) =>
  `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`;
const key = fc.oneof(fc.constantFrom(...HOSTILE_KEYS, ...CONTRACT_KEYS), fc.string({ maxLength: 8 }));
/** JSON values, with objects whose keys are mostly the hostile and the contract's own. */
const { value: jsonText } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v) ?? "null"),
    fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
    fc.array(fc.tuple(key, tie("value")), { maxLength: 5 }).map(objectText),
  ),
}));
/** An object whose every key is a hostile one. */
const hostileText = fc
  .array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), jsonText), { minLength: 1, maxLength: 3 })
  .map(objectText);
const contractText = fc
  .array(fc.tuple(fc.constantFrom(...CONTRACT_KEYS, ...HOSTILE_KEYS), fc.oneof(jsonText, hostileText)), {
    maxLength: 5,
  })
  .map(objectText);
const bodies = fc.oneof(
  { arbitrary: contractText.map((text) => new TextEncoder().encode(text)), weight: 5 },
  jsonText.map((text) => new TextEncoder().encode(text)),
  fc.string({ unit: "binary", maxLength: 64 }).map((text) => new TextEncoder().encode(text)),
  fc.uint8Array({ maxLength: 64 }),
);

type Answer = { status: number; body: unknown };

let server: RunningSandbox;
const handlers = createSandboxHandlers({ start: START });
const msw = setupServer(...handlers.handlers);
const tokens: Record<string, string> = {};
beforeAll(async () => {
  server = await startSandbox({ speed: 0, start: START });
  // The HTTP face's requests go by: only the handlers' own root is MSW's.
  msw.listen({ onUnhandledRequest: "bypass" });
  tokens.http = await tokenFor(server.url);
  tokens.msw = await tokenFor(handlers.baseUrl);
});
afterAll(async () => {
  msw.close();
  await server.stop();
});

async function run(face: "http" | "msw", body: Uint8Array): Promise<Answer> {
  const root = face === "http" ? server.url : handlers.baseUrl;
  const response = await fetch(`${root}/v3/workflows/${SALES.id}/jobs`, {
    method: "POST",
    headers: { authorization: `Bearer ${tokens[face]}`, "content-type": "application/json" },
    body: new Uint8Array(body),
  });
  return { status: response.status, body: await response.json() };
}

describe("a run's body", () => {
  it("{ priority: { toString: 1 } } is the documented 400 on both faces", async () => {
    const body = new TextEncoder().encode('{"priority":{"toString":1}}');
    for (const face of ["http", "msw"] as const) {
      const answer = await run(face, body);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        message: sharedMessages.BadRequest.invalidField,
        modelState: { priority: [`The value '{"toString":1}' is not valid for priority.`] },
      });
    }
  });

  it("of any shape gets the spec's 200 or its documented 400, alike from both faces, and MSW logs nothing", async () => {
    const logged = [vi.spyOn(console, "error"), vi.spyOn(console, "warn")];
    try {
      await fc.assert(
        fc.asyncProperty(bodies, async (body) => {
          const overHttp = await run("http", body);
          const inProcess = await run("msw", body);
          expect([200, 400]).toContain(overHttp.status);
          expect(schemaErrors(responseSchema("runWorkflow", overHttp.status), overHttp.body)).toBeNull();
          if (overHttp.status === 400) {
            expect(overHttp.body).toMatchObject({ message: sharedMessages.BadRequest.invalidField });
          }
          // Both start at the same time and see the same requests: the same job IDs and dates.
          expect(inProcess).toEqual(overHttp);
        }),
        RUNS,
      );
      for (const spy of logged) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of logged) spy.mockRestore();
    }
    // Two requests a run: far more time than a busy machine needs.
  }, 120_000);

  it("over the limit gets 413 from both faces, and each goes on serving", async () => {
    const large = new Uint8Array(MAX_BODY_BYTES + 1).fill(0x20);
    const overHttp = await run("http", large);
    const inProcess = await run("msw", large);
    expect(overHttp).toEqual({ status: 413, body: { message: `The body is larger than ${MAX_BODY_BYTES} bytes.` } });
    expect(inProcess).toEqual(overHttp);
    expect((await run("msw", new TextEncoder().encode("{}"))).status).toBe(200);
    expect((await run("http", new TextEncoder().encode("{}"))).status).toBe(200);
  });
});
