// Per-call cost of four ways to call the API, all given the same fetch: raw fetch, bare
// openapi-fetch with the generated types, this package's client, and the client that
// `redocly generate-client` writes from the same spec.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";
import type { paths } from "../../../generated/openapi.js";
import { bin } from "../script.js";
import { dereference, type JsonObject, readSpec, responseExamples, specPath } from "../spec.js";

export const JOB_ID = "66ebd18d3d6200007e000d8c";
const TOKEN = "bench-token";

/** The bodies the server answers with: the spec's first named example of each 200. */
function firstExample(operationId: string): string {
  return JSON.stringify(Object.values(responseExamples(dereference(readSpec()) as JsonObject, operationId, 200))[0]);
}
const bodies = { GET: firstExample("getJob"), DELETE: firstExample("cancelJob") };
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

/** Generates the Redocly client into a temporary folder and loads it. */
export async function loadRedoclyClient(): Promise<{ file: string; module: Record<string, unknown> }> {
  const file = join(mkdtempSync(join(tmpdir(), "redocly-client-")), "client.ts");
  execFileSync(bin("redocly"), ["generate-client", specPath, "-o", file], { stdio: "ignore" });
  return { file, module: (await import(pathToFileURL(file).href)) as Record<string, unknown> };
}

export type Variant = "raw fetch" | "openapi-fetch" | "alteryx-jobs" | "redocly client";
export interface CallResult {
  transport: "stub" | "127.0.0.1";
  operation: "getJob" | "cancelJob";
  variant: Variant;
  opsPerSecond: number;
  ratioToRaw: number;
}

type Fetch = typeof stubFetch;
type Callers = Record<Variant, { getJob: () => Promise<unknown>; cancelJob: () => Promise<unknown> }>;

// The client as users ship it: the built package, not the TypeScript sources.
const built = new URL("../../../dist/src/index.js", import.meta.url).href;
const { createJobsClient } = (await import(built)) as typeof import("../../../src/index.js");

function callers(baseUrl: string, fetch: Fetch, redocly: Record<string, unknown>): Callers {
  const auth = { authorization: `Bearer ${TOKEN}` };
  const bare = createClient<paths>({ baseUrl, fetch: fetch as (r: Request) => Promise<Response>, headers: auth });
  // Retries and timeouts as shipped; the stub never fails, so they only cost their bookkeeping.
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

const VARIANTS: Variant[] = ["raw fetch", "openapi-fetch", "alteryx-jobs", "redocly client"];

/** ops/s of every variant, measured in one run, side by side. */
export async function measureCalls(
  transport: CallResult["transport"],
  baseUrl: string,
  fetch: Fetch,
  redocly: Record<string, unknown>,
  timeMs: number,
): Promise<CallResult[]> {
  const all = callers(baseUrl, fetch, redocly);
  const results: CallResult[] = [];
  for (const operation of ["getJob", "cancelJob"] as const) {
    // Each variant is checked once before timing, so a broken one cannot post a fast time.
    for (const variant of VARIANTS) await all[variant][operation]();
    const bench = new Bench({ time: timeMs, warmupTime: Math.min(500, timeMs / 2) });
    for (const variant of VARIANTS) bench.add(variant, all[variant][operation]);
    await bench.run();
    // ops/s as runs over total time (1000 / mean period), not the mean of per-run rates.
    const hz = (variant: Variant) => {
      const result = bench.getTask(variant)?.result as { period?: number } | undefined;
      return result?.period ? 1000 / result.period : 0;
    };
    for (const variant of VARIANTS) {
      results.push({
        transport,
        operation,
        variant,
        opsPerSecond: hz(variant),
        ratioToRaw: hz("raw fetch") / hz(variant),
      });
    }
  }
  return results;
}
