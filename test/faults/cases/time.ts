// Time and cancellation: Retry-After of every kind, the wait's deadline, numeric options, the
// caller's signal, the base URL, and the streaming read. Delays run on the injected clock.
import { expect } from "vitest";
import { connectionOf } from "../../../src/client.js";
import {
  AbortError,
  InvalidArgumentError,
  NotFoundError,
  RedirectError,
  ServerError,
  TimeoutError,
  WaitTimeoutError,
} from "../../../src/index.js";
import { JOB_ID, WORKFLOW_ID } from "../../helpers/ids.js";
import { sendJson } from "../fault-server.js";
import { first, job, type Scenario, tokenEndpoint, withTokens } from "../scenario.js";

const running = { ...job, status: "Running", messages: undefined };
const pollingWith = (retryAfter: string) =>
  withTokens((response) => sendJson(response, 200, running, { "retry-after": retryAfter }));
/** A wait of 2 s against a server that asks for more: it ends at the deadline, after one poll. */
const deadlineScenario = (name: string, retryAfter: string): Scenario => ({
  name,
  requests: 1,
  call: (c) => c.waitForJob(JOB_ID, { timeoutMs: 2_000 }),
  answer: pollingWith(retryAfter),
  outcome: { rejects: WaitTimeoutError },
  check: ({ elapsed, sleeps }) => {
    expect(elapsed).toBe(2_000);
    expect(sleeps).toEqual([2_000]);
  },
});
const refusedOption = (name: string, call: Scenario["call"], options?: Scenario["options"]): Scenario => ({
  name,
  requests: 0,
  tokenRequests: 0,
  call,
  answer: withTokens(),
  ...(options ? { options } : {}),
  outcome: { rejects: InvalidArgumentError, message: /Nothing was sent/ },
});
/** Reads a download-style body through the transport's streaming mode. */
const stream = async (c: Parameters<Scenario["call"]>[0]) => {
  const { transport, baseUrl } = connectionOf(c);
  const response = await transport.send(
    `${baseUrl}/v3/jobs/${JOB_ID}/output`,
    { method: "GET", headers: {} },
    {
      read: "stream",
    },
  );
  return response.text();
};

export const timeScenarios: Scenario[] = [
  deadlineScenario("a Retry-After of 2147484 s while waiting: clamped, and the wait ends at its deadline", "2147484"),
  deadlineScenario("a Retry-After of 99999999999 s while waiting", "99999999999"),
  deadlineScenario("a Retry-After in the year 9999 while waiting", "Fri, 31 Dec 9999 23:59:59 GMT"),
  deadlineScenario("a Retry-After of 8 s with a 2 s wait: the deadline wins", "8"),
  {
    name: "a 503 with Retry-After 8 s during a 2 s wait: WaitTimeoutError at the deadline",
    requests: 1,
    call: (c) => c.waitForJob(JOB_ID, { timeoutMs: 2_000 }),
    answer: withTokens((response) => sendJson(response, 503, { message: "Busy" }, { "retry-after": "8" })),
    options: () => ({ retry: { maxRetryAfterMs: 60_000 } }),
    outcome: { rejects: WaitTimeoutError },
    check: ({ elapsed, error }) => {
      expect(elapsed).toBe(2_000);
      expect((error as Error).cause).toBeInstanceOf(ServerError);
    },
  },
  ...["-5", "1.5", "5, 10", "12 May"].map(
    (value): Scenario => ({
      name: `a malformed Retry-After ${JSON.stringify(value)}: ignored with a warning, backoff used`,
      requests: 2,
      call: (c) => c.getJob(JOB_ID),
      answer: withTokens((response) => sendJson(response, 503, { message: "Busy" }, { "retry-after": value }), {
        when: first,
      }),
      outcome: { resolves: true },
      check: ({ lines, sleeps }) => {
        expect(lines.some((line) => line.includes("ignored Retry-After"))).toBe(true);
        expect(sleeps.every((ms) => ms >= 0.5 && ms <= 5)).toBe(true);
      },
    }),
  ),
  refusedOption("waitForJob with timeoutMs -1", (c) => c.waitForJob(JOB_ID, { timeoutMs: -1 })),
  refusedOption("waitForJob with timeoutMs NaN", (c) => c.waitForJob(JOB_ID, { timeoutMs: Number.NaN })),
  refusedOption("waitForJob with intervalMs 0", (c) => c.waitForJob(JOB_ID, { intervalMs: 0 })),
  {
    ...refusedOption("runWorkflowAndWait with intervalMs NaN: refused before the POST queues a job", (c) =>
      c.runWorkflowAndWait(WORKFLOW_ID, {}, { intervalMs: Number.NaN }),
    ),
    changesState: true,
  },
  {
    name: "a finished job whose read with messages is answered 503 with Retry-After 50 s during a 2 s wait",
    requests: 2,
    call: (c) => c.waitForJob(JOB_ID, { timeoutMs: 2_000 }),
    answer: withTokens((response) => sendJson(response, 503, { message: "Busy" }, { "retry-after": "50" }), {
      when: (_, request) => request.url?.includes("includeMessages=false") !== true,
    }),
    options: () => ({ retry: { maxRetryAfterMs: 60_000 } }),
    outcome: { rejects: WaitTimeoutError },
    check: ({ elapsed, error }) => {
      expect(elapsed).toBe(2_000);
      expect((error as Error).cause).toBeInstanceOf(ServerError);
    },
  },
  refusedOption(
    "a client with timeoutMs NaN",
    (c) => c.getJob(JOB_ID),
    () => ({ timeoutMs: Number.NaN }),
  ),
  refusedOption(
    "a client with a negative maxRetries",
    (c) => c.getJob(JOB_ID),
    () => ({ maxRetries: -1 }),
  ),
  refusedOption(
    "a baseUrl ending with an empty query",
    (c) => c.cancelJob(JOB_ID),
    (url) => ({ baseUrl: `${url}?` }),
  ),
  refusedOption(
    "a baseUrl ending with an empty fragment",
    (c) => c.cancelJob(JOB_ID),
    (url) => ({ baseUrl: `${url}#` }),
  ),

  // The caller's signal.
  {
    name: "a signal aborted before the call: nothing is sent, not even the token request",
    requests: 0,
    tokenRequests: 0,
    call: (c) => c.cancelJob(JOB_ID, { signal: AbortSignal.abort() }),
    answer: withTokens(),
    outcome: { rejects: AbortError, outcomeUnknown: false },
  },
  (() => {
    const controller = new AbortController();
    return {
      name: "an abort during a slow token request ends the call with AbortError",
      requests: 0,
      tokenRequests: 1,
      call: (c) => c.getJob(JOB_ID, { signal: controller.signal }),
      // The token request is held; the caller gives up once it has arrived.
      answer: tokenEndpoint(() => controller.abort()),
      outcome: { rejects: AbortError },
    } satisfies Scenario;
  })(),
  (() => {
    const controller = new AbortController();
    return {
      name: "an abort after a DELETE was sent: outcome unknown, not repeated",
      requests: 1,
      changesState: true,
      call: (c) => c.cancelJob(JOB_ID, { signal: controller.signal }),
      answer: withTokens(() => controller.abort()),
      outcome: { rejects: AbortError, outcomeUnknown: true },
    } satisfies Scenario;
  })(),

  // Streaming reads, for downloads.
  {
    name: "a streamed body is read as it comes, beyond maxResponseBytes",
    requests: 1,
    call: async (c) => expect((await stream(c)).length).toBe(3 * 1024 * 1024),
    answer: withTokens((response) => {
      response.writeHead(200, { "content-type": "application/octet-stream" });
      for (let i = 0; i < 3; i++) response.write("z".repeat(1024 * 1024));
      response.end();
    }),
    options: () => ({ maxResponseBytes: 1024 }),
    outcome: { resolves: true },
  },
  {
    name: "a streamed body that stops sending: the idle timeout ends it",
    requests: 1,
    call: stream,
    answer: withTokens((response) => {
      response.writeHead(200, { "content-type": "application/octet-stream" });
      response.write("first bytes");
    }),
    options: () => ({ timeoutMs: 300 }),
    outcome: { rejects: TimeoutError },
  },
  {
    name: "a streamed request answered 503 then 200: retried before the headers",
    requests: 2,
    call: async (c) => expect(await stream(c)).toBe(JSON.stringify(job)),
    answer: withTokens((response) => sendJson(response, 503, { message: "Busy" }), { when: first }),
    outcome: { resolves: true },
  },
  {
    name: "a streamed request answered 404: classified as for JSON",
    requests: 1,
    call: stream,
    answer: withTokens((response) => sendJson(response, 404, { message: "No such output" })),
    outcome: { rejects: NotFoundError, message: /No such output/ },
  },
  {
    name: "a streamed request answered 307: not followed",
    requests: 1,
    call: stream,
    answer: withTokens((response) => response.writeHead(307, { location: "http://127.0.0.1:1/x" }).end()),
    outcome: { rejects: RedirectError },
  },
];
