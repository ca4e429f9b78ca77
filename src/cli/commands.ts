// The one table of commands. Each entry gives everything the command line needs to know about a
// command: its words, its options, its checks, its help, and where its code is, loaded only when
// the command runs (so `mock` alone loads Prism). Adding a command is adding an entry here (with
// its handler and format: CONTRIBUTING.md, "Add an operation").

import type { Handler } from "./context.js";
import { UsageError } from "./exit-codes.js";
import { PRISM_VERSION } from "./manifest.js";
import { GLOBAL_OPTIONS, type OptionName, SERVER_OPTIONS, type Values } from "./options.js";

export interface Command {
  /** Usage placeholder after the name, e.g. "<jobId>"; checked for count. */
  args: readonly string[];
  /** One line for the command list (keep it under 50 columns). */
  summary: string;
  /** More about it, for `alteryx-jobs <command> --help`. */
  about?: string;
  options: readonly OptionName[];
  /** What an option means for this command beyond its own help line, added to it by `--help`. */
  optionNotes?: Partial<Record<OptionName, string>>;
  /** The positions (0 for the first) of the arguments that name a file, for shell completion. */
  fileArgs?: readonly number[];
  /** Talks to the server: takes the server options, needs a base URL and credentials. */
  server: boolean;
  /** A signal is its normal end (it serves until stopped): exit with what the handler returns. */
  servesUntilStopped?: boolean;
  /**
   * Options this command spells as another option's word, in place of that option: conform's
   * `--json` takes the report's file (`report-json`) instead of printing JSON.
   */
  words?: Partial<Record<OptionName, OptionName>>;
  /** Checks that need more than one option, run before anything is sent. */
  check?: (values: Values) => void;
  load: () => Promise<{ default: Handler }>;
}

export const COMMANDS: Record<string, Command> = {
  get: {
    args: ["jobId"],
    summary: "a job's details and messages",
    options: ["no-messages"],
    server: true,
    load: () => import("./handlers/get.js"),
  },
  messages: {
    args: ["jobId"],
    summary: "a job's messages (Curators)",
    options: [],
    server: true,
    load: () => import("./handlers/messages.js"),
  },
  cancel: {
    args: ["jobId"],
    summary: "cancel a running job or delete a queued one",
    about: "Says which of the two happened, with the server's message.",
    options: [],
    server: true,
    load: () => import("./handlers/cancel.js"),
  },
  list: {
    args: ["workflowId"],
    summary: "a workflow's jobs, newest first",
    options: ["status", "result-code", "limit"],
    server: true,
    load: () => import("./handlers/list.js"),
  },
  jobs: {
    args: [],
    summary: "every job you may see (Curators)",
    options: ["status", "all-users", "limit"],
    server: true,
    load: () => import("./handlers/jobs.js"),
  },
  run: {
    args: ["workflowId"],
    summary: "queue a job; with --wait, wait for it",
    about:
      "Answers are checked against the app's questions before the job is queued (--no-check skips that). " +
      "With --wait it then waits as `alteryx-jobs wait` does, taking --timeout and --interval; with " +
      "--download DIR as well, it then saves the job's outputs into DIR as `alteryx-jobs download` does.",
    options: ["question", "answers", "no-check", "priority", "worker-tag", "wait", "timeout", "interval", "download"],
    optionNotes: { timeout: "with --wait", interval: "with --wait", download: "with --wait" },
    server: true,
    check(values) {
      if (!values.wait && (values.timeout !== undefined || values.interval !== undefined)) {
        throw new UsageError("--timeout and --interval go with --wait");
      }
      if (!values.wait && values.download !== undefined) throw new UsageError("--download goes with --wait");
    },
    load: () => import("./handlers/run.js"),
  },
  questions: {
    args: ["workflowId"],
    summary: "an analytic app's questions",
    about: "Each question's name, type, default and, for a list, the keys an answer may be.",
    options: ["version-id"],
    server: true,
    load: () => import("./handlers/questions.js"),
  },
  batch: {
    args: ["workflowId", "answers.csv|answers.jsonl"],
    fileArgs: [1],
    summary: "run an app once per row of answers",
    about:
      "One run a row: a CSV whose header names the questions (an empty cell leaves the default), or " +
      "JSON Lines of objects. Every row is checked against the questions before the first run " +
      "(--no-check skips that). Waiting costs one listing of the workflow's jobs a poll. Each result " +
      "is appended to the results file as its job ends; Ctrl-C cancels nothing and lists the jobs " +
      "already queued, and --resume runs only the rows the file does not list. A second batch on the " +
      "same results file is refused (exit 2) until the first ends. With --download DIR, " +
      "the outputs of each run that succeeds are saved into DIR/<row>/ as it ends (in --format where " +
      "an output offers it, else in its own type). Exit 7 when any run did not succeed, or its outputs were not saved.",
    options: [
      "concurrency",
      "results",
      "resume",
      "no-check",
      "priority",
      "worker-tag",
      "interval",
      "download",
      "format",
    ],
    server: true,
    load: () => import("./handlers/batch.js"),
  },
  wait: {
    args: ["jobId"],
    summary: "wait for a job to finish",
    about:
      "Polls from --interval, each pause 1.5 times the last, never sooner than the server asks " +
      "(Retry-After). --timeout is a deadline for the whole wait: when it runs out the command " +
      "exits 124 and the job goes on. Ctrl-C stops waiting (exit 130); the job is never cancelled. " +
      "Progress is shown on a terminal. Exit 7 when the job ends other than in success.",
    options: ["timeout", "interval"],
    server: true,
    load: () => import("./handlers/wait.js"),
  },
  outputs: {
    args: ["jobId"],
    summary: "a job's output files and their formats",
    options: [],
    server: true,
    load: () => import("./handlers/outputs.js"),
  },
  download: {
    args: ["jobId"],
    summary: "save a job's output files",
    about:
      "Saves every output (or those named by --output) into --dir and prints the paths: in --format " +
      "where the output offers it, each other one in its own type (named on stderr). Each file is " +
      "written under a temporary name and renamed when complete; names come from the server, made " +
      "safe, and never replace a file already there (name (2).ext). A progress line shows on a terminal.",
    options: ["output", "format", "dir"],
    server: true,
    load: () => import("./handlers/download.js"),
  },
  mock: {
    args: [],
    summary: "serve the mock of the bundled spec",
    about: `Needs @stoplight/prism-cli ${PRISM_VERSION} installed. Any bearer token is accepted. Ctrl-C stops it (exit 0).`,
    options: ["port", "seed"],
    server: false,
    servesUntilStopped: true,
    load: () => import("./handlers/mock.js"),
  },
  sandbox: {
    args: [],
    summary: "serve a stateful sandbox of the API",
    about:
      "Jobs go Queued, Running, Completed on a virtual clock; --fixture sets the workflows and API keys " +
      "(the default fixture otherwise). Prints its URL and API keys, which are test keys and are not " +
      "masked; --json prints them as JSON. Ctrl-C stops it (exit 0).",
    options: ["port", "speed", "fixture", "json"],
    server: false,
    servesUntilStopped: true,
    load: () => import("./handlers/sandbox.js"),
  },
  conform: {
    args: [],
    summary: "check a server against the spec, claim by claim",
    about:
      "Derives its claims from the spec (each documented answer, property, value list and stated " +
      "behaviour) and checks them against the server: confirmed, contradicted, not exercised or " +
      "inconclusive. Read-only unless --allow-writes: GETs and the token request. The main key must be " +
      "a Curator's; a non-Curator's (--user-client-id and --user-client-secret, or --user-token) enables " +
      "the role checks. Progress goes to stderr, a table of verdicts to stdout. Exit 8 when a claim is " +
      "contradicted and no --baseline accepts it (until its day, UTC, included).",
    options: [
      "workflow",
      "job",
      "allow-writes",
      "answers",
      "user-client-id",
      "user-client-secret",
      "user-token",
      "run-timeout",
      "report-json",
      "junit",
      "markdown",
      "html",
      "overlay",
      "baseline",
    ],
    words: { json: "report-json", timeout: "run-timeout" },
    server: true,
    check(values) {
      if (values["allow-writes"] && values.workflow === undefined) {
        throw new UsageError("--allow-writes needs --workflow: the workflow to run");
      }
      if (values.answers !== undefined && !values["allow-writes"])
        throw new UsageError("--answers goes with --allow-writes");
      if ((values["user-client-id"] === undefined) !== (values["user-client-secret"] === undefined)) {
        throw new UsageError("--user-client-id and --user-client-secret go together");
      }
      if (values["user-token"] !== undefined && values["user-client-id"] !== undefined) {
        throw new UsageError("--user-token or --user-client-id, not both");
      }
    },
    load: () => import("./handlers/conform.js"),
  },
  completion: {
    args: ["shell"],
    summary: "a completion script: bash, zsh or fish",
    about:
      "bash: source <(alteryx-jobs completion bash); " +
      "zsh: alteryx-jobs completion zsh > ~/.zfunc/_alteryx-jobs (a folder in $fpath); " +
      "fish: alteryx-jobs completion fish > ~/.config/fish/completions/alteryx-jobs.fish",
    options: [],
    server: false,
    load: () => import("./handlers/completion.js"),
  },
};

/** An option a command takes, and the word it is written as on its command line. */
export interface CommandOption {
  name: OptionName;
  word: string;
}

/** The command's own options, its server options (unless it spells one otherwise) and every command's, with their words. */
export function optionsOf(command: Command, which: "own" | "server" | "global" | "all" = "all"): CommandOption[] {
  const words = command.words ?? {};
  const spelled = new Map<OptionName, string>(
    Object.entries(words).map(([word, name]) => [name as OptionName, word] as [OptionName, string]),
  );
  const own = command.options.map((name) => ({ name, word: spelled.get(name) ?? name }));
  const server = command.server
    ? SERVER_OPTIONS.filter((name) => !(name in words)).map((name) => ({ name, word: name }))
    : [];
  const global = GLOBAL_OPTIONS.map((name) => ({ name, word: name }));
  return which === "own"
    ? own
    : which === "server"
      ? server
      : which === "global"
        ? global
        : [...own, ...server, ...global];
}
