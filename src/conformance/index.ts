// alteryx-jobs/conformance: what a live server confirms of the spec, claim by claim. Node only
// (it reads the bundled spec from disk); the engine behind `alteryx-jobs conform`.
/** @module alteryx-jobs/conformance */

export { DEFAULT_CONCURRENCY, DEFAULT_CONFORMANCE_TIMEOUT_MS, DEFAULT_MAX_REQUESTS } from "./limits.js";
export type {
  ClaimResult,
  ConformanceReport,
  Evidence,
  Proposal,
  Provenance,
  Verdict,
} from "./report.js";
export {
  type ClaimInfo,
  type ConformanceOptions,
  type ConformanceProgress,
  listClaims,
  runConformance,
} from "./run.js";
