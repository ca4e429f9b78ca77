// The readable output of the command. Text that comes from the server (job messages, names,
// statuses, error messages) may carry terminal escape sequences: clear the screen, retitle the
// window, write the clipboard (OSC 52), reorder text (bidi overrides). Everything printed here
// passes through `escapeText` first, so the server never talks to the terminal.
import {
  type CancelResult,
  isJobFinished,
  isJobSuccessful,
  type JobListItemView,
  type JobView,
  type MessageView,
  type ReducedJobView,
  type WorkflowJobView,
} from "../index.js";

// C0 and C1 controls, DEL, line/paragraph separators and the bidirectional formatting characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** Control characters as visible escapes: ESC → `\x1b`, U+202E → `\u202e`. Backslashes are kept (Windows paths). */
export function escapeText(text: string): string {
  return text.replace(CONTROL, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

// What JSON.stringify leaves as is of the above: it escapes C0 itself.
const CONTROL_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** JSON text with those characters as `\uXXXX` escapes too, which JSON.parse reads back unchanged. */
export function escapeJsonText(json: string): string {
  return json.replace(CONTROL_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
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
