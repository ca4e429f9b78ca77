// alteryx-jobs outputs <jobId>: the job's outputs, with the formats each can be downloaded in.
import { EXIT } from "../exit-codes.js";
import { table } from "../format.js";
import type { OutputsContext } from "./download.js";

const outputs = async ({ args: [jobId = ""], signal, client, print }: OutputsContext): Promise<number> => {
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
