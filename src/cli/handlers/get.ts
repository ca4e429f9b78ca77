// alteryx-jobs get <jobId>
import type { Handler } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { jobSummary } from "../format.js";

const get: Handler = async ({ args: [jobId = ""], values, signal, client, print, style }) => {
  const job = await client().getJob(jobId, { includeMessages: !values["no-messages"], signal });
  print(job, () => jobSummary(job, style));
  return EXIT.ok;
};
export default get;
