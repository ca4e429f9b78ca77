// A failure of the local file system while saving outputs (a folder that cannot be made, a
// read-only or full disk, a folder removed meanwhile), as a typed error naming the path: the
// caller can tell it from the server's failures, and Node's bare `Error` never reaches them.
import { AlteryxError } from "../index.js";

/** The local file system refused an operation of `saveJobOutputs`; the download, if any, was cancelled. */
export class FileSystemError extends AlteryxError {
  override name = "FileSystemError";
  /** The system's error code, such as `EROFS`, `ENOSPC`, `EACCES` or `ENOTDIR`; undefined when it gave none. */
  readonly code: string | undefined;
  /** The file or folder the failed operation was on. */
  readonly filePath: string;

  constructor(message: string, filePath: string, code: string | undefined, cause?: unknown) {
    super(message, { cause });
    this.filePath = filePath;
    this.code = code;
  }
}

/** Whether `error` comes from a file-system call (Node sets `syscall` on those), rather than from the download. */
export function isFileSystemFailure(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string";
}

/**
 * `error`, a file-system failure while doing `what`, as a FileSystemError naming the path: the
 * one the system names (the destination of a link or rename first), else `fallbackPath`; never
 * `hidden` (a temporary file, which means nothing to the user: `fallbackPath` then). Masked by `redact`.
 */
export function fileSystemError(
  what: string,
  error: NodeJS.ErrnoException,
  fallbackPath: string,
  redact: (text: string) => string,
  hidden?: string,
): FileSystemError {
  const { dest } = error as { dest?: unknown };
  const named = typeof dest === "string" ? dest : error.path;
  const path = redact(named !== undefined && named !== hidden ? named : fallbackPath);
  const code = error.code;
  // Node's message is "EROFS: read-only file system, open '/dir/file'": its reason is the part
  // between the code and the call.
  const reason = error.message.replace(/^[A-Z0-9_]+: /, "").replace(/, \w+(?: '.*)?$/s, "");
  return new FileSystemError(
    redact(`Could not ${what}: ${path}: ${code ? `${code} (${reason})` : reason}`),
    path,
    code,
    error,
  );
}
