// `--help`, for the command and for each command, written from the table of commands and the
// table of options; every line fits 80 columns.
import { COMMANDS, type Command, type CommandOption, optionsOf } from "./commands.js";
import { EXIT_CODES_HELP } from "./exit-codes.js";
import { GLOBAL_OPTIONS, OPTIONS, type OptionName, SERVER_OPTIONS } from "./options.js";

const WIDTH = 80;
const COLUMN = 26;

/** Words of `text` in lines of at most `width`, the first after `first`, the others indented by `indent`. */
export function wrap(text: string, width = WIDTH, indent = "", first = indent): string {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const start = line === first || line === indent;
    if (!start && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line += (start ? "" : " ") + word;
  }
  lines.push(line);
  return lines.join("\n");
}

/** `  left   text…` with `text` wrapped in its column, or on the next line when `left` is too wide. */
function row(left: string, text: string): string {
  const head = `  ${left}`;
  const indent = " ".repeat(COLUMN);
  if (head.length >= COLUMN - 1) return `${head}\n${wrap(text, WIDTH, indent)}`;
  return wrap(text, WIDTH, indent, head.padEnd(COLUMN));
}

export function usage(name: string, command: Command): string {
  const args = command.args.map((arg) => `<${arg}>`).join(" ");
  return [`alteryx-jobs ${name}`, args, command.options.length || command.server ? "[options]" : ""]
    .filter(Boolean)
    .join(" ");
}

function optionRows(names: readonly (OptionName | CommandOption)[], notes: Command["optionNotes"] = {}): string {
  return names
    .map((named) => {
      const { name, word } = typeof named === "string" ? { name: named, word: named } : named;
      const option = OPTIONS[name];
      const flags = `${option.short ? `-${option.short}, ` : ""}--${word}`;
      const left = option.type === "string" ? `${flags} ${option.takes}` : flags;
      const extras = [
        notes[name] ?? "",
        option.choices ? `one of ${option.choices.join(", ")}` : "",
        option.type === "string" && option.fallback ? `default ${option.fallback}` : "",
      ].filter(Boolean);
      return row(left, [[option.help, ...extras].join("; "), option.env ? `[${option.env}]` : ""].join(" "));
    })
    .join("\n");
}

export function mainHelp(): string {
  const commands = Object.entries(COMMANDS).map(([name, command]) =>
    row([name, ...command.args.map((arg) => `<${arg}>`)].join(" "), command.summary),
  );
  return [
    "alteryx-jobs: look at, run, wait for and cancel jobs on Alteryx Server (API v3)",
    "",
    "Usage: alteryx-jobs <command> [options]",
    "",
    "Commands:",
    ...commands,
    "",
    "Options of the commands that talk to the server:",
    optionRows(SERVER_OPTIONS),
    "",
    ...everyCommandsOptions(),
    wrap(
      "Run alteryx-jobs <command> --help for a command's own options. Tokens and secrets are masked " +
        "in everything printed. Text from the server is printed with control characters escaped.",
    ),
    "",
    EXIT_CODES_HELP,
    "",
  ].join("\n");
}

const everyCommandsOptions = () => ["Options of every command:", optionRows(GLOBAL_OPTIONS), ""];

export function commandHelp(name: string, command: Command): string {
  return [
    wrap(usage(name, command), WIDTH, "  ", "Usage: "),
    "",
    wrap(`${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.${command.about ? ` ${command.about}` : ""}`),
    ...(command.options.length ? ["", "Options:", optionRows(optionsOf(command, "own"), command.optionNotes)] : []),
    ...(command.server ? ["", "Server options:", optionRows(optionsOf(command, "server"))] : []),
    "",
    ...everyCommandsOptions(),
  ].join("\n");
}
