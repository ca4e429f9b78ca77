// What waiting costs under the default policy: requests made and how late the finish is seen,
// for jobs that finish after 20 s, 65 s, 10 min and 1 h, on a simulated clock (no real waiting).
import type { JobView } from "../../../src/index.js";

export interface WaitResult {
  finishesAfterMs: number;
  requests: number;
  detectedLateMs: number;
  /** The interval between the last two polls: "within one poll interval" is measured against it. */
  lastIntervalMs: number;
}

const built = new URL("../../../dist/src/client.js", import.meta.url).href;

/** How long the measured jobs run, in ms. */
export const WAIT_JOBS_MS = [20_000, 65_000, 600_000, 3_600_000];

export async function measureWaits(running: JobView, finished: JobView): Promise<WaitResult[]> {
  const { createJobsClientWith } = (await import(built)) as typeof import("../../../src/client.js");
  const results: WaitResult[] = [];
  for (const finishesAfterMs of WAIT_JOBS_MS) {
    let now = 0;
    let lastSleep = 0;
    let requests = 0;
    let seenAt = 0;
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        lastSleep = ms;
        now += ms;
      },
    };
    const fetch = async (input: string | Request) => {
      requests += 1;
      const url = new URL(typeof input === "string" ? input : input.url);
      const done = now >= finishesAfterMs;
      if (done && seenAt === 0) seenAt = now;
      const job = done ? finished : running;
      const body = url.searchParams.get("includeMessages") === "false" ? { ...job, messages: undefined } : job;
      return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
    };
    const client = createJobsClientWith(
      { baseUrl: "http://127.0.0.1:9/webapi", auth: { token: "bench" }, fetch },
      { clock },
    );
    await client.waitForJob(running.id, { timeoutMs: 2 * 3_600_000 });
    results.push({ finishesAfterMs, requests, detectedLateMs: seenAt - finishesAfterMs, lastIntervalMs: lastSleep });
  }
  return results;
}
