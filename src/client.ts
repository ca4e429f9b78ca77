// Builds the client over one runtime: a transport for API calls (with the bearer token) and one
// for the token endpoint, and the job and workflow wrappers on top of them.
import type { EnqueueJobContract, JobView } from "../generated/openapi.js";
import { type CallInit, createCall, createStreamCall, defined } from "./call.js";
import { type AuthOptions, createAuth } from "./core/auth.js";
import { baseUrlProblem, normalBaseUrl } from "./core/base-url.js";
import { InvalidArgumentError } from "./core/errors.js";
import { checkNumber } from "./core/options.js";
import { createRedactor } from "./core/redact.js";
import { DEFAULT_RETRY_POLICY, REPEATABLE_METHODS, type RetryPolicy, TOKEN_REQUEST_METHODS } from "./core/retry.js";
import { type Fetch, type Logger, REAL_CLOCK, type Runtime } from "./core/runtime.js";
import { createTransport, type Transport } from "./core/transport.js";
import { createJobsApi, type JobsApi, requestJob } from "./jobs.js";
import { createOutputsApi, type OutputsApi } from "./outputs.js";
import { type WaitOptions, waitForJob, waitPolicy } from "./wait.js";
import { createWorkflowsApi, type RunOptions, type WorkflowsApi } from "./workflows.js";

export interface JobsClientOptions {
  /** The server's API root, `{scheme}://{host}/webapi`: no credentials, query or fragment. */
  baseUrl: string;
  /** A token, a function that returns one, or the API access key and secret (client credentials). */
  auth: AuthOptions;
  /**
   * The fetch to send requests with. It is called as the global fetch is, with a URL and an init
   * whose `method`, `headers`, `body`, `signal` and `redirect: "manual"` it must honour.
   * @default globalThis.fetch
   */
  fetch?: Fetch;
  /**
   * Limit for one attempt, body included, in ms; 0 for none.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Retries after the first attempt, for GETs and token requests only.
   * @default 2
   */
  maxRetries?: number;
  /** Backoff tuning: first delay, longest delay, longest Retry-After honoured. */
  retry?: Partial<RetryPolicy>;
  /**
   * The most bytes of a JSON body read into memory, counted after decompression; a larger body
   * ends the call with UnexpectedResponseError.
   * @default 16777216 (16 MiB)
   */
  maxResponseBytes?: number;
  /**
   * Receives a line per request (debug) and per retry or surprise (warn), masked like every text.
   * @default no logging
   */
  logger?: Logger;
  /**
   * Sent as User-Agent.
   * @default "alteryx-jobs"
   */
  userAgent?: string;
}

export interface JobsClient extends JobsApi, WorkflowsApi, OutputsApi {
  /**
   * Polls until the job is Completed, Cancelled or in Error and resolves with it, messages included.
   * @throws {WaitTimeoutError} at the deadline (`timeoutMs`); the job goes on.
   * @throws {AbortError} when `signal` fires; the job goes on.
   * @throws {InvalidArgumentError} for a bad ID or option; nothing is sent.
   */
  waitForJob(jobId: string, options?: WaitOptions): Promise<JobView>;
  /**
   * runWorkflow, then waitForJob on the new job.
   * @throws as runWorkflow, then as waitForJob.
   */
  runWorkflowAndWait(
    workflowId: string,
    body?: EnqueueJobContract,
    options?: WaitOptions & RunOptions,
  ): Promise<JobView>;
  /**
   * `text` with every secret this client holds or held recently masked, in every form it masks
   * them in its own errors and log lines (for programs that print other text).
   */
  redact(text: string): string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * A client for the v3 jobs API.
 * @throws {InvalidArgumentError} for a bad `baseUrl` or numeric option.
 * @example
 * ```ts
 * import { createJobsClient } from "alteryx-jobs";
 *
 * const client = createJobsClient({
 *   baseUrl: "https://alteryx.example.com/webapi",
 *   auth: { clientId: process.env.ALTERYX_CLIENT_ID ?? "", clientSecret: process.env.ALTERYX_CLIENT_SECRET ?? "" },
 * });
 * const job = await client.runWorkflowAndWait("66ebd0f23d6200007e000d7a");
 * console.log(job.status, job.disposition);
 * ```
 */
export function createJobsClient(options: JobsClientOptions): JobsClient {
  return createJobsClientWith(options, {});
}

/** createJobsClient over a runtime of the caller's (tests and benchmarks: a clock that need not wait). */
export function createJobsClientWith(options: JobsClientOptions, runtime: Partial<Runtime>): JobsClient {
  const baseUrl = checkBaseUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy = {
    ...DEFAULT_RETRY_POLICY,
    ...defined(options.retry ?? {}),
    ...defined({ maxRetries: options.maxRetries }),
  };
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  checkNumber("timeoutMs", timeoutMs, { atLeast: 0 });
  checkNumber("maxResponseBytes", maxResponseBytes, { above: 0 });
  for (const [name, value] of Object.entries(policy)) checkNumber(name, value, { atLeast: 0 });
  const userAgent = options.userAgent ?? "alteryx-jobs";
  if (!/^[\x20-\x7e]+$/.test(userAgent)) throw new InvalidArgumentError("userAgent", userAgent, "visible ASCII text");

  const redact = runtime.redact ?? createRedactor();
  const logger = options.logger;
  const full: Runtime = {
    fetch: runtime.fetch ?? options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    clock: runtime.clock ?? REAL_CLOCK,
    random: runtime.random ?? Math.random,
    redact,
    logger: {
      debug: logger?.debug && ((line) => logger.debug?.(redact(line))),
      warn: logger?.warn && ((line) => logger.warn?.(redact(line))),
    },
  };
  const warn = (line: string) => full.logger.warn?.(line);
  const common = { runtime: full, timeoutMs, maxResponseBytes, policy, userAgent };

  const tokenCall = createCall(
    createTransport({ ...common, repeatableMethods: TOKEN_REQUEST_METHODS, quoteSuccess: false }),
    baseUrl,
  );
  const auth = createAuth(
    options.auth,
    async ({ body, headers }, signal) => {
      const contentType = "application/x-www-form-urlencoded";
      return (await tokenCall("requestToken", { body, contentType, headers, signal })).data;
    },
    full,
  );
  const transport = createTransport({ ...common, auth, repeatableMethods: REPEATABLE_METHODS });
  const call = createCall(transport, baseUrl);

  const jobs = createJobsApi(call, warn);
  const workflows = createWorkflowsApi(call, warn);
  const outputs = createOutputsApi(createStreamCall(transport, baseUrl));
  const poller = {
    poll: async (jobId: string, signal: AbortSignal | undefined, deadline: CallInit["deadline"]) => {
      const { data, response } = await requestJob(call, jobId, { includeMessages: false, signal, deadline });
      return { job: data, response };
    },
    getJob: async (jobId: string, signal: AbortSignal | undefined, deadline: CallInit["deadline"]) =>
      (await requestJob(call, jobId, { signal, deadline })).data as JobView,
    maxRetryAfterMs: policy.maxRetryAfterMs,
  };

  const client: JobsClient = {
    ...jobs,
    ...workflows,
    ...outputs,
    waitForJob(jobId, waitOptions = {}) {
      return waitForJob(poller, jobId, waitOptions, full.clock, warn);
    },
    async runWorkflowAndWait(workflowId, body, waitOptions = {}) {
      const { signal, checkQuestions } = waitOptions;
      // Checked before the POST: a bad wait option must not leave a job queued behind an error.
      waitPolicy(waitOptions);
      const job = await workflows.runWorkflow(workflowId, body, { signal, checkQuestions });
      return waitForJob(poller, job.id, waitOptions, full.clock, warn);
    },
    redact,
  };
  connections.set(client, { baseUrl, transport });
  return client;
}

/** Each client's base URL and transport, for `alteryx-jobs/raw`; kept out of the client's own fields. */
const connections = new WeakMap<JobsClient, Connection>();
type Connection = { baseUrl: string; transport: Transport };

export function connectionOf(client: JobsClient): Connection {
  const connection = connections.get(client);
  if (!connection) throw new TypeError("Not a client made by createJobsClient");
  return connection;
}

function checkBaseUrl(value: string): string {
  const problem = baseUrlProblem(value);
  if (problem) {
    const shown = problem === "credentials" ? "(a URL with credentials, not shown)" : value;
    throw new InvalidArgumentError("baseUrl", shown, "an http(s) URL with no credentials, query or fragment");
  }
  return normalBaseUrl(value);
}
