// Turning command-line words into checked values: durations, counts, ports, choices, answers.
// Every check runs before the command sends anything.
import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { baseUrlProblem, MAX_DELAY_MS } from "../index.js";
import { UsageError } from "./exit-codes.js";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "500ms", "5s", "10m", "1h", "1h30m", "2d"; a bare number is seconds; at most the longest timer (about 24.8 days). */
export function parseDuration(option: string, text: string, minimumMs: number): number {
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  else {
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
    if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) {
      throw new UsageError(`--${option} takes a duration such as 30s, 10m or 1h, not "${text}"`);
    }
    ms = parts.reduce((total, [, amount, unit]) => total + Number(amount) * (UNITS[unit ?? "s"] ?? 1000), 0);
  }
  if (ms < minimumMs || ms > MAX_DELAY_MS) {
    throw new UsageError(`--${option} takes a duration from ${formatDuration(minimumMs)} to 24d, not "${text}"`);
  }
  return ms;
}

/** The largest whole unit: 3600000 → "1h", 40000 → "40s", 1500 → "1500ms". */
export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m", "s"]) {
    const size = UNITS[unit] ?? 1;
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** A whole number from `minimum` up. */
export function parseCount(option: string, text: string, minimum = 1): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < minimum) {
    throw new UsageError(`--${option} takes a whole number of at least ${minimum}, not "${text}"`);
  }
  return value;
}

/** A decimal number above 0 and at most `maximum`: "60", "0.5". */
export function parsePositive(option: string, text: string, maximum: number): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0) || value > maximum) {
    throw new UsageError(`--${option} takes a number above 0 and at most ${maximum}, not "${text}"`);
  }
  return value;
}

export function parsePort(option: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--${option} takes a port number, not "${text}"`);
  return port;
}

export function parseChoice<T extends string>(option: string, text: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === text);
  if (found === undefined) throw new UsageError(`--${option} takes one of ${choices.join(", ")}, not "${text}"`);
  return found;
}

/** Any text but none: an unset shell variable (`--dir "$OUT"`) must not quietly mean the default. */
export function parseNonEmpty(option: string, text: string): string {
  if (text === "") throw new UsageError(`--${option} takes a value, not ""`);
  return text;
}

/**
 * A folder to save into: one that exists, or a path where one can be made. Checked here, before
 * anything is sent, so that `run --wait --download` never queues a job whose outputs have nowhere to go.
 */
export function parseFolder(option: string, text: string): string {
  parseNonEmpty(option, text);
  // The nearest part of the path that exists must be a folder: a file there stops mkdir.
  for (let path = resolve(text); ; path = dirname(path)) {
    let stats: ReturnType<typeof statSync> | undefined;
    try {
      stats = statSync(path);
    } catch {
      // Missing (ENOENT), or below a file (ENOTDIR), which the part above shows.
    }
    if (stats?.isDirectory()) return text;
    if (stats || dirname(path) === path) {
      throw new UsageError(`--${option} takes a folder, or a path where one can be made, not "${text}"`);
    }
  }
}

/** `--question name=value`. */
export function parseQuestion(option: string, text: string): { name: string; value: string } {
  const at = text.indexOf("=");
  if (at <= 0) throw new UsageError(`--${option} takes name=value, not "${text}"`);
  return { name: text.slice(0, at), value: text.slice(at + 1) };
}

/**
 * The server's API root. Never quoted back: a URL that carries credentials (or fails to parse
 * because of them) must not reach a terminal or a CI log.
 */
export function parseBaseUrl(option: string, text: string): string {
  const problem = baseUrlProblem(text);
  if (problem === "not a URL") {
    throw new UsageError(`--${option} takes an absolute http(s) URL such as https://server/webapi (not shown)`);
  }
  if (problem === "credentials") {
    throw new UsageError(
      `--${option} must not carry credentials (user:password@); use --token or --client-id and --client-secret. The URL is not shown.`,
    );
  }
  if (problem) throw new UsageError(`--${option} takes an http(s) URL with no query or fragment (not shown)`);
  return text;
}

/**
 * A file to write a report to: its folder must exist, and the path must not be a folder. Checked
 * before anything is sent, so that a run is never lost for want of a place to put its report.
 */
export function parseReportFile(option: string, text: string): string {
  parseNonEmpty(option, text);
  let folder: ReturnType<typeof statSync> | undefined;
  try {
    folder = statSync(dirname(resolve(text)));
  } catch {
    // Reported below.
  }
  if (!folder?.isDirectory()) throw new UsageError(`--${option} takes a file in a folder that exists, not "${text}"`);
  let target: ReturnType<typeof statSync> | undefined;
  try {
    target = statSync(text);
  } catch {
    return text;
  }
  if (target.isDirectory()) throw new UsageError(`--${option} takes a file, not the folder "${text}"`);
  return text;
}
