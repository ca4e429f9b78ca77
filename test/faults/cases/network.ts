// The network and the server's status: hangs, resets, retry statuses, redirects, and whether a
// write's outcome is known. Hangs never end by themselves, so a timeout always wins them.

import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { expect } from "vitest";
import {
  AuthenticationError,
  ConnectionError,
  RateLimitError,
  RedirectError,
  ServerError,
  TimeoutError,
  UnexpectedResponseError,
} from "../../../src/index.js";
import { JOB_ID, WORKFLOW_ID } from "../../helpers/ids.js";
import { reset, sendJson } from "../fault-server.js";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  first,
  htmlPage,
  isToken,
  job,
  jobs,
  type Scenario,
  tokenEndpoint,
  withTokens,
} from "../scenario.js";

/** A port nothing listens on: taken, then given back. */
const closedPort = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address() as AddressInfo;
    probe.close(() => resolve(port));
  });
});
/** Never answers: the server holds the request until the suite ends. */
const hang = () => {};
const short = () => ({ timeoutMs: 300 });

export const networkScenarios: Scenario[] = [
  {
    name: "headers never come (GET): each attempt times out",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens(hang),
    options: short,
    outcome: { rejects: TimeoutError, outcomeUnknown: false },
  },
  {
    name: "headers never come (DELETE): one attempt, outcome unknown",
    requests: 1,
    changesState: true,
    call: (c) => c.cancelJob(JOB_ID),
    answer: withTokens(hang),
    options: short,
    outcome: { rejects: TimeoutError, outcomeUnknown: true, message: /outcome is unknown/ },
  },
  {
    name: "headers a little late, well within the timeout",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => setTimeout(() => sendJson(response, 200, job), 20)),
    outcome: { resolves: true },
  },
  {
    name: "a body that stops half way and never ends",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"id":');
    }),
    options: short,
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
    answer: withTokens(reset),
    outcome: { rejects: ConnectionError, outcomeUnknown: true, message: /outcome is unknown/ },
  },
  {
    name: "connection reset before headers (POST)",
    requests: 1,
    changesState: true,
    call: (c) => c.runWorkflow(WORKFLOW_ID),
    answer: withTokens(reset),
    outcome: { rejects: ConnectionError, outcomeUnknown: true },
  },
  {
    name: "connection reset after headers (GET), then recovered",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens(
      (response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.write('{"id":"66eb', () => reset(response));
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
      response.write('{"message":"Cance', () => reset(response));
    }),
    outcome: { rejects: ConnectionError, outcomeUnknown: true },
  },
  {
    name: "a body cut short of its Content-Length",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => {
      const body = JSON.stringify(job);
      response.writeHead(200, { "content-type": "application/json", "content-length": String(body.length + 100) });
      response.write(body, () => reset(response));
    }),
    outcome: { rejects: ConnectionError },
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
    answer: withTokens((response) => sendJson(response, 502, { message: "Bad Gateway" })),
    outcome: { rejects: ServerError, message: /failed with 502: Bad Gateway/ },
  },
  {
    name: "500 to a DELETE: not repeated, outcome unknown",
    requests: 1,
    changesState: true,
    call: (c) => c.cancelJob(JOB_ID),
    answer: withTokens((response) => sendJson(response, 500, { message: "An error has occurred." })),
    outcome: { rejects: ServerError, outcomeUnknown: true, message: /failed with 500/ },
  },
  {
    name: "503 to a POST",
    requests: 1,
    changesState: true,
    call: (c) => c.runWorkflow(WORKFLOW_ID),
    answer: withTokens((response) => sendJson(response, 503, { message: "Busy" }, { "retry-after": "0" })),
    outcome: { rejects: ServerError, outcomeUnknown: true },
  },
  {
    name: "429 with Retry-After, then 200",
    requests: 2,
    call: (c) => c.listWorkflowJobsPage(WORKFLOW_ID),
    answer: withTokens((response) => sendJson(response, 429, { message: "Slow down" }, { "retry-after": "1" }), {
      when: first,
      body: () => jobs,
    }),
    outcome: { resolves: true },
    check: ({ sleeps }) => expect(sleeps).toEqual([1000]),
  },
  {
    name: "429 with a Retry-After beyond the cap",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => sendJson(response, 429, { message: "Slow down" }, { "retry-after": "86400" })),
    outcome: { rejects: RateLimitError },
  },
  {
    name: "the token endpoint fails once with 500",
    requests: 1,
    tokenRequests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: (() => {
      let tokenCalls = 0;
      const normal = withTokens();
      return (request, response, seen) => {
        if (isToken(request) && tokenCalls++ === 0) return sendJson(response, 500, {});
        normal(request, response, seen);
      };
    })(),
    outcome: { resolves: true },
  },
  {
    name: "the token endpoint fails every time with 503: an AuthenticationError with the status",
    requests: 0,
    tokenRequests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: tokenEndpoint((response) => sendJson(response, 503, { message: "down" })),
    outcome: { rejects: AuthenticationError, message: /token request failed/ },
    check: ({ error }) => expect(error).toMatchObject({ status: 503, cause: expect.any(ServerError) }),
  },
  {
    name: "the token endpoint never answers: an AuthenticationError caused by the timeout",
    requests: 0,
    call: (c) => c.getJob(JOB_ID),
    answer: tokenEndpoint(hang),
    options: short,
    outcome: { rejects: AuthenticationError },
    check: ({ error }) => expect((error as Error).cause).toBeInstanceOf(TimeoutError),
  },
  {
    name: "the token endpoint refuses the credentials",
    requests: 0,
    call: (c) => c.getJob(JOB_ID),
    answer: tokenEndpoint((response) => sendJson(response, 400, { error: "invalid_client" })),
    outcome: { rejects: AuthenticationError, message: /token request was refused/ },
  },

  // Redirects: never followed, named by origin only.
  {
    name: "307 on a DELETE to a closed port: one request, a RedirectError naming the origin",
    requests: 1,
    changesState: true,
    call: (c) => c.cancelJob(JOB_ID),
    answer: withTokens((response) =>
      response.writeHead(307, { location: "http://127.0.0.1:1/webapi/v3/jobs/secret-path?x=1" }).end(),
    ),
    outcome: { rejects: RedirectError, outcomeUnknown: false, message: /http:\/\/127\.0\.0\.1:1; .*baseUrl/ },
    check: ({ error }) => expect((error as Error).message).not.toMatch(/secret-path|x=1/),
  },
  {
    name: "308 on a POST to an unknown host: one request, never re-sent",
    requests: 1,
    changesState: true,
    call: (c) => c.runWorkflow(WORKFLOW_ID),
    answer: withTokens((response) => response.writeHead(308, { location: "http://no-such-host.invalid/x" }).end()),
    outcome: { rejects: RedirectError, outcomeUnknown: false, message: /no-such-host\.invalid/ },
  },
  {
    name: "302 on a GET: not followed, not retried",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response, request) => response.writeHead(302, { location: `${request.url}/elsewhere` }).end()),
    outcome: { rejects: RedirectError },
    check: ({ received }) => expect(received.some((r) => r.path.endsWith("/elsewhere"))).toBe(false),
  },
  {
    name: "a redirect with credentials in its Location shows neither",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) =>
      response.writeHead(301, { location: "https://user:hunter2@evil.example/steal?token=abc" }).end(),
    ),
    outcome: { rejects: RedirectError, message: /https:\/\/evil\.example/ },
    check: ({ error }) => expect(JSON.stringify(error)).not.toMatch(/hunter2|user|token=abc/),
  },
  {
    name: "307 on the token request (secret in the body): the secret is not re-posted",
    requests: 0,
    tokenRequests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: tokenEndpoint((response) => response.writeHead(307, { location: "/webapi/stolen" }).end()),
    options: () => ({ auth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, clientAuthentication: "body" } }),
    outcome: { rejects: AuthenticationError },
    check: ({ error, received }) => {
      expect((error as Error).cause).toBeInstanceOf(RedirectError);
      expect(received.some((r) => r.path.endsWith("/stolen"))).toBe(false);
    },
  },

  // Whether a write's outcome is known: only when it cannot have left.
  {
    name: "a DELETE to a closed port: nothing was sent",
    requests: 0,
    changesState: true,
    call: (c) => c.cancelJob(JOB_ID),
    answer: withTokens(),
    options: () => ({ baseUrl: `http://127.0.0.1:${closedPort}/webapi`, auth: { token: "fault-Fixed-Token" } }),
    outcome: { rejects: ConnectionError, outcomeUnknown: false, message: /ECONNREFUSED/ },
    // The origin tried, and nothing of the path (where a user may have put anything).
    check: ({ error }) =>
      expect((error as Error).message).toBe(`The connection to http://127.0.0.1:${closedPort} failed (ECONNREFUSED)`),
  },
  {
    name: "a POST to a host that does not resolve: nothing was sent",
    requests: 0,
    changesState: true,
    call: (c) => c.runWorkflow(WORKFLOW_ID),
    answer: withTokens(),
    options: () => ({ baseUrl: "http://no-such-host.invalid/webapi", auth: { token: "fault-Fixed-Token" } }),
    outcome: {
      rejects: ConnectionError,
      outcomeUnknown: false,
      message: /^The connection to http:\/\/no-such-host\.invalid failed/,
    },
  },
  {
    name: "a DELETE over TLS to a server that does not speak it: nothing was sent",
    requests: 0,
    changesState: true,
    call: (c) => c.cancelJob(JOB_ID),
    answer: withTokens(),
    options: (url) => ({ baseUrl: url.replace("http:", "https:"), auth: { token: "fault-Fixed-Token" } }),
    outcome: { rejects: ConnectionError, outcomeUnknown: false },
  },
  {
    name: "runWorkflowAndWait whose POST answer has no job ID: the job may be queued, and the error says so",
    requests: 1,
    changesState: true,
    call: (c) => c.runWorkflowAndWait(WORKFLOW_ID),
    answer: withTokens(undefined, { body: () => ({ ...job, id: undefined }) }),
    outcome: {
      rejects: UnexpectedResponseError,
      outcomeUnknown: true,
      message: /body\.id: missing.*reached the server/,
    },
  },
  {
    name: "an HTML error page that quotes the Authorization header",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response, request) =>
      htmlPage(response, 502, `Authorization: ${request.headers.authorization}`),
    ),
    outcome: { rejects: ServerError, message: /not JSON: "<html><head><title>502 Bad Gateway/ },
  },
];
