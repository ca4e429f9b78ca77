// Every way the network and the server can misbehave, and the outcome the client promises for
// each: retried and succeeded, or one specific typed error, within bounded time. A request that
// may have reached the server (DELETE, POST) is never repeated, and no secret is ever shown.
import type { IncomingMessage, ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  type AlteryxError,
  AuthenticationError,
  ConnectionError,
  createJobsClient,
  type JobsClient,
  type JobsClientOptions,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
} from "../../src/index.js";
import { cleanEnv, runCli } from "../helpers/cli.js";
import { example } from "../helpers/examples.js";
import { type Answer, type Received, reset, sendJson, useFaultServer } from "./fault-server.js";

const JOB_ID = "66ebd18d3d6200007e000d8c";
const WORKFLOW_ID = "66ebd0f23d6200007e000d7a";
const CLIENT_SECRET = "fault-Client-Secret-789";
const tokenNumber = (n: number) => `fault-Access-Token-${n}`;
const job = example("getJob", 200, "completed");
const jobs = example<unknown[]>("listWorkflowJobs", 200, "jobs");
const TIMEOUT_MS = 200;

type Kind = abstract new (...args: never[]) => AlteryxError;
interface Scenario {
  name: string;
  /** API requests (not token requests) the server must see, exactly. */
  requests: number;
  call: (client: JobsClient) => Promise<unknown>;
  answer: Answer;
  outcome: { resolves: true } | { rejects: Kind; outcomeUnknown?: boolean; message?: RegExp };
  /** A DELETE or POST: seeing it more than once is a duplicate. */
  changesState?: boolean;
}

const server = useFaultServer();
const isToken = (request: IncomingMessage) => request.url?.endsWith("/oauth2/token") ?? false;
const apiRequests = (seen: Received[]) => seen.filter((r) => !r.path.endsWith("/oauth2/token"));
/** The nth API request (0-based) of the scenario. */
const nth = (seen: Received[]) => apiRequests(seen).length - 1;

type Fault = (response: ServerResponse, request: IncomingMessage) => void;
interface When {
  /** Which API requests (0-based count, and the request) get the fault; all by default. */
  when?: (n: number, request: IncomingMessage) => boolean;
  /** The body of a good answer; the spec's completed job by default. */
  body?: () => unknown;
}

/** Tokens are issued with a number; API requests get `fault` when `when` says so, else `body`. */
function withTokens(fault?: Fault, { when = () => true, body = () => job }: When = {}): Answer {
  let issued = 0;
  return (request, response, seen) => {
    if (isToken(request))
      return sendJson(response, 200, { access_token: tokenNumber(++issued), token_type: "bearer", expires_in: 3600 });
    if (fault && when(nth(seen), request)) fault(response, request);
    else sendJson(response, 200, body());
  };
}
const first = (n: number) => n === 0;
const htmlPage = (response: ServerResponse, status: number, extra = "") =>
  response
    .writeHead(status, { "content-type": "text/html" })
    .end(`<html><head><title>${status} Bad Gateway</title></head><body>${extra}</body></html>`);

const scenarios: Scenario[] = [
  {
    name: "headers delayed past the timeout (GET)",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      server.later(5_000, () => sendJson(response, 200, job));
    }),
    outcome: { rejects: TimeoutError, outcomeUnknown: false },
  },
  {
    name: "headers delayed, within the timeout",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      server.later(20, () => sendJson(response, 200, job));
    }),
    outcome: { resolves: true },
  },
  {
    name: "body trickled past the timeout",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"id":');
      server.later(5_000, () => response.end(`"${JOB_ID}"}`));
    }),
    outcome: { rejects: TimeoutError },
  },
  {
    name: "connection reset before headers (GET), then recovered",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => reset(response), { when: first }),
    outcome: { resolves: true },
  },
  {
    name: "connection reset before headers (DELETE)",
    requests: 1,
    changesState: true,
    call: (c) => c.cancelJob(JOB_ID),
    answer: withTokens((response) => {
      reset(response);
    }),
    outcome: { rejects: ConnectionError, outcomeUnknown: true, message: /outcome is unknown/ },
  },
  {
    name: "connection reset before headers (POST)",
    requests: 1,
    changesState: true,
    call: (c) => c.runWorkflow(WORKFLOW_ID),
    answer: withTokens((response) => {
      reset(response);
    }),
    outcome: { rejects: ConnectionError, outcomeUnknown: true },
  },
  {
    name: "connection reset after headers (GET), then recovered",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens(
      (response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.write('{"id":"66eb');
        server.later(5, () => reset(response));
      },
      { when: first },
    ),
    outcome: { resolves: true },
  },
  {
    name: "connection reset after headers (DELETE)",
    requests: 1,
    changesState: true,
    call: (c) => c.cancelJob(JOB_ID),
    answer: withTokens((response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"message":"Cance');
      server.later(5, () => reset(response));
    }),
    outcome: { rejects: ConnectionError, outcomeUnknown: true },
  },
  {
    name: "503 with Retry-After, then 200",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => sendJson(response, 503, { message: "Busy" }, { "retry-after": "0" }), {
      when: first,
    }),
    outcome: { resolves: true },
  },
  {
    name: "502 without Retry-After, every time",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      sendJson(response, 502, { message: "Bad Gateway" });
    }),
    outcome: { rejects: ServerError, message: /failed with 502: Bad Gateway/ },
  },
  {
    name: "500 to a DELETE",
    requests: 1,
    changesState: true,
    call: (c) => c.cancelJob(JOB_ID),
    answer: withTokens((response) => {
      sendJson(response, 500, { message: "An error has occurred." });
    }),
    outcome: { rejects: ServerError, message: /failed with 500/ },
  },
  {
    name: "503 to a POST",
    requests: 1,
    changesState: true,
    call: (c) => c.runWorkflow(WORKFLOW_ID),
    answer: withTokens((response) => {
      sendJson(response, 503, { message: "Busy" }, { "retry-after": "0" });
    }),
    outcome: { rejects: ServerError },
  },
  {
    name: "429 with Retry-After, then 200",
    requests: 2,
    call: (c) => c.listWorkflowJobsPage(WORKFLOW_ID),
    answer: withTokens(
      (response) => {
        sendJson(response, 429, { message: "Slow down" }, { "retry-after": "0" });
      },
      { when: first, body: () => jobs },
    ),
    outcome: { resolves: true },
  },
  {
    name: "429 with a Retry-After beyond the cap",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      sendJson(response, 429, { message: "Slow down" }, { "retry-after": "86400" });
    }),
    outcome: { rejects: RateLimitError },
  },
  {
    name: "an HTML error page that quotes the Authorization header",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response, request) => {
      htmlPage(response, 502, `Authorization: ${request.headers.authorization}`);
    }),
    outcome: { rejects: ServerError, message: /not JSON: "<html><head><title>502 Bad Gateway/ },
  },
  {
    name: "malformed JSON on 200",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      response.writeHead(200, { "content-type": "application/json" }).end('{"id": "66eb');
    }),
    outcome: { rejects: UnexpectedResponseError, message: /malformed JSON/ },
  },
  {
    name: "an empty 200",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      response.writeHead(200, { "content-type": "application/json" }).end();
    }),
    outcome: { rejects: UnexpectedResponseError, message: /empty body/ },
  },
  {
    name: "a wrong content type on 200",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      response.writeHead(200, { "content-type": "text/plain" }).end(JSON.stringify(job));
    }),
    outcome: { rejects: UnexpectedResponseError, message: /content type "text\/plain"/ },
  },
  {
    name: "a body cut short of its Content-Length",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      const body = JSON.stringify(job);
      response.writeHead(200, { "content-type": "application/json", "content-length": String(body.length + 100) });
      // The connection closes before the promised length has arrived.
      response.write(body, () => reset(response));
    }),
    outcome: { rejects: ConnectionError },
  },
  {
    name: "a 10 MB JSON body",
    requests: 1,
    call: async (c) => {
      const page = await c.listWorkflowJobsPage(WORKFLOW_ID);
      if (page.length !== 40_000) throw new Error(`expected 40000 jobs, got ${page.length}`);
    },
    answer: withTokens(undefined, {
      body: () => Array.from({ length: 40_000 }, () => ({ ...(jobs[0] as object), workerTag: "x".repeat(120) })),
    }),
    outcome: { resolves: true },
  },
  {
    name: "a 10 MB HTML error page",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      htmlPage(response, 502, "y".repeat(10 * 1024 * 1024));
    }),
    outcome: { rejects: ServerError, message: /^.{0,300}$/s },
  },
  {
    name: "401 once the token has expired: renewed, and the call repeated once",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens(
      (response) => sendJson(response, 401, { message: "Authorization has been denied for this request." }),
      {
        when: (_, request) => request.headers.authorization === `Bearer ${tokenNumber(1)}`,
      },
    ),
    outcome: { resolves: true },
  },
  {
    name: "the token endpoint fails once with 500",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: (() => {
      let tokenCalls = 0;
      const normal = withTokens();
      return (request, response, seen) => {
        if (isToken(request) && tokenCalls++ === 0) return sendJson(response, 500, { message: "oops" });
        normal(request, response, seen);
      };
    })(),
    outcome: { resolves: true },
  },
  {
    name: "the token endpoint refuses the credentials",
    requests: 0,
    call: (c) => c.getJob(JOB_ID),
    answer: (request, response) =>
      isToken(request) ? sendJson(response, 400, { error: "invalid_client" }) : sendJson(response, 200, job),
    outcome: { rejects: AuthenticationError, message: /token request was refused/ },
  },
  {
    name: "the token endpoint is too slow",
    requests: 0,
    call: (c) => c.getJob(JOB_ID),
    answer: (request, response) =>
      isToken(request) ? server.later(5_000, () => sendJson(response, 200, {})) : sendJson(response, 200, job),
    outcome: { rejects: TimeoutError },
  },
];

const summary = { run: 0, asPromised: 0, duplicated: 0, leaked: 0 };
afterAll(() => {
  console.log(
    `fault suite: ${summary.run} scenarios run, ${summary.asPromised} outcomes as promised, ${summary.duplicated} requests duplicated, ${summary.leaked} secrets leaked`,
  );
});

describe("faults", () => {
  it.each(scenarios.map((s) => [s.name, s]))("%s", async (_, scenario) => {
    const s = scenario as Scenario;
    summary.run += 1;
    const lines: string[] = [];
    const options: JobsClientOptions = {
      baseUrl: server.url(),
      auth: { clientId: "fault-key", clientSecret: CLIENT_SECRET },
      timeoutMs: TIMEOUT_MS,
      maxRetries: 1,
      retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1000 },
      logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
    };
    server.serve(s.answer);
    const client = createJobsClient(options);
    const result = await s.call(client).then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error }),
    );

    const seen = apiRequests(server.received());
    if (s.changesState) summary.duplicated += Math.max(0, seen.length - 1);
    const shown = [
      ...lines,
      ...(result.ok ? [] : [String(result.error), JSON.stringify(result.error), inspect(result.error)]),
    ].join("\n");
    const secrets = [CLIENT_SECRET, tokenNumber(1), tokenNumber(2), btoa(`fault-key:${CLIENT_SECRET}`)];
    const leaks = secrets.filter((secret) => shown.includes(secret));
    summary.leaked += leaks.length;

    expect(leaks).toEqual([]);
    expect(seen).toHaveLength(s.requests);
    if ("resolves" in s.outcome) {
      expect(result.ok ? "resolved" : String((result as { error: unknown }).error)).toBe("resolved");
    } else {
      expect(result.ok).toBe(false);
      const error = (result as { error: AlteryxError }).error;
      expect(error).toBeInstanceOf(s.outcome.rejects);
      if (s.outcome.outcomeUnknown !== undefined)
        expect(error).toMatchObject({ outcomeUnknown: s.outcome.outcomeUnknown });
      if (s.outcome.message) expect(error.message).toMatch(s.outcome.message);
    }
    summary.asPromised += 1;
  });
});

const cliScenarios: { name: string; args: string[]; answer: Answer; exit: number; requests: number; stderr: RegExp }[] =
  [
    {
      name: "an HTML error page that quotes the Authorization header",
      args: ["get", JOB_ID],
      answer: scenarios[14]?.answer as Answer,
      exit: 1,
      requests: 3,
      stderr: /failed with 502/,
    },
    {
      name: "a cancel whose connection is reset",
      args: ["cancel", JOB_ID],
      answer: withTokens((response) => {
        reset(response);
      }),
      exit: 6,
      requests: 1,
      stderr: /outcome is unknown/,
    },
    {
      name: "a refused token request",
      args: ["list", WORKFLOW_ID],
      answer: (request, response) =>
        isToken(request) ? sendJson(response, 401, { error: "invalid_client" }) : sendJson(response, 200, jobs),
      exit: 3,
      requests: 0,
      stderr: /token request was refused/,
    },
  ];

describe("faults through the command", () => {
  it.each(cliScenarios.map((s) => [s.name, s]))("%s", async (_, scenario) => {
    const s = scenario as (typeof cliScenarios)[number];
    summary.run += 1;
    server.serve(s.answer);
    const env = cleanEnv({
      ALTERYX_BASE_URL: server.url(),
      ALTERYX_CLIENT_ID: "fault-key",
      ALTERYX_CLIENT_SECRET: CLIENT_SECRET,
    });
    const { code, stdout, stderr } = await runCli([...s.args, "--verbose"], env);
    const seen = apiRequests(server.received());
    if (s.args[0] === "cancel") summary.duplicated += Math.max(0, seen.length - 1);
    const leaks = [CLIENT_SECRET, tokenNumber(1), tokenNumber(2)].filter((secret) =>
      (stdout + stderr).includes(secret),
    );
    summary.leaked += leaks.length;

    expect(leaks).toEqual([]);
    expect(code).toBe(s.exit);
    expect(stderr).toMatch(s.stderr);
    expect(seen).toHaveLength(s.requests);
    summary.asPromised += 1;
  });
});
