// Reading a conformance report back (`--json FILE` of a run), for tools that show it: the docs
// site marks the claims it confirmed or contradicted. A report is server text at one remove, so it
// is checked before use: read whole up to a size, JSON, the report's shape (its JSON Schema,
// checked by Ajv), and a server that is an http(s) origin and nothing else. Its texts are still
// the server's words: whoever shows them escapes them.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { InvalidArgumentError } from "../core/errors.js";
import { type ConformanceReport, PROVENANCES, VERDICTS } from "./report.js";
import { readSmallFile } from "./small-file.js";
import { reportText } from "./text.js";

/** The largest report read: a run's few hundred claims with the start of a body each weigh well under 1 MiB. */
export const MAX_REPORT_BYTES = 16 * 1024 * 1024;

/** Up to 100 characters of a report's text, quoted, every invisible character a visible escape. */
const quoted = (value: string) => reportText(JSON.stringify(value.slice(0, 100)));

/** A report that cannot be used: missing, not JSON, not a report's shape. */
export class ReportError extends InvalidArgumentError {
  override name = "ReportError";
  constructor(
    /** The report file (or the name the text was given). */
    readonly file: string,
    problem: string,
  ) {
    super("report", file, "a conformance report");
    this.message = `Conformance report ${file}: ${problem}.`;
  }
}

const text = { type: "string" } as const;
const count = { type: "integer", minimum: 0 } as const;
const object = (required: readonly string[], properties: Record<string, unknown>) =>
  ({ type: "object", required, properties }) as const;

/** The JSON Schema (2020-12) of a report as `alteryx-jobs conform --json` writes it. Fields it does not name are allowed. */
export const REPORT_SCHEMA = object(
  ["tool", "spec", "server", "startedAt", "finishedAt", "allowWrites", "requests", "summary", "claims"],
  {
    tool: object(["name", "version"], { name: text, version: text }),
    spec: object(["title", "version"], { title: text, version: text }),
    server: object(["origin"], { origin: { type: "string", format: "uri" } }),
    startedAt: { type: "string", format: "date-time" },
    finishedAt: { type: "string", format: "date-time" },
    allowWrites: { type: "boolean" },
    requests: count,
    summary: object([...VERDICTS, "accepted"], Object.fromEntries([...VERDICTS, "accepted"].map((v) => [v, count]))),
    claims: {
      type: "array",
      items: object(["id", "operationId", "provenance", "title", "verdict", "expected", "evidence"], {
        id: { type: "string", minLength: 1 },
        operationId: text,
        provenance: { enum: PROVENANCES },
        title: text,
        verdict: { enum: VERDICTS },
        expected: text,
        observed: text,
        evidence: {
          type: "array",
          items: object(["method", "path"], { method: text, path: text, status: count, bodyStart: text }),
        },
        accepted: object(["reason", "until"], { reason: text, until: { type: "string", format: "date" } }),
        proposal: object(["target", "description"], { target: text, remove: { const: true }, description: text }),
      }),
    },
  },
);

let validate: ReturnType<Ajv2020["compile"]> | undefined;

/**
 * The report in `text`.
 * @param source The file's name, for the messages.
 * @throws ReportError when `text` is not JSON, does not fit {@link REPORT_SCHEMA} (the message
 * names the first few places), names a claim twice, or its server is not an http(s) origin.
 */
export function parseReport(text: string, source: string): ConformanceReport {
  const fail = (problem: string): never => {
    throw new ReportError(source, problem);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(`not JSON (${(error as Error).message})`);
  }
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true });
    addFormats.default(ajv);
    validate = ajv.compile(REPORT_SCHEMA);
  }
  if (!validate(value)) {
    fail(`not a conformance report: ${new Ajv2020().errorsText(validate.errors?.slice(0, 3), { dataVar: "report" })}`);
  }
  const report = value as ConformanceReport;
  const origin = report.server.origin;
  const url = URL.canParse(origin) ? new URL(origin) : undefined;
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin) {
    fail(`server.origin ${quoted(origin)} is not an http(s) origin (scheme, host and port only)`);
  }
  const ids = new Set<string>();
  for (const claim of report.claims) {
    if (ids.has(claim.id)) fail(`the claim ${quoted(claim.id)} is in it twice`);
    ids.add(claim.id);
  }
  return report;
}

/**
 * The report in `file` (see {@link parseReport}), read whole, at most {@link MAX_REPORT_BYTES}.
 * @throws ReportError when the file is missing, is a folder or not a regular file, cannot be
 * read, is too large or is not UTF-8, and for everything {@link parseReport} refuses.
 */
export function readReport(file: string): ConformanceReport {
  const text = readSmallFile(file, MAX_REPORT_BYTES, (problem) => {
    throw new ReportError(file, problem);
  });
  return parseReport(text, file);
}
