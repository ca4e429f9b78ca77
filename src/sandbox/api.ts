// The sandbox's one request handler, shared by its HTTP server and its MSW handlers: it finds the
// operation by the spec's method and path, applies the faults in force, checks the bearer token,
// reads the parameters by the spec's rules, asks the state machine, and answers with the status and
// message the spec documents for what happened. An operation the state machine has no rule for is
// answered with the spec's example of its success, and a header that says so.

import { type OperationId, operationRules } from "../../generated/client-values.js";
import { successExamples } from "../../generated/examples.js";
import * as operationMessages from "../../generated/operation-messages.js";
import * as sharedMessages from "../../generated/shared-messages.js";
import { createRouter } from "../core/routes.js";
import { driftRequest, driftResponse } from "./drift.js";
import type { Faults } from "./fixture.js";
import { readQuery } from "./query.js";
import { seededRandom } from "./random.js";
import { Refusal, type RefusalKind, type SandboxState, type User } from "./state.js";

/** The largest request body read; a larger one is refused with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface SandboxRequest {
  method: string;
  /** The path below the API root, such as `/v3/jobs/66ebd18d3d6200007e000d8c`. */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  /** The body, or undefined when it was larger than MAX_BODY_BYTES. */
  body: Uint8Array | undefined;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

type Params = Record<string, string>;
type Handler = (state: SandboxState, request: SandboxRequest, params: Params, user: User) => SandboxResponse;

const JSON_TYPE = "application/json";
// RFC 6749 section 4.4.2: the only grant the token endpoint serves.
const CLIENT_CREDENTIALS = "client_credentials";

const json = (status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse => ({
  status,
  headers: { "content-type": JSON_TYPE, ...headers },
  body: JSON.stringify(body),
});

/** Each documented refusal as the spec answers it. */
const refusals: Record<RefusalKind, () => SandboxResponse> = {
  unauthorized: () => json(401, { message: sharedMessages.Unauthorized.unauthorized }),
  notFound: () => json(404, { message: sharedMessages.NotFound.notFound }),
  invalid: () => json(400, { message: sharedMessages.BadRequest.invalidField }),
  notCancellable: () => json(400, { message: operationMessages.cancelJob["400"].notCancellable }),
  noPermission: () => json(400, { message: operationMessages.cancelJob["400"].noPermission }),
  formatNotOffered: () => json(400, { message: operationMessages.getJobOutput["400"].formatNotOffered }),
  invalidClient: () => json(400, { error: operationMessages.requestToken["400"].invalidClient }),
  unsupportedGrant: () => json(400, { error: operationMessages.requestToken["400"].unsupportedGrant }),
};

function refusalResponse(refusal: Refusal): SandboxResponse {
  const response = refusals[refusal.kind]();
  if (!refusal.modelState) return response;
  return json(400, { message: sharedMessages.BadRequest.invalidField, modelState: refusal.modelState });
}

/** The query read by the spec's rules; a value that breaks them is a 400 where the spec documents one. */
function query(operationId: OperationId, request: SandboxRequest, strict: boolean) {
  const { values, problems } = readQuery(operationId, request.query);
  if (strict && Object.keys(problems).length > 0) throw new Refusal("invalid", problems);
  return values;
}

/**
 * The operations the state machine answers (and requestToken, answered before any user is known).
 * An operation of the spec missing here is answered from its documented example
 * (exampleAnswer), so that a new operation builds and serves before it has a rule;
 * scripts/lib/completeness.ts lists it as lacking one.
 */
const STATE_RULES: { [K in Exclude<OperationId, "requestToken">]?: Handler } = {
  getJob: (state, request, { jobId = "" }, user) => {
    const { includeMessages = true } = query("getJob", request, false);
    return json(200, state.getJob(user, jobId, includeMessages !== false));
  },
  cancelJob: (state, _, { jobId = "" }, user) =>
    json(200, { message: operationMessages.cancelJob["200"][state.cancelJob(user, jobId)] }),
  getJobMessages: (state, _, { jobId = "" }, user) => json(200, state.getJobMessages(user, jobId)),
  listJobs: (state, request, _, user) => json(200, { data: state.listJobs(user, query("listJobs", request, true)) }),
  listWorkflowJobs: (state, request, { workflowId = "" }, user) =>
    json(200, state.listWorkflowJobs(user, workflowId, query("listWorkflowJobs", request, false))),
  runWorkflow: (state, request, { workflowId = "" }, user) => {
    let contract: unknown = {};
    const text = new TextDecoder().decode(request.body);
    if (text.trim() !== "") {
      try {
        contract = JSON.parse(text);
      } catch {
        throw new Refusal("invalid", { body: ["The body must be a JSON object."] });
      }
    }
    if (typeof contract !== "object" || contract === null || Array.isArray(contract)) {
      throw new Refusal("invalid", { body: ["The body must be a JSON object."] });
    }
    return json(200, state.runWorkflow(user, workflowId, contract as Record<string, unknown>));
  },
  getWorkflowQuestions: (state, _, { workflowId = "" }, user) =>
    json(200, state.getWorkflowQuestions(user, workflowId)),
  getJobOutput: (state, request, { jobId = "", outputId = "" }, user) => {
    const format = request.query.get("format");
    if (!format) throw new Refusal("formatNotOffered");
    const { fileName, bytes } = state.getJobOutput(user, jobId, outputId, format);
    return {
      status: 200,
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(bytes.byteLength),
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      },
      body: bytes,
    };
  },
};

/** The operations the sandbox answers by a rule of its state machine rather than by example. */
export const stateRuleNames: readonly OperationId[] = [...(Object.keys(STATE_RULES) as OperationId[]), "requestToken"];

/** Names the answer of an operation without a state rule: `example`, or `none` when the spec has none. */
export const ANSWER_HEADER = "x-sandbox-answer";

/** The spec's first documented success of an operation the state machine has no rule for. */
function exampleAnswer(operationId: OperationId): SandboxResponse {
  const found = (successExamples as Partial<Record<string, { status: number; contentType: string; body: unknown }>>)[
    operationId
  ];
  if (!found) {
    return json(
      501,
      { message: `The sandbox has no rule for ${operationId}, and the spec documents no example of its success.` },
      { [ANSWER_HEADER]: "none" },
    );
  }
  const { status, contentType, body } = found;
  return {
    status,
    headers: { "content-type": contentType, [ANSWER_HEADER]: "example" },
    body: typeof body === "string" && !/\bjson\b/i.test(contentType) ? body : JSON.stringify(body),
  };
}

/** The token endpoint: the key and secret from a Basic header or the form body. */
function requestToken(state: SandboxState, request: SandboxRequest): SandboxResponse {
  const form = new URLSearchParams(new TextDecoder().decode(request.body));
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  try {
    if (form.get("grant_type") !== CLIENT_CREDENTIALS) throw new Refusal("unsupportedGrant");
    const [clientId, clientSecret] = basic
      ? basicCredentials(basic)
      : [form.get("client_id"), form.get("client_secret")];
    if (!clientId || !clientSecret) throw new Refusal("invalidClient");
    return json(200, state.issueToken(clientId, clientSecret), { "cache-control": "no-store" });
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    // RFC 6749 section 5.2: a client that authenticated with a Basic header is refused with 401.
    if (error.kind === "invalidClient" && basic) {
      return json(401, { error: operationMessages.requestToken["401"].invalidClient }, { "www-authenticate": "Basic" });
    }
    return refusalResponse(error);
  }
}

/** RFC 6749 section 2.3.1: the key and secret are form-urlencoded before they are joined and base64-encoded. */
function basicCredentials(encoded: string): [string | undefined, string | undefined] {
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return [undefined, undefined];
  const part = (text: string) => {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch {
      return undefined;
    }
  };
  return [part(decoded.slice(0, colon)), part(decoded.slice(colon + 1))];
}

/** Which operation a request is, by the spec's method and path templates. */
const operationOf = createRouter(operationRules);

export interface SandboxApi {
  handle(request: SandboxRequest): Promise<SandboxResponse>;
}

/** @param sleep waits real time, for the latency fault. */
export function createApi(state: SandboxState, sleep: (ms: number) => Promise<void>): SandboxApi {
  let random = seededRandom(state.faults.seed ?? 1);
  let faultsSeen: Faults = state.faults;

  /** 429 or 503 for a share of requests, drawn from the seeded generator. */
  function injectedFault(): SandboxResponse | undefined {
    const { rateLimited, unavailable } = state.faults;
    if (!rateLimited && !unavailable) return undefined;
    const draw = random();
    const limited = rateLimited?.rate ?? 0;
    const fault =
      draw < limited
        ? { status: 429, message: "Too many requests.", retry: rateLimited }
        : draw < limited + (unavailable?.rate ?? 0)
          ? { status: 503, message: "The service is unavailable.", retry: unavailable }
          : undefined;
    if (!fault) return undefined;
    return json(
      fault.status,
      { message: fault.message },
      { "retry-after": String(fault.retry?.retryAfterSeconds ?? 1) },
    );
  }

  return {
    async handle(request) {
      // New faults start their own sequence, so a test that sets them sees the same draws every run.
      if (state.faults !== faultsSeen) {
        faultsSeen = state.faults;
        random = seededRandom(faultsSeen.seed ?? 1);
      }
      if (faultsSeen.latencyMs) await sleep(faultsSeen.latencyMs);
      if (request.body === undefined) return json(413, { message: `The body is larger than ${MAX_BODY_BYTES} bytes.` });
      const fault = injectedFault();
      if (fault) return fault;

      const route = operationOf(request.method, request.path);
      if (!route) return refusals.notFound();
      const { operationId } = route;
      const drifts = faultsSeen.drift ?? [];
      const drifted = driftRequest(drifts, operationId, request);
      let authenticated = false;
      const answer = (): SandboxResponse => {
        try {
          if (operationId === "requestToken") return requestToken(state, drifted);
          const params = Object.fromEntries(Object.entries(route.params).map(([k, v]) => [k, safeDecode(v)])) as Params;
          const bearer = /^Bearer\s+(\S+)$/i.exec(drifted.headers.get("authorization") ?? "")?.[1];
          const user = state.authenticate(bearer);
          authenticated = true;
          const rule = STATE_RULES[operationId];
          return rule ? rule(state, drifted, params, user) : exampleAnswer(operationId);
        } catch (error) {
          if (error instanceof Refusal) return refusalResponse(error);
          throw error;
        }
      };
      return driftResponse(drifts, operationId, answer(), authenticated);
    },
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Reads a body up to MAX_BODY_BYTES; undefined once it is larger. The rest is cancelled without
 * waiting: a cancel of a tee'd stream (MSW hands its handlers a clone of the request) settles only
 * once the other branch is cancelled too, which would keep the answer waiting forever.
 */
export async function readBody(chunks: AsyncIterable<Uint8Array> | null | undefined): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  let size = 0;
  if (!chunks) return new Uint8Array();
  const iterator = chunks[Symbol.asyncIterator]();
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    size += next.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      iterator.return?.().catch(() => undefined);
      return undefined;
    }
    parts.push(next.value);
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** What both faces answer when the sandbox itself fails: a 500 with the reason, and no stack anywhere. */
export function failure(error: unknown): SandboxResponse {
  return json(500, { message: `The sandbox failed: ${error instanceof Error ? error.message : String(error)}` });
}
