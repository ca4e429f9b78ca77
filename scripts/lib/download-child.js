// Run as a child process, so that its memory is its own: downloads one output of a job into a
// folder, either with this package as users import it (`client`: saveJobOutputs) or by a plain
// fetch piped to a file (`fetch`), and prints what was saved, the time it took and the process's
// peak resident memory. Used by the large-download test and the download benchmark.
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createJobsClient } from "alteryx-jobs";
import { saveJobOutputs } from "alteryx-jobs/node";

const [mode, baseUrl, jobId, outputUrl, dir] = process.argv.slice(2);
const started = performance.now();
let saved;
if (mode === "client") {
  saved = await saveJobOutputs(createJobsClient({ baseUrl, auth: { token: "any-token" } }), jobId, dir);
} else {
  const response = await fetch(outputUrl, { headers: { authorization: "Bearer any-token" } });
  const path = join(dir, "fetched.bin");
  const file = createWriteStream(path);
  await pipeline(Readable.fromWeb(response.body), file);
  saved = [{ path, bytes: file.bytesWritten }];
}
const ms = performance.now() - started;
// maxRSS is in kibibytes.
process.stdout.write(JSON.stringify({ saved, ms, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
