// Writes the report files a run was asked for, each format from the one report. Every text passes
// through the caller's `redact` on its way to disk, as a last guard: the engine masks what it
// records, and no secret may reach a file in any encoding.
import { writeFileSync } from "node:fs";
import { toHtml } from "./html.js";
import { toJUnit } from "./junit.js";
import { toMarkdown } from "./markdown.js";
import { overlayText, overlayWithVerdict } from "./overlay.js";
import type { ConformanceReport } from "./report.js";
import { bundledSpecPath } from "./spec.js";

/** Where to write each format; a format without a path is not written. */
export interface ReportFiles {
  junit?: string | undefined;
  markdown?: string | undefined;
  html?: string | undefined;
  /** The proposed spec changes, as an OpenAPI Overlay 1.0 document (YAML), with the gate's verdict. */
  overlay?: string | undefined;
}

/**
 * Writes each format asked for.
 * @param specPath The spec the run checked, which the overlay is applied to: by default the spec this package ships.
 * @throws Error when a file cannot be written.
 */
export async function writeReports(
  report: ConformanceReport,
  files: ReportFiles,
  redact: (text: string) => string,
  specPath = bundledSpecPath(),
): Promise<void> {
  const write = (file: string | undefined, text: () => string) => {
    if (file !== undefined) writeFileSync(file, redact(text()));
  };
  write(files.junit, () => toJUnit(report));
  write(files.markdown, () => toMarkdown(report));
  write(files.html, () => toHtml(report));
  if (files.overlay !== undefined) {
    const overlay = await overlayWithVerdict(report, specPath);
    write(files.overlay, () => overlayText(overlay));
  }
}
