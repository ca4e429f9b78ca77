// Answers to an analytic app's questions, read from files: one set as JSON for `run --answers`,
// one set a row for `batch` (CSV with a header of question names, or JSON Lines). Everything is
// checked here, before anything is sent.
import { readFileSync, statSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { type Answers, type AppValue, toAppValues } from "../index.js";
import { UsageError } from "./exit-codes.js";

/** A row of a batch file: its number (the first row after a CSV header is 1) and its answers. */
export interface AnswerRow {
  row: number;
  answers: Answers;
}

/** Answer files larger than this are refused rather than read into memory. */
export const LARGEST_ANSWERS_FILE = 10 * 2 ** 20;

/** `run --answers answers.json`: one JSON object, question name → answer. */
export function readAnswersJson(path: string): Answers {
  let value: unknown;
  try {
    value = JSON.parse(readBounded(path));
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`);
  }
  return answersFrom(value, path);
}

/**
 * What `run` sends: the answers of `--answers` (a file), then those of `--question`, which win
 * over the file's for the same question. Undefined when there are none.
 */
export function runAnswers(file: string | undefined, given: readonly AppValue[] = []): AppValue[] | undefined {
  // No prototype: `--question __proto__=x` is an answer to check like any other, not a setter.
  const answers: Answers = Object.assign(Object.create(null), file === undefined ? {} : readAnswersJson(file));
  for (const { name, value } of given) answers[name] = value;
  const list = toAppValues(answers);
  return list.length ? list : undefined;
}

/** `batch`'s input: CSV when the name ends in .csv, JSON Lines when it ends in .jsonl. */
export function readAnswerRows(path: string): AnswerRow[] {
  const text = readBounded(path);
  let rows: AnswerRow[];
  if (/\.csv$/i.test(path)) {
    let records: Record<string, string>[];
    try {
      records = parse(text, { columns: questionColumns, bom: true, skip_empty_lines: true });
    } catch (error) {
      throw new UsageError(`${path} is not valid CSV: ${(error as Error).message}`);
    }
    // An empty cell leaves its question to the app's default.
    rows = records.map((record, i) => ({
      row: i + 1,
      answers: Object.fromEntries(Object.entries(record).filter(([, value]) => value !== "")),
    }));
  } else if (/\.jsonl$/i.test(path)) {
    rows = text
      .split(/\r?\n/)
      .map((line, i) => ({ line: line.trim(), row: i + 1 }))
      .filter(({ line }) => line !== "")
      .map(({ line, row }) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (error) {
          throw new UsageError(`${path} line ${row} is not JSON: ${(error as Error).message}`);
        }
        return { row, answers: answersFrom(value, `${path} line ${row}`) };
      });
  } else {
    throw new UsageError(`${path}: the answers file must end in .csv or .jsonl`);
  }
  if (rows.length === 0) throw new UsageError(`${path} has no rows of answers`);
  return rows;
}

/** The header of a batch CSV: each column names one question, once (a repeated one would hide the other's answers). */
function questionColumns(header: string[]): string[] {
  // Unnamed columns (trailing commas) are left alone: an answer under one is refused by the check.
  const repeated = header.find((name, i) => name !== "" && header.indexOf(name) !== i);
  if (repeated !== undefined) throw new Error(`the header names ${JSON.stringify(repeated)} twice`);
  return header;
}

/** A JSON object of answers; numbers and booleans are sent as text, as the API takes them. */
function answersFrom(value: unknown, where: string): Answers {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(`${where}: expected an object of question names and answers, such as {"Region": "EMEA"}`);
  }
  return Object.fromEntries(
    Object.entries(value).map(([name, answer]) => {
      if (!["string", "number", "boolean"].includes(typeof answer)) {
        throw new UsageError(`${where}: the answer to ${name} must be text, a number or true/false`);
      }
      return [name, String(answer)];
    }),
  );
}

function readBounded(path: string): string {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!stats.isFile()) throw new UsageError(`${path} is not a file`);
  if (stats.size > LARGEST_ANSWERS_FILE) throw new UsageError(`${path} is larger than ${LARGEST_ANSWERS_FILE} bytes`);
  // Editors on Windows often start UTF-8 with a byte order mark, which JSON.parse refuses.
  return readFileSync(path, "utf8").replace(/^\uFEFF/, "");
}
