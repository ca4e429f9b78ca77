// Everything the client takes from its surroundings, in one object that tests replace whole:
// the fetch, the clock (what time it is, how to wait), randomness for jitter, where lines are
// logged, and the redactor every shown text passes through.

import { MAX_DELAY_MS } from "./limits.js";
import type { Redactor } from "./redact.js";

/** The global fetch's signature: a URL or request, and an init whose `signal` it must honour. */
export type Fetch = (input: string | Request, init?: RequestInit) => Promise<Response>;

/** Where the client reports what it does; `console` fits. Lines are masked like every other text. */
export interface Logger {
  debug?(message: string): void;
  warn?(message: string): void;
}

export interface Clock {
  /** Milliseconds since the epoch (an HTTP-date Retry-After is measured against it). */
  now(): number;
  /** Waits `ms`, or rejects with the signal's reason as soon as it is aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface Runtime {
  fetch: Fetch;
  clock: Clock;
  random: () => number;
  logger: Logger;
  redact: Redactor;
}

export const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      // Clamped: a timer cannot hold more, and would fire at once.
      const timer = setTimeout(
        () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        Math.min(Math.max(ms, 0), MAX_DELAY_MS),
      );
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
