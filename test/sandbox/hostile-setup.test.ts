// Setting a sandbox up and down carelessly or with ill intent: fixtures that reach outside their
// folder, block, repeat themselves or stretch time; clocks past the dates the spec can write;
// stopping twice; two sandboxes on one port.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createJobsClient } from "../../src/index.js";
import { loadFixture, parseFixture } from "../../src/sandbox/fixture.js";
import { defaultFixture, FixtureError, startSandbox } from "../../src/sandbox/index.js";
import { responseSchema, schemaErrors } from "../helpers/schema.js";
import { ANALYST, SALES, tokenFor } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "sandbox-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const users = defaultFixture.users;
const withOutput = (content: Record<string, unknown>) => ({
  users,
  workflows: [{ id: SALES.id, name: "One", outputs: [{ fileName: "out", formats: { Raw: content } }] }],
});

describe("fixture files", () => {
  // The fixture's folder, with a secret beside it and a link out of it.
  const folder = join(dir, "fixture");
  mkdirSync(folder);
  writeFileSync(join(dir, "secret.txt"), "not for the sandbox");
  symlinkSync(join(dir, "secret.txt"), join(folder, "link.txt"));
  writeFileSync(join(folder, "own.txt"), "the fixture's own");
  const fifo = join(folder, "fifo");
  execFileSync("mkfifo", [fifo]);

  it.each([
    ["a path up and out", "../secret.txt"],
    ["a path far up", "../../../../../../../../etc/passwd"],
    ["an absolute path", "/etc/passwd"],
    ["a link out of the folder", "link.txt"],
  ])("refuse %s as an output's path", (_, path) => {
    const read = () => parseFixture(withOutput({ path }), { source: "f.json", baseDir: folder });
    expect(read).toThrow(FixtureError);
    expect(read).toThrow(
      /workflows\[0\]\.outputs\[0\]\.formats\.Raw\.path cannot be read: it is outside the fixture's folder/,
    );
  });

  it("read a path inside the folder", () => {
    const loaded = parseFixture(withOutput({ path: "./sub/../own.txt" }), { baseDir: folder });
    expect(new TextDecoder().decode(loaded.workflows[0]?.outputs[0]?.formats.get("Raw"))).toBe("the fixture's own");
  });

  it("refuse a FIFO, as an output or as the fixture, at once instead of waiting for a writer", () => {
    expect(() => parseFixture(withOutput({ path: "fifo" }), { baseDir: folder })).toThrow(
      /formats\.Raw\.path cannot be read: it is not a regular file/,
    );
    expect(() => loadFixture(fifo)).toThrow(/Cannot read the sandbox fixture .*fifo: it is not a regular file/);
  });

  it("refuse a folder as the fixture", () => {
    expect(() => loadFixture(folder)).toThrow(/Cannot read the sandbox fixture .*: it is not a regular file/);
  });
});

describe("fixture contents", () => {
  const workflow = { id: SALES.id, name: "One" };
  const question = { name: "Region", questionType: "QuestionTextBox" };

  it.each([
    [
      "two users of one name",
      { users: [users[0], { ...users[1], name: users[0]?.name }], workflows: [] },
      `users[].name must be unique; "${users[0]?.name}" appears twice`,
    ],
    [
      "two keys of one ID",
      { users: [users[0], { ...users[1], clientId: users[0]?.clientId }], workflows: [] },
      `users[].clientId must be unique`,
    ],
    [
      "two questions of one name",
      { users, workflows: [{ ...workflow, questions: [question, question] }] },
      'workflows[0].questions[].name must be unique; "Region" appears twice',
    ],
    [
      "a duration past 30 days",
      { users, workflows: [{ ...workflow, queuedMs: 30 * 86_400_000 + 1 }] },
      "workflows[0].queuedMs must be a number from 0 to 2592000000",
    ],
    ["a duration of 1e308", { users, workflows: [{ ...workflow, runningMs: 1e308 }] }, "workflows[0].runningMs must"],
  ])("refuse %s", (_, fixture, message) => {
    expect(() => parseFixture(fixture, { source: "f.json" })).toThrow(`Invalid sandbox fixture (f.json): ${message}`);
  });

  it("run a job of the longest duration to its end", async () => {
    const month = 30 * 86_400_000;
    const fixture = { users, workflows: [{ ...workflow, queuedMs: month, runningMs: month }] };
    const running = await startSandbox({ speed: 0, fixture });
    try {
      const client = createJobsClient({
        baseUrl: running.url,
        auth: { clientId: ANALYST.clientId, clientSecret: ANALYST.clientSecret },
      });
      const job = await client.runWorkflow(SALES.id);
      running.clock.advance(2 * month - 1);
      expect((await client.getJob(job.id)).status).toBe("Running");
      running.clock.advance(1);
      expect((await client.getJob(job.id)).status).toBe("Completed");
    } finally {
      await running.stop();
    }
  });
});

describe("the clock", () => {
  it.each([Number.NaN, -1, 8.64e15, Date.UTC(10000, 0, 1)])("refuses to start at %s", async (start) => {
    await expect(startSandbox({ speed: 0, start })).rejects.toThrow(
      /start must be a time .* from 1970 to the end of 9999/,
    );
  });

  it("stops at the end of year 9999, so every date it writes is one the spec allows", async () => {
    const running = await startSandbox({ speed: 0, start: Date.UTC(9999, 11, 31) });
    try {
      for (let i = 0; i < 3; i++) running.clock.advance(10 * 365 * 86_400_000);
      const response = await fetch(`${running.url}/v3/workflows/${SALES.id}/jobs`, {
        method: "POST",
        headers: { authorization: `Bearer ${await tokenFor(running.url, ANALYST)}` },
      });
      expect(response.status).toBe(200);
      const job = await response.json();
      expect(schemaErrors(responseSchema("runWorkflow", 200), job)).toBeNull();
      expect(job).toMatchObject({ createDateTime: "9999-12-31T23:59:59.999Z" });
    } finally {
      await running.stop();
    }
  });
});

describe("starting and stopping", () => {
  it("stop() twice, one after the other or both at once, ends the sandbox once", async () => {
    const running = await startSandbox({ speed: 0 });
    let firstDone = false;
    const first = running.stop().then(() => {
      firstDone = true;
    });
    await running.stop();
    expect(firstDone).toBe(true);
    await first;
    await running.stop();
    await expect(fetch(`${running.url}/v3/jobs`)).rejects.toThrow();
  });

  it("a second sandbox on a port in use fails to start, and the first serves on", async () => {
    const first = await startSandbox({ speed: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startSandbox({ speed: 0, port })).rejects.toMatchObject({ code: "EADDRINUSE" });
      expect((await fetch(`${first.url}/v3/jobs`)).status).toBe(401);
    } finally {
      await first.stop();
    }
  });
});
