// Analytic apps: the questions a workflow asks, and the check that a run's answers fit them, made
// before anything is sent so that a misspelt name fails here rather than in a job on the server.
import type { AppValue, WorkflowQuestionView } from "../generated/openapi.js";
import type { Call, CallOptions } from "./call.js";
import { InvalidArgumentError } from "./core/errors.js";

/** One run's answers: question name → answer. */
export type Answers = Record<string, string>;

/** Answers as a run sends them, `[{ name, value }]`. */
export const toAppValues = (answers: Answers): AppValue[] =>
  Object.entries(answers).map(([name, value]) => ({ name, value }));

export interface GetWorkflowQuestionsOptions extends CallOptions {
  /** The version of the workflow whose questions to list. Default: the published version. */
  versionId?: string;
}

export interface QuestionsApi {
  /** The questions an analytic app asks; an empty array for a workflow that asks none. */
  getWorkflowQuestions(workflowId: string, options?: GetWorkflowQuestionsOptions): Promise<WorkflowQuestionView[]>;
}

export function createQuestionsApi(call: Call): QuestionsApi {
  return {
    async getWorkflowQuestions(workflowId, { versionId, signal } = {}) {
      return (await call("getWorkflowQuestions", { path: { workflowId }, query: { versionId }, signal })).data;
    },
  };
}

/**
 * Throws InvalidArgumentError, listing what is valid, for the first answer that names no question
 * of the workflow, answers a question a second time (which one the server would take is not
 * documented), or answers a single-choice list question with something other than one of its
 * items' keys. A question that allows several items is checked by name only: how several keys
 * share one answer is not documented.
 *
 * @param where Put before the argument's name in the error, e.g. `answerSets[3] `.
 */
export function checkAnswers(questions: readonly WorkflowQuestionView[], answers: readonly AppValue[], where = "") {
  const names = questions.map((q) => q.name);
  const answered = new Set<string>();
  for (const { name, value } of answers) {
    if (answered.has(name)) throw new InvalidArgumentError(`${where}question`, name, "each question answered once");
    answered.add(name);
    const question = questions.find((q) => q.name === name);
    if (!question) {
      throw new InvalidArgumentError(
        `${where}question`,
        name,
        names.length ? `one of ${names.join(", ")}` : "none: the workflow asks no questions",
      );
    }
    const keys = question.items?.map((item) => item.key) ?? [];
    if (keys.length && !question.multiple && !keys.includes(value)) {
      throw new InvalidArgumentError(`${where}answer to ${name}`, value, `one of ${keys.join(", ")}`);
    }
  }
}

/**
 * Reads the workflow's questions (one request, only when some set has an answer) and checks
 * every answer set against them with checkAnswers: what `runWorkflow`'s and `runBatch`'s
 * `checkQuestions` do, for a program that checks first and runs later.
 *
 * @param name How errors name a set: `answerSets[i] ` unless given.
 * @throws {InvalidArgumentError} naming the set, listing the valid names or keys; nothing is sent.
 */
export async function checkWorkflowAnswers(
  api: QuestionsApi,
  workflowId: string,
  answerSets: readonly (readonly AppValue[])[],
  { signal, name = (index) => `answerSets[${index}] ` }: CallOptions & { name?: (index: number) => string } = {},
): Promise<void> {
  if (!answerSets.some((answers) => answers.length)) return;
  const questions = await api.getWorkflowQuestions(workflowId, { signal });
  answerSets.forEach((answers, index) => {
    checkAnswers(questions, answers, name(index));
  });
}
