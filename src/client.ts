// Builds the client: one transport for API calls (with the bearer token) and one for the token
// endpoint, and the job and workflow wrappers on top of them.
import type { EnqueueJobContract, JobView, TokenResponse } from "../generated/openapi.js";
import { type Call, createCall } from "./call.js";
import { type AuthOptions, type ClientCredentials, createAuth } from "./core/auth.js";
import { AlteryxApiError, AuthenticationError, InvalidArgumentError } from "./core/errors.js";
import { defaultRetryPolicy, type RetryPolicy } from "./core/retry.js";
import { createTransport, type Fetch, type Logger, type Transport } from "./core/transport.js";
import { fetchJob, type JobsApi, jobsApi } from "./jobs.js";
import { type Clock, realClock, type WaitOptions, waitForJob } from "./wait.js";
import { type RunOptions, type WorkflowsApi, workflowsApi } from "./workflows.js";

export interface JobsClientOptions {
  /** The server's API root, `{scheme}://{host}/webapi`. */
  baseUrl: string;
  /** A token, a function that returns one, or the API access key and secret (client credentials). */
  auth: AuthOptions;
  /**
   * The fetch to send requests with; the global one by default. It is called as the global fetch
   * is, with a URL and an init whose `method`, `headers`, `body` and `signal` it must honour.
   */
  fetch?: Fetch;
  /** Limit for one attempt, body included. Default 30 s; 0 for none. */
  timeoutMs?: number;
  /** Retries after the first attempt, for GETs and token requests only. Default 2. */
  maxRetries?: number;
  /** Backoff tuning: first delay, longest delay, longest Retry-After honoured. */
  retry?: Partial<Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs" | "maxRetryAfterMs">>;
  /** Receives a line per request and retry; never a header, token or secret. */
  logger?: Logger;
  /** Sent as User-Agent. */
  userAgent?: string;
}

export interface JobsClient extends JobsApi, WorkflowsApi {
  /**
   * Polls until the job is Completed, Cancelled or in Error and resolves with it, messages included.
   * Rejects with WaitTimeoutError or AbortError; neither cancels the job.
   */
  waitForJob(jobId: string, options?: WaitOptions): Promise<JobView>;
  /** runWorkflow, then waitForJob on the new job. */
  runWorkflowAndWait(
    workflowId: string,
    body?: EnqueueJobContract,
    options?: WaitOptions & RunOptions,
  ): Promise<JobView>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const READS = new Set(["GET", "HEAD"]);
// The token request changes nothing on the server, so it is as safe to repeat as a read.
const TOKEN_REQUESTS = new Set(["POST"]);

/** A client for the v3 jobs API. */
export function createJobsClient(options: JobsClientOptions): JobsClient {
  return buildClient(options, realClock);
}

/** createJobsClient with the clock that waiting uses, so that tests and benchmarks need not wait. */
export function buildClient(options: JobsClientOptions, clock: Clock): JobsClient {
  const baseUrl = checkBaseUrl(options.baseUrl);
  const common = {
    fetch: options.fetch ?? ((input: string | Request, init?: RequestInit) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: { ...defaultRetryPolicy, ...options.retry, maxRetries: options.maxRetries ?? defaultRetryPolicy.maxRetries },
    userAgent: options.userAgent ?? "alteryx-jobs",
    logger: options.logger,
  };

  const tokenTransport = createTransport({
    ...common,
    repeatableMethods: TOKEN_REQUESTS,
    secrets: () => auth.secrets(),
  });
  const tokenCall = createCall(tokenTransport, baseUrl);
  const auth = createAuth(options.auth, (credentials) => requestToken(tokenCall, credentials));
  const transport = createTransport({ ...common, auth, repeatableMethods: READS, secrets: () => auth.secrets() });
  const call = createCall(transport, baseUrl);

  const jobs = jobsApi(call);
  const workflows = workflowsApi(call);
  const poller = {
    poll: async (jobId: string, signal?: AbortSignal) => {
      const { data, response } = await fetchJob(call, jobId, { includeMessages: false, signal });
      return { job: data, response };
    },
    fetch: (jobId: string, signal?: AbortSignal) => jobs.getJob(jobId, { signal }),
  };

  const client: JobsClient = {
    ...jobs,
    ...workflows,
    waitForJob(jobId, waitOptions = {}) {
      return waitForJob(poller, jobId, waitOptions, clock);
    },
    async runWorkflowAndWait(workflowId, body, waitOptions = {}) {
      const { signal, checkQuestions } = waitOptions;
      const job = await workflows.runWorkflow(workflowId, body, { signal, checkQuestions });
      return waitForJob(poller, job.id, waitOptions, clock);
    },
  };
  connections.set(client, { baseUrl, transport, clock });
  return client;
}

/** Each client's base URL, transport and clock, for `alteryx-jobs/raw` and `/batch`; kept out of the client's own fields. */
const connections = new WeakMap<JobsClient, Connection>();
type Connection = { baseUrl: string; transport: Transport; clock: Clock };

export function connectionOf(client: JobsClient): Connection {
  const connection = connections.get(client);
  if (!connection) throw new TypeError("Not a client made by createJobsClient");
  return connection;
}

async function requestToken(call: Call, credentials: ClientCredentials): Promise<TokenResponse> {
  const { clientId, clientSecret, clientAuthentication } = credentials;
  const basic = clientAuthentication === "basic";
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (!basic) {
    form.set("client_id", clientId);
    form.set("client_secret", clientSecret);
  }
  try {
    const { data } = await call("requestToken", {
      body: form.toString(),
      contentType: "application/x-www-form-urlencoded",
      headers: basic ? { authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}` } : {},
    });
    return data;
  } catch (error) {
    // Any refusal of the credentials is an authentication failure, whatever status it came with.
    if (error instanceof AlteryxApiError && error.status < 500) {
      const { status, serverMessage, requestId } = error;
      const details = { method: "POST", path: error.path ?? "", status, serverMessage, requestId };
      throw new AuthenticationError(
        details,
        `The token request was refused (${status}${serverMessage ? `: ${serverMessage}` : ""})`,
      );
    }
    throw error;
  }
}

function checkBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError("baseUrl", value, "an absolute http(s) URL such as https://server/webapi");
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new InvalidArgumentError("baseUrl", value, "an http(s) URL with no credentials, query or fragment");
  }
  return url.href.replace(/\/+$/, "");
}
