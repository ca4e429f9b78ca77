// alteryx-jobs completion bash|zsh|fish: completion scripts written from the table of commands.
import { COMMANDS, type Command, optionsOf } from "../commands.js";
import type { Handler } from "../context.js";
import { EXIT, UsageError } from "../exit-codes.js";
import { OPTIONS, type OptionName } from "../options.js";

const SHELLS = ["bash", "zsh", "fish"] as const;
type Shell = (typeof SHELLS)[number];

/** Single-quoted for any of the three shells. */
function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The options whose value shell completion fills with names of files (or of folders). */
const completing = (kind: "file" | "folder") =>
  Object.entries(OPTIONS)
    .filter(([, option]) => "completes" in option && option.completes === kind)
    .map(([name]) => `--${name}`);

function bash(): string {
  const commands = Object.entries(COMMANDS);
  const choices = Object.entries(OPTIONS).filter(([, option]) => option.choices);
  const [files, folders] = [completing("file"), completing("folder")];
  const takesValue = Object.entries(OPTIONS)
    .filter(
      ([name, option]) => option.type === "string" && !option.choices && ![...files, ...folders].includes(`--${name}`),
    )
    .map(([name]) => `--${name}`);
  const everyValued = Object.entries(OPTIONS)
    .filter(([, option]) => option.type === "string")
    .map(([name]) => `--${name}`);
  // mapfile keeps a name with spaces in it one word; compopt (absent outside a completion, hence
  // the 2>/dev/null) makes bash quote the names and mark folders with a slash.
  const names = (flag: "-f" | "-d") =>
    `compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen ${flag} -- "$cur"); return ;;`;
  /** The `case "$prev"` branches of the options whose value is not one of a list. */
  const valueCases: [flags: string[], action: string][] = [
    [files, names("-f")],
    [folders, names("-d")],
    [takesValue, "COMPREPLY=(); return ;;"],
  ];
  const positional = commands.filter(([, command]) => command.fileArgs?.length);
  return `# alteryx-jobs completion for bash: source <(alteryx-jobs completion bash)
_alteryx_jobs() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W ${quote(commands.map(([name]) => name).join(" "))} -- "$cur"))
    return
  fi
  case "$prev" in
${choices.map(([name, option]) => `    --${name}) COMPREPLY=($(compgen -W ${quote(option.choices?.join(" ") ?? "")} -- "$cur")); return ;;`).join("\n")}
${valueCases
  .filter(([flags]) => flags.length)
  .map(([flags, action]) => `    ${flags.join("|")}) ${action}`)
  .join("\n")}
  esac
  # The argument being completed, counted from 0 after the command, option values left out.
  local i position=0
  for ((i = 2; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${everyValued.join("|")}) ((i++)) ;;
      -*) ;;
      *) ((position++)) ;;
    esac
  done
  if [[ $cur != -* ]]; then
    case "\${COMP_WORDS[1]}:$position" in
${positional.map(([name, command]) => `      ${command.fileArgs?.map((at) => `${name}:${at}`).join("|")}) ${names("-f")}`).join("\n")}
    esac
  fi
  case "\${COMP_WORDS[1]}" in
${commands.map(([name, command]) => `    ${name}) COMPREPLY=($(compgen -W ${quote(words(name, command))} -- "$cur")) ;;`).join("\n")}
  esac
}
complete -F _alteryx_jobs alteryx-jobs
`;
}

/** What may follow the command: its options and, for completion, the shells. */
function words(name: string, command: Command): string {
  return [...(name === "completion" ? SHELLS : []), ...optionsOf(command).map(({ word }) => `--${word}`)].join(" ");
}

function zsh(): string {
  const describe = (text: string) => text.replaceAll(/[[\]:]/g, "\\$&");
  const spec = ({ name, word }: { name: OptionName; word: string }) => {
    const option = OPTIONS[name];
    const help = describe(option.help);
    if (option.type === "boolean") return quote(`--${word}[${help}]`);
    const values = option.choices
      ? `(${option.choices.join(" ")})`
      : "completes" in option && option.completes
        ? { file: "_files", folder: "_files -/" }[option.completes]
        : " ";
    return quote(
      `${option.type === "string" && option.multiple ? "*" : ""}--${word}=[${help}]:${option.takes}:${values}`,
    );
  };
  const commands = Object.entries(COMMANDS);
  return `#compdef alteryx-jobs
# alteryx-jobs completion for zsh: save as _alteryx-jobs in a folder of $fpath
_alteryx_jobs() {
  local -a commands
  commands=(
${commands.map(([name, command]) => `    ${quote(`${name}:${describe(command.summary)}`)}`).join("\n")}
  )
  if (( CURRENT == 2 )); then
    _describe command commands
    return
  fi
  local name=$words[2]
  shift 2 words
  (( CURRENT -= 2 ))
  case $name in
${commands
  .map(([name, command]) => {
    const positional = name === "completion" ? ` ${quote(`1:shell:(${SHELLS.join(" ")})`)}` : "";
    return `    ${name}) _arguments${positional} ${optionsOf(command).map(spec).join(" ")} ;;`;
  })
  .join("\n")}
  esac
}
compdef _alteryx_jobs alteryx-jobs
`;
}

function fish(): string {
  const lines = ["# alteryx-jobs completion for fish", "complete -c alteryx-jobs -f"];
  for (const [name, command] of Object.entries(COMMANDS)) {
    lines.push(`complete -c alteryx-jobs -n __fish_use_subcommand -a ${name} -d ${quote(command.summary)}`);
    const when = `-n ${quote(`__fish_seen_subcommand_from ${name}`)}`;
    if (name === "completion") lines.push(`complete -c alteryx-jobs ${when} -a ${quote(SHELLS.join(" "))}`);
    if (command.fileArgs?.length) lines.push(`complete -c alteryx-jobs ${when} -F`);
    for (const { name: option, word } of optionsOf(command)) {
      const spec = OPTIONS[option];
      const names = "completes" in spec && spec.completes;
      const value =
        spec.type === "boolean"
          ? ""
          : spec.choices
            ? ` -x -a ${quote(spec.choices.join(" "))}`
            : names === "file"
              ? " -r -F"
              : names === "folder"
                ? ` -x -a ${quote("(__fish_complete_directories)")}`
                : " -r";
      lines.push(`complete -c alteryx-jobs ${when} -l ${word}${value} -d ${quote(spec.help)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

const SCRIPTS: Record<Shell, () => string> = { bash, zsh, fish };

const isShell = (text: string): text is Shell => (SHELLS as readonly string[]).includes(text);

const completion: Handler = async ({ args: [shell = ""], print }) => {
  if (!isShell(shell)) throw new UsageError(`completion takes ${SHELLS.join(", ")}, not "${shell}"`);
  const script = SCRIPTS[shell]();
  print(script, () => script.trimEnd());
  return EXIT.ok;
};
export default completion;
