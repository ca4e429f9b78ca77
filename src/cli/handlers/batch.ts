// alteryx-jobs batch <workflowId> <answers.csv|answers.jsonl> [--concurrency N] [--results FILE] [--resume]
import { runBatch } from "../../batch.js";
import { AbortError, checkAnswers, isJobSuccessful, type Priority, toAppValues } from "../../index.js";
import { readAnswerRows } from "../answers.js";
import { EXIT } from "../exit-codes.js";
import { defaultResultsPath, openResults } from "../results.js";
import type { CommandContext } from "./context.js";

export interface BatchValues {
  concurrency?: number | undefined;
  /** Default: beside the answers file, `<name>.results.csv`. */
  results?: string | undefined;
  resume?: boolean | undefined;
  "no-check"?: boolean | undefined;
  priority?: Priority | undefined;
  "worker-tag"?: string | undefined;
  /** How long to follow each job. */
  timeout?: number | undefined;
  interval?: number | undefined;
}

export default async function batch(context: CommandContext<BatchValues>): Promise<number> {
  const { args, values, signal, client, print, note, progress } = context;
  const [workflowId = "", answersPath = ""] = args;
  const rows = readAnswerRows(answersPath);
  const results = openResults(values.results ?? defaultResultsPath(answersPath), values.resume === true);
  const todo = rows.filter(({ row }) => !results.listed.has(row));
  if (todo.length < rows.length)
    note(`${results.path} lists ${rows.length - todo.length} rows; running the other ${todo.length}.`);

  const jobs = client();
  if (!values["no-check"] && todo.some(({ answers }) => Object.keys(answers).length)) {
    const questions = await jobs.getWorkflowQuestions(workflowId, { signal });
    for (const { row, answers } of todo) checkAnswers(questions, toAppValues(answers), `row ${row} `);
  }

  let failed = 0;
  const batch = runBatch(
    jobs,
    workflowId,
    todo.map(({ answers }) => answers),
    {
      concurrency: values.concurrency,
      body: { priority: values.priority, workerTag: values["worker-tag"] },
      timeoutMs: values.timeout,
      intervalMs: values.interval,
      signal,
      onUpdate: (p) =>
        progress(
          `${p.waiting} waiting, ${p.queued} queued, ${p.running} running, ${p.succeeded} succeeded, ${p.failed} failed`,
        ),
    },
  );
  try {
    for await (const result of batch) {
      results.append((todo[result.index] as (typeof todo)[number]).row, result);
      if (result.error || !result.job || !isJobSuccessful(result.job)) failed += 1;
    }
  } catch (error) {
    if (error instanceof AbortError) {
      note(
        `Stopped. The jobs already queued go on; ${results.path} lists them with their job id, and --resume runs the rest.`,
      );
    }
    throw error;
  }
  const summary = { runs: todo.length, succeeded: todo.length - failed, failed, results: results.path };
  print(
    summary,
    () => `${summary.runs} runs: ${summary.succeeded} succeeded, ${failed} did not. Results: ${results.path}`,
  );
  return failed ? EXIT.jobFailed : EXIT.ok;
}
