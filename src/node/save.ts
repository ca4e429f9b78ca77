// Saving a job's outputs into a folder: each file streamed to a temporary name in that folder and
// given its final name only when complete, so a final name never holds a partial file.
import { randomUUID } from "node:crypto";
import { createWriteStream, openSync, rmSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { operationRules } from "../../generated/client-values.js";
import * as schemaValues from "../../generated/schema-values.js";
import {
  AbortError,
  ConnectionError,
  InvalidArgumentError,
  type JobOutput,
  type JobsClient,
  type OutputDataView,
  type OutputFormat,
  UnexpectedResponseError,
} from "../index.js";
import { dispositionFileName } from "./disposition.js";
import { fileSystemError, isFileSystemFailure } from "./errors.js";
import { extensionOf, isExtension, maskedFileName } from "./file-names.js";
import { place } from "./place.js";

/**
 * A format name, or a function that picks one of the output's `availableFormats`, or returns
 * undefined for the output's own type (the default).
 */
export type FormatChoice =
  | OutputFormat
  | ((availableFormats: OutputFormat[], output: OutputDataView) => OutputFormat | undefined);

export interface DownloadProgress {
  outputId: string;
  /** The file's name in the folder, before any " (2)" a clash may add. */
  fileName: string;
  /** Bytes written so far. */
  bytes: number;
  /** From the response's Content-Length, when the server sent one. */
  totalBytes: number | undefined;
}

export interface SaveJobOutputsOptions {
  /** The IDs of the outputs to save; all of the job's outputs by default. */
  outputs?: readonly string[];
  /**
   * The format of every output, or a function choosing one per output (undefined: its own type).
   * @default the file's own type: Raw where offered, else the format named like the file's extension, else the first offered
   */
  format?: FormatChoice;
  /**
   * Replace a file of the same name already in the folder.
   * @default false: the new file is named `name (2).ext`, `name (3).ext`, …
   */
  overwrite?: boolean;
  /** Stops the download in progress; its temporary file is removed and it rejects with AbortError. */
  signal?: AbortSignal;
  /** Called as bytes are written. */
  onProgress?: (progress: DownloadProgress) => void;
}

export interface SavedOutput {
  outputId: string;
  format: OutputFormat;
  /** Absolute path of the saved file, inside the folder. */
  path: string;
  bytes: number;
}

const ORIGINAL: readonly string[] = schemaValues.OutputFormat.original.map((format) => format.toLowerCase());

/**
 * Saves a job's outputs into `dir` (created if missing), one after the other, and resolves with
 * where each went. File names come from the outputs' `fileName`, made safe (secrets the client
 * knows masked, no folder part, no control characters, no name Windows refuses), with the chosen
 * format's extension, and never replace an existing file unless `overwrite` is set. A download is
 * retried only before its first byte (as any read is); once bytes are written a failure removes
 * the temporary file and rejects.
 * Outputs saved before a failure stay.
 * @throws InvalidArgumentError for an output ID the job does not have, or a format an output does not offer, before any download.
 * @throws UnexpectedResponseError, before any download, when the job lists an output whose ID the download path cannot take.
 * @throws ConnectionError, TimeoutError or AbortError when a download is cut (or ends short of its
 * Content-Length), stalls or is stopped.
 * @throws FileSystemError (from `alteryx-jobs/node`) naming the folder or file, when the folder
 * cannot be made or written to (checked before each download is asked for), the disk fills, or a
 * name cannot be taken; a download in progress is cancelled, its connection closed.
 * @throws UnexpectedResponseError when the server compresses a download although asked not to:
 * a compressed body cut short would look whole.
 */
export async function saveJobOutputs(
  client: JobsClient,
  jobId: string,
  dir: string,
  options: SaveJobOutputsOptions = {},
): Promise<SavedOutput[]> {
  const { signal } = options;
  const job = await client.getJob(jobId, { includeMessages: false, signal });
  const chosen = pick(job.outputs, options.outputs).map((output) => ({
    output,
    format: chooseFormat(output, options.format),
  }));
  // Every ID, before the first download: an ID the path cannot take is the server's answer at
  // fault, found before anything is saved rather than as a usage error half way.
  for (const { output } of chosen) checkOutputId(jobId, output.id, client.redact);
  const folder = resolve(dir);
  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    // EEXIST from a recursive mkdir: something that is not a folder has the name.
    if ((error as { code?: unknown }).code === "EEXIST")
      throw new InvalidArgumentError("dir", dir, "a folder, or a path where one can be made");
    throw isFileSystemFailure(error) ? fileSystemError("make the folder", error, folder, client.redact) : error;
  });
  const taken = new Set<string>();
  const saved: SavedOutput[] = [];
  for (const { output, format } of chosen)
    saved.push(await saveOne(client, jobId, folder, output, format, options, taken));
  return saved;
}

function pick(outputs: OutputDataView[], ids: readonly string[] | undefined): OutputDataView[] {
  // An output the job lists twice is one file: saved once.
  if (ids === undefined) return [...new Map(outputs.map((output) => [output.id, output])).values()];
  return [...new Set(ids)].map((id) => {
    const output = outputs.find((o) => o.id === id);
    if (!output)
      throw new InvalidArgumentError("output", id, `one of the job's outputs: ${list(outputs.map((o) => o.id))}`);
    return output;
  });
}

/** The rule the download path's `outputId` follows, from the spec. */
const OUTPUT_ID_RULE = new RegExp(operationRules.getJobOutput.parameters.outputId.schema.pattern);

function checkOutputId(jobId: string, id: string, redact: (text: string) => string): void {
  if (OUTPUT_ID_RULE.test(id)) return;
  throw new UnexpectedResponseError(
    `Job ${jobId} lists an output whose ID, ${JSON.stringify(redact(id.slice(0, 64)))}, the download path cannot take (it matches ${OUTPUT_ID_RULE.source}, as the spec's OutputDataView.id does); no output was downloaded`,
  );
}

function chooseFormat(output: OutputDataView, choice: FormatChoice | undefined): OutputFormat {
  const offered = output.availableFormats;
  const same = (a: string) => (b: string | undefined) => a.toLowerCase() === b?.toLowerCase();
  const wanted =
    (typeof choice === "function" ? choice([...offered], output) : choice) ??
    offered.find((f) => ORIGINAL.includes(f.toLowerCase())) ??
    offered.find(same(extensionOf(output.fileName))) ??
    offered[0];
  const found = wanted === undefined ? undefined : offered.find(same(wanted));
  if (!found) throw new InvalidArgumentError("format", wanted, `one that output ${output.id} offers: ${list(offered)}`);
  return found;
}

async function saveOne(
  client: JobsClient,
  jobId: string,
  folder: string,
  output: OutputDataView,
  format: OutputFormat,
  { signal, onProgress, overwrite = false }: SaveJobOutputsOptions,
  taken: Set<string>,
): Promise<SavedOutput> {
  const temporary = join(folder, `.${randomUUID()}.download`);
  // Created before the download is asked for, so that a folder that takes no file costs no
  // request; removed in the abort itself rather than after it: a program (the command on Ctrl-C)
  // may exit as soon as abort() returns, before any cleanup that waits for the next tick.
  const file = createWriteStream(temporary, { fd: openTemporary(temporary, folder, client.redact) });
  const removeNow = () => removeQuietly(temporary);
  signal?.addEventListener("abort", removeNow, { once: true });
  try {
    const download = await client.getJobOutput(jobId, output.id, { format, signal });
    const refused = refusal(download, output.id, client.redact);
    if (refused) {
      // Cancelled, not left to the garbage collector: the connection closes now.
      await download.body.cancel(refused).catch(() => {});
      throw refused;
    }
    const fileName = nameFor(client, output, format, download);
    // On any failure, the pipeline destroys the source, which cancels the body: the download's
    // connection closes at once, even when it is the file that failed.
    const source = Readable.fromWeb(download.body as NodeReadableStream<Uint8Array>);
    if (onProgress) {
      const report = (bytes: number) =>
        onProgress({ outputId: output.id, fileName, bytes, totalBytes: download.contentLength });
      await pipeline(source, counter(report), file, { signal });
    } else await pipeline(source, file, { signal });
    const { contentLength } = download;
    if (contentLength !== undefined && file.bytesWritten !== contentLength) {
      throw new ConnectionError(
        `The download of output ${output.id} ended after ${file.bytesWritten} of the ${contentLength} bytes its Content-Length announced`,
      );
    }
    const path = await place(temporary, folder, fileName, overwrite, taken);
    return { outputId: output.id, format, path, bytes: file.bytesWritten };
  } catch (error) {
    file.destroy();
    await rm(temporary, { force: true }).catch(() => {});
    if (signal?.aborted && !(error instanceof AbortError)) {
      throw new AbortError("The download was aborted", { cause: error });
    }
    // The disk's failure (full, read-only, the folder removed meanwhile), not the server's.
    if (isFileSystemFailure(error))
      throw fileSystemError(`save output ${output.id}`, error, folder, client.redact, temporary);
    throw error;
  } finally {
    signal?.removeEventListener("abort", removeNow);
  }
}

/**
 * The file's name: the output's, made safe, with the extension the server's name for it in this
 * format gives, when it can be one; failing that, Raw keeps the file's own and a conversion is
 * named after its format. Both names are masked first: a name that echoes the credentials would
 * put them on disk, in every listing of the folder.
 */
function nameFor(client: JobsClient, output: OutputDataView, format: OutputFormat, download: JobOutput): string {
  const named = extensionOf(client.redact(dispositionFileName(download.contentDisposition) ?? ""));
  const extension = isExtension(named)
    ? named
    : ORIGINAL.includes(format.toLowerCase())
      ? extensionOf(output.fileName)
      : format.toLowerCase();
  return maskedFileName(output.fileName, extension || undefined, client.redact);
}

function openTemporary(temporary: string, folder: string, redact: (text: string) => string): number {
  try {
    return openSync(temporary, "wx");
  } catch (error) {
    throw isFileSystemFailure(error)
      ? fileSystemError("create a file in the folder", error, folder, redact, temporary)
      : error;
  }
}

/**
 * Why a download is not saved, before any byte is: the server compressed it although asked for
 * the file as it is. Node's fetch decodes a gzip body cut short (no trailer) as if it were whole,
 * so a compressed download's completeness cannot be checked, and a cut file would look complete.
 */
function refusal(
  { contentEncoding }: JobOutput,
  outputId: string,
  redact: (text: string) => string,
): UnexpectedResponseError | undefined {
  if (contentEncoding === undefined) return undefined;
  const encoding = JSON.stringify(redact(contentEncoding.slice(0, 40)));
  return new UnexpectedResponseError(
    `The server sent output ${outputId} compressed (Content-Encoding: ${encoding}) although asked for it uncompressed (Accept-Encoding: identity); a compressed download cut short cannot be told from a whole one, so it was not saved`,
    { status: 200 },
  );
}

/** Removes a file at once; a failure (a system that keeps open files) is left to the async removal that follows. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The download's own failure path removes it once the file is closed.
  }
}

function counter(report: (bytes: number) => void): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.byteLength;
      report(bytes);
      done(null, chunk);
    },
  });
}

function list(values: readonly string[]): string {
  return values.join(", ") || "(none)";
}
