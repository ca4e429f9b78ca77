// The part of the command's context that the questions and batch handlers use: the positional
// arguments, the checked option values, the signal that Ctrl-C fires, the client, and the ways to
// print (the result on stdout, notes and a progress line on stderr).
import type { JobsClient } from "../../index.js";

export interface CommandContext<Values> {
  args: string[];
  values: Values;
  signal: AbortSignal;
  client(): JobsClient;
  /** The result: `json` with --json, otherwise the readable text. */
  print(json: unknown, readable: () => string): void;
  note(text: string): void;
  /** A status line redrawn in place on a terminal. */
  progress(text: string): void;
}
