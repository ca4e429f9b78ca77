// The command: read the arguments against the table, check every option, then run the command's
// handler with one AbortSignal, and turn the outcome into an exit code. A signal or the deadline
// ends the command at once, whatever the handler is waiting for: the race below does not depend
// on the client honouring the signal quickly.
import { parseArgs } from "node:util";
import { type AuthOptions, createJobsClient, createRedactor, type Fetch, type JobsClient } from "../index.js";
import { COMMANDS, type Command, type Context } from "./commands.js";
import { EXIT, exitCodeFor, UsageError } from "./exit-codes.js";
import { escapeText, styleFor } from "./format.js";
import { commandHelp, mainHelp } from "./help.js";
import { printJson } from "./json.js";
import { PACKAGE_VERSION } from "./manifest.js";
import { GLOBAL_OPTIONS, OPTIONS, type OptionName, SERVER_OPTIONS, type Values } from "./options.js";

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
const PARSER_OPTIONS = Object.fromEntries(
  Object.entries(OPTIONS).map(([name, option]) => [
    name,
    {
      type: option.type,
      ...("multiple" in option ? { multiple: option.multiple } : {}),
      ...(option.short ? { short: option.short } : {}),
    },
  ]),
) as Parameters<typeof parseArgs>[0] extends infer C ? NonNullable<C extends { options?: infer O } ? O : never> : never;

export async function run(argv: string[], io: Io): Promise<number> {
  // The library's redactor, pinned with what the command was given; the client's own masks the
  // tokens it obtained and the Basic value it sent.
  const given = createRedactor();
  for (const secret of secretsIn(argv, io.env)) given.remember(secret, true);
  let client: JobsClient | undefined;
  const redact = (text: string) =>
    (client ? client.redact(given(text)) : given(text)).replace(URL_CREDENTIALS, "$1[redacted]@");
  let finished = false;
  let progressShown = false;
  /** Prints a line; `masked` when its secrets were masked already (JSON, masked value by value). */
  const write = (stream: Io["stdout"], text: string, masked = false) => {
    if (finished) return;
    if (progressShown) {
      io.stderr.write("\n");
      progressShown = false;
    }
    stream.write(`${masked ? text : redact(text)}\n`);
  };
  const warn = (text: string) => write(io.stderr, escapeText(text));

  let name: string | undefined;
  try {
    const parsed = parseCommandLine(argv, io.env);
    name = parsed.name;
    const { command, values, args } = parsed;
    if (!command) {
      write(io.stdout, values.version ? PACKAGE_VERSION : mainHelp());
      return EXIT.ok;
    }
    if (values.help) {
      write(io.stdout, commandHelp(parsed.name ?? "", command));
      return EXIT.ok;
    }
    const quiet = values.quiet === true;
    const live = io.stdout.isTTY === true && !values.json && !quiet;
    const controller = new AbortController();
    let describeStop = () => "Stopped; nothing was cancelled.";
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (code: number, message: string) => void = () => {};
    const stopped = new Promise<number>((resolve) => {
      stop = (code, message) => {
        if (finished) return;
        warn(message);
        finished = true;
        resolve(code);
        controller.abort(new Error(message));
      };
    });
    const stopListening = io.onSignal?.((signal) =>
      command.servesUntilStopped ? controller.abort() : stop(EXIT_FOR_SIGNAL[signal], describeStop()),
    );
    const makeClient = command.server
      ? () => {
          client ??= clientFrom(values, io, warn);
          return client;
        }
      : undefined;
    const context: Context = {
      args,
      values,
      signal: controller.signal,
      client() {
        if (!makeClient) throw new UsageError(`${parsed.name} does not talk to the server`);
        return makeClient();
      },
      print(json, readable) {
        // JSON is masked string by string: masking its text could replace a number and break it.
        if (values.json) write(io.stdout, printJson(json, redact), true);
        else write(io.stdout, readable());
      },
      note(text) {
        if (!quiet) warn(text);
      },
      warn,
      redact,
      progress(text) {
        if (!live || finished) return;
        io.stderr.write(`\r\x1b[2K${redact(escapeText(text))}`);
        progressShown = true;
      },
      style: styleFor(io.stdout.isTTY === true && !values.json, io.env),
      onStop(describe) {
        describeStop = describe;
      },
      deadline(ms, expired) {
        clearTimeout(timer);
        timer = setTimeout(() => stop(EXIT.waitTimeout, expired()), ms);
      },
    };
    const work = command.load().then(({ default: handler }) => handler(context));
    try {
      return await Promise.race([work, stopped]);
    } finally {
      clearTimeout(timer);
      stopListening?.();
      // A handler still running after a stop may settle later: nothing of it is printed.
      work.catch(() => undefined);
    }
  } catch (error) {
    const code = exitCodeFor(error);
    warn(`alteryx-jobs: ${(error as Error).message}`);
    if (code === EXIT.usage) warn(`Run alteryx-jobs ${name && name in COMMANDS ? `${name} ` : ""}--help for usage.`);
    return code;
  } finally {
    finished = true;
  }
}

interface CommandLine {
  name: string | undefined;
  command: Command | undefined;
  values: Values;
  args: string[];
}

/** The command, its arguments and every option's checked value; a UsageError for anything amiss. */
function parseCommandLine(argv: string[], env: Io["env"]): CommandLine {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: PARSER_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [name, ...args] = parsed.positionals;
  const given = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (name === undefined) {
    if (given.help || given.version) return { name, command: undefined, values: given as Values, args };
    throw new UsageError("a command is needed");
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  const allowed = new Set<string>([...GLOBAL_OPTIONS, ...(command.server ? SERVER_OPTIONS : []), ...command.options]);
  for (const option of Object.keys(given)) {
    if (!allowed.has(option)) throw new UsageError(`${name} does not take --${option}`);
  }
  if (given.help) return { name, command, values: { help: true }, args };

  const values: Record<string, unknown> = {};
  for (const option of allowed) {
    const spec = OPTIONS[option as OptionName];
    const raw = given[option] ?? (spec.env ? env[spec.env] || undefined : undefined);
    if (raw === undefined) continue;
    if (spec.type === "boolean" || typeof raw === "boolean") values[option] = raw;
    else values[option] = Array.isArray(raw) ? raw.map((t) => spec.parse(option, t)) : spec.parse(option, raw);
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
function clientFrom(values: Values, io: Io, log: (text: string) => void): JobsClient {
  return createJobsClient({
    baseUrl: values["base-url"] ?? "",
    auth: authFrom(values),
    fetch: io.fetch,
    timeoutMs: values["request-timeout"],
    userAgent: `alteryx-jobs-cli/${PACKAGE_VERSION}`,
    logger: values.verbose ? { debug: log, warn: log } : undefined,
  });
}

function authFrom(values: Values): AuthOptions {
  if (values.token) return { token: values.token };
  const clientId = values["client-id"];
  const clientSecret = values["client-secret"];
  if (clientId && clientSecret) return { clientId, clientSecret };
  throw new UsageError(
    "credentials are needed: --token (ALTERYX_TOKEN), or --client-id and --client-secret (ALTERYX_CLIENT_ID, ALTERYX_CLIENT_SECRET)",
  );
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

/** The command's name, read leniently: the strict reading comes later, and may fail. */
function commandNamed(argv: string[]): string | undefined {
  try {
    return parseArgs({ args: argv, options: PARSER_OPTIONS, allowPositionals: true, strict: false }).positionals[0];
  } catch {
    return undefined;
  }
}
