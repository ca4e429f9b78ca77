// Run as a child process under limits the test sets (a file size limit, so that writing fails
// part way as a full disk would): saves a job's outputs with the built package, prints the
// outcome as JSON, then stays until its stdin closes, so that the test can see what the
// download's connection does while the process is still alive.
import { createJobsClient } from "alteryx-jobs";
import { saveJobOutputs } from "alteryx-jobs/node";

const [baseUrl, jobId, dir] = process.argv.slice(2);
const client = createJobsClient({ baseUrl, auth: { token: "any-token" }, maxRetries: 0 });
const outcome = await saveJobOutputs(client, jobId, dir).then(
  (saved) => ({ saved }),
  (error) => ({ error: { name: error.name, message: error.message, code: error.code, filePath: error.filePath } }),
);
process.stdout.write(`${JSON.stringify(outcome)}\n`);
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
