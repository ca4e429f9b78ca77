// alteryx-jobs questions <workflowId> [--version-id ID]
import type { WorkflowQuestionView } from "../../index.js";
import { EXIT } from "../exit-codes.js";
import { table } from "../format.js";
import type { CommandContext } from "./context.js";

export interface QuestionsValues {
  "version-id"?: string | undefined;
}

export default async function questions(context: CommandContext<QuestionsValues>): Promise<number> {
  const { args, values, signal, client, print } = context;
  const found = await client().getWorkflowQuestions(args[0] ?? "", { versionId: values["version-id"], signal });
  print(found, () => questionTable(found));
  return EXIT.ok;
}

/** One line a question; a list question's answers are its keys. */
export function questionTable(questions: readonly WorkflowQuestionView[]): string {
  return table(
    ["NAME", "TYPE", "DEFAULT", "ANSWERS", "DESCRIPTION"],
    questions.map((q) => [
      q.name,
      q.questionType,
      q.value ?? "",
      q.items?.length ? `${q.items.map((item) => item.key).join(" | ")}${q.multiple ? " (several)" : ""}` : "any",
      q.description ?? "",
    ]),
  );
}
