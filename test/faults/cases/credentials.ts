// Secrets in every form, header safety, and token answers the client cannot use.
import { expect } from "vitest";
import { AuthenticationError, NotFoundError, ServerError, UnexpectedResponseError } from "../../../src/index.js";
import { JOB_ID } from "../../helpers/ids.js";
import { dotNetJson, htmlReferences, lowerPercent } from "../../helpers/secrets.js";
import { sendJson } from "../fault-server.js";
import {
  apiRequests,
  CLIENT_ID,
  CLIENT_SECRET,
  htmlPage,
  isToken,
  job,
  type Scenario,
  tokenEndpoint,
  tokenNumber,
  twoCalls,
  withTokens,
} from "../scenario.js";

const lifetimeWarnings = (lines: string[]) => lines.filter((line) => line.includes("expires_in"));
const formOf = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
const bodyAuth = () => ({
  auth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, clientAuthentication: "body" as const },
});
/** A token answer the client must refuse before any API request. */
const badToken = (name: string, answer: unknown, message?: RegExp): Scenario => ({
  name,
  requests: 0,
  tokenRequests: 1,
  call: (c) => c.getJob(JOB_ID),
  answer: withTokens(undefined, { token: () => answer }),
  outcome: { rejects: AuthenticationError, ...(message ? { message } : {}) },
  check: ({ error }) => expect(String(error)).not.toMatch(/x-evil/),
});

export const credentialScenarios: Scenario[] = [
  {
    name: "a 404 that echoes the token URL-encoded, JSON-escaped and as the request id",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response, request) => {
      const token = request.headers.authorization?.replace("Bearer ", "") ?? "";
      sendJson(
        response,
        404,
        { message: `No job for ${encodeURIComponent(token)} / ${JSON.stringify(token)}` },
        {
          "x-request-id": token,
        },
      );
    }),
    outcome: { rejects: NotFoundError, message: /\[redacted\]/ },
    check: ({ error }) => expect(error).toMatchObject({ requestId: "[redacted]" }),
  },
  {
    name: "a refused token request that echoes the form body and the secret JSON-escaped",
    requests: 0,
    call: (c) => c.getJob(JOB_ID),
    answer: (request, response) => {
      if (!isToken(request)) return sendJson(response, 200, job);
      const echo = `client_secret=${formOf(CLIENT_SECRET)} ${JSON.stringify(CLIENT_SECRET)}`;
      sendJson(response, 401, { error: "invalid_client", error_description: echo });
    },
    options: bodyAuth,
    outcome: { rejects: AuthenticationError, message: /refused/ },
  },
  {
    name: "an HTML 401 page from the token endpoint quoting the Basic value",
    requests: 0,
    call: (c) => c.getJob(JOB_ID),
    answer: tokenEndpoint((response, request) =>
      htmlPage(response, 401, `Authorization: ${request.headers.authorization}`),
    ),
    outcome: { rejects: AuthenticationError },
  },
  {
    name: "a 200 of the wrong shape that echoes the token as .NET writes JSON (\\u002B)",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response, request) =>
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(`{"id": 5, "echo": "${dotNetJson(request.headers.authorization ?? "")}"}`),
    ),
    outcome: { rejects: UnexpectedResponseError, message: /echo.*\[redacted\]/ },
  },
  {
    name: "a refused token request whose HTML page echoes the secret as character references",
    requests: 0,
    call: (c) => c.getJob(JOB_ID),
    answer: tokenEndpoint((response) => htmlPage(response, 400, `client_secret: ${htmlReferences(CLIENT_SECRET)}`)),
    options: bodyAuth,
    outcome: { rejects: AuthenticationError, message: /client_secret: \[redacted\]/ },
  },
  {
    name: "an HTML 401 page from the token endpoint that wraps the Basic value across lines",
    requests: 0,
    call: (c) => c.getJob(JOB_ID),
    answer: tokenEndpoint((response, request) => {
      const basic = request.headers.authorization ?? "";
      htmlPage(response, 401, `<pre>${basic.slice(0, 24)}\n${basic.slice(24)}</pre>`);
    }),
    outcome: { rejects: AuthenticationError, message: /<pre>Basic \[redacted\]<\/pre>/ },
  },
  {
    name: "a 404 whose message echoes the token percent-encoded in lower case",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response, request) =>
      sendJson(response, 404, {
        message: `No job for ${lowerPercent(request.headers.authorization ?? "")}`,
      }),
    ),
    outcome: { rejects: NotFoundError, message: /No job for Bearer%20\[redacted\]/ },
  },
  {
    name: "a request id that ends in the token after 101 characters",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response, request) =>
      sendJson(
        response,
        404,
        { message: "No such job" },
        { "x-request-id": `${"r".repeat(101)}${request.headers.authorization?.replace("Bearer ", "")}` },
      ),
    ),
    outcome: { rejects: NotFoundError },
    check: ({ error }) => expect((error as { requestId?: string }).requestId).toMatch(/^r{101}\[redac/),
  },
  {
    name: "an old token echoed after it was renewed",
    requests: 3,
    tokenRequests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response, request) => {
      if (request.headers.authorization === `Bearer ${tokenNumber(1)}`) return sendJson(response, 401, {});
      sendJson(response, 500, { message: `was ${tokenNumber(1)}, now ${encodeURIComponent(tokenNumber(2))}` });
    }),
    outcome: { rejects: ServerError },
  },
  {
    name: "a retried 503 whose message quotes the token: the log lines are masked",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response, request) =>
      sendJson(response, 503, { message: `busy for ${request.headers.authorization}` }),
    ),
    outcome: { rejects: ServerError },
    check: ({ lines }) =>
      expect(lines.some((line) => line.includes("retrying") && line.includes("[redacted]"))).toBe(true),
  },
  {
    name: "401 once the token has expired: renewed, and the call repeated once",
    requests: 2,
    tokenRequests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => sendJson(response, 401, { message: "Authorization has been denied." }), {
      when: (_, request) => request.headers.authorization === `Bearer ${tokenNumber(1)}`,
    }),
    outcome: { resolves: true },
  },

  // Header safety and RFC 6749 credentials.
  badToken("a token with CR/LF from the server: refused, not quoted", {
    access_token: "abc\r\nx-evil: 1",
    token_type: "bearer",
  }),
  {
    name: "a token function that returns non-ASCII: refused before any request",
    requests: 0,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens(),
    options: () => ({ auth: () => "tøken-ü-x-evil" }),
    outcome: { rejects: AuthenticationError },
    check: ({ error }) => expect(JSON.stringify(error)).not.toContain("tøken"),
  },
  {
    name: "a token option with a line break: refused before any request",
    requests: 0,
    call: (c) => c.cancelJob(JOB_ID),
    changesState: true,
    answer: withTokens(),
    options: () => ({ auth: { token: "fault-Token\nx-evil: 1" } }),
    outcome: { rejects: AuthenticationError, outcomeUnknown: false },
    check: ({ error }) => expect(String(error)).not.toMatch(/x-evil/),
  },
  {
    name: "a client ID with a colon and a non-Latin-1 secret: form-encoded before base64",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: (request, response) => {
      if (!isToken(request)) return sendJson(response, 200, job);
      const basic = atob(request.headers.authorization?.replace("Basic ", "") ?? "");
      const [id, secret] = basic.split(":").map((part) => decodeURIComponent(part.replaceAll("+", " ")));
      if (id === CLIENT_ID && secret === CLIENT_SECRET) sendJson(response, 200, { access_token: tokenNumber(1) });
      else sendJson(response, 401, { error: "invalid_client" });
    },
    outcome: { resolves: true },
  },

  // Token answers the client cannot use.
  badToken("a token answer of {}", {}, /access_token: missing/),
  badToken("a token answer with access_token null", { access_token: null }),
  badToken("a token answer with an empty access_token", { access_token: "" }),
  badToken(
    "a token of another type than bearer",
    { access_token: tokenNumber(1), token_type: "mac" },
    /token_type "mac"/,
  ),
  {
    name: "an HTML page with status 200 from the token endpoint",
    requests: 0,
    call: (c) => c.getJob(JOB_ID),
    answer: tokenEndpoint((response) => htmlPage(response, 200)),
    outcome: { rejects: AuthenticationError, message: /token request failed: .*content type "text\/html".*not shown/ },
  },
  {
    name: "a token with expires_in 0 is used once and not kept",
    requests: 2,
    tokenRequests: 2,
    call: twoCalls,
    answer: withTokens(undefined, { token: (n) => ({ access_token: tokenNumber(n), expires_in: 0 }) }),
    outcome: { resolves: true },
  },
  // Its lifetime, however it is written, never costs the token.
  {
    name: 'a token whose expires_in is the string "3600" is read as an hour: kept, no warning',
    requests: 2,
    tokenRequests: 1,
    call: twoCalls,
    answer: withTokens(undefined, { token: (n) => ({ access_token: tokenNumber(n), expires_in: "3600" }) }),
    outcome: { resolves: true },
    check: ({ lines }) => expect(lifetimeWarnings(lines)).toEqual([]),
  },
  ...[undefined, "abc", null, true, { seconds: 3600 }, tokenNumber(1)].map(
    (expiresIn): Scenario => ({
      name: `a token whose expires_in is ${JSON.stringify(expiresIn) ?? "missing"} is kept until it is refused, with one warning`,
      requests: 2,
      tokenRequests: 1,
      call: twoCalls,
      answer: withTokens(undefined, { token: (n) => ({ access_token: tokenNumber(n), expires_in: expiresIn }) }),
      outcome: { resolves: true },
      check: ({ lines }) => expect(lifetimeWarnings(lines)).toHaveLength(1),
    }),
  ),
  {
    name: 'a token whose expires_in is "abc", refused later: renewed once, one warning per token, not per call',
    requests: 4,
    tokenRequests: 2,
    call: async (c) => {
      for (let call = 0; call < 3; call++) await c.getJob(JOB_ID);
    },
    answer: withTokens((response) => sendJson(response, 401, { message: "Authorization has been denied." }), {
      when: (n) => n === 1,
      token: (n) => ({ access_token: tokenNumber(n), expires_in: "abc" }),
    }),
    outcome: { resolves: true },
    check: ({ lines, received }) => {
      expect(lifetimeWarnings(lines)).toHaveLength(2);
      expect(apiRequests(received).map((r) => r.authorization)).toEqual([
        `Bearer ${tokenNumber(1)}`,
        `Bearer ${tokenNumber(1)}`,
        `Bearer ${tokenNumber(2)}`,
        `Bearer ${tokenNumber(2)}`,
      ]);
    },
  },
];
