// The file system's failures as the client's own kind of error: typed, naming the path, with the
// system's code, so that a caller can tell a full disk or a read-only folder from a failed download.
import { AlteryxError } from "../index.js";

/**
 * Saving failed on the file system: the folder could not be made or written to, the disk is full,
 * a name could not be taken. `filePath` names the folder or file concerned, `code` is the
 * system's (`EACCES`, `EROFS`, `ENOSPC`, `EFBIG`, …), and `cause` is Node's own error.
 */
export class FileSystemError extends AlteryxError {
  override name = "FileSystemError";
  /** The folder or file the failure concerns. */
  readonly filePath: string;
  /** The system's error code, such as `EACCES`, when it gave one. */
  readonly code: string | undefined;

  constructor(message: string, filePath: string, cause: unknown) {
    super(message, { cause });
    this.filePath = filePath;
    const { code } = (cause ?? {}) as { code?: unknown };
    this.code = typeof code === "string" ? code : undefined;
  }
}

/** Whether `error` comes from a system call (Node's file system errors carry `syscall`). */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string";
}

/** A file system failure while saving an output, naming the folder (never the temporary file) or the file concerned. */
export function fileSystemError(
  error: NodeJS.ErrnoException,
  folder: string,
  temporary: string,
  outputId: string,
): FileSystemError {
  const { dest } = error as { dest?: unknown };
  const path = typeof dest === "string" ? dest : error.path && error.path !== temporary ? error.path : folder;
  const why = error.code ? `${error.code}, ${error.syscall}` : error.syscall;
  return new FileSystemError(`Could not save output ${outputId} in ${path} (${why}): ${reason(error)}`, path, error);
}

/** Node's message without its own "CODE: " prefix and path suffix: the error names the path itself. */
export function reason(error: NodeJS.ErrnoException): string {
  return error.message.replace(/^[A-Z0-9]+: /, "").replace(/, \w+ '[^']*'( -> '[^']*')?$/, "");
}
