// alteryx-jobs list <workflowId>
import type { Handler } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { workflowJobTable } from "../format.js";
import { pageSize, take } from "../listing.js";

const list: Handler = async ({ args: [workflowId = ""], values, signal, client, print }) => {
  const filters = { status: values.status, resultCode: values["result-code"], pageSize: pageSize(values.limit) };
  const jobs = await take(client().listWorkflowJobs(workflowId, filters, { signal }), values.limit);
  print(jobs, () => workflowJobTable(jobs));
  return EXIT.ok;
};
export default list;
