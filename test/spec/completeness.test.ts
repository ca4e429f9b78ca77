// Each operation of the spec has its wrapper, sandbox rule, contract case, command and docs sample,
// or is allowed to lack one for a stated reason. A failure lists each lack with the file to edit
// (`npm run completeness` prints the same list); test/docs/new-operation.test.ts shows a new
// operation listed.
import { describe, expect, it } from "vitest";
import { describeLacks, INTENDED, lacking, needlessAllowances, PIECES } from "../../scripts/lib/completeness.js";
import { dereference, type JsonObject, listOperations, readSpec } from "../../scripts/lib/spec.js";

const operationIds = listOperations(dereference(readSpec()) as JsonObject).map((op) => op.operationId);

describe("every operation of the spec", () => {
  it("has all its pieces, but those it lacks on purpose", () => {
    expect(describeLacks(lacking())).toEqual([]);
  });

  it("lacks a piece on purpose only as an operation of the spec, with a reason", () => {
    for (const [operationId, pieces] of Object.entries(INTENDED)) {
      expect(operationIds).toContain(operationId);
      for (const [piece, reason] of Object.entries(pieces)) {
        expect(PIECES).toContain(piece);
        expect(reason.length).toBeGreaterThan(20);
      }
    }
  });

  it("is allowed to lack only what it really lacks", () => {
    expect(needlessAllowances()).toEqual([]);
  });
});
