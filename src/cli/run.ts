// The command: read the arguments, call the client, print, and turn the outcome into an exit code.
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import {
  type AuthOptions,
  createJobsClient,
  DEFAULT_PAGE_SIZE,
  isJobSuccessful,
  type JobsClient,
  type JobView,
  type Priority,
  type WaitOptions,
} from "../index.js";
import { startPrism } from "../mock.js";
import { EXIT, exitCodeFor, UsageError } from "./exit-codes.js";
import * as format from "./format.js";
import { HELP } from "./help.js";
import { parseCount, parseDuration, parseQuestions } from "./values.js";

export interface Io {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Where Ctrl-C is heard; the process by default. */
  onInterrupt?: (stop: () => void) => () => void;
}

const OPTIONS = {
  "base-url": { type: "string" },
  token: { type: "string" },
  "client-id": { type: "string" },
  "client-secret": { type: "string" },
  json: { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  "no-messages": { type: "boolean" },
  status: { type: "string" },
  "result-code": { type: "string" },
  limit: { type: "string" },
  "all-users": { type: "boolean" },
  question: { type: "string", multiple: true },
  priority: { type: "string" },
  "worker-tag": { type: "string" },
  wait: { type: "boolean" },
  timeout: { type: "string" },
  interval: { type: "string" },
  port: { type: "string" },
  seed: { type: "string" },
} as const;

type Values = ReturnType<typeof parse>["values"];
const GLOBAL = ["base-url", "token", "client-id", "client-secret", "json", "verbose", "help", "version"];
const COMMANDS: Record<string, { args: string[]; options: string[] }> = {
  get: { args: ["jobId"], options: ["no-messages"] },
  messages: { args: ["jobId"], options: [] },
  cancel: { args: ["jobId"], options: [] },
  list: { args: ["workflowId"], options: ["status", "result-code", "limit"] },
  jobs: { args: [], options: ["status", "all-users", "limit"] },
  run: { args: ["workflowId"], options: ["question", "priority", "worker-tag", "wait", "timeout", "interval"] },
  wait: { args: ["jobId"], options: ["timeout", "interval"] },
  mock: { args: [], options: ["port", "seed"] },
};

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function run(argv: string[], io: Io): Promise<number> {
  const secrets = secretsIn(argv, io.env);
  const hide = (text: string) => secrets.reduce((out, secret) => out.replaceAll(secret, "[redacted]"), text);
  const out = (text: string) => io.stdout.write(`${hide(text)}\n`);
  const err = (text: string) => io.stderr.write(`${hide(text)}\n`);

  try {
    const { values, positionals } = parse(argv);
    if (values.help || values.version) {
      out(values.help ? HELP : version());
      return EXIT.ok;
    }
    const [name, ...args] = positionals;
    if (!name) throw new UsageError("a command is needed");
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`unknown command "${name}"`);
    checkUsage(name, command, args, values);
    const context = { values, args, io, out, err };
    if (name === "mock") return await serveMock(context);
    return await runCommand(name, { ...context, client: clientFrom(values, io, err) });
  } catch (error) {
    const code = exitCodeFor(error);
    err(`alteryx-jobs: ${(error as Error).message}`);
    if (code === EXIT.usage) err("Run alteryx-jobs --help for usage.");
    return code;
  }
}

interface Context {
  values: Values;
  args: string[];
  io: Io;
  out: (text: string) => void;
  err: (text: string) => void;
}

async function runCommand(name: string, context: Context & { client: JobsClient }): Promise<number> {
  const { client, values, args, out } = context;
  const id = args[0] ?? "";
  const print = (json: unknown, readable: () => string) =>
    out(values.json ? JSON.stringify(json, null, 2) : readable());

  switch (name) {
    case "get": {
      const job = await client.getJob(id, { includeMessages: !values["no-messages"] });
      print(job, () => format.jobSummary(job));
      return EXIT.ok;
    }
    case "messages": {
      const messages = await client.getJobMessages(id);
      print(messages, () => format.messageTable(messages));
      return EXIT.ok;
    }
    case "cancel": {
      const result = await client.cancelJob(id);
      print(result, () => format.cancelSummary(id, result));
      return EXIT.ok;
    }
    case "list": {
      const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : parseCount("limit", values.limit);
      const filters = { status: values.status, resultCode: values["result-code"], pageSize: pageSize(limit) };
      const jobs = await take(client.listWorkflowJobs(id, filters), limit);
      print(jobs, () => format.workflowJobTable(jobs));
      return EXIT.ok;
    }
    case "jobs": {
      const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : parseCount("limit", values.limit);
      const filters = {
        statuses: values.status === undefined ? undefined : [values.status as "Queued"],
        allUsers: values["all-users"] || undefined,
        pageSize: pageSize(limit),
      };
      const jobs = await take(client.listJobs(filters), limit);
      print(jobs, () => format.jobListTable(jobs));
      return EXIT.ok;
    }
    case "run": {
      const body = {
        questions: values.question ? parseQuestions(values.question) : undefined,
        priority: values.priority as Priority | undefined,
        workerTag: values["worker-tag"],
      };
      const queued = await client.runWorkflow(id, body);
      if (!values.wait) {
        print(queued, () => format.jobSummary(queued));
        return EXIT.ok;
      }
      context.err(`Job ${queued.id} queued; waiting for it to finish.`);
      return waitFor(queued.id, context);
    }
    case "wait":
      return waitFor(id, context);
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}

async function waitFor(jobId: string, { client, values, io, out, err }: Context & { client: JobsClient }) {
  const controller = new AbortController();
  const stopListening = (io.onInterrupt ?? onSigint)(() => controller.abort());
  const live = io.stdout.isTTY === true && !values.json;
  const options: WaitOptions = {
    signal: controller.signal,
    timeoutMs: values.timeout === undefined ? undefined : parseDuration("timeout", values.timeout),
    intervalMs: values.interval === undefined ? undefined : parseDuration("interval", values.interval),
    onUpdate: live
      ? (job, { elapsedMs, polls }) =>
          io.stderr.write(`\r\x1b[2K${job.id}  ${job.status}  ${format.elapsed(elapsedMs)}  (poll ${polls})`)
      : undefined,
  };
  let job: JobView;
  try {
    job = await client.waitForJob(jobId, options);
  } catch (error) {
    if (controller.signal.aborted) {
      if (live) io.stderr.write("\n");
      err(`Stopped waiting for job ${jobId}; it was not cancelled.`);
      return EXIT.interrupted;
    }
    throw error;
  } finally {
    stopListening();
  }
  if (live) io.stderr.write("\n");
  out(values.json ? JSON.stringify(job, null, 2) : format.jobSummary(job));
  if (isJobSuccessful(job)) return EXIT.ok;
  err(`Job ${job.id} ended ${job.status} with disposition ${job.disposition || "(none)"}.`);
  return EXIT.jobFailed;
}

async function serveMock({ values, out, io }: Context): Promise<number> {
  const port = values.port === undefined ? 4010 : parsePort(values.port);
  const seed = values.seed === undefined ? undefined : parseCount("seed", values.seed);
  const prism = await startPrism({ port, dynamic: seed !== undefined, seed });
  out(`Mock of the Alteryx v3 jobs API listening on ${prism.url}`);
  out("Use it as the base URL; any bearer token is accepted. Ctrl-C stops it.");
  await new Promise<void>((resolve) => {
    const stop = (io.onInterrupt ?? onSigint)(() => {
      stop();
      resolve();
    });
    process.once("SIGTERM", () => resolve());
  });
  await prism.stop();
  return EXIT.ok;
}

function clientFrom(values: Values, io: Io, err: (text: string) => void): JobsClient {
  const baseUrl = values["base-url"] ?? io.env.ALTERYX_BASE_URL;
  if (!baseUrl) throw new UsageError("the server is needed: --base-url or ALTERYX_BASE_URL");
  return createJobsClient({
    baseUrl,
    auth: authFrom(values, io.env),
    userAgent: `alteryx-jobs-cli/${version()}`,
    logger: values.verbose ? { debug: err, warn: err } : undefined,
  });
}

function authFrom(values: Values, env: Io["env"]): AuthOptions {
  const token = values.token ?? env.ALTERYX_TOKEN;
  if (token) return { token };
  const clientId = values["client-id"] ?? env.ALTERYX_CLIENT_ID;
  const clientSecret = values["client-secret"] ?? env.ALTERYX_CLIENT_SECRET;
  if (clientId && clientSecret) return { clientId, clientSecret };
  throw new UsageError(
    "credentials are needed: --token (ALTERYX_TOKEN), or --client-id and --client-secret (ALTERYX_CLIENT_ID, ALTERYX_CLIENT_SECRET)",
  );
}

function checkUsage(name: string, command: { args: string[]; options: string[] }, args: string[], values: Values) {
  if (args.length !== command.args.length) {
    const expected = command.args.map((a) => `<${a}>`).join(" ") || "no argument";
    throw new UsageError(`${name} takes ${expected}`);
  }
  for (const option of Object.keys(values)) {
    if (!GLOBAL.includes(option) && !command.options.includes(option)) {
      throw new UsageError(`${name} does not take --${option}`);
    }
  }
  if (values.wait === undefined && name === "run" && (values.timeout || values.interval)) {
    throw new UsageError("--timeout and --interval go with --wait");
  }
}

/** Every secret the command was given, to be masked in anything it prints. */
function secretsIn(argv: string[], env: Io["env"]): string[] {
  const secrets = [env.ALTERYX_TOKEN, env.ALTERYX_CLIENT_SECRET];
  argv.forEach((arg, i) => {
    if (arg === "--token" || arg === "--client-secret") secrets.push(argv[i + 1]);
    const inline = /^--(?:token|client-secret)=(.+)$/.exec(arg);
    if (inline) secrets.push(inline[1]);
  });
  return secrets.filter((s): s is string => typeof s === "string" && s.length >= 4);
}

/** Pages no larger than the limit, so that a small --limit asks for no more than it shows. */
function pageSize(limit: number): number {
  return Math.min(limit, DEFAULT_PAGE_SIZE);
}

async function take<T>(items: AsyncIterable<T>, limit: number): Promise<T[]> {
  const out: T[] = [];
  if (limit <= 0) return out;
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port takes a port number, not "${text}"`);
  return port;
}

function onSigint(stop: () => void): () => void {
  process.on("SIGINT", stop);
  return () => process.off("SIGINT", stop);
}

function version(): string {
  const require = createRequire(import.meta.url);
  return (require("alteryx-jobs/package.json") as { version: string }).version;
}
