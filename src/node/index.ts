// alteryx-jobs/node: what needs Node's file system, apart from the main entry so that it stays
// usable in any runtime with fetch.
/** @module alteryx-jobs/node */
export { dispositionFileName } from "./disposition.js";
export { FileSystemError } from "./errors.js";
export {
  type DownloadProgress,
  type FormatChoice,
  type SavedOutput,
  type SaveJobOutputsOptions,
  saveJobOutputs,
} from "./save.js";
