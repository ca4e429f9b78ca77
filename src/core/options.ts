// Checks for the options a caller passes (timeouts, sizes, page sizes, concurrency), one rule
// each, written with named bounds. Parameters the spec describes are checked by params.ts instead.
import { InvalidArgumentError } from "./errors.js";

/**
 * What a numeric option may be: a lower bound (`above` or `atLeast`, one of them), perhaps an
 * upper one, and finite unless `infinite`.
 */
export interface NumberRule {
  /** The value must be greater than this. */
  above?: number;
  /** The value must be at least this. */
  atLeast?: number;
  /**
   * The value must be at most this.
   * @default Infinity
   */
  atMost?: number;
  /** A whole number (a safe integer). */
  whole?: boolean;
  /** `Infinity` is allowed too (for "no limit"). */
  infinite?: boolean;
}

/**
 * Throws InvalidArgumentError naming `name` unless `value` fits `rule`, before anything is sent.
 * @example checkNumber("timeoutMs", options.timeoutMs, { atLeast: 0 })
 */
export function checkNumber(name: string, value: number, rule: NumberRule): void {
  const { above, atLeast, atMost = Infinity, whole, infinite } = rule;
  const low = above ?? atLeast ?? -Infinity;
  const kind = (infinite && value === Infinity) || (whole ? Number.isSafeInteger : Number.isFinite)(value);
  // NaN fails every comparison, so it is refused with the rest.
  if (!kind || !(value >= low) || value === above || !(value <= atMost)) {
    const upper = atMost < Infinity ? ` and ≤ ${atMost}` : "";
    const bounds = `${above === undefined ? "≥" : ">"} ${low}${upper}${infinite ? ", or Infinity" : ""}`;
    throw new InvalidArgumentError(name, value, `a ${whole ? "whole " : ""}number ${bounds}`);
  }
}

/** Throws InvalidArgumentError naming `name` unless `value` is text (an answer, a name). */
export function checkText(name: string, value: unknown): void {
  if (typeof value !== "string") throw new InvalidArgumentError(name, value, "a string");
}
