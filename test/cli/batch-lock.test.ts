// A results file belongs to one batch at a time: two `alteryx-jobs batch` processes on one file
// against the sandbox (each behind its own recording proxy, so that what each sent is known), a
// run killed outright whose lock is taken over, and the lock released on every way out.
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { STALE_AFTER_MS } from "../../src/cli/results-lock.js";
import { type CliResult, cleanEnv, runInProcess, startCli } from "../helpers/cli.js";
import { type Recorded, usePreferProxy } from "../helpers/prefer-proxy.js";
import { ANALYST, SALES, useSandbox } from "../sandbox/helpers.js";

const sandbox = useSandbox();
// Jobs end only when the test lets time pass: then each listing moves the sandbox two minutes on.
let timeMoves = false;
const moveTime = ({ method, url }: Recorded) => {
  if (timeMoves && method === "GET" && /\/v3\/workflows\/[0-9a-f]{24}\/jobs$/.test(url.pathname)) {
    sandbox().clock.advance(120_000);
  }
};
const proxies = [usePreferProxy(() => sandbox().url, moveTime), usePreferProxy(() => sandbox().url, moveTime)];
const folder = mkdtempSync(join(tmpdir(), "alteryx-jobs-batch-lock-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let work: string;
let answers: string;
let results: string;
beforeEach(() => {
  timeMoves = false;
  for (const proxy of proxies) proxy.answer();
  work = mkdtempSync(join(folder, "run-"));
  answers = join(work, "answers.csv");
  results = join(work, "answers.results.csv");
  writeFileSync(answers, "Region,Month\nEMEA,2024-09\nAMER,2024-10\nAPAC,2024-11\n");
});

const env = (proxy = proxies[0]) =>
  cleanEnv({
    ALTERYX_BASE_URL: `${proxy?.url()}/webapi`,
    ALTERYX_CLIENT_ID: ANALYST.clientId,
    ALTERYX_CLIENT_SECRET: ANALYST.clientSecret,
  });
const batchArgs = (...extra: string[]) => ["batch", SALES.id, answers, "--interval", "1s", ...extra];
const posts = (proxy = proxies[0]) =>
  proxy?.sent().filter((sent) => sent.method === "POST" && /\/jobs$/.test(sent.url.pathname)) ?? [];
const rowsIn = (path: string) =>
  (parse(readFileSync(path, "utf8"), { columns: true }) as { row: string }[]).map((r) => r.row);

/** Resolves once `count` runs have been posted through the proxy. */
async function posted(count: number, proxy = proxies[0]): Promise<void> {
  while (posts(proxy).length < count) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe("two batch processes on one results file", () => {
  it("the second is refused (exit 2) having sent nothing; each row is run once, and --resume continues the file", async () => {
    const [one, two] = proxies;
    const started = [startCli(batchArgs(), env(one)), startCli(batchArgs(), env(two))];
    // Whichever takes the file first keeps it: its jobs cannot end before time moves.
    const first = await Promise.race(started.map(({ done }, index) => done.then((result) => ({ result, index }))));
    const refused: CliResult = first.result;
    expect(refused.stderr).toMatch(
      new RegExp(`is in use by another batch \\(pid \\d+ on ${hostname()}, since [^)]+\\): wait for it to end`),
    );
    expect(refused.stdout).toBe("");
    expect(refused.code).toBe(2);
    const loser = proxies[first.index];
    const winner = proxies[1 - first.index];
    expect(loser?.sent()).toEqual([]);

    timeMoves = true;
    const ran = (await started[1 - first.index]?.done) as CliResult;
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    expect(posts(winner)).toHaveLength(3);
    const text = readFileSync(results, "utf8");
    expect(text.match(/^row,/gm)).toHaveLength(1);
    expect(rowsIn(results).sort()).toEqual(["1", "2", "3"]);
    expect(existsSync(`${results}.lock`)).toBe(false);

    // A row added later: --resume takes the file, and runs that row alone.
    writeFileSync(answers, `${readFileSync(answers, "utf8")}EMEA,2024-12\n`);
    one?.answer();
    const resumed = await runInProcess(batchArgs("--resume"), env(one));
    expect(resumed.code).toBe(0);
    expect(posts(one)).toHaveLength(1);
    expect(rowsIn(results).sort()).toEqual(["1", "2", "3", "4"]);
    expect(existsSync(`${results}.lock`)).toBe(false);
  });
});

describe("a lock left behind", () => {
  it("by a run killed outright (its pid now gone) is taken over by the next, which says so", async () => {
    const { child, done } = startCli(batchArgs(), env());
    await posted(3);
    child.kill("SIGKILL");
    await done;
    const left = JSON.parse(readFileSync(`${results}.lock`, "utf8")) as { pid: number };
    expect(left.pid).toBe(child.pid);

    timeMoves = true;
    proxies[0]?.answer();
    const next = await runInProcess(batchArgs("--resume"), env());
    expect(next.stderr).toContain(
      `Took over ${results}.lock: the batch that held it (pid ${child.pid} on ${hostname()}`,
    );
    expect(next.code).toBe(0);
    expect(rowsIn(results).sort()).toEqual(["1", "2", "3"]);
    expect(existsSync(`${results}.lock`)).toBe(false);
  });

  it("by a live batch on this host is kept, however old, and the file refused with nothing sent", async () => {
    const lock = `${results}.lock`;
    const live = JSON.stringify({ pid: process.pid, host: hostname(), started: "2026-01-01T00:00:00.000Z" });
    writeFileSync(lock, live);
    const old = new Date(Date.now() - 2 * STALE_AFTER_MS);
    utimesSync(lock, old, old);
    const { code, stderr } = await runInProcess(batchArgs(), env());
    expect(stderr).toContain(`If no batch is running on it, delete ${lock}.`);
    expect(code).toBe(2);
    expect(proxies[0]?.sent()).toEqual([]);
    expect(readFileSync(lock, "utf8")).toBe(live);
    expect(existsSync(results)).toBe(false);
  });

  it.each([
    ["from another host", JSON.stringify({ pid: 1, host: `not-${hostname()}`, started: "2026-01-01T00:00:00.000Z" })],
    ["that does not name its holder", ""],
  ])("%s is kept while fresh, and taken over once not refreshed for the stale time", async (_, text) => {
    const lock = `${results}.lock`;
    writeFileSync(lock, text);
    const fresh = await runInProcess(batchArgs(), env());
    expect(fresh.code).toBe(2);
    expect(proxies[0]?.sent()).toEqual([]);
    expect(readFileSync(lock, "utf8")).toBe(text);

    const stale = new Date(Date.now() - STALE_AFTER_MS - 60_000);
    utimesSync(lock, stale, stale);
    timeMoves = true;
    const next = await runInProcess(batchArgs(), env());
    expect(next.code).toBe(0);
    expect(posts()).toHaveLength(3);
    expect(existsSync(lock)).toBe(false);
  });
});

describe("the lock is released", () => {
  it("on Ctrl-C, with the runs already queued listed, so that --resume runs the rest", async () => {
    const { child, done } = startCli(batchArgs(), env());
    await posted(3);
    child.kill("SIGINT");
    expect((await done).code).toBe(130);
    expect(existsSync(`${results}.lock`)).toBe(false);
    expect(rowsIn(results).sort()).toEqual(["1", "2", "3"]);

    const resumed = await runInProcess(batchArgs("--resume"), env());
    expect(resumed.code).toBe(0);
    expect(posts()).toHaveLength(3);
  });

  it("when the batch is refused before its first run, leaving neither file", async () => {
    writeFileSync(answers, "Regions\nEMEA\n");
    const { code } = await runInProcess(batchArgs(), env());
    expect(code).toBe(2);
    expect(existsSync(results)).toBe(false);
    expect(existsSync(`${results}.lock`)).toBe(false);
  });
});
