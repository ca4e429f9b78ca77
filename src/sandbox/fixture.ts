// The sandbox's fixture: the API keys it accepts, the workflows it runs (their questions, how long
// their jobs take, how they end, what files they write) and the faults it injects. A fixture is
// plain JSON; `parseFixture` checks it and says exactly where it is wrong.
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { operationRules } from "../../generated/client-values.js";
import type { MessageView, WorkflowQuestionItemView, WorkflowQuestionView } from "../../generated/openapi.js";
import * as schemaValues from "../../generated/schema-values.js";
import { DRIFTS, type Drift } from "./drift.js";
import { type Fields, FixtureError, type Reader, ROOT, readers, unique } from "./fields.js";
import { checkJobs, type FixtureJob, jobFields, type LoadedJob, MAX_FIXTURE_JOBS } from "./fixture-jobs.js";

export type { FixtureJob, HeldState, LoadedJob } from "./fixture-jobs.js";
export { FixtureError };

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
/** `text`, `base64` and `path`: the key of each kind of content. */
type ContentKind = FixtureContent extends infer C ? (C extends unknown ? keyof C : never) : never;

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

/** A share of requests answered with one status, and the `Retry-After` it gives. */
export interface RateFault {
  /** The share of requests, from 0 to 1. */
  rate: number;
  /** The `Retry-After` of those answers, in seconds. @default 1 */
  retryAfterSeconds?: number;
}

/** Misbehaviour on demand, for testing how a client copes. Every field is off by default. */
export interface Faults {
  /** Real milliseconds to wait before every answer. */
  latencyMs?: number;
  /** Answer this share of requests (0 to 1) with 429 Too Many Requests and a `Retry-After`. */
  rateLimited?: RateFault;
  /** Answer this share of requests (0 to 1) with 503 Service Unavailable and a `Retry-After`. */
  unavailable?: RateFault;
  /**
   * Tokens stop working after this many milliseconds of token time, whatever `expires_in`
   * promised. Token time is the virtual clock, but never faster than real time (see `Fixture`).
   */
  tokenLifetimeMs?: number;
  /** The seed of the generator that picks which requests fail, so that a run repeats. @default 1 */
  seed?: number;
  /**
   * Break the spec in these named ways (each listed at `Drift`), to see what a client or a
   * conformance run makes of a server that drifted. An unknown name is an error naming the
   * nearest known one.
   * @default [] (the sandbox answers as the spec says)
   */
  drift?: Drift[];
}

/**
 * What the sandbox serves. The JSON format is described in the README; a field it does not have
 * (at any depth) is an error at start that names the nearest field it does.
 */
export interface Fixture {
  users: SandboxUser[];
  workflows: FixtureWorkflow[];
  /** Jobs there from the start. @default [] */
  jobs?: FixtureJob[];
  /**
   * The `expires_in` of issued tokens, in seconds, from 0 to 86400. A token ages with the virtual
   * clock, but never faster than real time: however fast the clock runs, a token lasts at least
   * as long as `expires_in` told the client. 0 makes every token good for one request, as a client
   * reads `expires_in: 0`.
   * @default 3600
   */
  tokenLifetimeSeconds?: number;
  faults?: Faults;
}

/** A workflow with its defaults filled in and its output files read as bytes. */
export interface LoadedWorkflow extends Required<Omit<FixtureWorkflow, "outputs">> {
  outputs: LoadedOutput[];
}

/** An output file with its formats read as bytes. */
export interface LoadedOutput {
  fileName: string;
  formats: Map<string, Uint8Array>;
}

export interface LoadedFixture {
  users: Required<SandboxUser>[];
  workflows: LoadedWorkflow[];
  jobs: LoadedJob[];
  tokenLifetimeSeconds: number;
  faults: Faults;
}

/** The largest output file a fixture may hold. */
export const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** The largest fixture file: room for outputs written inline; larger ones belong in files named by `path`. */
export const MAX_FIXTURE_BYTES = 256 * 1024 * 1024;
const MAX_DURATION_MS = 30 * 24 * 3_600_000;
const MAX_TOKEN_LIFETIME_SECONDS = 86_400;
const OBJECT_ID = new RegExp(operationRules.getJob.parameters.jobId.schema.pattern);
const FORMAT = new RegExp(operationRules.getJobOutput.parameters.format.schema.pattern);

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

/** The faults' fields, each with its reader: the one list of what `faults` may hold. */
function faultFields(read: ReturnType<typeof readers>): Fields<Faults, Faults> {
  const { fields, number, optional, list, oneOf, fail } = read;
  const rateFields: Fields<RateFault, Required<RateFault>> = {
    rate: number(1),
    retryAfterSeconds: optional(number(3600), 1),
  };
  const rate: Reader<Required<RateFault>> = (v, where) => fields(v, where, rateFields);
  return {
    latencyMs: optional(number(60_000)),
    rateLimited: optional(rate),
    unavailable: optional(rate),
    tokenLifetimeMs: optional(number(MAX_DURATION_MS)),
    seed: optional(number(2 ** 32 - 1)),
    drift: optional((v, where) =>
      unique(list(oneOf(DRIFTS, "a drift the sandbox knows"))(v, where), String, where, fail),
    ),
  };
}

/**
 * Checks faults, as `setFaults` and a fixture's `faults` take them.
 * @throws {FixtureError} naming the first field that is wrong or unknown.
 */
export function parseFaults(value: unknown, source = "faults"): Faults {
  const read = readers(source);
  return read.fields(value, "faults", faultFields(read));
}

/**
 * Checks a fixture and reads its output files.
 * @throws {FixtureError} naming the first field that is wrong or unknown.
 */
export function parseFixture(
  value: unknown,
  { source = "fixture", baseDir = process.cwd() }: { source?: string; baseDir?: string } = {},
): LoadedFixture {
  const read = readers(source);
  const { fail, object, string, text, boolean, integer, number, optional, list, fields } = read;

  const userFields: Fields<SandboxUser, Required<SandboxUser>> = {
    name: string,
    clientId: string,
    clientSecret: string,
    curator: optional(boolean, false),
  };
  const itemFields: Fields<WorkflowQuestionItemView, WorkflowQuestionItemView> = {
    key: string,
    value: optional(string),
  };
  const questionFields: Fields<WorkflowQuestionView, WorkflowQuestionView> = {
    name: string,
    questionType: string,
    description: optional(string),
    // A default answer may be empty: a text box that starts blank.
    value: optional(text),
    multiple: optional(boolean, false),
    items: optional(
      list((v, where) => fields(v, where, itemFields)),
      [],
    ),
  };
  const messageFields: Fields<MessageView, MessageView> = { status: integer, text, toolId: integer };
  const contentFields: Fields<Record<ContentKind, unknown>, Record<ContentKind, Uint8Array | undefined>> = {
    text: optional((v, where) => new TextEncoder().encode(text(v, where))),
    base64: optional((v, where) => {
      const encoded = text(v, where);
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 !== 0) fail(where, "must be base64");
      return new Uint8Array(Buffer.from(encoded, "base64"));
    }),
    path: optional((v, where) => {
      const path = string(v, where);
      try {
        return readRegularFile(inside(baseDir, path), MAX_OUTPUT_BYTES);
      } catch (error) {
        return fail(where, `cannot be read: ${(error as Error).message}`);
      }
    }),
  };
  const content: Reader<Uint8Array> = (v, where) => {
    const given = Object.values(fields(v, where, contentFields)).filter((bytes) => bytes !== undefined);
    if (given.length !== 1) fail(where, "must have exactly one of text, base64 or path");
    const data = given[0] as Uint8Array;
    if (data.byteLength > MAX_OUTPUT_BYTES) fail(where, `is larger than ${MAX_OUTPUT_BYTES} bytes`);
    return data;
  };
  const outputFields: Fields<FixtureOutput, LoadedOutput> = {
    fileName: string,
    // Format names are the keys here, not fields: any name the spec's pattern allows.
    formats: (v, where) => {
      const formats = new Map<string, Uint8Array>();
      for (const [format, bytes] of Object.entries(object(v, where))) {
        if (!FORMAT.test(format)) fail(where, `has a format name "${format}" that is not letters and digits`);
        formats.set(format, content(bytes, `${where}.${format}`));
      }
      if (formats.size === 0) fail(where, "must offer at least one format");
      return formats;
    },
  };
  const objectId: Reader<string> = (v, where) => {
    const id = string(v, where);
    return OBJECT_ID.test(id) ? id : fail(where, "must be 24 lowercase hexadecimal characters");
  };
  const workflowFields: Fields<FixtureWorkflow, LoadedWorkflow> = {
    id: objectId,
    name: string,
    // An answer names its question: two of one name could not be told apart.
    questions: (v, where) =>
      unique(
        optional(
          list((q, at) => fields(q, at, questionFields)),
          [],
        )(v, where),
        (q) => q.name,
        `${where}[].name`,
        fail,
      ),
    queuedMs: optional(number(MAX_DURATION_MS), 5_000),
    runningMs: optional(number(MAX_DURATION_MS), 60_000),
    disposition: optional(string, schemaValues.Disposition.success[0]),
    messages: optional(
      list((v, where) => fields(v, where, messageFields)),
      [],
    ),
    outputs: optional(
      list((v, where) => fields(v, where, outputFields)),
      [],
    ),
  };
  const jobTable = jobFields(read, objectId);
  const fixtureFields: Fields<Fixture, LoadedFixture> = {
    users: (v, where) => {
      const users = list((u, at) => fields(u, at, userFields))(v, where);
      if (users.length === 0) fail(where, "must name at least one API key");
      unique(users, (u) => u.clientId, `${where}[].clientId`, fail);
      // A job's owner, the listing's `users` filter and its "your jobs" all go by the name.
      return unique(users, (u) => u.name, `${where}[].name`, fail);
    },
    workflows: (v, where) =>
      unique(list((w, at) => fields(w, at, workflowFields))(v, where), (w) => w.id, `${where}[].id`, fail),
    jobs: (v, where) => {
      const jobs = optional(
        list((j, at) => fields(j, at, jobTable)),
        [],
      )(v, where);
      if (jobs.length > MAX_FIXTURE_JOBS) fail(where, `must hold at most ${MAX_FIXTURE_JOBS} jobs`);
      return jobs;
    },
    tokenLifetimeSeconds: optional(number(MAX_TOKEN_LIFETIME_SECONDS), 3600),
    faults: optional((v, where) => fields(v, where, faultFields(read)), {}),
  };
  const loaded = fields(value, ROOT, fixtureFields);
  checkJobs(loaded, fail);
  return loaded;
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
