// Success bodies: shapes the spec does not describe, sizes beyond the limit, listings that loop.
import { gzipSync } from "node:zlib";
import { expect } from "vitest";
import { ServerError, UnexpectedResponseError } from "../../../src/index.js";
import { JOB_ID, WORKFLOW_ID } from "../../helpers/ids.js";
import { collect } from "../../helpers/outcomes.js";
import { htmlPage, job, jobs, type Scenario, withTokens } from "../scenario.js";

const MIB = 1024 * 1024;
const raw = (type: string, text: string) =>
  withTokens((response) => {
    response.writeHead(200, { "content-type": type }).end(text);
  });
const listed = (n: number) => ({ ...jobs[0], id: n.toString(16).padStart(24, "0") });
/** 32 MiB of JSON-ish zeros in about 32 KiB of gzip. */
let bomb: Buffer | undefined;
const gzipBomb = () => {
  bomb ??= gzipSync(Buffer.alloc(32 * MIB, 0x20));
  return bomb;
};

export const bodyScenarios: Scenario[] = [
  {
    name: "malformed JSON on 200",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: raw("application/json", '{"id": "66eb'),
    outcome: { rejects: UnexpectedResponseError, message: /malformed JSON/ },
  },
  {
    name: "an empty 200",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: raw("application/json", ""),
    outcome: { rejects: UnexpectedResponseError, message: /empty body/ },
  },
  {
    name: "a wrong content type on 200",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: raw("text/plain", JSON.stringify(job)),
    outcome: { rejects: UnexpectedResponseError, message: /content type "text\/plain"/ },
  },
  {
    name: "getJob answered with null",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: raw("application/json", "null"),
    outcome: { rejects: UnexpectedResponseError, message: /expected an object.*: "null"/ },
  },
  {
    name: "getJob answered with a job whose id is a number",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens(undefined, { body: () => ({ ...job, id: 5 }) }),
    outcome: { rejects: UnexpectedResponseError, message: /body\.id: expected a string/ },
  },
  {
    name: "runWorkflow answered with an array",
    requests: 1,
    changesState: true,
    call: (c) => c.runWorkflow(WORKFLOW_ID),
    answer: withTokens(undefined, { body: () => [job] }),
    outcome: { rejects: UnexpectedResponseError, outcomeUnknown: true, message: /expected an object/ },
  },
  {
    name: "cancelJob answered with {}",
    requests: 1,
    changesState: true,
    call: (c) => c.cancelJob(JOB_ID),
    answer: withTokens(undefined, { body: () => ({}) }),
    outcome: { rejects: UnexpectedResponseError, outcomeUnknown: true, message: /body\.message: missing/ },
  },
  {
    name: "a job list answered with a string",
    requests: 1,
    call: (c) => c.listWorkflowJobsPage(WORKFLOW_ID),
    answer: withTokens(undefined, { body: () => "a string" }),
    outcome: { rejects: UnexpectedResponseError, message: /expected an array/ },
  },
  {
    name: "a status word the spec does not list passes, with one warning per value",
    requests: 3,
    call: async (c) => {
      for (let i = 0; i < 3; i++) await c.listWorkflowJobsPage(WORKFLOW_ID);
    },
    answer: withTokens(undefined, { body: () => [{ ...jobs[0], status: "Complete" }] }),
    outcome: { resolves: true },
    check: ({ lines }) => expect(lines.filter((line) => line.includes('"Complete"'))).toHaveLength(1),
  },
  {
    name: "a job status the examples do not show (Initializing) passes",
    requests: 1,
    call: async (c) => expect((await c.getJob(JOB_ID)).status).toBe("Initializing"),
    answer: withTokens(undefined, { body: () => ({ ...job, status: "Initializing" }) }),
    outcome: { resolves: true },
  },

  // Memory.
  {
    name: "a 10 MB JSON body beyond maxResponseBytes",
    requests: 1,
    call: (c) => c.listWorkflowJobsPage(WORKFLOW_ID),
    answer: withTokens(undefined, {
      body: () => Array.from({ length: 40_000 }, (_, n) => ({ ...listed(n), workerTag: "x".repeat(240) })),
    }),
    options: () => ({ maxResponseBytes: MIB }),
    outcome: { rejects: UnexpectedResponseError, message: /larger than maxResponseBytes/ },
  },
  {
    name: "a gzip bomb: counted after decompression",
    requests: 1,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) =>
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(gzipBomb()),
    ),
    options: () => ({ maxResponseBytes: MIB }),
    outcome: { rejects: UnexpectedResponseError, message: /larger than maxResponseBytes/ },
  },
  {
    name: "a 2 MB JSON body within the default limit",
    requests: 1,
    call: async (c) => expect(await c.listWorkflowJobsPage(WORKFLOW_ID)).toHaveLength(8_000),
    answer: withTokens(undefined, {
      body: () => Array.from({ length: 8_000 }, (_, n) => ({ ...listed(n), workerTag: "x".repeat(200) })),
    }),
    outcome: { resolves: true },
  },
  {
    name: "a 10 MB HTML error page",
    requests: 2,
    call: (c) => c.getJob(JOB_ID),
    answer: withTokens((response) => htmlPage(response, 502, "y".repeat(10 * MIB))),
    options: () => ({ maxResponseBytes: MIB }),
    outcome: { rejects: ServerError, message: /^.{0,300}$/s },
  },

  // Paging.
  {
    name: "a server that alternates two full pages: the listing stops, with a warning",
    requests: 3,
    call: async (c) => expect(await collect(c.listWorkflowJobs(WORKFLOW_ID, { pageSize: 2 }))).toHaveLength(4),
    answer: (() => {
      let page = 0;
      return withTokens(undefined, { body: () => [listed((page % 2) * 2), listed((page++ % 2) * 2 + 1)] });
    })(),
    outcome: { resolves: true },
    check: ({ lines }) => expect(lines.some((line) => /listing stopped/.test(line))).toBe(true),
  },
  {
    name: "a server that ignores offset: the listing stops after the first repeat",
    requests: 2,
    call: async (c) => expect(await collect(c.listWorkflowJobs(WORKFLOW_ID, { pageSize: 2 }))).toHaveLength(2),
    answer: withTokens(undefined, { body: () => [listed(1), listed(2)] }),
    outcome: { resolves: true },
  },
  {
    name: "a listed job without an id",
    requests: 1,
    call: (c) => collect(c.listWorkflowJobs(WORKFLOW_ID, { pageSize: 2 })),
    answer: withTokens(undefined, { body: () => [listed(1), { ...listed(2), id: undefined }] }),
    outcome: { rejects: UnexpectedResponseError, message: /body\[1\]\.id: missing/ },
  },
  {
    name: "a Curator listing item without a jobId",
    requests: 1,
    call: (c) => collect(c.listJobs()),
    answer: withTokens(undefined, { body: () => ({ data: [{ status: "Queued" }] }) }),
    outcome: { rejects: UnexpectedResponseError, message: /jobId: missing/ },
  },
];
