// The readable output of the command; `--json` bypasses all of this.
import type { CancelResult, JobListItemView, JobView, MessageView, ReducedJobView, WorkflowJobView } from "../index.js";

/** Columns padded to their widest cell; the last column is not padded. */
export function table(header: string[], rows: string[][]): string {
  if (rows.length === 0) return "(none)";
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  return all
    .map((row) =>
      row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  "),
    )
    .join("\n");
}

export function jobSummary(job: JobView | ReducedJobView): string {
  const outputs = job.outputs.map((o) => `${o.fileName} (${o.availableFormats.join(", ")})`).join("; ");
  const lines: [string, string][] = [
    ["status", job.status],
    ["disposition", job.disposition],
    ["created", job.createDateTime],
    ["priority", job.priority],
    ["worker tag", job.workerTag || "(any)"],
    ["app", job.appId],
    ["outputs", outputs || "(none)"],
  ];
  const head = [`Job ${job.id}`, ...lines.map(([k, v]) => `  ${k.padEnd(12)}${v}`)].join("\n");
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
  return `Job ${jobId} ${what}: ${result.message}`;
}

export function elapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m}m${String(seconds % 60).padStart(2, "0")}s` : `${seconds}s`;
}
