// `npm run bench`: what the client costs, side by side with its peers, in one run: per-call
// overhead (stub fetch and 127.0.0.1, on this Node and on Node 24), the command's start-up,
// shipped size, pipeline times, the cost of waiting and of many runs, and download throughput and
// memory, and the docs site's build time and first paint. Prints the tables and the budgets'
// verdicts, writes BENCHMARKS.md, and exits 1 when a budget fails. `--only <part>` measures one
// part (see PARTS) and prints its budgets and section without writing BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_WAIT_POLICY, type JobView } from "../src/index.js";
import { measureBatch, RUNS, SPREAD_MS } from "./lib/bench/batch.js";
import type { CallResult, Timing } from "./lib/bench/calls.js";
import { measureConformance } from "./lib/bench/conformance.js";
import { docsSiteReport, measureDocsSite } from "./lib/bench/docs-site.js";
import { measureDownloads } from "./lib/bench/download.js";
import { installNode24, measureCallsOn } from "./lib/bench/nodes.js";
import { measurePipeline } from "./lib/bench/pipeline.js";
import { type Budget, table, verdict } from "./lib/bench/report.js";
import { measureSizes } from "./lib/bench/size.js";
import { readSizeBudget, sizeVerdict } from "./lib/bench/size-budget.js";
import { measureStartup } from "./lib/bench/startup.js";
import { measureWaits } from "./lib/bench/wait.js";
import { bin, option } from "./lib/script.js";
import { dereference, type JsonObject, readSpec, responseExamples, specPath } from "./lib/spec.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const TIMING: Timing = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 15),
  sliceMs: Number(process.env.BENCH_SLICE_MS ?? 200),
  warmupMs: 300,
};
const DOWNLOAD_MIB = Number(process.env.BENCH_DOWNLOAD_MIB ?? 200);
const DOWNLOAD_ROUNDS = 3;
const benchmarksFile = join(root, "BENCHMARKS.md");
/** Read before anything is measured, so that a missing budget fails at once. */
const sizeBudget = readSizeBudget(readFileSync(benchmarksFile, "utf8"));
const BUDGET = {
  ratioToRedocly: 0.9,
  startupRatio: 1.3,
  hourJobRequests: 150,
  /** How late a job's end may be seen: this, plus `lateShare` of the job's run. */
  lateMs: 2_000,
  lateShare: 0.1,
  downloadRatio: 0.9,
  conformReadRequests: 60,
  conformReadMs: 10_000,
  conformWriteRequests: 150,
};

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const kB = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;
const seconds = (ms: number) =>
  ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 100) / 10} s`;

/** The latest a job's end may be seen, for a job that runs `finishesAfterMs`. */
const lateBudget = (w: { finishesAfterMs: number }) => BUDGET.lateMs + BUDGET.lateShare * w.finishesAfterMs;

/** The per-call figures on this Node, then on Node 24 (or why Node 24 could not be measured). */
async function measureCallsOnNodes(redoclyFile: string, scratch: string) {
  const runs: { version: string; calls: CallResult[] }[] = [];
  runs.push(await measureCallsOn(process.execPath, root, redoclyFile, TIMING));
  let missing: string | undefined;
  try {
    runs.push(await measureCallsOn(await installNode24(join(scratch, "node24")), root, redoclyFile, TIMING));
  } catch (error) {
    missing = (error as Error).message;
    console.error(`Node 24 not measured: ${missing}`);
  }
  return { runs, missing };
}

function callBudgets(runs: { version: string; calls: CallResult[] }[], missing: string | undefined): Budget[] {
  const budgets: Budget[] = [];
  for (const { version, calls } of runs) {
    for (const transport of ["stub", "127.0.0.1"] as const) {
      const ours = calls.filter((c) => c.transport === transport && c.variant === "alteryx-jobs");
      const worst = Math.min(...ours.map((c) => c.ratioToRedocly));
      budgets.push({
        budget: `wrappers ≥ ${BUDGET.ratioToRedocly}× the Redocly client's calls/s (${transport}, Node ${version})`,
        measured: ours.map((c) => `${c.operation} ${c.ratioToRedocly.toFixed(2)}×`).join(", "),
        pass: worst >= BUDGET.ratioToRedocly,
      });
    }
  }
  if (missing) {
    budgets.push({
      budget: `wrappers ≥ ${BUDGET.ratioToRedocly}× the Redocly client's calls/s (Node 24)`,
      measured: `not measured: ${missing}`,
      pass: undefined,
    });
  }
  return budgets;
}

/** The parts `--only` can run by themselves, each giving its budgets' rows and its section. */
const PARTS: Record<string, () => Promise<{ budgets: Budget[]; section: string }>> = {
  docs: async () => docsSiteReport(await measureDocsSite(root)),
};

/** One part, printed; BENCHMARKS.md is written by the whole bench only, so that it stays one run's. */
async function runPart(name: string): Promise<void> {
  const part = PARTS[name];
  if (!part) throw new Error(`--only: no part called "${name}"; the parts: ${Object.keys(PARTS).join(", ")}`);
  const { budgets, section } = await part();
  console.log(
    `${table(
      ["budget", "measured", "verdict"],
      budgets.map((b) => [b.budget, b.measured, verdict(b.pass)]),
    )}\n\n${section}`,
  );
  if (budgets.some((b) => b.pass === false)) process.exitCode = 1;
}

async function main(): Promise<void> {
  const only = option(process.argv.slice(2), "--only");
  if (only !== undefined) return runPart(only);
  const scratch = mkdtempSync(join(tmpdir(), "bench-"));
  try {
    // The Redocly client, generated from the same spec, for the per-call and size comparisons.
    const redoclyFile = join(scratch, "redocly-client.ts");
    execFileSync(bin("redocly"), ["generate-client", specPath, "-o", redoclyFile], { stdio: "ignore" });
    const { runs, missing } = await measureCallsOnNodes(redoclyFile, scratch);
    const startup = await measureStartup(root);
    const sizes = await measureSizes(root, redoclyFile);
    const doc = dereference(readSpec()) as JsonObject;
    const jobs = responseExamples(doc, "getJob", 200);
    const waits = await measureWaits(jobs.running as unknown as JobView, jobs.completed as unknown as JobView);
    const batches = await measureBatch(DEFAULT_WAIT_POLICY.intervalMs);
    const pipeline = await measurePipeline(root);
    const downloads = await measureDownloads(DOWNLOAD_MIB, DOWNLOAD_ROUNDS);
    const conformance = await measureConformance();
    const docsSite = docsSiteReport(await measureDocsSite(root));
    report(runs, missing, startup, sizes, waits, batches, downloads, pipeline, conformance, docsSite);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function report(
  runs: { version: string; calls: CallResult[] }[],
  missing: string | undefined,
  startup: Awaited<ReturnType<typeof measureStartup>>,
  sizes: Awaited<ReturnType<typeof measureSizes>>,
  waits: Awaited<ReturnType<typeof measureWaits>>,
  batches: Awaited<ReturnType<typeof measureBatch>>,
  downloads: Awaited<ReturnType<typeof measureDownloads>>,
  pipeline: Awaited<ReturnType<typeof measurePipeline>>,
  conformance: Awaited<ReturnType<typeof measureConformance>>,
  docsSite: ReturnType<typeof docsSiteReport>,
): void {
  const main = sizes[0];
  const shipped = main?.gzipped ?? Number.POSITIVE_INFINITY;
  const hour = waits.find((w) => w.finishesAfterMs === 3_600_000);
  const startupRatio = startup.command / startup.bareFetch;
  const [fetched, saved] = downloads;
  const downloadRatio = (saved?.mibPerSecond ?? 0) / (fetched?.mibPerSecond ?? 1);
  const [readOnly, withWrites] = conformance;
  const budgets: Budget[] = [
    ...callBudgets(runs, missing),
    {
      budget: `\`alteryx-jobs get <id>\` ≤ ${BUDGET.startupRatio}× a bare fetch script's wall time (127.0.0.1)`,
      measured: `${startupRatio.toFixed(2)}× (${int(startup.command)} ms against ${int(startup.bareFetch)} ms)`,
      pass: startupRatio <= BUDGET.startupRatio,
    },
    (() => {
      const { budget, pass, left } = sizeVerdict(sizeBudget, shipped);
      return { budget, measured: `${kB(shipped)} (${int(shipped)} B; ${int(left)} B left)`, pass };
    })(),
    {
      budget: `each job's end seen ≤ ${seconds(BUDGET.lateMs)} + ${BUDGET.lateShare * 100}% of its run late (${waits.map((w) => seconds(w.finishesAfterMs)).join(", ")})`,
      measured: waits
        .map((w) => `${seconds(w.finishesAfterMs)}: ${seconds(w.detectedLateMs)} (≤ ${seconds(lateBudget(w))})`)
        .join(", "),
      pass: waits.length > 0 && waits.every((w) => w.detectedLateMs <= lateBudget(w)),
    },
    {
      budget: `1-hour job: ≤ ${BUDGET.hourJobRequests} requests`,
      measured: `${hour?.requests} requests`,
      pass: !!hour && hour.requests <= BUDGET.hourJobRequests,
    },
    ...batches
      .filter((b) => b.pollBudget !== undefined)
      .map((b) => ({
        budget: `${RUNS} runs over ${seconds(SPREAD_MS)}: ≤ one listing a ${seconds(DEFAULT_WAIT_POLICY.intervalMs)} interval, one read a job`,
        measured: `${b.polls} listings (≤ ${b.pollBudget}), ${b.reads} reads for ${b.runs} runs`,
        pass: b.runs === RUNS && b.polls <= (b.pollBudget ?? 0) && b.reads === RUNS,
      })),
    {
      budget: `saveJobOutputs ≥ ${BUDGET.downloadRatio}× the throughput of fetch piped to a file`,
      measured: `${downloadRatio.toFixed(2)}×`,
      pass: downloadRatio >= BUDGET.downloadRatio,
    },
    {
      budget: `\`conform\`, read-only, against the sandbox: ≤ ${BUDGET.conformReadRequests} requests and ≤ ${seconds(BUDGET.conformReadMs)}`,
      measured: `${readOnly?.requests} requests, ${seconds(readOnly?.wallMs ?? Number.NaN)}`,
      pass: !!readOnly && readOnly.requests <= BUDGET.conformReadRequests && readOnly.wallMs <= BUDGET.conformReadMs,
    },
    {
      budget: `\`conform --allow-writes\` against the sandbox: ≤ ${BUDGET.conformWriteRequests} requests`,
      measured: `${withWrites?.requests} requests, ${seconds(withWrites?.wallMs ?? Number.NaN)} for a job that runs ${seconds(withWrites?.jobRunMs ?? Number.NaN)}`,
      pass: !!withWrites && withWrites.requests <= BUDGET.conformWriteRequests,
    },
    ...docsSite.budgets,
  ];

  const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, ${process.platform}`;
  const callTables = runs
    .map(
      ({ version, calls }) => `### Node ${version}

${table(
  ["fetch", "operation", "variant", "ops/s", "× raw fetch", "× redocly client"],
  calls.map((c) => [
    c.transport,
    c.operation,
    c.variant,
    int(c.opsPerSecond),
    c.ratioToRaw.toFixed(2),
    c.ratioToRedocly.toFixed(2),
  ]),
)}`,
    )
    .join("\n\n");
  const text = `# Benchmarks

Made by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine}; the bench ran on Node ${process.versions.node}.
Absolute figures on a shared machine are noisy: compare within a table, measured in one run.

## Budgets

${table(
  ["budget", "measured", "verdict"],
  budgets.map((b) => [b.budget, b.measured, verdict(b.pass)]),
)}

${sizeBudget.section}

## Per-call cost

Each variant calls the same operation with the same fetch: a stub that answers at once (what the
client itself costs), then real HTTP to a server on 127.0.0.1, in a process of its own per Node.
Every variant is warmed up for ${TIMING.warmupMs} ms; then they take turns in slices of ${TIMING.sliceMs} ms,
${TIMING.rounds} rounds, each round starting with another variant, with a garbage collection before each
slice. ops/s is the median slice; a ratio is the median of the ratios within a round. "× raw" is
how many raw fetch calls fit in the time of one; "× redocly client" is calls per second against
the Redocly client's (above 1 is faster).${missing ? `\n\n**Node 24 was not measured:** ${missing}.` : ""}

${callTables}

The variants: raw fetch (URL and JSON by hand); bare openapi-fetch with the generated types; this
package's wrappers (argument checks, auth header, per-attempt timeout, typed errors, success-body
checks against the spec); the client \`redocly generate-client\` writes from the same spec.

## Start-up

Wall time of a whole process against a server on 127.0.0.1, median of ${startup.runs} runs each, the three
taking turns.

${table(
  ["process", "median wall time"],
  [
    ["`alteryx-jobs get <id>`", `${int(startup.command)} ms`],
    ["a bare script: `fetch` the job, print its JSON", `${int(startup.bareFetch)} ms`],
    ["`node -e 0`", `${int(startup.bareNode)} ms`],
  ],
)}

## Shipped size

esbuild bundle, minified, ESM, dependencies included; gzip level 9.

${table(
  ["bundle", "minified", "min+gzip"],
  sizes.map((s) => [s.name, kB(s.minified), kB(s.gzipped)]),
)}

## Waiting for a job

\`waitForJob\` with its default policy (first poll at once, then ${seconds(DEFAULT_WAIT_POLICY.intervalMs)} growing
×${DEFAULT_WAIT_POLICY.backoff} to ${seconds(DEFAULT_WAIT_POLICY.maxIntervalMs)}), on a simulated clock.

${table(
  ["job finishes after", "requests", "seen late by", "late budget", "interval at the end"],
  waits.map((w) => [
    seconds(w.finishesAfterMs),
    w.requests,
    seconds(w.detectedLateMs),
    seconds(lateBudget(w)),
    seconds(w.lastIntervalMs),
  ]),
)}

## Many runs at once

${RUNS} runs of one app whose jobs all start at once and end one by one over ${seconds(SPREAD_MS)},
on a simulated clock against the tests' stateful app server, with the default wait policy.
\`runBatch\` follows them all through one listing of the workflow's jobs a poll; separate
\`runWorkflowAndWait\` calls poll each job on its own.

${table(
  ["way", "runs", "waiting requests", "full reads", "all requests", "last result after"],
  batches.map((b) => [b.way, b.runs, b.polls, b.reads, b.requests, seconds(b.elapsedMs)]),
)}

## Downloading an output

A ${DOWNLOAD_MIB} MiB random file from a server on 127.0.0.1, in uneven chunks (1 byte to 256 KiB), saved to
the temporary folder by a child process each time; median of ${DOWNLOAD_ROUNDS} rounds, alternating. Peak RSS is the
child's whole process (Node itself takes about 45 MiB).

${table(
  ["variant", "throughput", "peak RSS"],
  downloads.map((d) => [d.variant, `${int(d.mibPerSecond)} MiB/s`, `${d.peakRssMib.toFixed(0)} MiB`]),
)}

## Checking a server

\`runConformance\` (what \`alteryx-jobs conform\` runs) against the sandbox on 127.0.0.1, with a
Curator's key and a non-Curator's. The read-only plan reads two finished jobs; the plan with writes
runs the workflow and follows its job, which the sandbox runs in real time (queued, then running:
the "job's run" column), and runs and cancels a second one.

${table(
  ["plan", "requests", "wall time", "job's run", "claims", "confirmed", "not exercised", "contradicted"],
  conformance.map((c) => [
    c.plan,
    c.requests,
    seconds(c.wallMs),
    c.jobRunMs === undefined ? "–" : seconds(c.jobRunMs),
    c.claims,
    c.verdicts.confirmed,
    c.verdicts["not-exercised"],
    c.verdicts.contradicted,
  ]),
)}

## Pipeline

${table(
  ["step", "time"],
  pipeline.map((p) => [p.step, `${(p.ms / 1000).toFixed(2)} s`]),
)}

${docsSite.section}
`;
  writeFileSync(benchmarksFile, text);
  console.log(text);
  if (budgets.some((b) => b.pass === false)) process.exitCode = 1;
}

await main();
