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

function bash(): string {
  const commands = Object.entries(COMMANDS);
  const choices = Object.entries(OPTIONS).filter(([, option]) => option.choices);
  const takesValue = Object.entries(OPTIONS)
    .filter(([, option]) => option.type === "string" && !option.choices)
    .map(([name]) => `--${name}`);
  return `# alteryx-jobs completion for bash: source <(alteryx-jobs completion bash)
_alteryx_jobs() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W ${quote(commands.map(([name]) => name).join(" "))} -- "$cur"))
    return
  fi
  case "$prev" in
${choices.map(([name, option]) => `    --${name}) COMPREPLY=($(compgen -W ${quote(option.choices?.join(" ") ?? "")} -- "$cur")); return ;;`).join("\n")}
    ${takesValue.join("|")}) COMPREPLY=(); return ;;
  esac
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
    const values = option.choices ? `(${option.choices.join(" ")})` : " ";
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
    for (const { name: option, word } of optionsOf(command)) {
      const spec = OPTIONS[option];
      const value = spec.type === "boolean" ? "" : spec.choices ? ` -x -a ${quote(spec.choices.join(" "))}` : " -r";
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
