// alteryx-jobs run <workflowId> [--question N=V]... [--answers FILE] [--no-check] [--wait]
import { checkWorkflowAnswers } from "../../index.js";
import { runAnswers } from "../answers.js";
import type { Handler } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { saveOutputs, waitFor } from "../follow.js";
import { jobSummary } from "../format.js";

const run: Handler = async (context) => {
  const { args, values, signal, client, print, note, style, onStop } = context;
  const workflowId = args[0] ?? "";
  const questions = runAnswers(values.answers, values.question);
  const body = { questions, priority: values.priority, workerTag: values["worker-tag"] };
  // Checked here rather than by runWorkflow, so that a stop while the questions are read can say
  // that nothing was queued.
  if (questions && !values["no-check"]) {
    onStop(() => `Stopped while reading the questions of workflow ${workflowId}; nothing was queued.`);
    await checkWorkflowAnswers(client(), workflowId, [questions], { signal, name: () => "" });
  }
  onStop(
    () => `Stopped while queuing a job of workflow ${workflowId}: it may have been queued; see alteryx-jobs list.`,
  );
  const queued = await client().runWorkflow(workflowId, body, { signal });
  if (!values.wait) {
    print(queued, () => jobSummary(queued, style));
    return EXIT.ok;
  }
  note(`Job ${queued.id} queued; waiting for it to finish.`);
  const { download } = values;
  if (download === undefined) return waitFor(queued.id, context);
  return waitFor(queued.id, context, (job) => saveOutputs(job.id, download, context, job));
};
export default run;
