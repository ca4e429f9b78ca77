// Reading the command line into words and options, with the command's own messages for what is
// amiss, each one line: Node's parser would say it in three, in its own terms ("ambiguous", "place
// it at the end of the command after '--'"). A mistyped command or option gets the one it most
// likely meant.
import { parseArgs } from "node:util";
import { nearestName } from "../core/nearest-name.js";
import { COMMANDS, type Command, type CommandOption, optionsOf } from "./commands.js";
import { UsageError } from "./exit-codes.js";
import { quoted } from "./format.js";
import { OPTIONS, type OptionName } from "./options.js";

/** The parser's view of the table of options: type, repeatable, short letter. */
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

export interface Arguments {
  /** The command's name, undefined when none was given (`--help`, `--version`). */
  name: string | undefined;
  command: Command | undefined;
  /** The words after the command's name. */
  args: string[];
  /** Each option given, as text (a list for a repeatable one) or true for a flag; checked later. */
  given: Record<string, string | string[] | boolean | undefined>;
}

const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);
const SHORT = new Set(Object.values(OPTIONS).flatMap((option) => (option.short ? [option.short] : [])));
/** `--verbose`, `--token=x` or `-q`: a word that is an option, not a value such as `-1`. */
const namesAnOption = (word: string) =>
  word.startsWith("--") ? isOption(word.slice(2).split("=")[0] ?? "") : /^-.$/.test(word) && SHORT.has(word.slice(1));

/** " (did you mean X?)" when one of `names` is close to `typed`, else nothing. */
function didYouMean(typed: string, names: readonly string[], show = (name: string) => name): string {
  const meant = nearestName(typed, names);
  return meant === undefined || meant === typed ? "" : `: did you mean ${show(meant)}?`;
}

/** The command named, or a UsageError for a name no command has. */
function commandFor(name: string): Command {
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command ${quoted(name)}${didYouMean(name, Object.keys(COMMANDS))}`);
  return command;
}

/**
 * The command line's words and options, each option under its name in the table (a command may
 * spell one as another's word: conform's `--json` is its `report-json`).
 * @throws UsageError for an unknown command or option, an option of another command, a value
 *   missing or given to a flag, naming the command or option the user most likely meant.
 */
export function readArguments(argv: string[]): Arguments {
  const named = commandNamed(argv);
  const command = named === undefined ? undefined : commandFor(named);
  const taken: CommandOption[] = command
    ? optionsOf(command)
    : (Object.keys(OPTIONS) as OptionName[]).map((name) => ({ name, word: name }));
  const parserOptions = { ...PARSER_OPTIONS };
  for (const { name, word } of taken) parserOptions[word] = PARSER_OPTIONS[name] as (typeof PARSER_OPTIONS)[string];
  // Not strict: the checks below say what is wrong in the command's words, not the parser's.
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    options: parserOptions,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const [name, ...args] = positionals;
  const byWord = new Map(taken.map(({ name: option, word }) => [word, option]));
  const words = taken.map(({ word }) => word);
  const flag = (word: string) => `--${word}`;
  const given: Arguments["given"] = {};
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const { name: word, rawName, value, inlineValue } = token;
    const option = byWord.get(word);
    if (option === undefined) {
      if (command && isOption(word))
        throw new UsageError(`${name} does not take --${word}${didYouMean(word, words, flag)}`);
      throw new UsageError(`unknown option ${rawName}${didYouMean(rawName.replace(/^-+/, ""), words, flag)}`);
    }
    const spec = OPTIONS[option];
    given[option] = values[word];
    if (spec.type === "boolean") {
      if (value !== undefined) throw new UsageError(`--${word} takes no value, not ${quoted(value)}`);
      continue;
    }
    if (value === undefined) throw new UsageError(`--${word} needs a value: ${spec.takes}`);
    // `--limit -1` is a value (and the option's own check refuses it); `--token --verbose` is a
    // forgotten value, for the next word is an option.
    if (!inlineValue && namesAnOption(value)) {
      throw new UsageError(`--${word} needs a value: ${spec.takes}, not another option`);
    }
  }
  return { name, command, args, given };
}

/** The command's name, read leniently, before anything is checked (to know which secrets to mask). */
export function commandNamed(argv: string[]): string | undefined {
  try {
    return parseArgs({ args: argv, options: PARSER_OPTIONS, allowPositionals: true, strict: false }).positionals[0];
  } catch {
    return undefined;
  }
}
