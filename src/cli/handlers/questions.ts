// alteryx-jobs questions <workflowId> [--version-id ID]
import type { Handler } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { questionTable } from "../format.js";

const questions: Handler = async ({ args: [workflowId = ""], values, signal, client, print }) => {
  const found = await client().getWorkflowQuestions(workflowId, { versionId: values["version-id"], signal });
  print(found, () => questionTable(found));
  return EXIT.ok;
};
export default questions;
