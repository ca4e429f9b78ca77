// The command, as steps: mask what it was given (createOutput) → read the arguments against the
// table and check every option (parseCommandLine) → help or version, or run the handler with one
// AbortSignal, raced against a stop (runCommand, createStopper, contextFor) → an exit code.
import { createJobsClient, createRedactor, type Fetch, type JobsClient, type Logger } from "../index.js";
import { commandNamed, readArguments } from "./argv.js";
import { COMMANDS, type Command, optionsOf } from "./commands.js";
import type { Context } from "./context.js";
import { authFrom } from "./credentials.js";
import { EXIT, exitCodeFor, UsageError } from "./exit-codes.js";
import { escapeText, styleFor } from "./format.js";
import { commandHelp, mainHelp } from "./help.js";
import { printJson } from "./json.js";
import { PACKAGE_VERSION } from "./manifest.js";
import { OPTIONS, type OptionName, type Values } from "./options.js";
import { reasonLines } from "./reasons.js";

export type Signal = "SIGINT" | "SIGTERM";

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Where SIGINT and SIGTERM are heard (the process, from main.ts); returns a function that stops listening. */
  onSignal?: (listener: (signal: Signal) => void) => () => void;
  /** The fetch the client sends with; the global one by default. */
  fetch?: Fetch;
}

/** The `user:password@` of a URL, wherever one shows (a URL typed where a command or an ID goes). */
const URL_CREDENTIALS = /\b([a-z][a-z\d+.-]*:\/\/)[^\s/?#]*@/gi;
const EXIT_FOR_SIGNAL: Record<Signal, number> = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated };

/** Runs one command line: exit code 0 on success, the table's code for each failure (exit-codes.ts). */
export async function run(argv: string[], io: Io): Promise<number> {
  const output = createOutput(argv, io);
  try {
    const line = parseCommandLine(argv, io.env);
    if (!line.command) {
      output.write(io.stdout, line.values.version ? PACKAGE_VERSION : mainHelp());
      return EXIT.ok;
    }
    if (line.values.help) {
      output.write(io.stdout, commandHelp(line.name ?? "", line.command));
      return EXIT.ok;
    }
    return await runCommand({ ...line, command: line.command }, io, output);
  } catch (error) {
    const code = exitCodeFor(error);
    // The command's own words keep their lines; an error that may quote the server is escaped whole.
    const print = error instanceof UsageError ? output.say : output.warn;
    print(`alteryx-jobs: ${(error as Error).message}`);
    for (const line of reasonLines(error)) output.warn(line);
    if (code === EXIT.usage) {
      const name = commandNamed(argv);
      output.say(`Run alteryx-jobs ${name && Object.hasOwn(COMMANDS, name) ? `${name} ` : ""}--help for usage.`);
    }
    return code;
  } finally {
    output.finish();
  }
}

/** Everything the command writes, masked: lines, the progress line, and nothing once it has finished. */
interface Output {
  /** Masks every secret the command was given, and those of its client once there is one. */
  redact(text: string): string;
  /** Prints a line; `masked` when its secrets were masked already (JSON, masked value by value). */
  write(stream: Io["stdout"], text: string, masked?: boolean): void;
  /** A line on stderr that may hold the server's text: every control character escaped, line breaks too. */
  warn(text: string): void;
  /** The command's own lines on stderr: control characters escaped, its line breaks kept. */
  say(text: string): void;
  /** The status line, redrawn in place. */
  progress(text: string): void;
  /** The client whose secrets (tokens it obtained, the Basic value it sent) are masked too. */
  useClient(client: JobsClient): void;
  /** Nothing is written from now on: a handler still running after a stop stays silent. */
  finish(): void;
  readonly finished: boolean;
}

function createOutput(argv: string[], io: Io): Output {
  // The library's redactor, pinned with what the command was given.
  const given = createRedactor();
  for (const secret of secretsIn(argv, io.env)) given.remember(secret, true);
  let client: JobsClient | undefined;
  let finished = false;
  let progressShown = false;
  const redact = (text: string) =>
    (client ? client.redact(given(text)) : given(text)).replace(URL_CREDENTIALS, "$1[redacted]@");
  const write = (stream: Io["stdout"], text: string, masked = false) => {
    if (finished) return;
    if (progressShown) {
      io.stderr.write("\n");
      progressShown = false;
    }
    stream.write(`${masked ? text : redact(text)}\n`);
  };
  return {
    redact,
    write,
    warn: (text) => write(io.stderr, escapeText(text)),
    say: (text) => write(io.stderr, text.split("\n").map(escapeText).join("\n")),
    progress(text) {
      if (finished) return;
      io.stderr.write(`\r\x1b[2K${redact(escapeText(text))}`);
      progressShown = true;
    },
    useClient(made) {
      client = made;
    },
    finish() {
      finished = true;
    },
    get finished() {
      return finished;
    },
  };
}

/** How a running command ends early: a signal or the deadline stops it at once, with a message. */
interface Stopper {
  signal: AbortSignal;
  /** Settles with the exit code when the command is stopped. */
  stopped: Promise<number>;
  stop(code: number, message: string): void;
  /** What to say when the command is stopped from now on. */
  describe: () => string;
  /** Stops the command with exit 124 after `ms`. */
  deadline(ms: number, expired: () => string): void;
  /** Aborts the signal without a message: how a command that serves until stopped is ended. */
  abort(): void;
  /** Clears the deadline. */
  done(): void;
}

function createStopper(output: Output): Stopper {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stop: Stopper["stop"] = () => {};
  const stopped = new Promise<number>((resolve) => {
    stop = (code, message) => {
      if (output.finished) return;
      output.warn(message);
      output.finish();
      resolve(code);
      controller.abort(new Error(message));
    };
  });
  const stopper: Stopper = {
    signal: controller.signal,
    stopped,
    stop,
    describe: () => "Stopped; nothing was cancelled.",
    deadline(ms, expired) {
      clearTimeout(timer);
      timer = setTimeout(() => stop(EXIT.waitTimeout, expired()), ms);
    },
    abort: () => controller.abort(),
    done: () => clearTimeout(timer),
  };
  return stopper;
}

/**
 * The command's handler, raced against a stop: a signal or the deadline ends the command at
 * once, whatever the handler is waiting for, without depending on the client honouring the
 * signal quickly.
 */
async function runCommand(line: CommandLine & { command: Command }, io: Io, output: Output): Promise<number> {
  const { command } = line;
  const stopper = createStopper(output);
  const stopListening = io.onSignal?.((signal) =>
    command.servesUntilStopped ? stopper.abort() : stopper.stop(EXIT_FOR_SIGNAL[signal], stopper.describe()),
  );
  const work = command.load().then(({ default: handler }) => handler(contextFor(line, io, output, stopper)));
  try {
    return await Promise.race([work, stopper.stopped]);
  } finally {
    stopper.done();
    stopListening?.();
    // A handler still running after a stop may settle later: nothing of it is printed.
    work.catch(() => undefined);
  }
}

/** What the handler is given: the checked words and options, the signal, the client and the ways to print. */
function contextFor(line: CommandLine & { command: Command }, io: Io, output: Output, stopper: Stopper): Context {
  const { name, command, values, args } = line;
  const quiet = values.quiet === true;
  const live = io.stdout.isTTY === true && !values.json && !quiet;
  let client: JobsClient | undefined;
  // On stderr through warn: a path or message of the server's has its control characters escaped.
  const logger = values.verbose ? { debug: output.warn, warn: output.warn } : undefined;
  return {
    args,
    values,
    signal: stopper.signal,
    client() {
      if (!command.server) throw new UsageError(`${name} does not talk to the server`);
      if (!client) {
        client = clientFrom(values, io, logger);
        output.useClient(client);
      }
      return client;
    },
    print(json, readable) {
      // JSON is masked string by string: masking its text could replace a number and break it.
      if (values.json) output.write(io.stdout, printJson(json, output.redact), true);
      else output.write(io.stdout, readable());
    },
    note(text) {
      if (!quiet) output.warn(text);
    },
    warn: output.warn,
    redact: output.redact,
    progress(text) {
      if (live) output.progress(text);
    },
    style: styleFor(io.stdout.isTTY === true && !values.json, io.env),
    fetch: io.fetch,
    logger,
    onStop(describe) {
      stopper.describe = describe;
    },
    deadline: stopper.deadline,
  };
}

interface CommandLine {
  name: string | undefined;
  command: Command | undefined;
  values: Values;
  args: string[];
}

/** The command, its arguments and every option's checked value; a UsageError for anything amiss. */
function parseCommandLine(argv: string[], env: Io["env"]): CommandLine {
  const { name, command, args, given } = readArguments(argv);
  if (name === undefined || command === undefined) {
    if (given.help || given.version) return { name, command: undefined, values: given as Values, args };
    throw new UsageError("a command is needed");
  }
  const taken = optionsOf(command);
  const allowed = taken.map(({ name: option }) => option);
  if (given.help) return { name, command, values: { help: true }, args };

  const values: Record<string, unknown> = {};
  for (const option of allowed) {
    const spec = OPTIONS[option as OptionName];
    const raw = given[option] ?? (spec.env ? env[spec.env] || undefined : undefined);
    if (raw === undefined) continue;
    // Messages name the option as the user wrote it.
    const word = taken.find((t) => t.name === option)?.word ?? option;
    if (spec.type === "boolean" || typeof raw === "boolean") values[option] = raw;
    else values[option] = Array.isArray(raw) ? raw.map((t) => spec.parse(word, t)) : spec.parse(word, raw);
  }
  if (args.length !== command.args.length) {
    const expected = command.args.map((arg) => `<${arg}>`).join(" ") || "no argument";
    throw new UsageError(`${name} takes ${expected}`);
  }
  command.check?.(values as Values);
  if (command.server) {
    if (values["base-url"] === undefined) throw new UsageError("the server is needed: --base-url or ALTERYX_BASE_URL");
    authFrom(values as Values);
  }
  return { name, command, values: values as Values, args };
}

/** The client, made on first use; everything it needs was checked already. */
function clientFrom(values: Values, io: Io, logger: Logger | undefined): JobsClient {
  return createJobsClient({
    baseUrl: values["base-url"] ?? "",
    auth: authFrom(values),
    fetch: io.fetch,
    timeoutMs: values["request-timeout"],
    userAgent: `alteryx-jobs-cli/${PACKAGE_VERSION}`,
    logger,
  });
}

/**
 * Every secret the command was given, read before parsing, so that even a usage error cannot show
 * one. The environment's count unless the command named reads no credentials: `sandbox` prints
 * its own test keys, which a shell that uses the sandbox has exported.
 */
function secretsIn(argv: string[], env: Io["env"]): string[] {
  const names = Object.entries(OPTIONS).filter(([, option]) => option.type === "string" && option.secret);
  const readsEnv = COMMANDS[commandNamed(argv) ?? ""]?.server !== false;
  const secrets = names.map(([, option]) => (option.env && readsEnv ? env[option.env] : undefined));
  argv.forEach((arg, i) => {
    for (const [name] of names) {
      if (arg === `--${name}`) secrets.push(argv[i + 1]);
      if (arg.startsWith(`--${name}=`)) secrets.push(arg.slice(name.length + 3));
    }
  });
  return secrets.filter((secret): secret is string => secret !== undefined);
}
