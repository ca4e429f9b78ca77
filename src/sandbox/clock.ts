// The sandbox's virtual time: real time multiplied by `speed`, plus whatever a test jumps ahead.
// Jobs and listings read only this clock, so `speed: 0` makes a run depend on nothing but the
// calls to `advance`. Tokens read its token time, which moves with it but never faster than real
// time: a client counts `expires_in` in real seconds, so a fast clock must not expire a token
// before the client expects (at the top speed an hour's token would last under 4 ms).

export interface SandboxClock {
  /** The sandbox's current time, in epoch milliseconds. */
  now(): number;
  /** Jumps ahead by `ms` of virtual time: a job due to finish within it has finished. Time stops at the end of year 9999. */
  advance(ms: number): void;
  /** Virtual milliseconds per real millisecond. */
  readonly speed: number;
}

/** The clock as the sandbox itself reads it. */
export interface SandboxTime extends SandboxClock {
  /** The time tokens age by: real time at most `speed` times, never faster, plus every `advance`. */
  tokenTime(): number;
}

export interface ClockOptions {
  /**
   * Virtual time per real time: 1 runs in real time, 60 runs a minute per second, 0 stands still
   * between calls to `advance`.
   * @default 1
   */
  speed?: number;
  /** The virtual time at start, in epoch milliseconds. @default the real time at start */
  start?: number;
}

/** The longest jump `advance` takes in one call: ten years, far beyond any job. */
const MAX_ADVANCE_MS = 10 * 365 * 24 * 3_600_000;
/** The fastest clock: an hour-long job then runs in under 4 ms. */
export const MAX_SPEED = 1_000_000;
/**
 * Where virtual time stops: the spec's dates have four-digit years (a later one would be written
 * +010000-…), and IDs start with the time in seconds, so time starts at 1970 at the earliest.
 */
export const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function createClock(
  { speed = 1, start = Date.now() }: ClockOptions = {},
  realNow = () => performance.now(),
): SandboxTime {
  if (!Number.isFinite(speed) || speed < 0 || speed > MAX_SPEED) {
    throw new RangeError(`speed must be a number from 0 to ${MAX_SPEED}, not ${speed}`);
  }
  if (!Number.isFinite(start) || start < 0 || start > LATEST) {
    throw new RangeError(`start must be a time in epoch milliseconds from 1970 to the end of 9999, not ${start}`);
  }
  const realStart = realNow();
  let advanced = 0;
  const tokenSpeed = Math.min(speed, 1);
  return {
    speed,
    now: () => Math.min(LATEST, Math.floor(start + (realNow() - realStart) * speed + advanced)),
    tokenTime: () => Math.floor((realNow() - realStart) * tokenSpeed + advanced),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
        throw new RangeError(`advance takes a number of milliseconds from 0 to ${MAX_ADVANCE_MS}, not ${ms}`);
      }
      advanced += ms;
    },
  };
}
