// alteryx-jobs download <jobId> [--output <outputId>]... [--format F] [--dir D], and the saving
// that `run --wait --download <dir>` does after a successful wait.
import { type DownloadProgress, saveJobOutputs } from "../../node/index.js";
import type { Context, Handler } from "../commands.js";
import { EXIT } from "../exit-codes.js";

const REDRAW_MS = 100;

/** Saves the job's outputs (those named by --output, all by default) into `dir` and prints the paths. */
export async function saveOutputs(jobId: string, dir: string, context: Context): Promise<number> {
  const { values, signal, client, print, progress, onStop } = context;
  onStop(
    () => `Stopped saving the outputs of job ${jobId}; files already saved stay, the one in progress was removed.`,
  );
  let started = performance.now();
  let drawn = Number.NEGATIVE_INFINITY;
  let current = "";
  const onProgress = ({ fileName, bytes, totalBytes }: DownloadProgress) => {
    const now = performance.now();
    if (fileName !== current) [current, started] = [fileName, now];
    if (now - drawn < REDRAW_MS && bytes !== totalBytes) return;
    drawn = now;
    progress(progressLine(fileName, bytes, totalBytes, now - started));
  };
  const saved = await saveJobOutputs(client(), jobId, dir, {
    outputs: values.output,
    format: values.format,
    signal,
    onProgress,
  });
  print(saved, () => saved.map((file) => file.path).join("\n") || "(no outputs)");
  return EXIT.ok;
}

/** `sales.csv  12.0 MiB of 200.0 MiB  35.1 MiB/s` */
export function progressLine(
  fileName: string,
  bytes: number,
  totalBytes: number | undefined,
  elapsedMs: number,
): string {
  const of = totalBytes === undefined ? "" : ` of ${size(totalBytes)}`;
  const rate = elapsedMs > 0 ? `  ${size((bytes * 1000) / elapsedMs)}/s` : "";
  return `${fileName}  ${size(bytes)}${of}${rate}`;
}

function size(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}

const download: Handler = (context) => saveOutputs(context.args[0] ?? "", context.values.dir ?? ".", context);
export default download;
