// The documented answers of the spec, served by the stand-in server of test/helpers/cli.ts, and
// the IDs and credentials the command tests use.

import { cleanEnv, sendJson, useApi } from "../helpers/cli.js";
import { example } from "../helpers/examples.js";
import type { Route } from "../helpers/http-server.js";
import { isTokenPath } from "../helpers/secrets.js";

export const TOKEN = "cli-Secret-Token-123";
export const CLIENT_SECRET = "cli-Client-Secret-456";

/** Answers every operation the command uses with the spec's first-named example. */
export const documented: Route = (request, response) => {
  const url = new URL(request.url ?? "/", "http://api");
  const path = url.pathname;
  if (request.method === "POST" && isTokenPath(path)) {
    return sendJson(response, 200, example("requestToken", 200, "token"));
  }
  if (request.method === "POST") return sendJson(response, 200, example("runWorkflow", 200, "queued"));
  if (request.method === "DELETE") return sendJson(response, 200, example("cancelJob", 200, "cancelled"));
  if (path.endsWith("/questions")) return sendJson(response, 200, example("getWorkflowQuestions", 200, "questions"));
  if (path.endsWith("/messages")) return sendJson(response, 200, example("getJobMessages", 200, "messages"));
  if (/\/workflows\/[^/]+\/jobs$/.test(path)) return sendJson(response, 200, example("listWorkflowJobs", 200, "jobs"));
  if (path.endsWith("/v3/jobs")) return sendJson(response, 200, example("listJobs", 200, "page"));
  const reduced = url.searchParams.get("includeMessages") === "false";
  return sendJson(response, 200, example("getJob", 200, reduced ? "reduced" : "completed"));
};

/** The stand-in server for a test file, and the command run in-process against it with a token. */
export function useCommand() {
  const api = useApi(documented);
  const env = (extra: Record<string, string> = {}) =>
    cleanEnv({ ALTERYX_BASE_URL: api.url(), ALTERYX_TOKEN: TOKEN, ...extra });
  return { api, env };
}
