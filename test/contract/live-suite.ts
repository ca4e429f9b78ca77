// The contract checks for a real server, through `prism proxy --errors` so that both the requests
// and the server's answers are held against the spec. Read-only unless writes are asked for.
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../scripts/lib/spec.js";
import {
  AuthenticationError,
  type AuthOptions,
  createJobsClient,
  JobNotCancellableError,
  NotFoundError,
} from "../../src/index.js";
import { createRawClient } from "../../src/raw.js";
import { NO_SUCH_ID } from "../helpers/ids.js";
import { usePrism } from "../helpers/prism.js";
import { componentSchema, responseSchema, schemaErrors } from "../helpers/schema.js";

export interface LiveConfig {
  baseUrl: string;
  auth: AuthOptions;
  workflowId: string;
  jobId?: string | undefined;
  /** The caller is a Curator: check the Curator-only reads too. */
  curator: boolean;
  /** Cancel this job (opt-in write). */
  cancelJobId?: string | undefined;
  /** Run this workflow (opt-in write). */
  runWorkflowId?: string | undefined;
}

/** The configuration from ALTERYX_LIVE_* variables, or why there is none. */
export function liveConfigFromEnv(env = process.env): LiveConfig | string {
  const baseUrl = env.ALTERYX_LIVE_BASE_URL;
  const token = env.ALTERYX_LIVE_TOKEN;
  const clientId = env.ALTERYX_LIVE_CLIENT_ID;
  const clientSecret = env.ALTERYX_LIVE_CLIENT_SECRET;
  const workflowId = env.ALTERYX_LIVE_WORKFLOW_ID;
  if (!baseUrl || !workflowId || !(token || (clientId && clientSecret))) {
    return "set ALTERYX_LIVE_BASE_URL, ALTERYX_LIVE_WORKFLOW_ID and ALTERYX_LIVE_TOKEN (or ALTERYX_LIVE_CLIENT_ID and ALTERYX_LIVE_CLIENT_SECRET) to run it";
  }
  const writes = env.ALTERYX_LIVE_WRITES === "1";
  return {
    baseUrl,
    auth: token ? { token } : { clientId: clientId ?? "", clientSecret: clientSecret ?? "" },
    workflowId,
    jobId: env.ALTERYX_LIVE_JOB_ID,
    curator: env.ALTERYX_LIVE_CURATOR === "1",
    cancelJobId: writes ? env.ALTERYX_LIVE_CANCEL_JOB_ID : undefined,
    runWorkflowId: writes ? env.ALTERYX_LIVE_RUN_WORKFLOW_ID : undefined,
  };
}

export function liveSuite(title: string, config: () => LiveConfig): void {
  describe(title, () => {
    const proxy = usePrism(() => ({ mode: "proxy", upstream: config().baseUrl }));
    const client = () => createJobsClient({ baseUrl: proxy.url(), auth: config().auth, maxRetries: 0 });
    const expectSchema = (schema: JsonObject, value: unknown) => expect(schemaErrors(schema, value)).toBeNull();
    let jobId: string | undefined;

    it("lists the workflow's jobs as the spec says", async () => {
      const jobs = await client().listWorkflowJobsPage(config().workflowId, { limit: 5 });
      expectSchema(responseSchema("listWorkflowJobs", 200), jobs);
      jobId = config().jobId ?? jobs[0]?.id;
    });

    it("gets a job, with and without messages, as the spec says", async (context) => {
      if (!jobId) return context.skip("the workflow has no job; set ALTERYX_LIVE_JOB_ID");
      expectSchema(componentSchema("JobView"), await client().getJob(jobId));
      const reduced = await client().getJob(jobId, { includeMessages: false });
      expectSchema(componentSchema("ReducedJobView"), reduced);
      expect(reduced, "includeMessages=false is read as 'without messages'").not.toHaveProperty("messages");
    });

    it("downloads an output as bytes, whatever media type the server names", async (context) => {
      if (!jobId) return context.skip("the workflow has no job; set ALTERYX_LIVE_JOB_ID");
      const [first] = (await client().getJob(jobId, { includeMessages: false })).outputs;
      if (!first) return context.skip("the job has no output; set ALTERYX_LIVE_JOB_ID to a job with one");
      const format = first.availableFormats[0] ?? "Raw";
      const output = await client().getJobOutput(jobId, first.id, { format });
      expect(output.contentType, "the server names a media type").toMatch(/^[^/\s]+\/[^/\s]+/);
      // The start of the file is enough to know the answer was let through; a large one is not read to its end.
      const reader = output.body.getReader();
      const { value } = await reader.read();
      await reader.cancel();
      if (output.contentLength !== 0) expect(value?.byteLength).toBeGreaterThan(0);
    });

    it("answers 404 for a job that does not exist", async () => {
      await expect(client().getJob(NO_SUCH_ID)).rejects.toBeInstanceOf(NotFoundError);
    });

    it("answers 401 to a wrong token", async () => {
      const wrong = createJobsClient({ baseUrl: proxy.url(), auth: { token: "not-a-token" }, maxRetries: 0 });
      await expect(wrong.getJob(NO_SUCH_ID)).rejects.toBeInstanceOf(AuthenticationError);
    });

    it("reads a job's messages and the Curator listing (Curators)", async (context) => {
      if (!config().curator) return context.skip("set ALTERYX_LIVE_CURATOR=1 when the credentials are a Curator's");
      if (!jobId) return context.skip("no job to read messages of");
      const raw = await createRawClient(client()).GET("/v3/jobs/{jobId}/messages", { params: { path: { jobId } } });
      expectSchema(responseSchema("getJobMessages", 200), raw.data);
      const page = await client().listJobsPage({ limit: 5 });
      expectSchema((responseSchema("listJobs", 200).properties as JsonObject).data as JsonObject, page);
    });

    it("cancels the named job (opt-in write)", async (context) => {
      const id = config().cancelJobId;
      if (!id) return context.skip("set ALTERYX_LIVE_WRITES=1 and ALTERYX_LIVE_CANCEL_JOB_ID");
      try {
        const result = await client().cancelJob(id);
        expect(["cancelled", "deleted"]).toContain(result.outcome);
      } catch (error) {
        expect(error).toBeInstanceOf(JobNotCancellableError);
      }
    });

    it("runs the named workflow (opt-in write)", async (context) => {
      const id = config().runWorkflowId;
      if (!id) return context.skip("set ALTERYX_LIVE_WRITES=1 and ALTERYX_LIVE_RUN_WORKFLOW_ID");
      expectSchema(responseSchema("runWorkflow", 200), await client().runWorkflow(id));
    });
  });
}
