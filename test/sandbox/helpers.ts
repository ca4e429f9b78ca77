// A sandbox for one test file, optionally behind `prism proxy --errors`, and clients of it as a
// user would make them. Every answer that comes through the proxy is checked: Prism marks an
// answer that breaks the spec with an `sl-violations` header, and `violations()` collects them.
import { createJobsClient, type Fetch, type JobsClientOptions } from "../../src/index.js";
import {
  defaultFixture,
  type FixtureWorkflow,
  type RunningSandbox,
  type SandboxUser,
  type StartSandboxOptions,
  startSandbox,
} from "../../src/sandbox/index.js";
import { perFile } from "../helpers/per-file.js";
import { usePrism } from "../helpers/prism.js";

function pick<T>(list: readonly T[], index: number): T {
  const found = list[index];
  if (found === undefined) throw new Error(`The default fixture has no entry ${index}`);
  return found;
}
type Workflow = Required<FixtureWorkflow>;
export const CURATOR: SandboxUser = pick(defaultFixture.users, 0);
export const ANALYST: SandboxUser = pick(defaultFixture.users, 1);
/** The analytic app with questions and outputs, ending in Success. */
export const SALES = pick(defaultFixture.workflows, 0) as Workflow;
/** No questions; ends in Warning. */
export const INVENTORY = pick(defaultFixture.workflows, 1) as Workflow;
/** Ends in Error. */
export const CHURN = pick(defaultFixture.workflows, 2) as Workflow;
/** A fixed virtual start, so that IDs and dates repeat from run to run. */
export const START = Date.parse("2026-03-02T09:00:00.000Z");

/**
 * The default fixture without the jobs it starts with: tests of the state machine count the jobs
 * they run themselves (test/sandbox/fixture-jobs.test.ts is about those jobs).
 */
export const WITHOUT_JOBS = { ...defaultFixture, jobs: [] };

export function useSandbox(options: StartSandboxOptions = {}): () => RunningSandbox {
  return perFile(
    () => startSandbox({ speed: 0, start: START, fixture: WITHOUT_JOBS, ...options }),
    (sandbox) => sandbox.stop(),
  );
}

/**
 * A fetch after which each look at a workflow's jobs moves the sandbox's clock `ms` on: time
 * passes by the polls of a batch, never by waiting.
 */
export function movingOnEachListing(sandbox: () => RunningSandbox, ms: number): Fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    if (request.method === "GET" && /\/v3\/workflows\/[0-9a-f]{24}\/jobs$/.test(new URL(request.url).pathname)) {
      sandbox().clock.advance(ms);
    }
    return response;
  };
}

/** A bearer token from the sandbox at `url`, asked for as RFC 6749 says: a Basic header, its parts form-encoded. */
export async function tokenFor(url: string, user: SandboxUser = ANALYST): Promise<string> {
  const basic = btoa(`${encodeURIComponent(user.clientId)}:${encodeURIComponent(user.clientSecret)}`);
  const response = await fetch(`${url}/oauth2/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** A sandbox behind a validating Prism proxy; `url()` is the proxy's. */
export function useCheckedSandbox(options: StartSandboxOptions = {}) {
  const sandbox = useSandbox(options);
  const proxy = usePrism(() => ({ mode: "proxy", upstream: sandbox().url }));
  const found: string[] = [];
  const fetch = async (input: string | Request, init?: RequestInit) => {
    const response = await globalThis.fetch(input, init);
    const violation = response.headers.get("sl-violations");
    if (violation) found.push(`${init?.method ?? "GET"} ${String(input)} → ${response.status}: ${violation}`);
    return response;
  };
  return {
    sandbox,
    url: () => proxy.url(),
    fetch,
    violations: () => found,
    /** A client with the user's API key, sent as a Basic header unless asked otherwise. */
    client(user = ANALYST, extra: Partial<JobsClientOptions> = {}) {
      return createJobsClient({
        baseUrl: proxy.url(),
        auth: { clientId: user.clientId, clientSecret: user.clientSecret },
        fetch,
        maxRetries: 0,
        ...extra,
      });
    },
    /** A bearer token for the user, from the token endpoint through the proxy. */
    async token(user = ANALYST): Promise<string> {
      const body = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: user.clientId,
        client_secret: user.clientSecret,
      });
      const response = await fetch(`${proxy.url()}/oauth2/token`, { method: "POST", body });
      return ((await response.json()) as { access_token: string }).access_token;
    },
  };
}
