// What the command runs: a sandbox from a fixture file, served until the signal aborts.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultFixture, FixtureError, serveSandbox } from "../../src/sandbox/index.js";

const dir = mkdtempSync(join(tmpdir(), "sandbox-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("serveSandbox", () => {
  it("serves the fixture file until aborted, then stops listening", async () => {
    const file = join(dir, "fixture.json");
    const [user] = defaultFixture.users;
    writeFileSync(file, JSON.stringify({ ...defaultFixture, users: [user], jobs: [] }));
    const abort = new AbortController();
    let url = "";
    const served = serveSandbox(
      {
        fixturePath: file,
        speed: 60,
        onListening(info) {
          url = info.url;
          expect(info).toMatchObject({ speed: 60, users: [{ clientId: user?.clientId }] });
          abort.abort();
        },
      },
      abort.signal,
    );
    await served;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webapi$/);
    await expect(fetch(`${url}/v3/jobs`)).rejects.toThrow();
  });

  it("fails with the fixture's error before listening", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ users: [] }));
    await expect(serveSandbox({ fixturePath: file }, new AbortController().signal)).rejects.toBeInstanceOf(
      FixtureError,
    );
  });
});
