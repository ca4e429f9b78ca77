// Failures that point to their fix: an answer that is not the API's (an HTML page, a route the
// server does not have) says the base URL or the server's release may be wrong, and a refusal of
// an operation that needs a role says so; the facts (the usual root, the releases that lack an
// operation, the role) come from the spec. Hostile pages quoting secrets show none of them.
import { expect } from "vitest";
import { apiRoot, operationRules } from "../../../generated/client-values.js";
import { AlteryxApiError, AuthenticationError, NotFoundError, PermissionDeniedError } from "../../../src/index.js";
import { example } from "../../helpers/examples.js";
import { JOB_ID } from "../../helpers/ids.js";
import { sendJson } from "../fault-server.js";
import { htmlPage, type Scenario, tokenEndpoint, withTokens } from "../scenario.js";

const NOT_THE_API =
  /This is not the API's answer: the base URL may be wrong \(the API's root is usually http:\/\/127\.0\.0\.1:\d+/;
const missing = (operationId: "cancelJob" | "listJobs") => {
  const { method, path, absentThrough } = operationRules[operationId];
  return `${method} ${path} is not in releases through ${absentThrough}`;
};
const needsCurator = (operationId: "getJobMessages" | "listJobs") => {
  const { method, path, role } = operationRules[operationId];
  return `${method} ${path} needs the ${role} role`;
};
const said =
  (pattern: RegExp | string, present = true) =>
  ({ error }: { error?: unknown }) =>
    present ? expect(String(error)).toMatch(pattern) : expect(String(error)).not.toMatch(pattern);
/** ASP.NET Web API's answer to a route it does not have: `Message`, not the API's `message`. */
const noRoute = { Message: "No HTTP resource was found that matches the request URI 'http://host/v3/jobs'." };

export const explanationScenarios: Scenario[] = [
  {
    name: "an HTML 404 page quoting the token, for a job: not the API's answer, so the base URL or release",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response, request) => htmlPage(response, 404, `Not here: ${request.headers.authorization}`)),
    outcome: { rejects: NotFoundError, message: NOT_THE_API },
    check: said(`${apiRoot}), or the server's release may not have this operation.`),
  },
  {
    name: "the API's own 404 for a job: a missing job, and nothing about the base URL",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => sendJson(response, 404, example("getJob", 404, "notFound"))),
    outcome: { rejects: NotFoundError },
    check: said(/base URL/, false),
  },
  {
    name: "ASP.NET's 404 for a route it lacks, to a cancel: the release may not have DELETE",
    requests: 1,
    changesState: true,
    call: (c) => c.cancelJob(JOB_ID),
    answer: withTokens((response) => sendJson(response, 404, noRoute)),
    outcome: { rejects: NotFoundError, outcomeUnknown: false, message: NOT_THE_API },
    check: said(missing("cancelJob")),
  },
  {
    name: "405 to a cancel: not repeated, and the release may not have DELETE",
    requests: 1,
    changesState: true,
    call: (c) => c.cancelJob(JOB_ID),
    answer: withTokens((response) =>
      sendJson(response, 405, { Message: "The requested resource does not support http method 'DELETE'." }),
    ),
    outcome: { rejects: AlteryxApiError, outcomeUnknown: false, message: NOT_THE_API },
    check: said(missing("cancelJob")),
  },
  {
    name: "404 to the Curator listing, even with a message: it documents no 404, so the release may lack it",
    requests: 1,
    call: (c) => c.listJobsPage({ limit: 1 }),
    answer: withTokens((response) => sendJson(response, 404, { message: "Not found." })),
    outcome: { rejects: NotFoundError, message: NOT_THE_API },
    check: said(missing("listJobs")),
  },
  {
    name: "an HTML 404 from the token endpoint quoting the Basic value: the base URL may lack its root",
    requests: 0,
    call: (c) => c.getJob(JOB_ID),
    answer: tokenEndpoint((response, request) =>
      htmlPage(response, 404, `Authorization: ${request.headers.authorization}`),
    ),
    outcome: { rejects: AuthenticationError, message: NOT_THE_API },
  },
  {
    name: "401 to the Curator listing, after one renewal: it needs a Curator",
    requests: 2,
    tokenRequests: 2,
    call: (c) => c.listJobsPage({ limit: 1 }),
    answer: withTokens((response) => sendJson(response, 401, example("listJobs", 401, "unauthorized"))),
    outcome: { rejects: AuthenticationError },
    check: said(
      `Authorization has been denied for this request. ${needsCurator("listJobs")}: the credentials may be valid but not a Curator's.`,
    ),
  },
  {
    name: "403 to a job's messages: it needs a Curator",
    requests: 1,
    call: (c) => c.getJobMessages(JOB_ID),
    answer: withTokens((response) => sendJson(response, 403, { message: "Forbidden." })),
    outcome: { rejects: PermissionDeniedError },
    check: said(needsCurator("getJobMessages")),
  },
  {
    name: "401 to a job anyone may read: no word of a role",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => sendJson(response, 401, example("getJob", 401, "unauthorized"))),
    outcome: { rejects: AuthenticationError },
    check: said(/role/, false),
  },
];
