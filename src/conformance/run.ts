// runConformance: the claims derived from the spec, the plan run against one server through the
// client's own auth and transport, and each claim judged on what the plan saw, into one report.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { createJobsClientWith } from "../client.js";
import { type Clock, REAL_CLOCK } from "../core/runtime.js";
import {
  type AppValue,
  type AuthOptions,
  baseUrlProblem,
  createRedactor,
  type Fetch,
  InvalidArgumentError,
  type Logger,
  MAX_DELAY_MS,
} from "../index.js";
import { behaviourClaims } from "./behaviours.js";
import { type Claim, propertyClaims, statusClaims } from "./claims.js";
import { DEFAULT_CONCURRENCY, DEFAULT_CONFORMANCE_TIMEOUT_MS, DEFAULT_MAX_REQUESTS } from "./limits.js";
import { type Clients, type Facts, NOT_A_TOKEN, runPlan, UNKNOWN_KEY } from "./plan.js";
import { createRecorder } from "./record.js";
import type { ClaimResult, ConformanceReport, Verdict } from "./report.js";
import { loadSpec, operationPointer, type Spec } from "./spec.js";
import { swaggerClaims } from "./swagger.js";

const require = createRequire(import.meta.url);
const OBJECT_ID = /^[0-9a-f]{24}$/;

const MAX_CONCURRENCY = 16;

/** What the run is doing, for a progress line: a step, a write about to be sent, or a request. */
export interface ConformanceProgress {
  kind: "step" | "write" | "request";
  text: string;
  /** Requests sent so far. */
  requests: number;
}

export interface ConformanceOptions {
  /** The server's API root, `https://host/webapi`. */
  baseUrl: string;
  /** A Curator's API key and secret (or token): the main credentials. */
  auth: AuthOptions;
  /** A non-Curator's key and secret or token: enables the role checks, which are otherwise not exercised. */
  userAuth?: AuthOptions;
  /** The workflow whose jobs are listed, and (with writes) run. */
  workflowId?: string;
  /** A finished job to read; found from the workflow's jobs otherwise. */
  jobId?: string;
  /**
   * Run the workflow and follow its job, run a second job and cancel it, try to cancel the
   * finished one, and send refused writes (an unknown ID, a bad token). Each write is announced
   * through `onProgress` before it is sent, and sent once.
   * @default false (GETs and the token request only)
   */
  allowWrites?: boolean;
  /** The answers the run sends. @default each question's default answer */
  answers?: AppValue[];
  /**
   * The deadline for the whole run, waits included.
   * @default 600000 (10 minutes)
   */
  timeoutMs?: number;
  /**
   * Limit for one request and its answer.
   * @default 30000
   */
  requestTimeoutMs?: number;
  /**
   * The most requests sent; once spent, the claims not yet exercised stay so.
   * @default 300
   */
  maxRequests?: number;
  /**
   * Independent reads sent at once, 1 to 16.
   * @default 4
   */
  concurrency?: number;
  /** The fetch to send with. @default globalThis.fetch */
  fetch?: Fetch;
  /** Stops the run; the report says what was seen until then. */
  signal?: AbortSignal;
  onProgress?: (event: ConformanceProgress) => void;
  /**
   * Receives a line per request (debug) and per retry or surprise (warn) of every client the run
   * talks through, masked as the report is: `alteryx-jobs conform --verbose`.
   * @default no logging
   */
  logger?: Logger;
  /** The OpenAPI document to check against. @default the one this package ships */
  specPath?: string;
}

/** A claim as the spec states it, before any run: what a baseline may name. */
export interface ClaimInfo extends Pick<ClaimResult, "id" | "operationId" | "provenance" | "title" | "expected"> {
  /**
   * The spec item the claim is about, as a JSON pointer into the spec: a response, a property, a
   * parameter or a schema, else the operation (`#/paths/~1v3~1jobs~1{jobId}/get`).
   */
  pointer: string;
}

function allClaims(spec: Spec): Claim[] {
  const claims = [...statusClaims(spec), ...propertyClaims(spec), ...behaviourClaims(spec), ...swaggerClaims(spec)];
  const ids = new Set<string>();
  for (const claim of claims) {
    if (ids.has(claim.id)) throw new Error(`Two claims have the id ${claim.id}`);
    ids.add(claim.id);
  }
  return claims;
}

/** Every claim a run judges, in report order, derived from the spec (the bundled one unless named). */
export function listClaims(specPath?: string): ClaimInfo[] {
  const spec = loadSpec(specPath);
  return allClaims(spec).map(({ id, operationId, pointer, provenance, title, expected }) => ({
    id,
    operationId,
    pointer: pointer ?? operationPointer(spec, operationId),
    provenance,
    title,
    expected,
  }));
}

function check(options: ConformanceOptions): void {
  const problem = baseUrlProblem(options.baseUrl);
  if (problem) {
    const shown = problem === "credentials" ? "(a URL with credentials, not shown)" : options.baseUrl;
    throw new InvalidArgumentError("baseUrl", shown, "an http(s) URL with no credentials, query or fragment");
  }
  for (const name of ["workflowId", "jobId"] as const) {
    const value = options[name];
    if (value !== undefined && !OBJECT_ID.test(value)) throw new InvalidArgumentError(name, value, "an object ID");
  }
  if (options.allowWrites && !options.workflowId) {
    throw new InvalidArgumentError("workflowId", "(none)", "a workflow to run, when writes are allowed");
  }
  const counts: [string, number | undefined, number, number][] = [
    ["timeoutMs", options.timeoutMs, 1, MAX_DELAY_MS],
    ["maxRequests", options.maxRequests, 1, 100_000],
    ["concurrency", options.concurrency, 1, MAX_CONCURRENCY],
  ];
  for (const [name, value, least, most] of counts) {
    if (value !== undefined && !(Number.isInteger(value) && value >= least && value <= most)) {
      throw new InvalidArgumentError(name, String(value), `a whole number from ${least} to ${most}`);
    }
  }
}

/**
 * Runs the claims against one server and reports each one's verdict. Read-only unless
 * `allowWrites`; every request goes through the client's own auth and transport, bounded by
 * `maxRequests` and the `timeoutMs` deadline. Never throws for what the server answers: that is
 * in the report.
 * @throws {InvalidArgumentError} for a bad option, before any request.
 */
export function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  return runConformanceWith(options, {});
}

/**
 * runConformance on a clock of the caller's (tests: one that need not wait): the clients wait and
 * the plan measures its deadline on it.
 */
export async function runConformanceWith(
  options: ConformanceOptions,
  runtime: { clock?: Clock },
): Promise<ConformanceReport> {
  check(options);
  const clock = runtime.clock ?? REAL_CLOCK;
  const spec = loadSpec(options.specPath);
  const claims = allClaims(spec);
  const startedAt = new Date().toISOString();
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONFORMANCE_TIMEOUT_MS;
  const deadline = clock.now() + timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const allowWrites = options.allowWrites === true;
  const redact = createRedactor();
  for (const auth of [options.auth, options.userAuth]) {
    if (auth && typeof auth === "object") {
      for (const secret of "token" in auth ? [auth.token] : [auth.clientSecret]) redact.remember(secret, true);
    }
  }
  let requests = 0;
  const progress = (kind: ConformanceProgress["kind"], text: string) =>
    options.onProgress?.({ kind, text: redact(text), requests });
  const recorder = createRecorder({
    baseUrl: options.baseUrl,
    spec,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    redact,
    maxRequests: options.maxRequests ?? DEFAULT_MAX_REQUESTS,
    allowWrites,
    onRequest(method, path) {
      requests += 1;
      progress("request", `${method} ${path}`);
    },
  });
  const client = (auth: AuthOptions) =>
    createJobsClientWith(
      {
        baseUrl: options.baseUrl,
        auth,
        fetch: recorder.fetch,
        timeoutMs: options.requestTimeoutMs,
        maxRetries: 1,
        logger: options.logger,
      },
      { redact, clock },
    );
  const keys = typeof options.auth === "object" && "clientId" in options.auth;
  const wrongSecret = randomBytes(12).toString("hex");
  const clients: Clients = {
    main: client(options.auth),
    ...(keys ? { form: client({ ...(options.auth as object), clientAuthentication: "body" } as AuthOptions) } : {}),
    badToken: client({ token: NOT_A_TOKEN }),
    wrongBasic: client({ clientId: UNKNOWN_KEY, clientSecret: wrongSecret }),
    wrongForm: client({ clientId: UNKNOWN_KEY, clientSecret: wrongSecret, clientAuthentication: "body" }),
    ...(options.userAuth ? { user: client(options.userAuth) } : {}),
  };
  const facts: Facts = { downloads: [] };
  await runPlan(
    {
      spec,
      recorder,
      clients,
      facts,
      signal,
      deadline,
      clock,
      allowWrites,
      answers: options.answers,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      baseUrl: options.baseUrl.replace(/\/$/, ""),
      fetch: (url, init) => recorder.fetch(url, init),
      progress: (text) => progress("step", text),
      announce: (text) => progress("write", text),
    },
    { workflowId: options.workflowId, jobId: options.jobId },
  );

  const observed = { spec, recorder, facts, allowWrites, roles: options.userAuth !== undefined, keys };
  const results: ClaimResult[] = claims.map((claim) => {
    const judged = claim.judge(observed);
    return {
      id: claim.id,
      operationId: claim.operationId,
      provenance: claim.provenance,
      title: claim.title,
      verdict: judged.verdict,
      expected: claim.expected,
      ...(judged.observed === undefined ? {} : { observed: redact(judged.observed) }),
      evidence: (judged.evidence ?? []).map((exchange) => recorder.evidence(exchange)),
      ...(judged.proposal ? { proposal: judged.proposal } : {}),
    };
  });
  const summary = { confirmed: 0, contradicted: 0, "not-exercised": 0, inconclusive: 0, accepted: 0 } as Record<
    Verdict,
    number
  > & { accepted: number };
  for (const result of results) summary[result.verdict] += 1;
  const manifest = require("alteryx-jobs/package.json") as { name: string; version: string };
  return {
    tool: { name: manifest.name, version: manifest.version },
    spec: { title: spec.title, version: spec.version },
    server: { origin: new URL(options.baseUrl).origin },
    startedAt,
    finishedAt: new Date().toISOString(),
    allowWrites,
    requests: recorder.count,
    summary,
    claims: results,
  };
}
