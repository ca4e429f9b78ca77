// alteryx-jobs wait <jobId>, and the waiting half of `run --wait`.
import { defaultWaitPolicy, isJobSuccessful } from "../../index.js";
import type { Context, Handler } from "../commands.js";
import { EXIT } from "../exit-codes.js";
import { elapsed, jobSummary } from "../format.js";
import { formatDuration } from "../values.js";

/** Waits for the job under --timeout and --interval; the job is never cancelled. */
export async function waitFor(jobId: string, context: Context): Promise<number> {
  const { values, signal, client, print, progress, style, onStop, deadline } = context;
  const timeoutMs = values.timeout ?? defaultWaitPolicy.timeoutMs;
  let lastStatus = "not seen yet";
  onStop(() => `Stopped waiting for job ${jobId}; it was not cancelled.`);
  // The client's own timeout is checked between polls; this one also ends a poll or a
  // Retry-After pause that would run past it.
  deadline(
    timeoutMs,
    () => `Job ${jobId} was still ${lastStatus} after ${formatDuration(timeoutMs)}; it was not cancelled.`,
  );
  const job = await client().waitForJob(jobId, {
    signal,
    timeoutMs,
    intervalMs: values.interval,
    onUpdate(update, { elapsedMs, polls }) {
      lastStatus = update.status;
      progress(`${update.id}  ${update.status}  ${elapsed(elapsedMs)}  (poll ${polls})`);
    },
  });
  print(job, () => jobSummary(job, style));
  if (isJobSuccessful(job)) return EXIT.ok;
  context.warn(`Job ${job.id} ended ${job.status} with disposition ${job.disposition || "(none)"}.`);
  return EXIT.jobFailed;
}

const wait: Handler = (context) => waitFor(context.args[0] ?? "", context);
export default wait;
