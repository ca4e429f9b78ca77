// What a fault scenario is, and the pieces scenarios are built from: a server that issues
// numbered tokens, secrets with characters that change under every encoding, and the forms in
// which a leak of them would show.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AlteryxError, JobsClient, JobsClientOptions } from "../../src/index.js";
import { example } from "../helpers/examples.js";
import { JOB_ID } from "../helpers/ids.js";
import { isTokenPath, leakForms } from "../helpers/secrets.js";
import { type Answer, type Received, sendJson } from "./fault-server.js";

export const CLIENT_ID = "fault:key";
/** `/`, `+`, `"`, a space and a non-Latin-1 letter: each encoding writes it differently. */
export const CLIENT_SECRET = 'fault/Secret+"x y✓';
export const tokenNumber = (n: number) => `fault-Access/Token+${n}`;
export const job = example<Record<string, unknown>>("getJob", 200, "completed");
export const jobs = example<Record<string, unknown>[]>("listWorkflowJobs", 200, "jobs");

type Kind = abstract new (...args: never[]) => AlteryxError;

export interface Seen {
  error?: unknown;
  value?: unknown;
  lines: string[];
  sleeps: number[];
  /** Milliseconds the injected clock moved. */
  elapsed: number;
  received: Received[];
}

export interface Scenario {
  name: string;
  /** API requests (not token requests) the server must see, exactly. */
  requests: number;
  /** Token requests the server must see, when it matters. */
  tokenRequests?: number;
  call: (client: JobsClient, server: { url: () => string }) => Promise<unknown>;
  answer: Answer;
  /** `rejects` lists more than one kind where Node releases differ in which one they reach first. */
  outcome: { resolves: true } | { rejects: Kind | readonly Kind[]; outcomeUnknown?: boolean; message?: RegExp };
  /** A DELETE or POST: seeing it more than once is a duplicate. */
  changesState?: boolean;
  /** Options beside the suite's (client credentials, 10 s attempts, one retry); given the server's URL. */
  options?: (url: string) => Partial<JobsClientOptions>;
  /** More the scenario promises: what was logged, slept, received. */
  check?: (seen: Seen) => void;
}

export const isToken = (request: IncomingMessage) => isTokenPath(request.url);
export const apiRequests = (seen: Received[]) => seen.filter((r) => !isTokenPath(r.path));
export const tokenRequests = (seen: Received[]) => seen.filter((r) => isTokenPath(r.path));
/** The nth API request (0-based) of the scenario. */
const nth = (seen: Received[]) => apiRequests(seen).length - 1;

export type Fault = (response: ServerResponse, request: IncomingMessage) => void;
interface When {
  /** Which API requests (0-based count, and the request) get the fault; all by default. */
  when?: (n: number, request: IncomingMessage) => boolean;
  /** The body of a good answer; the spec's completed job by default. */
  body?: () => unknown;
  /** The token answer; a bearer token for an hour by default. */
  token?: (n: number) => unknown;
}

/** Tokens are issued with a number; API requests get `fault` when `when` says so, else `body`. */
export function withTokens(fault?: Fault, { when = () => true, body = () => job, token }: When = {}): Answer {
  let issued = 0;
  return (request, response, seen) => {
    if (isToken(request)) {
      issued += 1;
      const answer = token?.(issued) ?? { access_token: tokenNumber(issued), token_type: "bearer", expires_in: 3600 };
      return sendJson(response, 200, answer);
    }
    if (fault && when(nth(seen), request)) fault(response, request);
    else sendJson(response, 200, body());
  };
}
export const first = (n: number) => n === 0;
/** The token endpoint answers with `fault`; API requests get the completed job. */
export const tokenEndpoint =
  (fault: Fault): Answer =>
  (request, response) =>
    isToken(request) ? fault(response, request) : sendJson(response, 200, job);
/** Two calls in a row, to see whether a token is kept between them. */
export const twoCalls = async (c: JobsClient) => {
  await c.getJob(JOB_ID);
  await c.getJob(JOB_ID);
};
export const htmlPage = (response: ServerResponse, status: number, extra = "") =>
  response
    .writeHead(status, { "content-type": "text/html" })
    .end(`<html><head><title>${status} Bad Gateway</title></head><body>${extra}</body></html>`);

/** Every form in which the scenarios' secrets would show if they leaked. */
export const scenarioLeakForms = () =>
  leakForms([CLIENT_SECRET, tokenNumber(1), tokenNumber(2), tokenNumber(3)], [[CLIENT_ID, CLIENT_SECRET]]);
