// The sandbox's fixture: the API keys it accepts, the workflows it runs (their questions, how long
// their jobs take, how they end, what files they write) and the faults it injects. A fixture is
// plain JSON; `parseFixture` checks it and says exactly where it is wrong.
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import type { MessageView, WorkflowQuestionView } from "../../generated/openapi.js";
import { operations, schemaValues } from "../../generated/spec-values.js";

/** An API key the token endpoint accepts, and who it belongs to. */
export interface SandboxUser {
  /** The user's name, as the Curator listing's `users` filter matches it. */
  name: string;
  /** The API access key. */
  clientId: string;
  /** The API access secret. */
  clientSecret: string;
  /** Curators see and cancel every job, and may read messages and list all jobs. @default false */
  curator?: boolean;
}

/** One file's content: exactly one of `text` (UTF-8), `base64`, or `path` (relative to the fixture file). */
export type FixtureContent = { text: string } | { base64: string } | { path: string };

/** One output file a workflow writes, and the bytes it downloads as in each format it offers. */
export interface FixtureOutput {
  fileName: string;
  /** Format name (such as `Raw`, `Csv`, `Xlsx`) → content. Its keys are the output's `availableFormats`. */
  formats: Record<string, FixtureContent>;
}

/** A workflow the sandbox runs, and what every job of it does. */
export interface FixtureWorkflow {
  /** 24 lowercase hexadecimal characters, like every ID of the API. */
  id: string;
  name: string;
  /** The analytic app's questions, as `GET /v3/workflows/{workflowId}/questions` returns them. @default [] */
  questions?: WorkflowQuestionView[];
  /** How long a new job stays Queued, in milliseconds of virtual time. @default 5000 */
  queuedMs?: number;
  /** How long it then stays Running. @default 60000 */
  runningMs?: number;
  /** The disposition a finished job ends with: Success, Warning or Error. @default "Success" */
  disposition?: string;
  /** The messages of a finished job; a running job shows the first one. @default [] */
  messages?: MessageView[];
  /** The files a finished job offers for download. @default [] */
  outputs?: FixtureOutput[];
}

/** Misbehaviour on demand, for testing how a client copes. Every field is off by default. */
export interface Faults {
  /** Real milliseconds to wait before every answer. */
  latencyMs?: number;
  /** Answer this share of requests (0 to 1) with 429 Too Many Requests and a `Retry-After`. */
  rateLimited?: { rate: number; retryAfterSeconds?: number };
  /** Answer this share of requests (0 to 1) with 503 Service Unavailable and a `Retry-After`. */
  unavailable?: { rate: number; retryAfterSeconds?: number };
  /** Tokens stop working after this many virtual milliseconds, whatever `expires_in` promised. */
  tokenLifetimeMs?: number;
  /** The seed of the generator that picks which requests fail, so that a run repeats. @default 1 */
  seed?: number;
}

/** What the sandbox serves. The JSON format is described in the README. */
export interface Fixture {
  users: SandboxUser[];
  workflows: FixtureWorkflow[];
  /** The `expires_in` of issued tokens, in seconds. @default 3600 */
  tokenLifetimeSeconds?: number;
  faults?: Faults;
}

/** A workflow with its defaults filled in and its output files read as bytes. */
export interface LoadedWorkflow extends Required<Omit<FixtureWorkflow, "outputs">> {
  outputs: { fileName: string; formats: Map<string, Uint8Array> }[];
}

export interface LoadedFixture {
  users: Required<SandboxUser>[];
  workflows: LoadedWorkflow[];
  tokenLifetimeSeconds: number;
  faults: Faults;
}

/** A fixture that is not valid: the message names the file and the field at fault. */
export class FixtureError extends Error {
  override name = "FixtureError";
}

/** The largest output file a fixture may hold. */
export const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** The largest fixture file: room for outputs written inline; larger ones belong in files named by `path`. */
export const MAX_FIXTURE_BYTES = 256 * 1024 * 1024;
const MAX_DURATION_MS = 30 * 24 * 3_600_000;
const OBJECT_ID = new RegExp(operations.getJob.parameters.jobId.schema.pattern);
const FORMAT = new RegExp(operations.getJobOutput.parameters.format.schema.pattern);

type Json = Record<string, unknown>;

/** Reads and checks a fixture file; output `path`s are read relative to it. */
export function loadFixture(file: string): LoadedFixture {
  let text: string;
  try {
    text = new TextDecoder().decode(readRegularFile(file, MAX_FIXTURE_BYTES));
  } catch (error) {
    throw new FixtureError(`Cannot read the sandbox fixture ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(`The sandbox fixture ${file} is not JSON: ${(error as Error).message}`);
  }
  return parseFixture(json, { source: file, baseDir: dirname(resolve(file)) });
}

/** The readers of a fixture's values; each fails with a FixtureError naming the field. */
function checker(source: string) {
  const fail = (where: string, what: string): never => {
    throw new FixtureError(`Invalid sandbox fixture (${source}): ${where} ${what}`);
  };
  const object = (v: unknown, where: string): Json =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : fail(where, "must be an object");
  const array = (v: unknown, where: string): unknown[] => (Array.isArray(v) ? v : fail(where, "must be an array"));
  const string = (v: unknown, where: string): string =>
    typeof v === "string" && v.length > 0 ? v : fail(where, "must be a non-empty string");
  const boolean = (v: unknown, where: string): boolean =>
    typeof v === "boolean" ? v : fail(where, "must be true or false");
  const optional = <T>(v: unknown, read: (v: unknown) => T, otherwise: T): T => (v === undefined ? otherwise : read(v));
  const number = (v: unknown, where: string, max: number): number =>
    typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= max
      ? v
      : fail(where, `must be a number from 0 to ${max}`);
  return { fail, object, array, string, boolean, optional, number };
}

/**
 * Checks faults, as `setFaults` and a fixture's `faults` take them.
 * @throws {FixtureError} naming the first field that is wrong.
 */
export function parseFaults(value: unknown, source = "faults"): Faults {
  const { object, optional, number } = checker(source);
  const rate = (v: unknown, where: string) => {
    const o = object(v, where);
    return {
      rate: number(o.rate, `${where}.rate`, 1),
      retryAfterSeconds: optional(o.retryAfterSeconds, (x) => number(x, `${where}.retryAfterSeconds`, 3600), 1),
    };
  };
  const faults = object(value, "faults");
  const read = <T>(key: string, reader: (v: unknown, where: string) => T) =>
    faults[key] === undefined ? {} : { [key]: reader(faults[key], `faults.${key}`) };
  return {
    ...read("latencyMs", (v, where) => number(v, where, 60_000)),
    ...read("rateLimited", rate),
    ...read("unavailable", rate),
    ...read("tokenLifetimeMs", (v, where) => number(v, where, MAX_DURATION_MS)),
    ...read("seed", (v, where) => number(v, where, 2 ** 32 - 1)),
  };
}

/**
 * Checks a fixture and reads its output files.
 * @throws {FixtureError} naming the first field that is wrong.
 */
export function parseFixture(
  value: unknown,
  { source = "fixture", baseDir = process.cwd() }: { source?: string; baseDir?: string } = {},
): LoadedFixture {
  const { fail, object, array, string, boolean, optional, number } = checker(source);

  const root = object(value, "the fixture");
  const users = array(root.users, "users").map((raw, i) => {
    const u = object(raw, `users[${i}]`);
    return {
      name: string(u.name, `users[${i}].name`),
      clientId: string(u.clientId, `users[${i}].clientId`),
      clientSecret: string(u.clientSecret, `users[${i}].clientSecret`),
      curator: optional(u.curator, (v) => boolean(v, `users[${i}].curator`), false),
    };
  });
  if (users.length === 0) fail("users", "must name at least one API key");
  unique(
    users.map((u) => u.clientId),
    "users[].clientId",
    fail,
  );
  // A job's owner, the listing's `users` filter and its "your jobs" all go by the name.
  unique(
    users.map((u) => u.name),
    "users[].name",
    fail,
  );

  const workflows: LoadedWorkflow[] = [];
  for (const [i, raw] of array(root.workflows, "workflows").entries()) {
    const where = `workflows[${i}]`;
    const w = object(raw, where);
    const id = string(w.id, `${where}.id`);
    if (!OBJECT_ID.test(id)) fail(`${where}.id`, "must be 24 lowercase hexadecimal characters");
    const questions = optional(w.questions, (v) => array(v, `${where}.questions`), []).map((q, j) =>
      question(object(q, `${where}.questions[${j}]`), `${where}.questions[${j}]`),
    );
    // An answer names its question: two of one name could not be told apart.
    unique(
      questions.map((q) => q.name),
      `${where}.questions[].name`,
      fail,
    );
    const outputs = [];
    for (const [j, o] of optional(w.outputs, (v) => array(v, `${where}.outputs`), []).entries()) {
      outputs.push(output(object(o, `${where}.outputs[${j}]`), `${where}.outputs[${j}]`));
    }
    workflows.push({
      id,
      name: string(w.name, `${where}.name`),
      questions,
      queuedMs: optional(w.queuedMs, (v) => number(v, `${where}.queuedMs`, MAX_DURATION_MS), 5_000),
      runningMs: optional(w.runningMs, (v) => number(v, `${where}.runningMs`, MAX_DURATION_MS), 60_000),
      disposition: optional(
        w.disposition,
        (v) => string(v, `${where}.disposition`),
        schemaValues.Disposition.success[0],
      ),
      messages: optional(w.messages, (v) => array(v, `${where}.messages`), []).map((m, j) =>
        message(object(m, `${where}.messages[${j}]`), `${where}.messages[${j}]`),
      ),
      outputs,
    });
  }
  unique(
    workflows.map((w) => w.id),
    "workflows[].id",
    fail,
  );

  return {
    users,
    workflows,
    tokenLifetimeSeconds: optional(root.tokenLifetimeSeconds, (v) => number(v, "tokenLifetimeSeconds", 86_400), 3600),
    faults: optional(root.faults, (v) => parseFaults(v, source), {}),
  };

  function question(q: Json, where: string): WorkflowQuestionView {
    const items = optional(q.items, (v) => array(v, `${where}.items`), []).map((item, k) => {
      const it = object(item, `${where}.items[${k}]`);
      return {
        key: string(it.key, `${where}.items[${k}].key`),
        ...(it.value === undefined ? {} : { value: string(it.value, `${where}.items[${k}].value`) }),
      };
    });
    const text = (key: string) => (q[key] === undefined ? {} : { [key]: string(q[key], `${where}.${key}`) });
    return {
      name: string(q.name, `${where}.name`),
      questionType: string(q.questionType, `${where}.questionType`),
      ...text("description"),
      ...(typeof q.value === "string" ? { value: q.value } : text("value")),
      multiple: optional(q.multiple, (v) => boolean(v, `${where}.multiple`), false),
      items,
    };
  }

  function message(m: Json, where: string): MessageView {
    const integer = (v: unknown, field: string) =>
      Number.isInteger(v) ? (v as number) : fail(`${where}.${field}`, "must be a whole number");
    if (typeof m.text !== "string") fail(`${where}.text`, "must be a string");
    return { status: integer(m.status, "status"), text: m.text as string, toolId: integer(m.toolId, "toolId") };
  }

  function output(o: Json, where: string) {
    const formats = new Map<string, Uint8Array>();
    for (const [format, content] of Object.entries(object(o.formats, `${where}.formats`))) {
      if (!FORMAT.test(format))
        fail(`${where}.formats`, `has a format name "${format}" that is not letters and digits`);
      formats.set(format, bytes(object(content, `${where}.formats.${format}`), `${where}.formats.${format}`));
    }
    if (formats.size === 0) fail(`${where}.formats`, "must offer at least one format");
    return { fileName: string(o.fileName, `${where}.fileName`), formats };
  }

  function bytes(c: Json, where: string): Uint8Array {
    const kinds = ["text", "base64", "path"].filter((k) => c[k] !== undefined);
    if (kinds.length !== 1) fail(where, "must have exactly one of text, base64 or path");
    let data: Uint8Array;
    if (c.text !== undefined) {
      if (typeof c.text !== "string") fail(`${where}.text`, "must be a string");
      data = new TextEncoder().encode(c.text as string);
    } else if (c.base64 !== undefined) {
      const text = typeof c.base64 === "string" ? c.base64 : fail(`${where}.base64`, "must be a string");
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) fail(`${where}.base64`, "must be base64");
      data = new Uint8Array(Buffer.from(text, "base64"));
    } else {
      const path = string(c.path, `${where}.path`);
      try {
        data = readRegularFile(inside(baseDir, path), MAX_OUTPUT_BYTES);
      } catch (error) {
        return fail(`${where}.path`, `cannot be read: ${(error as Error).message}`);
      }
    }
    if (data.byteLength > MAX_OUTPUT_BYTES) fail(where, `is larger than ${MAX_OUTPUT_BYTES} bytes`);
    return data;
  }
}

function unique(values: string[], where: string, fail: (where: string, what: string) => never): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) fail(where, `must be unique; "${value}" appears twice`);
    seen.add(value);
  }
}

/**
 * `path` resolved against `folder`, links followed, if it stays inside it: a fixture names files
 * of its own, never `../../etc/passwd` or a link out of its folder.
 */
function inside(folder: string, path: string): string {
  const root = realpathSync(folder);
  const file = realpathSync(resolve(root, path));
  const way = relative(root, file);
  if (way === ".." || way.startsWith(`..${sep}`) || isAbsolute(way)) {
    throw new Error(`it is outside the fixture's folder ${root}`);
  }
  return file;
}

/**
 * A regular file's bytes, up to `maxBytes`. Opened without waiting and looked at before it is read,
 * so that a FIFO, a device or a huge file fails at once instead of blocking or filling memory.
 */
function readRegularFile(file: string, maxBytes: number): Uint8Array {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error("it is not a regular file");
    if (stat.size > maxBytes) throw new Error(`it is larger than ${maxBytes} bytes`);
    return new Uint8Array(readFileSync(fd));
  } finally {
    closeSync(fd);
  }
}
