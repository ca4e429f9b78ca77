// Every option the command knows, once: its parser type, what it takes, its help line, where its
// value may also come from, and the check that turns its text into a value before anything is sent.
import { operationRules } from "../../generated/client-values.js";
import * as schemaValues from "../../generated/schema-values.js";
import { DEFAULT_CONCURRENCY } from "../batch.js";
import { DEFAULT_CONFORMANCE_TIMEOUT_MS } from "../conformance/limits.js";
import { DEFAULT_TIMEOUT_MS, DEFAULT_WAIT_POLICY } from "../index.js";
// The sandbox clock's own bound, from the one file of the sandbox that imports nothing: every
// command reads this table, and only `sandbox` should load the sandbox.
import { MAX_SPEED } from "../sandbox/clock.js";
import { UsageError } from "./exit-codes.js";
import {
  formatDuration,
  parseBaseUrl,
  parseChoice,
  parseCount,
  parseDuration,
  parseFolder,
  parseNonEmpty,
  parsePort,
  parsePositive,
  parseQuestion,
  parseReportFile,
} from "./values.js";

interface Common {
  /** One line for `--help`; defaults and choices are added from the fields below. */
  help: string;
  short?: string;
  /** The environment variable read when the option is not given. */
  env?: string;
  /** Values offered by `--help` and shell completion. */
  choices?: readonly string[];
  /** What shell completion offers for the value: the names of files, or of folders. */
  completes?: "file" | "folder";
}
export interface Flag extends Common {
  type: "boolean";
}
export interface Text<T> extends Common {
  type: "string";
  /** Repeatable: the value is a list. */
  multiple?: boolean;
  /** What the option takes, as `--help` shows it. */
  takes: string;
  /** Shown by `--help`, e.g. "1h". */
  fallback?: string;
  /** Checks the text and returns the value; throws a UsageError naming the option. */
  parse: (option: string, text: string) => T;
  /** Masked in everything the command prints. */
  secret?: boolean;
}
/** A repeatable option. */
export interface List<T> extends Text<T> {
  multiple: true;
}
export type OptionSpec = Flag | Text<unknown>;

const list = <T>(spec: Omit<List<T>, "type" | "multiple">): List<T> => ({ type: "string", multiple: true, ...spec });
const flag = (help: string, short?: string): Flag => ({ type: "boolean", help, ...(short ? { short } : {}) });
/** An option taking any text. */
const text = (spec: Omit<Text<string>, "type" | "parse">): Text<string> => ({
  type: "string",
  parse: (_option, value) => value,
  ...spec,
});
/** An option whose text `parse` checks and turns into a value. */
const checked = <T>(spec: Omit<Text<T>, "type">): Text<T> => ({ type: "string", ...spec });

/** Where `mock` and `sandbox` listen unless told: one or the other stands in for the server. */
export const DEFAULT_PORT = 4010;
/** Intervals and timeouts shorter than this are refused: polling faster helps nobody and loads the server. */
export const SHORTEST_INTERVAL_MS = 1000;
const duration = (option: string, value: string) => parseDuration(option, value, SHORTEST_INTERVAL_MS);
const priorities = schemaValues.Priority.enum;
/** Any word the spec allows: which formats there are, only the job's outputs can say. */
const FORMAT_PATTERN = new RegExp(operationRules.getJobOutput.parameters.format.schema.pattern);

export const OPTIONS = {
  help: flag("show help (for a command: alteryx-jobs <command> --help)", "h"),
  version: flag("print the version", "v"),
  quiet: flag("print only the result and errors: no progress, no notes", "q"),

  "base-url": checked({
    takes: "URL",
    help: "the server's API root, https://host/webapi; no credentials in it",
    env: "ALTERYX_BASE_URL",
    parse: parseBaseUrl,
  }),
  token: text({ takes: "TOKEN", help: "a bearer token", env: "ALTERYX_TOKEN", secret: true }),
  "client-id": text({ takes: "ID", help: "API access key (with --client-secret)", env: "ALTERYX_CLIENT_ID" }),
  "client-secret": text({
    takes: "SECRET",
    help: "API access secret",
    env: "ALTERYX_CLIENT_SECRET",
    secret: true,
  }),
  "request-timeout": checked({
    takes: "DURATION",
    help: "limit for one request and its answer; at least 1s",
    fallback: formatDuration(DEFAULT_TIMEOUT_MS),
    parse: duration,
  }),
  json: flag("print the API's JSON on stdout, and nothing else there"),
  verbose: flag("log each request to stderr (never a header or secret)"),

  "no-messages": flag("leave out the job's messages"),
  status: text({ takes: "STATUS", help: "only jobs in this status" }),
  "result-code": text({ takes: "CODE", help: "only jobs with this result code" }),
  limit: checked({ takes: "N", help: "stop after N jobs", fallback: "all", parse: parseCount }),
  "all-users": flag("every user's jobs, not only yours"),
  question: list({
    takes: "NAME=VALUE",
    help: "an answer to one of the app's questions; repeat for more",
    parse: parseQuestion,
  }),
  answers: checked({
    takes: "FILE",
    completes: "file",
    parse: parseNonEmpty,
    help: 'answers from a JSON file, {"Question": "answer"}; --question wins over it',
  }),
  "no-check": flag("send the answers without first checking them against the app's questions"),
  "version-id": checked({
    takes: "ID",
    help: "the workflow version; the published one when left out",
    parse: parseNonEmpty,
  }),
  concurrency: checked({
    takes: "N",
    help: "jobs queued or running at once, up to 100",
    fallback: String(DEFAULT_CONCURRENCY),
    parse: parseCount,
  }),
  results: checked({
    takes: "FILE",
    completes: "file",
    parse: parseNonEmpty,
    help: "the results CSV, a row appended as each job ends",
    fallback: "<answers file>.results.csv",
  }),
  resume: flag("continue the results file, skipping the rows it lists"),
  priority: checked({
    takes: "PRIORITY",
    help: "the job's priority",
    choices: priorities,
    parse: (option, value) => parseChoice(option, value, priorities),
  }),
  "worker-tag": text({ takes: "TAG", help: "run on a worker with this tag" }),
  wait: flag("wait for the job to finish (see alteryx-jobs wait --help)"),
  timeout: checked({
    takes: "DURATION",
    help: "stop waiting after this long (exit 124); the job goes on; at least 1s",
    fallback: formatDuration(DEFAULT_WAIT_POLICY.timeoutMs),
    parse: duration,
  }),
  interval: checked({
    takes: "DURATION",
    help: `first pause between polls, growing to ${formatDuration(DEFAULT_WAIT_POLICY.maxIntervalMs)}; at least 1s`,
    fallback: formatDuration(DEFAULT_WAIT_POLICY.intervalMs),
    parse: duration,
  }),
  output: list({
    takes: "OUTPUT_ID",
    help: "only this output of the job; repeat for more",
    parse: (_option, value) => value,
  }),
  format: checked({
    takes: "FORMAT",
    help: "save in this format each output that offers it; the others (named) and by default all keep their own type",
    choices: schemaValues.OutputFormat.known,
    parse(option, value) {
      if (!FORMAT_PATTERN.test(value)) throw new UsageError(`--${option} takes a format such as Csv, not "${value}"`);
      return value;
    },
  }),
  dir: checked({
    takes: "DIR",
    completes: "folder",
    help: "the folder to save into, created if missing",
    fallback: ".",
    parse: parseFolder,
  }),
  download: checked({
    takes: "DIR",
    completes: "folder",
    help: "save the outputs of each job that succeeds into DIR",
    parse: parseFolder,
  }),
  port: checked({
    takes: "PORT",
    help: "the port to listen on; 0 picks a free one",
    fallback: String(DEFAULT_PORT),
    parse: parsePort,
  }),
  seed: checked({
    takes: "N",
    help: "generate answers from the schemas with this seed",
    parse: (option, value) => parseCount(option, value, 0),
  }),
  speed: checked({
    takes: "X",
    help: "virtual time per real time: 60 runs a minute per second",
    fallback: "1",
    parse: (option, value) => parsePositive(option, value, MAX_SPEED),
  }),
  fixture: text({
    takes: "FILE",
    completes: "file",
    help: "the workflows, keys and faults to serve, as JSON (see the README)",
  }),

  workflow: checked({
    takes: "ID",
    help: "the workflow whose jobs to read, and to run with --allow-writes",
    parse: parseNonEmpty,
  }),
  job: checked({ takes: "ID", help: "a finished job to read; one of the workflow's otherwise", parse: parseNonEmpty }),
  "allow-writes": flag("also run the workflow, cancel jobs and send refused writes; each is listed first"),
  "user-client-id": text({
    takes: "ID",
    help: "a non-Curator's API access key, for the role checks",
    env: "ALTERYX_USER_CLIENT_ID",
  }),
  "user-client-secret": text({
    takes: "SECRET",
    help: "that key's secret",
    env: "ALTERYX_USER_CLIENT_SECRET",
    secret: true,
  }),
  "user-token": text({
    takes: "TOKEN",
    help: "a non-Curator's token, for the role checks",
    env: "ALTERYX_USER_TOKEN",
    secret: true,
  }),
  "run-timeout": checked({
    takes: "DURATION",
    help: "a deadline for the whole check, waits included; at least 1s",
    fallback: formatDuration(DEFAULT_CONFORMANCE_TIMEOUT_MS),
    parse: duration,
  }),
  "report-json": checked({
    takes: "FILE",
    completes: "file",
    help: "write the report, as JSON, to FILE",
    parse: parseReportFile,
  }),
  junit: checked({
    takes: "FILE",
    completes: "file",
    help: "write the report as JUnit XML to FILE: a test case per claim, a failure per contradiction",
    parse: parseReportFile,
  }),
  markdown: checked({
    takes: "FILE",
    completes: "file",
    help: "write a Markdown summary to FILE (for a pull request or $GITHUB_STEP_SUMMARY)",
    parse: parseReportFile,
  }),
  html: checked({
    takes: "FILE",
    completes: "file",
    help: "write the report as one self-contained HTML page to FILE",
    parse: parseReportFile,
  }),
  overlay: checked({
    takes: "FILE",
    completes: "file",
    help: "write the spec changes that would match what was seen, as an OpenAPI Overlay, to FILE",
    parse: parseReportFile,
  }),
  baseline: checked({
    takes: "FILE",
    completes: "file",
    help: 'contradictions to accept until a date: { "accepted": [{ "claim", "reason", "until" }] }',
    parse: parseNonEmpty,
  }),
} satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;
type ValueOf<O> = O extends Flag ? boolean : O extends List<infer T> ? T[] : O extends Text<infer T> ? T : never;
/** The checked value of every option given. */
export type Values = { -readonly [K in OptionName]?: ValueOf<(typeof OPTIONS)[K]> };

/** Taken by every command. */
export const GLOBAL_OPTIONS: readonly OptionName[] = ["help", "version", "quiet"];
/** Taken by every command that talks to the server. */
export const SERVER_OPTIONS: readonly OptionName[] = [
  "base-url",
  "token",
  "client-id",
  "client-secret",
  "request-timeout",
  "json",
  "verbose",
];
