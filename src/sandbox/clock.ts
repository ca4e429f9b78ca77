// The sandbox's virtual time: real time multiplied by `speed`, plus whatever a test jumps ahead.
// Jobs, tokens and listings read only this clock, so `speed: 0` makes a run depend on nothing but
// the calls to `advance`.

export interface SandboxClock {
  /** The sandbox's current time, in epoch milliseconds. */
  now(): number;
  /** Jumps ahead by `ms` of virtual time: a job due to finish within it has finished. */
  advance(ms: number): void;
  /** Virtual milliseconds per real millisecond. */
  readonly speed: number;
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

export function createClock({ speed = 1, start = Date.now() }: ClockOptions = {}, realNow = () => performance.now()) {
  if (!Number.isFinite(speed) || speed < 0 || speed > 1_000_000) {
    throw new RangeError(`speed must be a number from 0 to 1000000, not ${speed}`);
  }
  if (!Number.isFinite(start)) throw new RangeError(`start must be a time in epoch milliseconds, not ${start}`);
  const realStart = realNow();
  let advanced = 0;
  const clock: SandboxClock = {
    speed,
    now: () => Math.floor(start + (realNow() - realStart) * speed + advanced),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
        throw new RangeError(`advance takes a number of milliseconds from 0 to ${MAX_ADVANCE_MS}, not ${ms}`);
      }
      advanced += ms;
    },
  };
  return clock;
}
