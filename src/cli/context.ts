// What a running command is given, and what it is: the types every handler and the command
// table share, in a file of their own so that neither imports the other for them.
import type { runBatchWith } from "../batch.js";
import type { Fetch, JobsClient, Logger } from "../index.js";
import type { Style } from "./format.js";
import type { Values } from "./options.js";

/** What a running command is given. */
export interface Context {
  /** The positional arguments, in the order of the entry's `args`. */
  args: string[];
  values: Values;
  /** Fires on Ctrl-C, SIGTERM or a deadline: pass it to every client call. */
  signal: AbortSignal;
  /** The client for the server the options name (checked before the command ran). */
  client(): JobsClient;
  /** Prints the result: `json` with --json, otherwise the readable text. */
  print(json: unknown, readable: () => string): void;
  /** A line on stderr for a person (left out with --quiet). */
  note(text: string): void;
  /** A line on stderr that --quiet keeps: why the command did not succeed. */
  warn(text: string): void;
  /** Masks every secret the command knows in text it writes elsewhere than stdout and stderr (a file). */
  redact(text: string): string;
  /** A status line redrawn in place on a terminal; nothing elsewhere or with --quiet or --json. */
  progress(text: string): void;
  style: Style;
  /**
   * Where `--verbose` logs each request (the logger `client()` is made with), for the clients a
   * handler makes itself; absent without `--verbose`.
   */
  logger?: Logger | undefined;
  /** The fetch the command sends with (a test's), for what sends otherwise than through `client()`. */
  fetch?: Fetch | undefined;
  /** The clock a batch waits on (a test's, that of its client); the real one when absent. */
  clock?: Parameters<typeof runBatchWith>[0] | undefined;
  /** What to tell the user if the command is stopped from now on (by a signal or the deadline). */
  onStop(describe: () => string): void;
  /** Stops the command with exit 124 after `ms`, saying `expired()`. */
  deadline(ms: number, expired: () => string): void;
}

export type Handler = (context: Context) => Promise<number>;
