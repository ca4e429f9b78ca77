// The steps that more than one command takes after a job is known: waiting for it to finish
// (`wait`, `run --wait`) and saving its outputs (`download`, `run --wait --download`).
import { DEFAULT_WAIT_POLICY, isJobSuccessful, type JobView, WaitTimeoutError } from "../index.js";
import { type DownloadProgress, saveJobOutputs } from "../node/index.js";
import type { Context } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { elapsed, jobSummary, progressLine } from "./format.js";
import { formatWhereOffered, keptOwnType } from "./formats.js";
import { formatDuration } from "./values.js";

const REDRAW_MS = 100;

/**
 * Waits for the job under --timeout and --interval; the job is never cancelled. `then`, when
 * given, is what follows a success (`run --wait --download`): the job is handed to it to print
 * with what it does, so that --json prints one document.
 */
export async function waitFor(
  jobId: string,
  context: Context,
  then?: (job: JobView) => Promise<number>,
): Promise<number> {
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
  if (then && isJobSuccessful(job)) {
    // With --json the job is printed with what follows, as one document; a person sees it at once.
    if (!values.json) print(job, () => jobSummary(job, style));
    return then(job);
  }
  print(job, () => jobSummary(job, style));
  if (isJobSuccessful(job)) return EXIT.ok;
  context.warn(`Job ${job.id} ended ${job.status} with disposition ${job.disposition || "(none)"}.`);
  return EXIT.jobFailed;
}

/**
 * Saves the job's outputs (those named by --output, all by default) into `dir` and prints the
 * paths; given the `job` waited for, --json prints `{ job, saved }`, one document.
 */
export async function saveOutputs(jobId: string, dir: string, context: Context, job?: JobView): Promise<number> {
  const { values, signal, client, print, progress, onStop } = context;
  onStop(
    () => `Stopped saving the outputs of job ${jobId}; files already saved stay, the one in progress was removed.`,
  );
  let started = performance.now();
  let drawn = Number.NEGATIVE_INFINITY;
  let current = "";
  const onProgress = ({ fileName, bytes, totalBytes }: DownloadProgress) => {
    const now = performance.now();
    if (fileName !== current) [current, started] = [fileName, now];
    if (now - drawn < REDRAW_MS && bytes !== totalBytes) return;
    drawn = now;
    progress(progressLine(fileName, bytes, totalBytes, now - started));
  };
  const saved = await saveJobOutputs(client(), jobId, dir, {
    outputs: values.output,
    format: formatWhereOffered(values.format),
    signal,
    onProgress,
  });
  for (const line of keptOwnType(saved, values.format)) context.note(line);
  const paths = () => saved.map((file) => file.path).join("\n") || "(no outputs)";
  print(job ? { job, saved } : saved, paths);
  return EXIT.ok;
}
