// The sandbox behaves like the server, through the client as a user would call it, with
// `prism proxy --errors` in front: every answer is also held against the spec.
import { afterEach, describe, expect, it } from "vitest";
import * as operationMessages from "../../generated/operation-messages.js";
import * as sharedMessages from "../../generated/shared-messages.js";
import {
  AuthenticationError,
  BadRequestError,
  CancelNotPermittedError,
  JobNotCancellableError,
  type JobView,
  NotFoundError,
} from "../../src/index.js";
import { ANALYST, CHURN, CURATOR, INVENTORY, SALES, useCheckedSandbox } from "./helpers.js";

const api = useCheckedSandbox();
afterEach(() => {
  expect(api.violations()).toEqual([]);
});

const advance = (ms: number) => api.sandbox().clock.advance(ms);
const SALES_TIME = SALES.queuedMs + SALES.runningMs;
const cancelMessages = operationMessages.cancelJob;

describe("tokens", () => {
  it("are issued for a key and secret sent in a Basic header or in the form body", async () => {
    for (const clientAuthentication of ["basic", "body"] as const) {
      const client = api.client(ANALYST, {
        auth: { clientId: ANALYST.clientId, clientSecret: ANALYST.clientSecret, clientAuthentication },
      });
      expect(await client.listWorkflowJobsPage(INVENTORY.id)).toEqual(expect.any(Array));
    }
  });

  it("are refused to an unknown key or a wrong secret", async () => {
    for (const clientAuthentication of ["basic", "body"] as const) {
      const wrong = api.client(ANALYST, {
        auth: { clientId: ANALYST.clientId, clientSecret: "not-the-secret", clientAuthentication },
      });
      await expect(wrong.listWorkflowJobsPage(INVENTORY.id)).rejects.toBeInstanceOf(AuthenticationError);
    }
  });

  it("stop working when they expire: a fixed token gets 401, a client with the key gets a new one", async () => {
    const token = await api.token(ANALYST);
    const fixed = api.client(ANALYST, { auth: { token } });
    const renewing = api.client(ANALYST);
    await renewing.listWorkflowJobsPage(INVENTORY.id);
    expect(await fixed.listWorkflowJobsPage(INVENTORY.id)).toEqual(expect.any(Array));
    advance(3600 * 1000);
    await expect(fixed.listWorkflowJobsPage(INVENTORY.id)).rejects.toMatchObject({
      status: 401,
      serverMessage: sharedMessages.Unauthorized.unauthorized,
    });
    expect(await renewing.listWorkflowJobsPage(INVENTORY.id)).toEqual(expect.any(Array));
  });

  it("that are unknown get 401", async () => {
    const stranger = api.client(ANALYST, { auth: { token: "sandbox-not-issued" } });
    await expect(stranger.getJob("000000000000000000000000")).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("a job's life", () => {
  it("goes Queued → Running → Completed on the virtual clock and ends as the fixture says", async () => {
    const client = api.client();
    const job = await client.runWorkflow(SALES.id, { questions: [{ name: "Region", value: "AMER" }] });
    expect(job).toMatchObject({ appId: SALES.id, status: "Queued", outputs: [], messages: [] });
    advance(SALES.queuedMs - 1);
    expect((await client.getJob(job.id)).status).toBe("Queued");
    advance(1);
    const running = await client.getJob(job.id);
    expect(running).toMatchObject({ status: "Running", outputs: [], messages: [SALES.messages[0]] });
    advance(SALES.runningMs);
    const done = await client.getJob(job.id);
    expect(done).toMatchObject({ status: "Completed", disposition: SALES.disposition, messages: SALES.messages });
    expect(done.outputs.map((o) => [o.fileName, o.availableFormats])).toEqual(
      SALES.outputs.map((o) => [o.fileName, Object.keys(o.formats)]),
    );
    const reduced = await client.getJob(job.id, { includeMessages: false });
    expect(reduced).not.toHaveProperty("messages");
    expect(reduced).toMatchObject({ status: "Completed" });
  });

  it.each([
    ["Warning", INVENTORY],
    ["Error", CHURN],
  ])("ends with %s when the fixture says so", async (disposition, workflow) => {
    const client = api.client();
    const job = await client.runWorkflow(workflow.id);
    advance(workflow.queuedMs + workflow.runningMs);
    expect(await client.getJob(job.id)).toMatchObject({
      status: "Completed",
      disposition,
      messages: workflow.messages,
    });
  });

  it("is seen through by waitForJob, one poll per virtual minute", async () => {
    const client = api.client();
    const job = await client.runWorkflow(INVENTORY.id);
    const seen: string[] = [];
    const done = await client.waitForJob(job.id, {
      intervalMs: 1,
      onUpdate: (update) => {
        seen.push(update.status);
        advance(60_000);
      },
    });
    expect(done.status).toBe("Completed");
    expect([...new Set(seen)]).toEqual(["Queued", "Running", "Completed"]);
  });
});

describe("running a workflow", () => {
  it("checks the answers against the workflow's questions", async () => {
    const client = api.client();
    const send = (questions: { name: string; value: string }[]) =>
      api.fetch(`${api.url()}/v3/workflows/${SALES.id}/jobs`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ questions }),
      });
    const token = await api.token();
    const unknown = await send([{ name: "Regoin", value: "EMEA" }]);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      message: sharedMessages.BadRequest.invalidField,
      modelState: { "questions[0].name": [expect.stringContaining("Region, Month")] },
    });
    const notAChoice = await send([{ name: "Region", value: "Europe" }]);
    expect(await notAChoice.json()).toMatchObject({
      modelState: { "questions[0].value": [expect.stringContaining("EMEA, AMER, APAC")] },
    });
    await expect(
      client.runWorkflow(SALES.id, { questions: [{ name: "Month", value: "2025-01" }] }),
    ).resolves.toMatchObject({ status: "Queued" });
    await expect(
      client.runWorkflow(SALES.id, { questions: [{ name: "Quarter", value: "Q1" }] }),
    ).rejects.toBeInstanceOf(BadRequestError);
  });

  it("answers 404 for a workflow the fixture does not have", async () => {
    await expect(api.client().runWorkflow("0123456789abcdef01234567")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("cancel, as documented", () => {
  it("cancels a running job, which stays, Cancelled", async () => {
    const client = api.client();
    const job = await client.runWorkflow(SALES.id);
    advance(SALES.queuedMs);
    expect(await client.cancelJob(job.id)).toEqual({ outcome: "cancelled", message: cancelMessages["200"].cancelled });
    advance(SALES_TIME);
    expect(await client.getJob(job.id)).toMatchObject({ status: "Cancelled", outputs: [] });
  });

  it("deletes a queued job, which is then not found", async () => {
    const client = api.client();
    const job = await client.runWorkflow(SALES.id);
    expect(await client.cancelJob(job.id)).toEqual({ outcome: "deleted", message: cancelMessages["200"].deleted });
    await expect(client.getJob(job.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a finished job", async () => {
    const client = api.client();
    const job = await client.runWorkflow(CHURN.id);
    advance(CHURN.queuedMs + CHURN.runningMs);
    await expect(client.cancelJob(job.id)).rejects.toMatchObject({
      constructor: JobNotCancellableError,
      serverMessage: cancelMessages["400"].notCancellable,
    });
  });

  it("refuses another user's job to a non-Curator, and lets a Curator cancel it", async () => {
    const job = await api.client(CURATOR).runWorkflow(SALES.id);
    await expect(api.client(ANALYST).cancelJob(job.id)).rejects.toMatchObject({
      constructor: CancelNotPermittedError,
      serverMessage: cancelMessages["400"].noPermission,
    });
    const ownJob = await api.client(ANALYST).runWorkflow(SALES.id);
    expect((await api.client(CURATOR).cancelJob(ownJob.id)).outcome).toBe("deleted");
  });
});

describe("Curator-only operations", () => {
  it("answer 401 to an ordinary user, and work for a Curator", async () => {
    const job = await api.client(ANALYST).runWorkflow(SALES.id);
    advance(SALES_TIME);
    const analyst = api.client(ANALYST);
    for (const call of [analyst.getJobMessages(job.id), analyst.listJobsPage()]) {
      await expect(call).rejects.toMatchObject({
        constructor: AuthenticationError,
        serverMessage: sharedMessages.Unauthorized.unauthorized,
      });
    }
    expect(await api.client(CURATOR).getJobMessages(job.id)).toEqual(SALES.messages);
    expect(await api.client(CURATOR).listJobsPage({ allUsers: true })).toContainEqual({
      jobId: job.id,
      status: "Completed",
      workflowName: SALES.name,
    });
  });

  it("hide other users' jobs from an ordinary user", async () => {
    const job = await api.client(CURATOR).runWorkflow(INVENTORY.id);
    await expect(api.client(ANALYST).getJob(job.id)).rejects.toBeInstanceOf(NotFoundError);
    const ids = (await api.client(ANALYST).listWorkflowJobsPage(INVENTORY.id)).map((j) => j.id);
    expect(ids).not.toContain(job.id);
  });
});

describe("questions and outputs, over plain fetch", () => {
  const get = async (path: string) =>
    api.fetch(`${api.url()}${path}`, { headers: { authorization: `Bearer ${await api.token()}` } });

  it("lists a workflow's questions, and 404 for an unknown workflow", async () => {
    const response = await get(`/v3/workflows/${SALES.id}/questions`);
    expect(await response.json()).toEqual(SALES.questions);
    expect(await (await get(`/v3/workflows/${INVENTORY.id}/questions`)).json()).toEqual([]);
    expect((await get("/v3/workflows/0123456789abcdef01234567/questions")).status).toBe(404);
  });

  it("downloads a finished job's output in each format it offers, and refuses others", async () => {
    const client = api.client();
    const job = await client.runWorkflow(SALES.id);
    advance(SALES_TIME);
    const [csv] = (await client.getJob(job.id)).outputs as JobView["outputs"];
    const path = `/v1/jobs/${job.id}/output/${csv?.id}`;
    for (const format of ["Raw", "Csv"] as const) {
      const response = await get(`${path}?format=${format}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/octet-stream");
      expect({ text: await response.text() }).toEqual(SALES.outputs[0]?.formats[format]);
    }
    const refused = await get(`${path}?format=Xlsx`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ message: operationMessages.getJobOutput["400"].formatNotOffered });
    expect((await get(`/v1/jobs/${job.id}/output/0123456789abcdef01234567?format=Csv`)).status).toBe(404);
  });

  it("has no outputs before the job completes", async () => {
    const client = api.client();
    const job = await client.runWorkflow(SALES.id);
    advance(SALES_TIME);
    const outputId = (await client.getJob(job.id)).outputs[0]?.id;
    const early = await client.runWorkflow(SALES.id);
    expect((await get(`/v1/jobs/${early.id}/output/${outputId}?format=Csv`)).status).toBe(404);
  });
});
