// alteryx-jobs/conformance: what a live server confirms of the spec, claim by claim. Node only
// (it reads the bundled spec from disk); the engine behind `alteryx-jobs conform`.
/** @module alteryx-jobs/conformance */

export {
  type AppliedBaseline,
  applyBaseline,
  type Baseline,
  type BaselineEntry,
  BaselineError,
  MAX_BASELINE_BYTES,
  parseBaseline,
  readBaseline,
} from "./baseline.js";
export { type ReportFiles, writeReports } from "./files.js";
export { toHtml } from "./html.js";
export { toJUnit } from "./junit.js";
export { DEFAULT_CONCURRENCY, DEFAULT_CONFORMANCE_TIMEOUT_MS, DEFAULT_MAX_REQUESTS } from "./limits.js";
export { toMarkdown } from "./markdown.js";
export {
  applyOverlay,
  type OverlayAction,
  type OverlayVerdict,
  overlayText,
  overlayWithVerdict,
  type ProposedOverlay,
  proposeOverlay,
} from "./overlay.js";
export { MAX_REPORT_BYTES, parseReport, REPORT_SCHEMA, ReportError, readReport } from "./read-report.js";
export type {
  ClaimResult,
  ConformanceReport,
  Evidence,
  Proposal,
  Provenance,
  Verdict,
} from "./report.js";
export { PROVENANCES, VERDICTS } from "./report.js";
export {
  type ClaimInfo,
  type ConformanceOptions,
  type ConformanceProgress,
  listClaims,
  runConformance,
} from "./run.js";
