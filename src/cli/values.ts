// Turning command-line words into values: durations, counts, question answers.
import { UsageError } from "./exit-codes.js";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "500ms", "5s", "10m", "1h", "1h30m"; a bare number is seconds. */
export function parseDuration(option: string, text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) {
    throw new UsageError(`--${option} takes a duration such as 30s, 10m or 1h, not "${text}"`);
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (UNITS[unit ?? "s"] ?? 1000), 0);
}

/** The largest whole unit: 3600000 → "1h", 40000 → "40s", 1500 → "1500ms". */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [
    ["h", UNITS.h],
    ["m", UNITS.m],
    ["s", UNITS.s],
  ] as const) {
    if (size !== undefined && ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

export function parseCount(option: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`--${option} takes a whole number of at least 1, not "${text}"`);
  }
  return value;
}

/** `--question name=value`, repeated. */
export function parseQuestions(texts: string[]): { name: string; value: string }[] {
  return texts.map((text) => {
    const at = text.indexOf("=");
    if (at <= 0) throw new UsageError(`--question takes name=value, not "${text}"`);
    return { name: text.slice(0, at), value: text.slice(at + 1) };
  });
}
