// alteryx-jobs run <workflowId> [--wait]
import type { Handler } from "../commands.js";
import { EXIT } from "../exit-codes.js";
import { jobSummary } from "../format.js";
import { waitFor } from "./wait.js";

const run: Handler = async (context) => {
  const { args, values, signal, client, print, note, style, onStop } = context;
  const workflowId = args[0] ?? "";
  const body = { questions: values.question, priority: values.priority, workerTag: values["worker-tag"] };
  onStop(
    () => `Stopped while queuing a job of workflow ${workflowId}: it may have been queued; see alteryx-jobs list.`,
  );
  const queued = await client().runWorkflow(workflowId, body, { signal });
  if (!values.wait) {
    print(queued, () => jobSummary(queued, style));
    return EXIT.ok;
  }
  note(`Job ${queued.id} queued; waiting for it to finish.`);
  return waitFor(queued.id, context);
};
export default run;
