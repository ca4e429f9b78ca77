// Per-call cost of four ways to call the API, all given the same fetch: raw fetch, bare
// openapi-fetch with the generated types, this package's client, and the client that
// `redocly generate-client` writes from the same spec.
//
// Fairness on a busy machine: every variant is warmed up before any is timed; then the variants
// take turns in short slices, round after round, each round starting with a different variant,
// with a garbage collection before each slice (when `--expose-gc` is given) so that no variant
// pays for another's garbage. A variant's figure is its median slice, and a ratio between two
// variants is the median of the ratios within a round, which compares slices taken moments apart.
// Ratios are taken from calls per CPU second (the process's own CPU time, server included): on a
// machine shared with other work, wall time measures the neighbours as much as the client.
//
// Run as a script (`node --import tsx --expose-gc calls.ts <redocly client file>`), it prints the
// results as JSON: `npm run bench` runs it on each Node it measures.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import createClient from "openapi-fetch";
import type { paths } from "../../../generated/openapi.js";
import { isMain } from "../script.js";
import { dereference, type JsonObject, readSpec, responseExamples } from "../spec.js";
import { median } from "./report.js";

const TOKEN = "bench-token";

/** The spec's first named example of an operation's 200. */
function firstExample(operationId: string): unknown {
  return Object.values(responseExamples(dereference(readSpec()) as JsonObject, operationId, 200))[0];
}
/** The job every call asks for: the one of the spec's example. */
export const JOB_ID = (firstExample("getJob") as { id: string }).id;
const bodies = { GET: JSON.stringify(firstExample("getJob")), DELETE: JSON.stringify(firstExample("cancelJob")) };
const headers = { "content-type": "application/json; charset=utf-8" };

/** The stub: answers at once, as openapi-fetch's own benchmark does. */
export const stubFetch = async (input: Request | string, init?: RequestInit): Promise<Response> => {
  const method = (typeof input === "string" ? init?.method : input.method) ?? "GET";
  return new Response(method === "DELETE" ? bodies.DELETE : bodies.GET, { headers });
};

/** A local HTTP server on 127.0.0.1 answering the same bodies. */
export async function startLocalServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    response.writeHead(200, headers).end(request.method === "DELETE" ? bodies.DELETE : bodies.GET);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webapi`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Variant = "raw fetch" | "openapi-fetch" | "alteryx-jobs" | "redocly client";
export const VARIANTS: Variant[] = ["raw fetch", "openapi-fetch", "alteryx-jobs", "redocly client"];
export type Operation = "getJob" | "cancelJob";
export type Transport = "stub" | "127.0.0.1";

export interface CallResult {
  transport: Transport;
  operation: Operation;
  variant: Variant;
  /** The median slice's calls per second of wall time. */
  opsPerSecond: number;
  /** The median slice's calls per second of this process's CPU time. */
  opsPerCpuSecond: number;
  /** The median, over rounds, of raw fetch's rate over this variant's: how many raw calls fit in one. */
  ratioToRaw: number;
  /** The median, over rounds, of this variant's rate over the Redocly client's. */
  ratioToRedocly: number;
}

type Fetch = typeof stubFetch;
type Callers = Record<Variant, Record<Operation, () => Promise<unknown>>>;

// The client as users ship it: the built package, not the TypeScript sources.
const built = new URL("../../../dist/src/index.js", import.meta.url).href;

async function callers(baseUrl: string, fetch: Fetch, redocly: Record<string, unknown>): Promise<Callers> {
  const { createJobsClient } = (await import(built)) as typeof import("../../../src/index.js");
  const auth = { authorization: `Bearer ${TOKEN}` };
  const bare = createClient<paths>({ baseUrl, fetch: fetch as (r: Request) => Promise<Response>, headers: auth });
  // Retries, timeouts and body checks as shipped; the stub never fails, so retries only cost their bookkeeping.
  const ours = createJobsClient({ baseUrl, auth: { token: TOKEN }, fetch });
  const makeRedocly = redocly.createClient as (
    ops: unknown,
    config: unknown,
  ) => Record<string, (args: unknown) => Promise<unknown>>;
  const generated = makeRedocly(redocly.OPERATIONS, {
    serverUrl: baseUrl,
    fetch,
    auth: { bearer: TOKEN },
    clientHeader: false,
  });
  const url = `${baseUrl}/v3/jobs/${JOB_ID}`;
  return {
    "raw fetch": {
      getJob: async () => (await fetch(url, { headers: auth })).json(),
      cancelJob: async () => (await fetch(url, { method: "DELETE", headers: auth })).json(),
    },
    "openapi-fetch": {
      getJob: () => bare.GET("/v3/jobs/{jobId}", { params: { path: { jobId: JOB_ID } } }),
      cancelJob: () => bare.DELETE("/v3/jobs/{jobId}", { params: { path: { jobId: JOB_ID } } }),
    },
    "alteryx-jobs": { getJob: () => ours.getJob(JOB_ID), cancelJob: () => ours.cancelJob(JOB_ID) },
    "redocly client": {
      getJob: () => generated.getJob?.({ path: { jobId: JOB_ID } }) as Promise<unknown>,
      cancelJob: () => generated.cancelJob?.({ path: { jobId: JOB_ID } }) as Promise<unknown>,
    },
  };
}

interface Rate {
  wall: number;
  cpu: number;
}

/** Calls per second of `call`, run for about `ms` (timed in batches, so the clock costs little). */
async function slice(call: () => Promise<unknown>, ms: number): Promise<Rate> {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const end = started + ms;
  let calls = 0;
  do {
    for (let i = 0; i < 16; i++) await call();
    calls += 16;
  } while (performance.now() < end);
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  return { wall: calls / (wallMs / 1000), cpu: calls / ((user + system) / 1e6) };
}

export interface Timing {
  /** Slices per variant and operation. */
  rounds: number;
  /** Length of one slice. */
  sliceMs: number;
  /** Warm-up of each variant before any is timed. */
  warmupMs: number;
}

/** ops/s of every variant, measured in one run, side by side, in turns. */
export async function measureCalls(
  transport: Transport,
  baseUrl: string,
  fetch: Fetch,
  redocly: Record<string, unknown>,
  { rounds, sliceMs, warmupMs }: Timing,
): Promise<CallResult[]> {
  const all = await callers(baseUrl, fetch, redocly);
  const results: CallResult[] = [];
  for (const operation of ["getJob", "cancelJob"] as const) {
    // Each variant is checked once before timing, so a broken one cannot post a fast time.
    for (const variant of VARIANTS) await all[variant][operation]();
    for (const variant of VARIANTS) await slice(all[variant][operation], warmupMs);
    const rates = new Map<Variant, Rate[]>(VARIANTS.map((variant) => [variant, []]));
    for (let round = 0; round < rounds; round++) {
      for (let turn = 0; turn < VARIANTS.length; turn++) {
        const variant = VARIANTS[(round + turn) % VARIANTS.length] as Variant;
        rates.get(variant)?.push(await slice(all[variant][operation], sliceMs));
      }
    }
    const of = (variant: Variant) => rates.get(variant) ?? [];
    const ratio = (over: Variant, under: Variant) =>
      median(of(over).map((rate, i) => rate.cpu / (of(under)[i]?.cpu ?? 1)));
    for (const variant of VARIANTS) {
      results.push({
        transport,
        operation,
        variant,
        opsPerSecond: median(of(variant).map((rate) => rate.wall)),
        opsPerCpuSecond: median(of(variant).map((rate) => rate.cpu)),
        ratioToRaw: ratio("raw fetch", variant),
        ratioToRedocly: ratio(variant, "redocly client"),
      });
    }
  }
  return results;
}

/** Both transports, the stub first: what `npm run bench` runs on each Node. */
export async function measureAllCalls(redoclyFile: string, timing: Timing): Promise<CallResult[]> {
  const redocly = (await import(pathToFileURL(redoclyFile).href)) as Record<string, unknown>;
  const results = await measureCalls("stub", "http://127.0.0.1:9/webapi", stubFetch, redocly, timing);
  const server = await startLocalServer();
  try {
    results.push(...(await measureCalls("127.0.0.1", server.url, globalThis.fetch, redocly, timing)));
  } finally {
    await server.close();
  }
  return results;
}

if (isMain(import.meta.url)) {
  const [redoclyFile, timing] = process.argv.slice(2);
  if (!redoclyFile || !timing) throw new Error("usage: calls.ts <redocly client file> <timing as JSON>");
  const results = await measureAllCalls(redoclyFile, JSON.parse(timing) as Timing);
  process.stdout.write(`${JSON.stringify(results)}\n`);
}
