// The contract cases: for every operation and every documented status, drive the client's
// wrapper to that response on the Prism mock (Prefer: code=…, example=…) and check the typed
// result or the error class and the server's message. Expected values come from the spec's
// named examples, so a response schema that changes without the client fails here.
import { expect } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  CancelNotPermittedError,
  createJobsClient,
  JobNotCancellableError,
  type JobsClient,
  type JobsClientOptions,
  NotFoundError,
} from "../../src/index.js";
import { example, fileExample, headerExample } from "../helpers/examples.js";
import { JOB_ID, OUTPUT_ID, WORKFLOW_ID } from "../helpers/ids.js";
import { collect, failure } from "../helpers/outcomes.js";
import { preferring } from "../helpers/prism.js";

export interface Case {
  operationId: string;
  status: number;
  name: string;
  run(baseUrl: string): Promise<void>;
}

type Prefer = Parameters<typeof preferring>[0];
function client(
  baseUrl: string,
  prefer: Prefer,
  auth: JobsClientOptions["auth"] = { token: "contract-test-token" },
): JobsClient {
  return createJobsClient({ baseUrl, auth, fetch: preferring(prefer), maxRetries: 0 });
}

const message = (operationId: string, status: number, name: string) =>
  example<{ message: string }>(operationId, status, name).message;

/** A documented error answer: the class, the status and the server's message. */
function refusal(
  operationId: string,
  status: number,
  name: string,
  Kind: new (...args: never[]) => Error,
  call: (c: JobsClient) => Promise<unknown>,
): Case {
  return {
    operationId,
    status,
    name,
    async run(baseUrl) {
      // Prism answers a request that breaks the spec with the documented 400, so first show that
      // the same call, unrefused, is one the spec allows.
      await call(client(baseUrl, ""));
      const error = await failure(call(client(baseUrl, `code=${status}, example=${name}`)));
      expect(error).toBeInstanceOf(Kind);
      expect(error).toMatchObject({ status, serverMessage: message(operationId, status, name) });
      // The server's reasons by field, as the example's modelState gives them (none: empty).
      if (error instanceof BadRequestError) {
        const { modelState = {} } = example<{ modelState?: object }>(operationId, status, name);
        expect({ ...error.fieldErrors }).toEqual(modelState);
      }
    },
  };
}

/** Downloads an output to the end, so that a refusal is seen wherever it comes. */
async function download(c: JobsClient): Promise<void> {
  const output = await c.getJobOutput(JOB_ID, OUTPUT_ID, { format: "Csv" });
  await new Response(output.body).arrayBuffer();
}

const unauthorized = (operationId: string, call: (c: JobsClient) => Promise<unknown>) =>
  refusal(operationId, 401, "unauthorized", AuthenticationError, call);
const notFound = (operationId: string, call: (c: JobsClient) => Promise<unknown>) =>
  refusal(operationId, 404, "notFound", NotFoundError, call);
const invalid = (operationId: string, call: (c: JobsClient) => Promise<unknown>) =>
  refusal(operationId, 400, "invalidField", BadRequestError, call);

export const cases: Case[] = [
  // getJob
  ...["completed", "running"].map(
    (name): Case => ({
      operationId: "getJob",
      status: 200,
      name,
      async run(baseUrl) {
        const job = await client(baseUrl, `example=${name}`).getJob(JOB_ID);
        expect(job).toEqual(example("getJob", 200, name));
      },
    }),
  ),
  {
    operationId: "getJob",
    status: 200,
    name: "reduced, with includeMessages=false",
    async run(baseUrl) {
      const job = await client(baseUrl, "example=reduced").getJob(JOB_ID, { includeMessages: false });
      expect(job).toEqual(example("getJob", 200, "reduced"));
      expect(job).not.toHaveProperty("messages");
    },
  },
  unauthorized("getJob", (c) => c.getJob(JOB_ID)),
  notFound("getJob", (c) => c.getJob(JOB_ID)),

  // getJobMessages
  {
    operationId: "getJobMessages",
    status: 200,
    name: "an array of messages",
    async run(baseUrl) {
      const messages = await client(baseUrl, "example=messages").getJobMessages(JOB_ID);
      expect(messages).toEqual(example("getJobMessages", 200, "messages"));
    },
  },
  {
    operationId: "getJobMessages",
    status: 200,
    name: "one message object, as documented, returned as an array",
    async run(baseUrl) {
      const messages = await client(baseUrl, "example=single").getJobMessages(JOB_ID);
      expect(messages).toEqual([example("getJobMessages", 200, "single")]);
    },
  },
  unauthorized("getJobMessages", (c) => c.getJobMessages(JOB_ID)),
  notFound("getJobMessages", (c) => c.getJobMessages(JOB_ID)),

  // cancelJob
  ...(["cancelled", "deleted"] as const).map(
    (name): Case => ({
      operationId: "cancelJob",
      status: 200,
      name,
      async run(baseUrl) {
        const result = await client(baseUrl, `example=${name}`).cancelJob(JOB_ID);
        expect(result).toEqual({ outcome: name, message: message("cancelJob", 200, name) });
      },
    }),
  ),
  refusal("cancelJob", 400, "notCancellable", JobNotCancellableError, (c) => c.cancelJob(JOB_ID)),
  refusal("cancelJob", 400, "noPermission", CancelNotPermittedError, (c) => c.cancelJob(JOB_ID)),
  unauthorized("cancelJob", (c) => c.cancelJob(JOB_ID)),
  notFound("cancelJob", (c) => c.cancelJob(JOB_ID)),

  // listJobs
  {
    operationId: "listJobs",
    status: 200,
    name: "paging across two pages with every filter",
    async run(baseUrl) {
      const pages = (url: URL) => (url.searchParams.get("offset") === "0" ? "example=page" : "example=nextPage");
      const jobs = await collect(
        client(baseUrl, pages).listJobs({
          pageSize: 2,
          sortField: "CreateDate",
          direction: "desc",
          priorities: ["High", "2"],
          statuses: ["Queued", "Complete"],
          users: ["someone@example.com"],
          allUsers: true,
          workflowNames: ["Monthly sales summary"],
          completedBefore: "2026-11-30",
          completedAfter: "2026-11-01",
        }),
      );
      type Page = { data: unknown[] };
      expect(jobs).toEqual([
        ...example<Page>("listJobs", 200, "page").data,
        ...example<Page>("listJobs", 200, "nextPage").data,
      ]);
    },
  },
  {
    operationId: "listJobs",
    status: 200,
    name: "no job matches",
    async run(baseUrl) {
      expect(await client(baseUrl, "example=empty").listJobsPage()).toEqual([]);
    },
  },
  invalid("listJobs", (c) => c.listJobsPage({ limit: 10 })),
  unauthorized("listJobs", (c) => c.listJobsPage()),

  // listWorkflowJobs
  {
    operationId: "listWorkflowJobs",
    status: 200,
    name: "paging across two pages with every filter",
    async run(baseUrl) {
      const pages = (url: URL) => (url.searchParams.get("offset") === "0" ? "example=jobs" : "example=nextPage");
      const jobs = await collect(
        client(baseUrl, pages).listWorkflowJobs(WORKFLOW_ID, {
          pageSize: 2,
          sortField: "createDate",
          direction: "asc",
          status: "Complete",
          resultCode: "Error",
        }),
      );
      expect(jobs).toEqual([
        ...example<unknown[]>("listWorkflowJobs", 200, "jobs"),
        ...example<unknown[]>("listWorkflowJobs", 200, "nextPage"),
      ]);
    },
  },
  {
    operationId: "listWorkflowJobs",
    status: 200,
    name: "a workflow with no jobs",
    async run(baseUrl) {
      expect(await client(baseUrl, "example=empty").listWorkflowJobsPage(WORKFLOW_ID)).toEqual([]);
    },
  },
  unauthorized("listWorkflowJobs", (c) => c.listWorkflowJobsPage(WORKFLOW_ID)),
  notFound("listWorkflowJobs", (c) => c.listWorkflowJobsPage(WORKFLOW_ID)),

  // runWorkflow
  {
    operationId: "runWorkflow",
    status: 200,
    name: "queued, with questions and a priority",
    async run(baseUrl) {
      const job = await client(baseUrl, "example=queued").runWorkflow(WORKFLOW_ID, {
        questions: [{ name: "Region", value: "EMEA" }],
        priority: "High",
        workerTag: "finance",
        credentialId: "66ebd0f23d6200007e000d01",
      });
      expect(job).toEqual(example("runWorkflow", 200, "queued"));
    },
  },
  invalid("runWorkflow", (c) => c.runWorkflow(WORKFLOW_ID, { priority: "High" })),
  unauthorized("runWorkflow", (c) => c.runWorkflow(WORKFLOW_ID)),
  notFound("runWorkflow", (c) => c.runWorkflow(WORKFLOW_ID)),

  // getJobOutput
  {
    operationId: "getJobOutput",
    status: 200,
    name: "the file's bytes as a stream, named by Content-Disposition",
    async run(baseUrl) {
      const output = await client(baseUrl, "example=csv").getJobOutput(JOB_ID, OUTPUT_ID, { format: "Csv" });
      const bytes = new Uint8Array(await new Response(output.body).arrayBuffer());
      expect(bytes).toEqual(fileExample("getJobOutput", 200, "*/*", "csv"));
      expect(output.contentLength).toBe(bytes.byteLength);
      expect(output.contentDisposition).toBe(headerExample("getJobOutput", 200, "Content-Disposition"));
      // Any media type is allowed (`*/*`); the one the server named is passed on as it is.
      expect(output.contentType).toMatch(/^[^/\s]+\/[^/\s]+/);
    },
  },
  refusal("getJobOutput", 400, "formatNotOffered", BadRequestError, (c) => download(c)),
  unauthorized("getJobOutput", (c) => download(c)),
  notFound("getJobOutput", (c) => download(c)),
  // getWorkflowQuestions
  ...["questions", "none"].map(
    (name): Case => ({
      operationId: "getWorkflowQuestions",
      status: 200,
      name,
      async run(baseUrl) {
        const questions = await client(baseUrl, `example=${name}`).getWorkflowQuestions(WORKFLOW_ID, {
          versionId: "2",
        });
        expect(questions).toEqual(example("getWorkflowQuestions", 200, name));
      },
    }),
  ),
  unauthorized("getWorkflowQuestions", (c) => c.getWorkflowQuestions(WORKFLOW_ID)),
  notFound("getWorkflowQuestions", (c) => c.getWorkflowQuestions(WORKFLOW_ID)),

  // requestToken, through client credentials
  ...(["basic", "body"] as const).map(
    (clientAuthentication): Case => ({
      operationId: "requestToken",
      status: 200,
      name: `token, client authentication in the ${clientAuthentication === "basic" ? "Basic header" : "form body"}`,
      async run(baseUrl) {
        const auth = { clientId: "contract-key", clientSecret: "contract-secret", clientAuthentication };
        const token = (url: URL) => (url.pathname === "/oauth2/token" ? "example=token" : "example=completed");
        expect(await client(baseUrl, token, auth).getJob(JOB_ID)).toEqual(example("getJob", 200, "completed"));
      },
    }),
  ),
  ...([400, 401] as const).map(
    (status): Case => ({
      operationId: "requestToken",
      status,
      name: "invalidClient",
      async run(baseUrl) {
        const auth = { clientId: "contract-key", clientSecret: "wrong" };
        const refused = (url: URL) =>
          url.pathname === "/oauth2/token" ? `code=${status}, example=invalidClient` : undefined;
        const error = await failure(client(baseUrl, refused, auth).getJob(JOB_ID));
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(error).toMatchObject({ status, serverMessage: "invalid_client" });
      },
    }),
  ),
];
