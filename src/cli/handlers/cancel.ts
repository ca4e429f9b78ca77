// alteryx-jobs cancel <jobId>
import type { Handler } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { cancelSummary } from "../format.js";

const cancel: Handler = async ({ args: [jobId = ""], signal, client, print, onStop }) => {
  onStop(() => `Stopped; the cancel request for job ${jobId} may or may not have reached the server.`);
  const result = await client().cancelJob(jobId, { signal });
  print(result, () => cancelSummary(jobId, result));
  return EXIT.ok;
};
export default cancel;
