// alteryx-jobs wait <jobId>, and the waiting half of `run --wait`.
import { DEFAULT_WAIT_POLICY, isJobSuccessful, type JobView, WaitTimeoutError } from "../../index.js";
import type { Context, Handler } from "../commands.js";
import { EXIT } from "../exit-codes.js";
import { elapsed, jobSummary } from "../format.js";
import { formatDuration } from "../values.js";

/** Waits for the job under --timeout and --interval; the job is never cancelled. */
export async function waitFor(jobId: string, context: Context): Promise<number> {
  const { values, signal, client, print, progress, style, onStop, deadline } = context;
  const timeoutMs = values.timeout ?? DEFAULT_WAIT_POLICY.timeoutMs;
  let lastStatus = "not seen yet";
  onStop(() => `Stopped waiting for job ${jobId}; it was not cancelled.`);
  // The client's own timeout is checked between polls; this one also ends a poll or a
  // Retry-After pause that would run past it.
  const expired = () =>
    `Job ${jobId} was still ${lastStatus} after ${formatDuration(timeoutMs)}; it was not cancelled.`;
  deadline(timeoutMs, expired);
  let job: JobView;
  try {
    job = await client().waitForJob(jobId, {
      signal,
      timeoutMs,
      intervalMs: values.interval,
      onUpdate(update, { elapsedMs, polls }) {
        lastStatus = update.status;
        progress(`${update.id}  ${update.status}  ${elapsed(elapsedMs)}  (poll ${polls})`);
      },
    });
  } catch (error) {
    // The client's deadline and the command's are the same moment: whichever is first, one message.
    if (!(error instanceof WaitTimeoutError)) throw error;
    context.warn(expired());
    return EXIT.waitTimeout;
  }
  print(job, () => jobSummary(job, style));
  if (isJobSuccessful(job)) return EXIT.ok;
  context.warn(`Job ${job.id} ended ${job.status} with disposition ${job.disposition || "(none)"}.`);
  return EXIT.jobFailed;
}

const wait: Handler = (context) => waitFor(context.args[0] ?? "", context);
export default wait;
