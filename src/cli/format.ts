// The readable output of the command. Text that comes from the server (job messages, names,
// statuses, error messages) may carry terminal escape sequences: clear the screen, retitle the
// window, write the clipboard (OSC 52), reorder text (bidi overrides). Everything printed here
// passes through `escapeText` first, so the server never talks to the terminal.

import { escapeText } from "../core/escape.js";
import {
  type CancelResult,
  isJobFinished,
  isJobSuccessful,
  type JobListItemView,
  type JobView,
  type MessageView,
  type ReducedJobView,
  type WorkflowJobView,
  type WorkflowQuestionView,
} from "../index.js";

export { escapeText };

/** A value the user typed, in quotes, in one of the command's own messages: escaped, since it may hold anything. */
export function quoted(text: string): string {
  return `"${escapeText(text)}"`;
}

// What JSON.stringify leaves as is of the characters `escapeText` escapes: it escapes C0 itself.
const CONTROL_IN_JSON = /[\u007f-\u009f\p{Cf}\u2028\u2029]/gu;

/** JSON text with those characters as `\uXXXX` escapes too (surrogate pairs beyond U+FFFF), which JSON.parse reads back unchanged. */
export function escapeJsonText(json: string): string {
  return json.replace(CONTROL_IN_JSON, (char) =>
    [...Array(char.length).keys()].map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""),
  );
}

/** Colours for a terminal; plain text when NO_COLOR is set, output is not a terminal, or --json. */
export interface Style {
  good(text: string): string;
  bad(text: string): string;
}
const plain: Style = { good: (text) => text, bad: (text) => text };
const colours: Style = { good: (text) => `\x1b[32m${text}\x1b[39m`, bad: (text) => `\x1b[31m${text}\x1b[39m` };

export function styleFor(terminal: boolean, env: Record<string, string | undefined>): Style {
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  return terminal && !env.NO_COLOR ? colours : plain;
}

/** Columns padded to their widest cell; the last column is not padded. Cells are escaped. */
export function table(header: string[], rows: string[][]): string {
  if (rows.length === 0) return "(none)";
  const all = [header, ...rows.map((row) => row.map(escapeText))];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  return all
    .map((row) =>
      row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  "),
    )
    .join("\n");
}

export function jobSummary(job: JobView | ReducedJobView, style: Style): string {
  const outputs = job.outputs.map((o) => `${o.fileName} (${o.availableFormats.join(", ")})`).join("; ");
  const outcome = !isJobFinished(job) ? (text: string) => text : isJobSuccessful(job) ? style.good : style.bad;
  const lines: [string, string, (text: string) => string][] = [
    ["status", job.status, (text) => text],
    ["disposition", job.disposition, outcome],
    ["created", job.createDateTime, (text) => text],
    ["priority", job.priority, (text) => text],
    ["worker tag", job.workerTag || "(any)", (text) => text],
    ["app", job.appId, (text) => text],
    ["outputs", outputs || "(none)", (text) => text],
  ];
  const head = [
    `Job ${escapeText(job.id)}`,
    ...lines.map(([key, value, paint]) => `  ${key.padEnd(12)}${paint(escapeText(String(value)))}`),
  ].join("\n");
  return "messages" in job ? `${head}\n\n${messageTable(job.messages)}` : head;
}

export function messageTable(messages: MessageView[]): string {
  return table(
    ["STATUS", "TOOL", "TEXT"],
    messages.map((m) => [String(m.status), String(m.toolId), m.text]),
  );
}

export function workflowJobTable(jobs: WorkflowJobView[]): string {
  return table(
    ["ID", "STATUS", "CREATED", "PRIORITY"],
    jobs.map((j) => [j.id, j.status, j.createDate, j.priority ?? ""]),
  );
}

export function jobListTable(jobs: JobListItemView[]): string {
  return table(
    ["JOB ID", "STATUS", "WORKFLOW"],
    jobs.map((j) => [j.jobId, j.status, j.workflowName ?? ""]),
  );
}

export function cancelSummary(jobId: string, result: CancelResult): string {
  const what = result.outcome === "unknown" ? "cancel accepted" : result.outcome;
  return `Job ${escapeText(jobId)} ${what}: ${escapeText(result.message)}`;
}

export function elapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m}m${String(seconds % 60).padStart(2, "0")}s` : `${seconds}s`;
}

/** One line a question; a list question's answers are its keys. */
export function questionTable(questions: readonly WorkflowQuestionView[]): string {
  return table(
    ["NAME", "TYPE", "DEFAULT", "ANSWERS", "DESCRIPTION"],
    questions.map((q) => [
      q.name,
      q.questionType,
      q.value ?? "",
      q.items?.length ? `${q.items.map((item) => item.key).join(" | ")}${q.multiple ? " (several)" : ""}` : "any",
      q.description ?? "",
    ]),
  );
}

/** `sales.csv  12.0 MiB of 200.0 MiB  35.1 MiB/s` */
export function progressLine(
  fileName: string,
  bytes: number,
  totalBytes: number | undefined,
  elapsedMs: number,
): string {
  const of = totalBytes === undefined ? "" : ` of ${size(totalBytes)}`;
  const rate = elapsedMs > 0 ? `  ${size((bytes * 1000) / elapsedMs)}/s` : "";
  return `${fileName}  ${size(bytes)}${of}${rate}`;
}

function size(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}
