// `npm run bench`: what the client costs, side by side with its peers, in one run: per-call
// overhead (stub fetch and 127.0.0.1), shipped size, pipeline times, and the cost of waiting.
// Prints the tables and the budgets' verdicts, writes BENCHMARKS.md, and exits 1 when a budget fails.
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { DEFAULT_WAIT_POLICY, type JobView } from "../src/index.js";
import { type CallResult, loadRedoclyClient, measureCalls, startLocalServer, stubFetch } from "./lib/bench/calls.js";
import { measurePipeline } from "./lib/bench/pipeline.js";
import { measureSizes } from "./lib/bench/size.js";
import { measureWaits } from "./lib/bench/wait.js";
import { dereference, type JsonObject, readSpec, responseExamples } from "./lib/spec.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const CALL_TIME_MS = Number(process.env.BENCH_TIME_MS ?? 1500);
const BUDGET = { ratioToOpenapiFetch: 1.15, gzippedBytes: 8 * 1024, hourJobRequests: 120 };

const table = (header: string[], rows: (string | number)[][]) =>
  [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const seconds = (ms: number) =>
  ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 100) / 10} s`;

async function main(): Promise<void> {
  const redocly = await loadRedoclyClient();
  const server = await startLocalServer();
  const calls: CallResult[] = [
    ...(await measureCalls("stub", "http://127.0.0.1:9/webapi", stubFetch, redocly.module, CALL_TIME_MS)),
    ...(await measureCalls("127.0.0.1", server.url, globalThis.fetch, redocly.module, CALL_TIME_MS)),
  ];
  await server.close();
  const sizes = await measureSizes(root, redocly.file);
  const doc = dereference(readSpec()) as JsonObject;
  const jobs = responseExamples(doc, "getJob", 200);
  const waits = await measureWaits(jobs.running as unknown as JobView, jobs.completed as unknown as JobView);
  const pipeline = await measurePipeline(root);

  const ratio = (transport: string, operation: string) => {
    const find = (variant: string) =>
      calls.find((c) => c.transport === transport && c.operation === operation && c.variant === variant);
    return (find("openapi-fetch")?.opsPerSecond ?? 0) / (find("alteryx-jobs")?.opsPerSecond ?? 1);
  };
  const worstRatio = Math.max(ratio("stub", "getJob"), ratio("stub", "cancelJob"));
  const shipped = sizes[0]?.gzipped ?? Number.POSITIVE_INFINITY;
  const hour = waits.find((w) => w.finishesAfterMs === 3_600_000);
  const budgets = [
    {
      budget: `wrappers ≤ ${BUDGET.ratioToOpenapiFetch}× bare openapi-fetch per call (stub)`,
      measured: `${worstRatio.toFixed(2)}×`,
      pass: worstRatio <= BUDGET.ratioToOpenapiFetch,
    },
    {
      budget: `shipped client ≤ ${BUDGET.gzippedBytes / 1024} kB min+gzip`,
      measured: `${(shipped / 1024).toFixed(2)} kB`,
      pass: shipped <= BUDGET.gzippedBytes,
    },
    {
      budget: `1-hour job seen within one poll interval, ≤ ${BUDGET.hourJobRequests} requests`,
      measured: `${hour?.requests} requests, seen ${seconds(hour?.detectedLateMs ?? 0)} late (interval ${seconds(hour?.lastIntervalMs ?? 0)})`,
      pass: !!hour && hour.requests <= BUDGET.hourJobRequests && hour.detectedLateMs <= hour.lastIntervalMs,
    },
  ];

  const machine = `${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
  const report = `# Benchmarks

Made by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; machine: ${machine}.
Absolute figures on a shared machine are noisy: compare within a table, measured in one run.

## Budgets

${table(
  ["budget", "measured", "verdict"],
  budgets.map((b) => [b.budget, b.measured, b.pass ? "pass" : "**FAIL**"]),
)}

## Per-call cost

Each variant calls the same operation with the same fetch: a stub that answers at once (what the
client itself costs), then real HTTP to a server on 127.0.0.1. "× raw" is how many raw fetch calls
fit in the time of one. tinybench, ${CALL_TIME_MS} ms a task after warm-up.

${table(
  ["fetch", "operation", "variant", "ops/s", "× raw fetch"],
  calls.map((c) => [c.transport, c.operation, c.variant, int(c.opsPerSecond), c.ratioToRaw.toFixed(2)]),
)}

The variants: raw fetch (URL and JSON by hand); bare openapi-fetch with the generated types; this
package's wrappers (argument checks, auth header, per-attempt timeout, typed errors, JSON checks);
the client \`redocly generate-client\` writes from the same spec.

## Shipped size

esbuild bundle, minified, ESM, dependencies included; gzip level 9.

${table(
  ["bundle", "minified", "min+gzip"],
  sizes.map((s) => [s.name, `${(s.minified / 1024).toFixed(2)} kB`, `${(s.gzipped / 1024).toFixed(2)} kB`]),
)}

## Waiting for a job

\`waitForJob\` with its default policy (first poll at once, then ${seconds(DEFAULT_WAIT_POLICY.intervalMs)} growing
×${DEFAULT_WAIT_POLICY.backoff} to ${seconds(DEFAULT_WAIT_POLICY.maxIntervalMs)}), on a simulated clock.

${table(
  ["job finishes after", "requests", "seen late by", "interval at the end"],
  waits.map((w) => [seconds(w.finishesAfterMs), w.requests, seconds(w.detectedLateMs), seconds(w.lastIntervalMs)]),
)}

## Pipeline

${table(
  ["step", "time"],
  pipeline.map((p) => [p.step, `${(p.ms / 1000).toFixed(2)} s`]),
)}
`;
  writeFileSync(new URL("BENCHMARKS.md", `file://${root}`), report);
  console.log(report);
  if (budgets.some((b) => !b.pass)) process.exit(1);
}

await main();
