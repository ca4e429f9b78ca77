// alteryx-jobs batch <workflowId> <answers.csv|answers.jsonl> [--concurrency N] [--results FILE] [--resume]
// [--download DIR]
import { join } from "node:path";
import { type BatchOptions, type BatchProgress, type BatchResult, runBatch, runBatchWith } from "../../batch.js";
import {
  AbortError,
  checkWorkflowAnswers,
  isJobSuccessful,
  type JobsClient,
  type JobView,
  toAppValues,
} from "../../index.js";
import { type SavedOutput, saveJobOutputs } from "../../node/index.js";
import { type AnswerRow, readAnswerRows } from "../answers.js";
import type { Context, Handler } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { formatWhereOffered, keptOwnType } from "../formats.js";
import { defaultResultsPath, openResults, type ResultsFile, ResultsWriteError } from "../results.js";

const batch: Handler = async (context) => {
  const { args, values, signal, note, redact } = context;
  const [, answersPath = ""] = args;
  const rows = readAnswerRows(answersPath);
  // The file is this batch's alone from here on, and released on every way out: the abort is
  // heard at once (the command may exit right after it), the rest by the finally.
  const results = openResults(values.results ?? defaultResultsPath(answersPath), values.resume === true, redact);
  const { tookOver } = results.lock;
  if (tookOver) {
    note(
      `Took over ${results.lock.path}: the batch that held it (pid ${tookOver.pid} on ${tookOver.host}, since ${tookOver.started}) ended without releasing it.`,
    );
  }
  let stopped = () => {};
  const close = () => {
    stopped();
    results.close();
  };
  signal.addEventListener("abort", close, { once: true });
  try {
    return await runRows(context, rows, results, (recordStopped) => {
      stopped = recordStopped;
    });
  } finally {
    signal.removeEventListener("abort", close);
    results.close();
  }
};

async function runRows(
  { args, values, signal, client, clock, print, note, warn, progress, onStop }: Context,
  rows: AnswerRow[],
  results: ResultsFile,
  onStopped: (record: () => void) => void,
): Promise<number> {
  const [workflowId = ""] = args;
  const pending = rows.filter(({ row }) => !results.listed.has(row));

  let last: BatchProgress | undefined;
  const jobs = client();
  // Made first: it checks every option (concurrency, priority, interval) before anything is sent.
  const options: BatchOptions = {
    concurrency: values.concurrency,
    body: { priority: values.priority, workerTag: values["worker-tag"] },
    intervalMs: values.interval,
    signal,
    onUpdate(update: BatchProgress) {
      last = update;
      const { waiting, queued, running, succeeded, failed } = update;
      progress(`${waiting} waiting, ${queued} queued, ${running} running, ${succeeded} succeeded, ${failed} failed`);
    },
  };
  const sets = pending.map(({ answers }) => answers);
  const runs = clock ? runBatchWith(clock, jobs, workflowId, sets, options) : runBatch(jobs, workflowId, sets, options);
  if (!values["no-check"]) {
    const answerSets = pending.map(({ answers }) => toAppValues(answers));
    await checkWorkflowAnswers(jobs, workflowId, answerSets, { signal, name: (i) => `row ${pending[i]?.row} ` });
  }
  results.start();
  if (pending.length < rows.length) {
    note(`${results.path} lists ${rows.length - pending.length} rows; running the other ${pending.length}.`);
  }

  const written = new Set<number>();
  // Once the file refuses a row, the batch stops; the rows it could not take are told instead,
  // since --resume would run them again.
  let refused: ResultsWriteError | undefined;
  const untold: string[] = [];
  const record = (index: number, outcome: Pick<BatchResult, "job" | "error">) => {
    if (written.has(index)) return;
    written.add(index);
    const { row } = pending[index] as (typeof pending)[number];
    if (!refused) {
      try {
        return results.append(row, outcome);
      } catch (error) {
        if (!(error instanceof ResultsWriteError)) throw error;
        refused = error;
      }
    }
    const { job } = outcome;
    untold.push(
      `  row ${row}: ${job ? `job ${job.id}, ${job.status}` : "may have been queued (see alteryx-jobs list)"}`,
    );
  };
  // The run whose outputs are being saved: its job has ended, and its row is written once they are.
  let saving: { index: number; job: JobView } | undefined;
  // The command may exit as soon as it is stopped: the runs that are, or may be, queued are
  // recorded at that moment, so that --resume never sends one of them again.
  const recordUnfinished = () => {
    // First: the last progress may still count this job as followed.
    if (saving) {
      const error = new AbortError(
        `Stopped while saving the outputs; alteryx-jobs download ${saving.job.id} saves them`,
      );
      record(saving.index, { job: saving.job, error });
    }
    const error = new AbortError("Stopped following the job; it was not cancelled");
    for (const { index, job } of last?.following ?? []) record(index, { job, error });
    if (last?.sending !== undefined) {
      const unknown = new AbortError("Stopped while queuing the job: it may have been queued; see alteryx-jobs list");
      record(last.sending, { job: undefined, error: unknown });
    }
  };
  onStopped(recordUnfinished);
  onStop(() => `Stopped. The jobs already queued go on; ${results.path} lists them, and --resume runs the rest.`);

  let failed = 0;
  const settle = async (result: BatchResult) => {
    const { job } = result;
    const succeeded = !result.error && job !== undefined && isJobSuccessful(job);
    if (!succeeded || values.download === undefined) {
      record(result.index, result);
      if (!succeeded) failed += 1;
      return;
    }
    const row = (pending[result.index] as (typeof pending)[number]).row;
    saving = { index: result.index, job };
    const saved = await download(jobs, job, join(values.download, String(row)), values.format, signal);
    saving = undefined;
    // The file says what the summary and the exit code say: a run whose outputs were not saved
    // did not succeed, and its row says why (it is never run again by --resume all the same).
    if (typeof saved === "string") {
      failed += 1;
      const why = `its outputs were not saved (${saved}); alteryx-jobs download ${job.id} saves them`;
      record(result.index, { job, error: new Error(`The job succeeded, but ${why}`) });
      warn(`Row ${row}: job ${job.id} succeeded, but ${why}.`);
    } else {
      record(result.index, result);
      for (const line of keptOwnType(saved, values.format)) note(`Row ${row}: ${line}`);
    }
  };
  for await (const result of runs) {
    await settle(result);
    // Stopped at a result: no run is being queued, none is sent after this.
    if (refused) break;
  }
  if (refused) {
    recordUnfinished();
    warn(
      `${results.path} lacks these runs, and --resume would run them again: add them, or remove their rows from the answers file:`,
    );
    for (const line of untold) warn(line);
    throw new ResultsWriteError(`${refused.message}. The batch was stopped; its jobs go on, none was cancelled.`);
  }
  const summary = { runs: pending.length, succeeded: pending.length - failed, failed, results: results.path };
  print(
    summary,
    () => `${summary.runs} runs: ${summary.succeeded} succeeded, ${failed} did not. Results: ${results.path}`,
  );
  return failed ? EXIT.jobFailed : EXIT.ok;
}
/** Saves a job's outputs into `dir`: where they went, or why not (a stop is not caught: it ends the batch). */
async function download(
  client: JobsClient,
  job: JobView,
  dir: string,
  format: string | undefined,
  signal: AbortSignal,
): Promise<SavedOutput[] | string> {
  try {
    return await saveJobOutputs(client, job.id, dir, { format: formatWhereOffered(format), signal });
  } catch (error) {
    if (signal.aborted) throw error;
    return (error as Error).message;
  }
}

export default batch;
