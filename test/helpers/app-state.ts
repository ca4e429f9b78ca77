// A small stateful server for runs of one analytic app: its questions, running it, its jobs newest
// first (as asked) and one job. Each job is queued, runs and ends at times the caller chooses, read
// from the caller's clock, so that nothing waits for real. Bodies are the spec's examples with the
// job's own id, date and status. Called as a fetch (`handle`), or served over HTTP on 127.0.0.1 by
// app-server.ts.
import { example } from "./examples.js";

export { type TestClock, testClock } from "./clock.js";

/** When the n-th job (from 0) starts and ends after it was queued, and whether it fails. */
export type Schedule = (n: number) => { startsAfterMs: number; endsAfterMs: number; fails?: boolean };

type Operation = "questions" | "run" | "list" | "job" | "other";
interface Job {
  n: number;
  id: string;
  queuedAt: number;
  createDate: string;
  answers: unknown;
}

const queued = example<Record<string, unknown>>("runWorkflow", 200, "queued");
const listed = example<Record<string, unknown>[]>("listWorkflowJobs", 200, "jobs")[0] ?? {};
const EPOCH = Date.parse(String(queued.createDateTime));

export function appServer(clock: { now(): number }, schedule: Schedule) {
  const jobs: Job[] = [];
  const requests: { operation: Operation; url: URL; body: string }[] = [];

  function view(job: Job): Record<string, unknown> {
    const { startsAfterMs, endsAfterMs, fails } = schedule(job.n);
    const age = clock.now() - job.queuedAt;
    const phase =
      age < startsAfterMs
        ? queued
        : age < endsAfterMs
          ? example("getJob", 200, "running")
          : example("getJob", 200, fails ? "failed" : "completed");
    return { ...(phase as object), id: job.id, createDateTime: job.createDate };
  }

  function answer(operation: Operation, url: URL, body: string): Response {
    requests.push({ operation, url, body });
    const found = (id: string | undefined) => jobs.find((job) => job.id === id);
    const parts = url.pathname.split("/");
    switch (operation) {
      case "questions":
        return json(example("getWorkflowQuestions", 200, "questions"));
      case "run": {
        const n = jobs.length;
        const job = {
          n,
          id: (0x66ebd18d3d6200007e000000n + BigInt(n)).toString(16).padStart(24, "0"),
          queuedAt: clock.now(),
          // Apart by a millisecond a job, so that newest first is one order.
          createDate: new Date(EPOCH + clock.now() + n).toISOString(),
          answers: JSON.parse(body || "{}").questions,
        };
        jobs.push(job);
        return json(view(job));
      }
      case "list": {
        const q = url.searchParams;
        const newestFirst = q.get("sortField") === "CreateDate" && q.get("direction") === "desc";
        const ordered = newestFirst ? [...jobs].reverse() : jobs;
        const offset = Number(q.get("offset") ?? 0);
        const page = ordered.slice(offset, offset + Number(q.get("limit") ?? 100));
        return json(
          page.map((job) => ({ ...listed, id: job.id, createDate: job.createDate, status: view(job).status })),
        );
      }
      case "other":
        return json({ message: "not served here" }, 405);
      case "job": {
        const job = found(parts.at(-1));
        if (!job) return json(example("getJob", 404, "notFound"), 404);
        const full = view(job);
        if (url.searchParams.get("includeMessages") === "false") delete full.messages;
        return json(full);
      }
    }
  }

  async function handle(input: string | Request, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const body = await request.text();
    const path = url.pathname.replace(/^\/webapi/, "");
    if (/^\/v3\/workflows\/\w+\/questions$/.test(path)) return answer("questions", url, body);
    if (/^\/v3\/workflows\/\w+\/jobs$/.test(path)) return answer(request.method === "POST" ? "run" : "list", url, body);
    if (/^\/v3\/jobs\/\w+$/.test(path) && request.method === "GET") return answer("job", url, body);
    return answer("other", url, body);
  }

  return {
    handle,
    /** The jobs queued so far, in order. */
    jobs: () => jobs.map(({ id, answers }) => ({ id, answers })),
    /** Drops a job, as the server deletes a queued job when it is cancelled. */
    remove(id: string) {
      jobs.splice(
        jobs.findIndex((job) => job.id === id),
        1,
      );
    },
    count: (operation: Operation) => requests.filter((r) => r.operation === operation).length,
    requests: () => requests,
  };
}

export type AppServer = ReturnType<typeof appServer>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
