import { describe, expect, it } from "vitest";
import { createJobsClientWith } from "../../src/client.js";
import { InvalidArgumentError, type WorkflowQuestionView } from "../../src/index.js";
import { testClock, useAppServer } from "../helpers/app-server.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json } from "../helpers/fake-fetch.js";
import { WORKFLOW_ID } from "../helpers/ids.js";

const questions = example<WorkflowQuestionView[]>("getWorkflowQuestions", 200, "questions");
const listQuestion = questions.find((q) => q.items?.length) as WorkflowQuestionView;
const textQuestion = questions.find((q) => !q.items?.length) as WorkflowQuestionView;
const keys = (listQuestion.items ?? []).map((item) => item.key);

const app = useAppServer();
function setUp() {
  const clock = testClock();
  const server = app.serve(clock, () => ({ startsAfterMs: 1000, endsAfterMs: 5000 }));
  const client = createJobsClientWith({ baseUrl: app.baseUrl(), auth: { token: "t" } }, { clock: clock });
  return { server, client };
}

describe("getWorkflowQuestions", () => {
  it("returns the app's questions, for the version asked", async () => {
    const { fetch, sent } = fakeFetch(() => json(questions as never));
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock: testClock() });
    expect(await client.getWorkflowQuestions(WORKFLOW_ID, { versionId: "7" })).toEqual(questions);
    expect(sent[0]?.url.pathname).toBe(`/webapi/v3/workflows/${WORKFLOW_ID}/questions`);
    expect(sent[0]?.url.searchParams.get("versionId")).toBe("7");
  });
});

describe("runWorkflow with checkQuestions", () => {
  it("refuses an answer that names no question, listing the names, and sends no run", async () => {
    const { server, client } = setUp();
    const run = client.runWorkflow(
      WORKFLOW_ID,
      { questions: [{ name: `${listQuestion.name}x`, value: keys[0] ?? "" }] },
      { checkQuestions: true },
    );
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    for (const q of questions) expect((error as Error).message).toContain(q.name);
    expect(server.count("run")).toBe(0);
  });

  it("refuses a list answer that is not one of its keys, listing the keys, and sends no run", async () => {
    const { server, client } = setUp();
    const answers = [{ name: listQuestion.name, value: "nowhere" }];
    const error = await client
      .runWorkflowAndWait(WORKFLOW_ID, { questions: answers }, { checkQuestions: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain(`answer to ${listQuestion.name}`);
    for (const key of keys) expect((error as Error).message).toContain(key);
    expect(server.count("run")).toBe(0);
  });

  it("refuses two answers to one question, and sends no run", async () => {
    const { server, client } = setUp();
    const answers = [
      { name: textQuestion.name, value: "first" },
      { name: textQuestion.name, value: "second" },
    ];
    const error = await client
      .runWorkflow(WORKFLOW_ID, { questions: answers }, { checkQuestions: true })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/each question answered once/);
    expect(server.count("run")).toBe(0);
  });

  it("sends answers that fit, after one look at the questions", async () => {
    const { server, client } = setUp();
    const answers = [
      { name: listQuestion.name, value: keys.at(-1) ?? "" },
      { name: textQuestion.name, value: "anything at all" },
    ];
    const job = await client.runWorkflowAndWait(WORKFLOW_ID, { questions: answers }, { checkQuestions: true });
    expect(job.status).toBe(example<{ status: string }>("getJob", 200, "completed").status);
    expect(server.count("questions")).toBe(1);
    expect(server.jobs().map((j) => j.answers)).toEqual([answers]);
  });

  it("checks a question that allows several items by name only", async () => {
    const several = questions.map((q) => (q === listQuestion ? { ...q, multiple: true } : q));
    const { fetch, sent } = fakeFetch((request) =>
      json(request.method === "POST" ? example("runWorkflow", 200, "queued") : (several as never)),
    );
    const client = createJobsClientWith({ baseUrl: BASE_URL, auth: { token: "t" }, fetch }, { clock: testClock() });
    const answers = [{ name: listQuestion.name, value: keys.slice(0, 2).join(",") }];
    await client.runWorkflow(WORKFLOW_ID, { questions: answers }, { checkQuestions: true });
    expect(sent.map((r) => r.method)).toEqual(["GET", "POST"]);
  });

  it("sends what it is given, unlooked at, without checkQuestions", async () => {
    const { server, client } = setUp();
    await client.runWorkflow(WORKFLOW_ID, { questions: [{ name: "Misspelt", value: "x" }] });
    expect(server.count("questions")).toBe(0);
    expect(server.count("run")).toBe(1);
  });
});
