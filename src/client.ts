// Builds the client: one transport for API calls (with the bearer token) and one for the token
// endpoint, openapi-fetch on top of each, and the job and workflow wrappers on top of that.
import createClient, { type Client } from "openapi-fetch";
import type { EnqueueJobContract, JobView, paths, TokenResponse } from "../generated/openapi.js";
import type { CallOptions } from "./call.js";
import { type AuthOptions, type ClientCredentials, createAuth } from "./core/auth.js";
import { AlteryxApiError, AuthenticationError, InvalidArgumentError } from "./core/errors.js";
import { defaultRetryPolicy, type RetryPolicy } from "./core/retry.js";
import { createTransport, type Logger } from "./core/transport.js";
import { fetchJob, type JobsApi, jobsApi } from "./jobs.js";
import { type Clock, realClock, type WaitOptions, waitForJob } from "./wait.js";
import { type WorkflowsApi, workflowsApi } from "./workflows.js";

export interface JobsClientOptions {
  /** The server's API root, `{scheme}://{host}/webapi`. */
  baseUrl: string;
  /** A token, a function that returns one, or the API access key and secret (client credentials). */
  auth: AuthOptions;
  /** The fetch to send requests with; the global one by default. */
  fetch?: (input: Request) => Promise<Response>;
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
    options?: WaitOptions & CallOptions,
  ): Promise<JobView>;
  /** The underlying openapi-fetch client, authenticated, for anything not wrapped. */
  readonly raw: Client<paths>;
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
    fetch: options.fetch ?? ((input: Request) => globalThis.fetch(input)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: { ...defaultRetryPolicy, ...options.retry, maxRetries: options.maxRetries ?? defaultRetryPolicy.maxRetries },
    userAgent: options.userAgent ?? "alteryx-jobs",
    logger: options.logger,
  };

  const tokenApi = createClient<paths>({
    baseUrl,
    fetch: createTransport({ ...common, repeatableMethods: TOKEN_REQUESTS, secrets: () => auth.secrets() }),
  });
  const auth = createAuth(options.auth, (credentials) => requestToken(tokenApi, credentials));
  const raw = createClient<paths>({
    baseUrl,
    fetch: createTransport({ ...common, auth, repeatableMethods: READS, secrets: () => auth.secrets() }),
  });

  const jobs = jobsApi(raw);
  const workflows = workflowsApi(raw);
  const poller = {
    poll: async (jobId: string, signal?: AbortSignal) => {
      const { data, response } = await fetchJob(raw, jobId, { includeMessages: false, signal });
      return { job: data, response };
    },
    fetch: (jobId: string, signal?: AbortSignal) => jobs.getJob(jobId, { signal }),
  };

  return {
    ...jobs,
    ...workflows,
    waitForJob(jobId, waitOptions = {}) {
      return waitForJob(poller, jobId, waitOptions, clock);
    },
    async runWorkflowAndWait(workflowId, body, waitOptions = {}) {
      const job = await workflows.runWorkflow(workflowId, body, { signal: waitOptions.signal });
      return waitForJob(poller, job.id, waitOptions, clock);
    },
    raw,
  };
}

async function requestToken(api: Client<paths>, credentials: ClientCredentials): Promise<TokenResponse> {
  const { clientId, clientSecret, clientAuthentication } = credentials;
  const basic = clientAuthentication === "basic";
  const body = {
    grant_type: "client_credentials" as const,
    ...(basic ? {} : { client_id: clientId, client_secret: clientSecret }),
  };
  try {
    const { data } = await api.POST("/oauth2/token", {
      body,
      bodySerializer: (fields) => new URLSearchParams(fields as Record<string, string>).toString(),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(basic ? { authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}` } : {}),
      },
    });
    return data as TokenResponse;
  } catch (error) {
    // Any refusal of the credentials is an authentication failure, whatever status it came with.
    if (error instanceof AlteryxApiError && error.status < 500) {
      throw new AuthenticationError(
        {
          method: "POST",
          path: error.path ?? "",
          status: error.status,
          serverMessage: error.serverMessage,
          requestId: error.requestId,
        },
        `The token request was refused (${error.status}${error.serverMessage ? `: ${error.serverMessage}` : ""})`,
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
