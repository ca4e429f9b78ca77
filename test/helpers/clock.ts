// A clock that only moves when the code under test sleeps: no real waiting, no race.
import type { Clock } from "../../src/core/runtime.js";

export function fakeClock(start = 0) {
  let now = start;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
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
