// alteryx-jobs questions <workflowId> [--version-id ID]
import type { WorkflowQuestionView } from "../../index.js";
import type { Handler } from "../commands.js";
import { EXIT } from "../exit-codes.js";
import { table } from "../format.js";

const questions: Handler = async ({ args: [workflowId = ""], values, signal, client, print }) => {
  const found = await client().getWorkflowQuestions(workflowId, { versionId: values["version-id"], signal });
  print(found, () => questionTable(found));
  return EXIT.ok;
};
export default questions;

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
