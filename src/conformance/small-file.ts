// Reading a file a person names on the command line (a baseline, a report): whole, as UTF-8 text,
// up to a size, and only when it is a regular file. A folder, a FIFO or a device such as
// /dev/zero is refused before anything is read from it, so a wrong name ends with a message
// rather than a wait or an endless read; so is a file that grows while it is read.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/**
 * The text of `file`.
 * @param fail Called with what is wrong (`no such file`, `is a folder, not a file`, `is larger
 * than N bytes`, …); it throws the caller's error.
 * @throws whatever `fail` throws: when the file is missing, cannot be read, is not a regular file,
 * is larger than `maxBytes`, grows while it is read or is not UTF-8.
 */
export function readSmallFile(file: string, maxBytes: number, fail: (problem: string) => never): string {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === "ENOENT" ? "no such file" : `cannot be read (${code ?? "error"})`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) fail("is a folder, not a file");
    if (!stat.isFile()) fail("is not a regular file");
    if (stat.size > maxBytes) fail(`is larger than ${maxBytes} bytes`);
    // One byte more than the file had: filling it means the file grew while it was read.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      try {
        read = readSync(fd, buffer, length, buffer.length - length, null);
      } catch (error) {
        return fail(`cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
      }
    }
    if (length > stat.size) fail("changed while it was read");
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      return fail("is not UTF-8 text");
    }
  } finally {
    closeSync(fd);
  }
}
