// --format per output, against the sandbox: the format goes to the outputs that offer it, the
// others keep their own type and are named on stderr; and batch --download's summary, exit code
// and results file say the same thing, whether the outputs were saved or not.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { run, type Signal } from "../../src/cli/run.js";
import { createJobsClient, type Fetch, type JobView } from "../../src/index.js";
import { cleanEnv, runInProcess } from "../helpers/cli.js";
import { example } from "../helpers/examples.js";
import { ANALYST, movingOnEachListing, SALES, useSandbox } from "../sandbox/helpers.js";

const sandbox = useSandbox();
const dir = mkdtempSync(join(tmpdir(), "alteryx-jobs-formats-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// From the fixture: a format one output offers and another does not (the chart offers only its own).
type Output = (typeof SALES.outputs)[number];
const formatsOf = (output: Output) => Object.keys(output.formats);
const offering = SALES.outputs.find((o) => formatsOf(o).length > 1) as Output;
const converted = formatsOf(offering).find((f) => SALES.outputs.some((o) => !formatsOf(o).includes(f))) as string;
const notOffering = SALES.outputs.filter((o) => !formatsOf(o).includes(converted));
/** Its own type: the one format it offers. */
const own = (output: Output) => formatsOf(output)[0] as string;

const succeeded = example<JobView>("getJob", 200, "completed");

const env = () =>
  cleanEnv({
    ALTERYX_BASE_URL: sandbox().url,
    ALTERYX_CLIENT_ID: ANALYST.clientId,
    ALTERYX_CLIENT_SECRET: ANALYST.clientSecret,
  });
/** `batch --download <work>/outputs --format <converted>` on two rows; `prepare` readies the folder. */
async function batchDownload(prepare: (outputs: string) => void = () => {}) {
  const work = mkdtempSync(join(dir, "batch-"));
  const answers = join(work, "answers.csv");
  writeFileSync(answers, "Region,Month\nEMEA,2024-09\nAMER,2024-10\n");
  const outputs = join(work, "outputs");
  prepare(outputs);
  // Each look at the workflow's jobs moves the sandbox two minutes on: every job ends by the second.
  const ran = await runInProcess(
    ["batch", SALES.id, answers, "--interval", "1s", "--download", outputs, "--format", converted],
    env(),
    { fetch: movingOnEachListing(sandbox, 120_000) },
  );
  const results = parse(readFileSync(join(work, "answers.results.csv"), "utf8"), { columns: true }) as Record<
    string,
    string
  >[];
  return { ...ran, outputs, results };
}

describe("--format where only some outputs offer it", () => {
  it("the fixture has such a job", () => {
    expect(converted).toBeDefined();
    expect(notOffering.length).toBeGreaterThan(0);
  });

  it("download saves those that offer it in it, the others in their own type, naming them; exit 0", async () => {
    const client = createJobsClient({
      baseUrl: sandbox().url,
      auth: { clientId: ANALYST.clientId, clientSecret: ANALYST.clientSecret },
    });
    const job = await client.runWorkflow(SALES.id);
    sandbox().clock.advance(600_000);
    const folder = mkdtempSync(join(dir, "download-"));
    const { code, stdout, stderr } = await runInProcess(
      ["download", job.id, "--format", converted.toLowerCase(), "--dir", folder, "--json"],
      env(),
    );
    expect(code).toBe(0);
    const saved = JSON.parse(stdout) as { format: string; path: string }[];
    expect(saved.map((file) => file.format).sort()).toEqual([converted, ...notOffering.map(own)].sort());
    for (const output of notOffering) {
      const file = saved.find((f) => f.path.endsWith(output.fileName));
      expect(stderr).toContain(
        `does not offer ${converted.toLowerCase()}: ${file?.path} is in its own type, ${own(output)}.`,
      );
    }
    expect(stderr.trim().split("\n")).toHaveLength(notOffering.length);
  });

  it("batch --download: every run succeeded, the summary, exit 0 and the results file agree", async () => {
    const { code, stdout, stderr, outputs, results } = await batchDownload();
    expect(stdout).toMatch(/^2 runs: 2 succeeded, 0 did not\./);
    expect(code).toBe(0);
    expect(results).toHaveLength(2);
    for (const result of results)
      expect(result).toMatchObject({ status: succeeded.status, disposition: succeeded.disposition, error: "" });
    for (const row of ["1", "2"]) {
      expect(readdirSync(join(outputs, row))).toHaveLength(SALES.outputs.length);
      expect(stderr).toMatch(
        new RegExp(
          `Row ${row}: Output [0-9a-f]+ does not offer ${converted}: .* is in its own type, ${own(notOffering[0] as Output)}\\.`,
        ),
      );
    }
  });

  it("batch --download: a run whose outputs were not saved is one that did not succeed, in all three", async () => {
    // Row 1's folder cannot be made: a file has its name.
    const { code, stdout, stderr, results } = await batchDownload((outputs) => {
      mkdirSync(outputs);
      writeFileSync(join(outputs, "1"), "in the way");
    });
    expect(stdout).toMatch(/^2 runs: 1 succeeded, 1 did not\./);
    expect(code).toBe(7);
    const byRow = Object.fromEntries(results.map((r) => [r.row, r]));
    expect(byRow["1"]?.error).toMatch(
      /^The job succeeded, but its outputs were not saved \(.*\); alteryx-jobs download [0-9a-f]{24} saves them$/,
    );
    expect(byRow["2"]?.error).toBe("");
    expect(stderr).toMatch(/Row 1: job [0-9a-f]{24} succeeded, but its outputs were not saved/);
  });

  it("batch --download stopped while saving lists that row with why, and --resume never runs it again", async () => {
    const work = mkdtempSync(join(dir, "batch-"));
    const answers = join(work, "answers.csv");
    writeFileSync(answers, "Region,Month\nEMEA,2024-09\n");
    const moving = movingOnEachListing(sandbox, 120_000);
    let interrupt: ((signal: Signal) => void) | undefined;
    // Ctrl-C as the first output's download starts: the job has ended, its outputs are not saved.
    const stopping: Fetch = async (input, init) => {
      const response = await moving(input, init);
      if (/\/v1\/jobs\/[0-9a-f]{24}\/output\//.test(new Request(input, init).url)) interrupt?.("SIGINT");
      return response;
    };
    const args = ["batch", SALES.id, answers, "--interval", "1s", "--download", join(work, "outputs")];
    const quiet = { write: () => true };
    const code = await run(args, {
      stdout: quiet,
      stderr: quiet,
      env: env(),
      fetch: stopping,
      onSignal(listener) {
        interrupt = listener;
        return () => {
          interrupt = undefined;
        };
      },
    });
    expect(code).toBe(130);
    const results = parse(readFileSync(join(work, "answers.results.csv"), "utf8"), { columns: true });
    expect(results).toEqual([
      expect.objectContaining({
        row: "1",
        status: succeeded.status,
        error: expect.stringMatching(
          /^Stopped while saving the outputs; alteryx-jobs download [0-9a-f]{24} saves them$/,
        ),
      }),
    ]);
    const resumed = await runInProcess([...args, "--resume"], env(), { fetch: moving });
    expect(resumed.stdout).toMatch(/^0 runs/);
    expect(resumed.code).toBe(0);
  });
});
