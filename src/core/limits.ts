// Limits that more than one part of the package must agree on, written once.

/**
 * The longest delay a timer holds (2^31−1 ms, about 24.8 days): a longer one fires after 1 ms,
 * so every sleep, attempt timer and command-line duration is clamped to or refused above it.
 */
export const MAX_DELAY_MS = 2 ** 31 - 1;
