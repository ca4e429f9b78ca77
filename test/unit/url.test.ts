// The wrappers build URLs themselves (to keep openapi-fetch's client out of the main entry);
// they must write exactly what openapi-fetch's default serializers write, which `raw` uses.
import fc from "fast-check";
import { createFinalURL, createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { urlOf } from "../../src/call.js";

const BASE = "http://127.0.0.1:9/webapi";
const scalar = fc.oneof(fc.string({ unit: "grapheme", maxLength: 20 }), fc.integer(), fc.boolean());

describe("URLs", () => {
  it("match openapi-fetch's default serializers for any path and query values", () => {
    const querySerializer = createQuerySerializer();
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
        fc.dictionary(
          fc.stringMatching(/^[a-zA-Z]{1,10}$/),
          fc.oneof(scalar, fc.array(fc.string(), { minLength: 1, maxLength: 3 })),
        ),
        (id, query) => {
          const params = { path: { id }, query };
          const theirs = createFinalURL("/v3/things/{id}", {
            baseUrl: BASE,
            params,
            querySerializer,
            pathSerializer: defaultPathSerializer,
          });
          expect(urlOf(BASE, "/v3/things/{id}", params)).toBe(theirs);
        },
      ),
      { numRuns: 300, seed: 20_261_129 },
    );
  });
});
