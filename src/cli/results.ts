// The results file of `batch`: a CSV row a run, appended as soon as its job ends, so that a batch
// stopped at any point leaves a valid file, and `--resume` can skip the rows it lists. Its cells
// come from the server (IDs, statuses, error messages): they are written as the terminal would
// show them, masked and escaped, since `cat` of the file must not talk to the terminal either.
import { appendFileSync, existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { BatchResult } from "../batch.js";
import { UsageError } from "./exit-codes.js";
import { escapeText } from "./format.js";
import { lockResults, type ResultsLock } from "./results-lock.js";

/** The columns, in order: `row` is the row of the answers file the run came from. */
export const RESULT_COLUMNS = ["row", "jobId", "status", "disposition", "error"] as const;

export interface ResultsFile {
  path: string;
  /** The rows the file already listed when it was opened (with --resume). */
  listed: ReadonlySet<number>;
  /** The lock that makes the file this batch's alone, until `close`. */
  lock: ResultsLock;
  /**
   * Creates the file, or readies the one to continue, once every check has passed: a command
   * refused before any run leaves no file that a second try would have to --resume.
   * @throws UsageError when the file cannot be written
   */
  start(): void;
  /** The run's job as last known (if it was queued), and why it was not followed to its end. */
  append(row: number, outcome: Pick<BatchResult, "job" | "error">): void;
  /**
   * Releases the file at once: nothing is written to it afterwards, since another batch may then
   * take it. Again: nothing.
   */
  close(): void;
}

/** `answers.csv` → `answers.results.csv`, beside it. */
export function defaultResultsPath(answersPath: string): string {
  return answersPath.replace(/(\.[^./\\]*)?$/, ".results.csv");
}

/**
 * Opens the results file for this batch alone: locks it (see results-lock.ts), then continues it
 * with `resume`, or creates it otherwise (at `start`). An existing file is never overwritten:
 * without `resume` it is refused. `mask` hides the secrets the command knows in each cell.
 * @throws UsageError for a path that cannot be a results file, a file another batch holds, an
 *   existing file without `resume`, or a file that is not a results file
 */
export function openResults(path: string, resume: boolean, mask: (text: string) => string): ResultsFile {
  checkPlace(path);
  // Before the file is read: what --resume skips must not change under it.
  const lock = lockResults(path);
  let existing: Existing;
  try {
    existing = readExisting(path, resume);
  } catch (error) {
    lock.release();
    throw error;
  }
  const { listed, opening, record_delimiter } = existing;
  const cell = (value: string | undefined) => escapeText(mask(value ?? ""));
  let closed = false;
  return {
    path,
    listed,
    lock,
    start() {
      if (closed) return;
      try {
        appendFileSync(path, opening);
      } catch (error) {
        throw new UsageError(
          `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        );
      }
    },
    append(row, { job, error }) {
      if (closed) return;
      // One whole line a write: a stop between two results cannot leave half a row.
      appendFileSync(
        path,
        stringify([[row, cell(job?.id), cell(job?.status), cell(job?.disposition), cell(error?.message)]], {
          record_delimiter,
        }),
      );
    },
    close() {
      closed = true;
      lock.release();
    },
  };
}

interface Existing {
  listed: Set<number>;
  /** What `start` writes: the header of a new file, or the line end an edited file lacks. */
  opening: string;
  record_delimiter: "unix" | "windows";
}

function readExisting(path: string, resume: boolean): Existing {
  // Lines end as the file's own do: one saved by an editor on Windows keeps CRLF, and a mix of
  // endings would make the next --resume read two rows as one.
  let record_delimiter: "unix" | "windows" = "unix";
  const text = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  if (text !== undefined && !resume) {
    throw new UsageError(`${path} exists: --resume continues it, or choose another --results file`);
  }
  if (text === undefined || text.trim() === "") {
    return { listed: new Set(), opening: stringify([RESULT_COLUMNS as unknown as string[]]), record_delimiter };
  }
  const listed = listedRows(path, text);
  if (/^[^\n]*\r\n/.test(text)) record_delimiter = "windows";
  // A file whose last line has no end (an editor that drops it) would take the next row on that line.
  const opening = /\n$/.test(text) ? "" : record_delimiter === "windows" ? "\r\n" : "\n";
  return { listed, opening, record_delimiter };
}

/**
 * A results file is a file in a folder that exists: anything else is the caller's mistake, told
 * before a request is sent or the questions are read (writing the file would find it only later).
 * @throws UsageError for a folder, or a path whose folder is missing or is not a folder
 */
function checkPlace(path: string): void {
  const kind = kindOf(path);
  if (kind === "folder")
    throw new UsageError(`--results ${path} is a folder: name a file, such as ${join(path, "results.csv")}`);
  if (kind !== "missing" && kind !== "file") throw new UsageError(`--results ${path} is not a regular file`);
  const folder = dirname(path);
  const folderKind = kindOf(folder);
  if (folderKind === "missing") throw new UsageError(`--results ${path}: the folder ${folder} does not exist`);
  if (folderKind !== "folder") throw new UsageError(`--results ${path}: ${folder} is not a folder`);
}

function kindOf(path: string): "file" | "folder" | "other" | "missing" {
  try {
    const stats = statSync(path);
    return stats.isFile() ? "file" : stats.isDirectory() ? "folder" : "other";
  } catch (error) {
    // ENOTDIR: a part of the path is a file; the folder check names it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "missing";
    throw new UsageError(`--results ${path} cannot be read: ${code ?? (error as Error).message}`);
  }
}

function listedRows(path: string, text: string): Set<number> {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: resultColumns, bom: true, skip_empty_lines: true });
  } catch (error) {
    throw new UsageError(`${path} is not a results file: ${(error as Error).message}`);
  }
  const rows = records.map((record) => Number(record.row));
  if (rows.some((row) => !Number.isSafeInteger(row) || row < 1)) {
    throw new UsageError(`${path} is not a results file: its first column, row, must be a row number`);
  }
  return new Set(rows);
}

/** Only a file with the results' own header is continued: another CSV (the answers file, say) is never appended to. */
function resultColumns(header: string[]): string[] {
  if (header.join() !== RESULT_COLUMNS.join()) throw new Error(`its header is not ${RESULT_COLUMNS.join(",")}`);
  return header;
}
