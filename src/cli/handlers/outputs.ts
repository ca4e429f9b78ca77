// alteryx-jobs outputs <jobId>: the job's output files, with the formats each can be saved in.
import type { Handler } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { table } from "../format.js";

const outputs: Handler = async ({ args: [jobId = ""], signal, client, print }) => {
  const job = await client().getJob(jobId, { includeMessages: false, signal });
  print(job.outputs, () =>
    table(
      ["ID", "FILE NAME", "FORMATS"],
      job.outputs.map((o) => [o.id, o.fileName, o.availableFormats.join(", ")]),
    ),
  );
  return EXIT.ok;
};
export default outputs;
