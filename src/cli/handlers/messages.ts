// alteryx-jobs messages <jobId>
import type { Handler } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { messageTable } from "../format.js";

const messages: Handler = async ({ args: [jobId = ""], signal, client, print }) => {
  const found = await client().getJobMessages(jobId, { signal });
  print(found, () => messageTable(found));
  return EXIT.ok;
};
export default messages;
