// src/core/nearest-name.ts: the "did you mean" of the command and of the sandbox's fixture.
import { describe, expect, it } from "vitest";
import { nearestName } from "../../src/core/nearest-name.js";

const commands = ["get", "messages", "cancel", "list", "jobs", "run", "questions", "batch", "wait", "outputs"];

describe("nearestName", () => {
  it("finds a name one or two edits away", () => {
    expect(nearestName("timout", ["timeout", "interval"])).toBe("timeout");
    expect(nearestName("no-message", ["no-messages", "no-check"])).toBe("no-messages");
    expect(nearestName("runingMs", ["runningMs", "queuedMs"])).toBe("runningMs");
  });

  it("finds the only name that begins with what was typed", () => {
    expect(nearestName("concur", ["concurrency", "results"])).toBe("concurrency");
    expect(nearestName("re", ["results", "resume"])).toBeUndefined();
  });

  it("gives a tie to the one name that starts with the same letter, and no name to any other tie", () => {
    // lsit is two edits from both list and wait.
    expect(nearestName("lsit", commands)).toBe("list");
    expect(nearestName("ab", ["ac", "ad"])).toBeUndefined();
  });

  it("offers nothing when no name is close", () => {
    expect(nearestName("colour", ["no-messages", "json", "verbose"])).toBeUndefined();
    expect(nearestName("frobnicate", commands)).toBeUndefined();
    expect(nearestName("x", [])).toBeUndefined();
  });

  it("allows more edits in a longer word, a third of its length", () => {
    expect(nearestName("request-timout-ms", ["request-timeout"])).toBe("request-timeout");
    expect(nearestName("abcdef", ["uvwxyz"])).toBeUndefined();
  });
});
