#!/usr/bin/env node
// The `alteryx-jobs` command as a process: Ctrl-C and SIGTERM go to the command, a reader that
// goes away (`| head -1`) ends it quietly, and the process exits as soon as the command has
// returned, even if a request it abandoned is still hanging.
import { EXIT } from "./exit-codes.js";
import { run } from "./run.js";

// EPIPE and the like: the reader is gone; nothing more can be shown, and that is not a failure.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);

// Node exits with 13 ("unsettled top-level await"), saying nothing, when a command waits on a
// promise that nothing can settle any more (a read some library forgot). Never a code of the
// table: the command's own failure, with a message.
let returned = false;
process.on("exit", () => {
  if (returned) return;
  process.stderr.write(
    "alteryx-jobs: stopped with nothing left to wait for before the command finished (a fault of the command)\n",
  );
  process.exit(EXIT.other);
});

const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  onSignal(listener) {
    const handlers = (["SIGINT", "SIGTERM"] as const).map((signal) => {
      const handler = () => listener(signal);
      process.on(signal, handler);
      return [signal, handler] as const;
    });
    return () => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    };
  },
});

/** Resolves once what was written so far has been handed to the system (or the stream has failed). */
const flushed = (stream: NodeJS.WriteStream) =>
  new Promise<void>((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    stream.write("", () => resolve());
  });
returned = true;
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
