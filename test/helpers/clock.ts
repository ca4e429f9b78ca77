// The one test clock: it moves only when the code under test sleeps (no real waiting, no race),
// or when a test moves it.
import type { Clock } from "../../src/core/runtime.js";

/**
 * A clock at `start`; `onSleep` runs after each sleep with how many there have been (a test can
 * abort or change the world there). `sleeps` lists every sleep's length.
 */
export function fakeClock(start = 0, onSleep: (sleeps: number) => void = () => {}) {
  let now = start;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
      onSleep(sleeps.length);
      signal?.throwIfAborted();
    },
  };
  return {
    clock,
    sleeps,
    /** Moves the clock without a sleep, as time passing elsewhere does. */
    advance(ms: number) {
      now += ms;
    },
  };
}

/** The clock as one object, for the app server and the code under test to share. */
export interface TestClock extends Clock {
  /** How many times the code under test slept. */
  sleeps(): number;
}

/** A {@link fakeClock} at 0 as one object. */
export function testClock(onSleep?: (sleeps: number) => void): TestClock {
  const { clock, sleeps } = fakeClock(0, onSleep);
  return { now: clock.now, sleep: clock.sleep, sleeps: () => sleeps.length };
}
