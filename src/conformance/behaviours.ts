// The behaviours the spec states, each a claim judged on the steps of the plan that exercise it:
// parameters that do what they say, refusals with their documented status, tokens, roles, value
// lists, downloads, and (with writes) a run followed to its end and the cancel outcomes. Every
// expected value (statuses, messages, value lists) is read from the spec.
import {
  answersOf,
  type Claim,
  confirmed,
  contradicted,
  inconclusive,
  type Judgement,
  jsonPath,
  notExercised,
  type Observed,
  responsesOf,
} from "./claims.js";
import type { JsonObject } from "./document.js";
import type { Exchange } from "./record.js";
import type { Provenance } from "./report.js";
import {
  wordList as list,
  parameter,
  parameterPointer,
  parameterValues,
  provenanceOf,
  type Spec,
  componentSchema as schema,
  statusWords,
} from "./spec.js";

/** The messages of an operation's documented answers, by status and outcome (`x-outcome`). */
function messages(spec: Spec, operationId: string, status: string): Record<string, string> {
  const response = responsesOf(spec, operationId).find((r) => r.status === status);
  const examples = (((response?.node.content ?? {}) as JsonObject)["application/json"] as JsonObject | undefined)
    ?.examples as JsonObject | undefined;
  return Object.fromEntries(
    Object.values(examples ?? {}).map((example) => {
      const { value } = example as JsonObject;
      const text = (value as JsonObject).message ?? (value as JsonObject).error;
      return [String((example as JsonObject)["x-outcome"]), String(text)];
    }),
  );
}

/** The statuses an operation documents: all of them, or only its refusals. */
const documentedStatuses = (spec: Spec, operationId: string, refusals = false) =>
  responsesOf(spec, operationId)
    .map((r) => Number(r.status))
    .filter((status) => !refusals || status >= 400);

type Judge = (observed: Observed) => Judgement;
/** Why a claim cannot be exercised on this run, or undefined when it can. */
type Precondition = (observed: Observed) => string | undefined;
const claim = (
  id: string,
  operationId: string,
  provenance: Provenance,
  title: string,
  expected: string,
  judge: Judge,
  pointer?: string,
): Claim => ({ id, operationId, provenance, title, expected, judge, ...(pointer ? { pointer } : {}) });

/** The one answer of a step (its last, after any renewal), or why there is none. */
function answer(observed: Observed, step: string): Exchange | string {
  const exchanges = answersOf(observed.recorder, step);
  const last = exchanges.at(-1);
  if (!last) return `the plan did not get that far (${step})`;
  if (last.status === undefined) return `no answer: ${last.error ?? "unknown"}`;
  return last;
}

/** A claim that a step is answered with one of `statuses`. */
function answeredWith(
  id: string,
  operationId: string,
  provenance: Provenance,
  title: string,
  step: string,
  statuses: number[],
  when?: Precondition,
): Claim {
  return claim(id, operationId, provenance, title, `answered ${statuses.join(" or ")}`, (observed) => {
    const why = when?.(observed);
    if (why) return notExercised(why);
    const got = answer(observed, step);
    if (typeof got === "string") return notExercised(got);
    const status = got.status as number;
    if (statuses.includes(status)) return confirmed(`answered ${status}`, [got]);
    if (status >= 500 || status === 429) return inconclusive(`answered ${status}`, [got]);
    return contradicted(`answered ${status}`, [got]);
  });
}

const needsJob = (o: Observed) => (o.facts.jobId ? undefined : "no job to read: give --job, or a workflow with jobs");
const needsWorkflow = (o: Observed) => (o.facts.workflowId ? undefined : "no workflow given");
const needsUser = (o: Observed) =>
  o.roles ? needsJob(o) : "no non-Curator key given (--user-client-id and --user-client-secret, or --user-token)";
const needsWrites = (o: Observed) => (o.allowWrites ? needsWorkflow(o) : "writes are not allowed (--allow-writes)");

export function behaviourClaims(spec: Spec): Claim[] {
  const claims: Claim[] = [];
  const reduced = schema(spec, "ReducedJobView");
  const includeMessages = parameter(spec, "getJob", "includeMessages");

  claims.push(
    claim(
      "getJob.includeMessages-false",
      "getJob",
      provenanceOf(reduced),
      "includeMessages=false returns the reduced job, without messages",
      "a job without `messages`",
      (o) => {
        if (needsJob(o)) return notExercised(needsJob(o) as string);
        const got = answer(o, "job-reduced");
        if (typeof got === "string") return notExercised(got);
        if (got.status !== 200) return inconclusive(`answered ${got.status}`, [got]);
        const json = got.json as JsonObject | undefined;
        if (json && !Object.hasOwn(json, "messages")) return confirmed("no `messages`", [got]);
        return contradicted("the job came with `messages`", [got], {
          target: jsonPath("#/components/schemas/ReducedJobView/properties"),
          update: {
            messages: {
              type: "array",
              items: { $ref: "#/components/schemas/MessageView" },
              "x-provenance": "seen",
              description: "Sent by a server even with includeMessages=false (seen).",
            },
          },
          description: "A server sends `messages` with includeMessages=false",
        });
      },
    ),
    claim(
      "getJob.includeMessages-default",
      "getJob",
      provenanceOf(includeMessages),
      "without includeMessages, the job comes with its messages",
      "a job with a `messages` array",
      (o) => {
        if (needsJob(o)) return notExercised(needsJob(o) as string);
        const got = answer(o, "job");
        if (typeof got === "string") return notExercised(got);
        if (got.status !== 200) return inconclusive(`answered ${got.status}`, [got]);
        const list = (got.json as JsonObject | undefined)?.messages;
        return Array.isArray(list)
          ? confirmed(`${list.length} messages`, [got])
          : contradicted("no `messages` array", [got]);
      },
    ),
    claim(
      "getJobMessages.shape",
      "getJobMessages",
      provenanceOf(spec.operation("getJobMessages").node),
      "the messages endpoint sends an array of messages, or one message object (both are allowed)",
      "an array of MessageView, or one MessageView",
      (o) => {
        if (needsJob(o)) return notExercised(needsJob(o) as string);
        const got = answer(o, "job-messages");
        if (typeof got === "string") return notExercised(got);
        if (got.status !== 200) return inconclusive(`answered ${got.status}`, [got]);
        const message = "#/components/schemas/MessageView";
        if (Array.isArray(got.json) && got.json.every((m) => spec.check(message, m) === null)) {
          return confirmed(`an array of ${got.json.length} messages`, [got]);
        }
        if (spec.check(message, got.json) === null) return confirmed("one message object", [got]);
        return contradicted("neither an array of messages nor one message", [got]);
      },
    ),
  );

  // Paging, limits and filters.
  const offset = parameter(spec, "listWorkflowJobs", "offset");
  const limit = parameter(spec, "listWorkflowJobs", "limit");
  for (const [operationId, prefix, first, idKey, provenance] of [
    ["listWorkflowJobs", "page", "workflowJobs", "id", provenanceOf(offset)],
    ["listJobs", "curator-page", "curator-list", "jobId", provenanceOf(spec.operation("listJobs").node)],
  ] as const) {
    const items = (e: Exchange): JsonObject[] | undefined => {
      const json = e.json as JsonObject | JsonObject[] | undefined;
      const array = Array.isArray(json) ? json : (json?.data as JsonObject[] | undefined);
      return Array.isArray(array) ? array : undefined;
    };
    claims.push(
      claim(
        `${operationId}.offset`,
        operationId,
        provenance,
        "offset and limit page through the jobs without repeating one",
        "offset=1&limit=1 brings a job other than offset=0&limit=1",
        (o) => {
          if (operationId === "listWorkflowJobs" && needsWorkflow(o)) return notExercised(needsWorkflow(o) as string);
          const one = answer(o, `${prefix}-1`);
          const two = answer(o, `${prefix}-2`);
          if (typeof one === "string") return notExercised(one);
          if (typeof two === "string") return notExercised(two);
          const [a, b] = [items(one), items(two)];
          if (one.status !== 200 || two.status !== 200 || !a || !b) {
            return inconclusive(`answered ${one.status} and ${two.status}`, [one, two]);
          }
          if (a.length === 0 || b.length === 0) return notExercised("fewer than two jobs to page through", [one, two]);
          if (a[0]?.[idKey] === b[0]?.[idKey]) {
            return contradicted(`offset=1 brought the same job as offset=0 (${String(a[0]?.[idKey])})`, [one, two], {
              target: jsonPath("#/components/parameters/Offset"),
              update: { description: "How many jobs to skip. A server was seen to ignore it (seen)." },
              description: "A server ignores `offset`",
            });
          }
          return confirmed("two different jobs", [one, two]);
        },
      ),
      claim(
        `${operationId}.limit`,
        operationId,
        provenanceOf(limit),
        "limit caps the number of jobs a page holds",
        "at most 1 job for limit=1",
        (o) => {
          if (operationId === "listWorkflowJobs" && needsWorkflow(o)) return notExercised(needsWorkflow(o) as string);
          const got = answer(o, `${prefix}-1`);
          if (typeof got === "string") return notExercised(got);
          const page = items(got);
          if (got.status !== 200 || !page) return inconclusive(`answered ${got.status}`, [got]);
          if (page.length <= 1) return confirmed(`${page.length} job`, [got]);
          return contradicted(`${page.length} jobs for limit=1`, [got], {
            target: jsonPath("#/components/parameters/Limit"),
            update: { description: "How many jobs to return at most. A server was seen to ignore it (seen)." },
            description: "A server ignores `limit`",
          });
        },
      ),
    );
    void first;
  }

  claims.push(
    claim(
      "listWorkflowJobs.status-filter",
      "listWorkflowJobs",
      provenanceOf(parameter(spec, "listWorkflowJobs", "status")),
      "the status filter returns only jobs in that status",
      "every job listed with status=S has status S",
      (o) => {
        if (needsWorkflow(o)) return notExercised(needsWorkflow(o) as string);
        const wanted = o.facts.statusFilter;
        if (!wanted) return notExercised("the workflow has no job whose status to filter by");
        const got = answer(o, "status-filter");
        if (typeof got === "string") return notExercised(got);
        if (got.status !== 200 || !Array.isArray(got.json)) return inconclusive(`answered ${got.status}`, [got]);
        const jobs = got.json as JsonObject[];
        if (jobs.length === 0) return inconclusive(`no job listed for status=${wanted}`, [got]);
        const other = jobs.find((job) => job.status !== wanted);
        if (other) return contradicted(`status=${wanted} listed a job in status ${String(other.status)}`, [got]);
        return confirmed(`${jobs.length} jobs, all ${wanted}`, [got]);
      },
    ),
  );

  const statuses = parameterValues(spec, "listJobs", "statuses");
  const words = statusWords(spec);
  const listJobsProvenance = provenanceOf(parameter(spec, "listJobs", "statuses"));
  claims.push(
    claim(
      "listJobs.statuses-filter",
      "listJobs",
      listJobsProvenance,
      "the statuses filter returns only jobs in that status",
      `every job listed with statuses=S has status S, for ${statuses.filter((s) => words.includes(s)).join(", ")}`,
      (o) => {
        const checked: Exchange[] = [];
        for (const value of statuses.filter((s) => words.includes(s))) {
          const got = answer(o, `curator-statuses-${value}`);
          if (typeof got === "string" || got.status !== 200) continue;
          const jobs = ((got.json as JsonObject | undefined)?.data ?? []) as JsonObject[];
          if (!Array.isArray(jobs) || jobs.length === 0) continue;
          checked.push(got);
          const other = jobs.find((job) => job.status !== value);
          if (other) return contradicted(`statuses=${value} listed a job in status ${String(other.status)}`, [got]);
        }
        return checked.length
          ? confirmed(`checked on ${checked.length} status values`, checked.slice(0, 1))
          : notExercised("no job in a status the filter and the job share a word for");
      },
    ),
  );
  for (const [operationId, name, stepOf] of [
    ["listJobs", "statuses", (v: string) => `curator-statuses-${v}`],
    ["listJobs", "sortField", (v: string) => `curator-sort-${v}`],
    ["listWorkflowJobs", "direction", (v: string) => `workflow-direction-${v}`],
  ] as const) {
    const values = parameterValues(spec, operationId, name);
    claims.push(
      claim(
        `${operationId}.${name}-values`,
        operationId,
        provenanceOf(parameter(spec, operationId, name)),
        `every documented value of ${name} is accepted`,
        `200 for ${values.join(", ")}`,
        (o) => {
          if (operationId === "listWorkflowJobs" && needsWorkflow(o)) return notExercised(needsWorkflow(o) as string);
          const answers = values.map((v) => [v, answer(o, stepOf(v))] as const);
          const refused = answers.find(([, a]) => typeof a !== "string" && a.status !== 200 && (a.status ?? 0) < 500);
          if (refused) {
            const [value, got] = refused as [string, Exchange];
            return contradicted(`${name}=${value} was answered ${got.status}`, [got]);
          }
          const seen = answers.filter(([, a]) => typeof a !== "string" && a.status === 200);
          if (seen.length === values.length) return confirmed(`all ${values.length} accepted`);
          return seen.length ? inconclusive(`${seen.length} of ${values.length} answered`) : notExercised("not sent");
        },
        parameterPointer(spec, operationId, name),
      ),
    );
  }

  // Refusals: an unknown ID, a bad token. Each is claimed where the operation documents its status.
  const refusals: [
    status: number,
    suffix: string,
    title: string,
    probes: [operationId: string, step: string, when?: Precondition][],
  ][] = [
    [
      404,
      "unknown-id",
      "an ID that names nothing is answered 404",
      [
        ["getJob", "unknown-job"],
        ["getJobMessages", "unknown-job-messages"],
        ["listWorkflowJobs", "unknown-workflow-jobs"],
        ["getWorkflowQuestions", "unknown-workflow-questions"],
        ["getJobOutput", "unknown-output", needsJob],
        ["cancelJob", "unknown-cancel", needsWrites],
        ["runWorkflow", "unknown-run", needsWrites],
      ],
    ],
    [
      401,
      "bad-token",
      "a token no server issued is answered 401",
      [
        ["getJob", "bad-token-job", needsJob],
        ["getJobMessages", "bad-token-messages", needsJob],
        ["listJobs", "bad-token-curator-list"],
        ["listWorkflowJobs", "bad-token-workflow-jobs", needsWorkflow],
        ["getWorkflowQuestions", "bad-token-questions", needsWorkflow],
        ["getJobOutput", "bad-token-output", needsJob],
        ["cancelJob", "bad-token-cancel", needsWrites],
        ["runWorkflow", "bad-token-run", needsWrites],
      ],
    ],
  ];
  for (const [status, suffix, title, probes] of refusals) {
    for (const [operationId, step, when] of probes) {
      const response = responsesOf(spec, operationId).find((r) => r.status === String(status));
      if (!response) continue;
      claims.push(
        answeredWith(`${operationId}.${suffix}`, operationId, response.provenance, title, step, [status], when),
      );
    }
  }

  claims.push(...tokenClaims(spec), ...roleClaims(spec), ...valueClaims(spec, words), ...outputClaims(spec));
  claims.push(...writeClaims(spec));
  return claims;
}

function tokenClaims(spec: Spec): Claim[] {
  const token = spec.operation("requestToken");
  const form = schema(spec, "TokenRequest");
  const refusedStatuses = documentedStatuses(spec, "requestToken", true);
  const needsKey = (o: Observed) => (o.keys ? undefined : "a token was given, not an API key and secret");
  const mainTokens = (o: Observed) =>
    o.recorder
      .all()
      .filter(
        (e) =>
          e.operationId === "requestToken" &&
          !e.step.startsWith("user-") &&
          !["token-form", "wrong-key-basic", "wrong-key-form", "user-cancel"].includes(e.step),
      );
  const refused = (id: string, step: string, how: string): Claim =>
    claim(
      id,
      "requestToken",
      provenanceOf(spec.resolve(token.node.responses && (token.node.responses as JsonObject)["400"])),
      `an unknown key sent ${how} is refused with a documented status`,
      `answered ${refusedStatuses.join(" or ")} with an RFC 6749 error`,
      (o) => {
        const got = o.recorder.of(step).find((e) => e.operationId === "requestToken");
        if (!got) return notExercised("not sent");
        if (got.status === undefined) return notExercised(`no answer: ${got.error}`);
        if (!refusedStatuses.includes(got.status)) return contradicted(`answered ${got.status}`, [got]);
        const problem = spec.check("#/components/schemas/TokenErrorResponse", got.json);
        return problem ? contradicted(problem, [got]) : confirmed(`answered ${got.status}`, [got]);
      },
    );
  return [
    claim(
      "requestToken.basic",
      "requestToken",
      provenanceOf(token.node),
      "the key and secret in a Basic header get a token",
      "200 with an access_token",
      (o) => {
        if (needsKey(o)) return notExercised(needsKey(o) as string);
        const got = mainTokens(o)[0];
        if (!got) return notExercised("no token was requested");
        return got.status === 200 && typeof (got.json as JsonObject | undefined)?.access_token === "string"
          ? confirmed("a token", [got])
          : contradicted(`answered ${got.status ?? got.error}`, [got]);
      },
    ),
    claim(
      "requestToken.form",
      "requestToken",
      provenanceOf((form.properties as JsonObject).client_id),
      "the key and secret in the form body get a token",
      "200 with an access_token",
      (o) => {
        if (needsKey(o)) return notExercised(needsKey(o) as string);
        const got = o.recorder.of("token-form").find((e) => e.operationId === "requestToken");
        if (!got) return notExercised(o.facts.workflowId ? "not sent" : "no workflow given");
        return got.status === 200 && typeof (got.json as JsonObject | undefined)?.access_token === "string"
          ? confirmed("a token", [got])
          : contradicted(`answered ${got.status ?? got.error}`, [got], {
              target: jsonPath("#/components/schemas/TokenRequest/properties/client_id"),
              update: { description: "Not accepted by a server in the form body (seen)." },
              description: "A server refuses the key and secret in the form body",
            });
      },
    ),
    claim(
      "requestToken.bearer",
      "requestToken",
      provenanceOf((schema(spec, "TokenResponse").properties as JsonObject).token_type),
      "a token's token_type is bearer",
      "token_type bearer (in any case), or none",
      (o) => {
        const got = mainTokens(o).find((e) => e.status === 200);
        if (!got) return notExercised(needsKey(o) ?? "no token was issued");
        const type = (got.json as JsonObject | undefined)?.token_type;
        if (type === undefined || String(type).toLowerCase() === "bearer") {
          return confirmed(`token_type ${type ?? "absent"}`, [got]);
        }
        return contradicted(`token_type ${JSON.stringify(type)}`, [got]);
      },
    ),
    refused("requestToken.unknown-key-basic", "wrong-key-basic", "in a Basic header"),
    refused("requestToken.unknown-key-form", "wrong-key-form", "in the form body"),
  ];
}

function roleClaims(spec: Spec): Claim[] {
  const refusal = (operationId: string) => documentedStatuses(spec, operationId, true);
  const curatorOnly = (operationId: string, step: string): Claim =>
    claim(
      `${operationId}.curator-only`,
      operationId,
      provenanceOf(spec.operation(operationId).node),
      "a non-Curator is refused, with a status the spec documents",
      `answered ${refusal(operationId).join(" or ")}`,
      (o) => {
        const why = operationId === "listJobs" ? (o.roles ? undefined : needsUser(o)) : needsUser(o);
        if (why) return notExercised(why);
        const got = answer(o, step);
        if (typeof got === "string") return notExercised(got);
        const status = got.status as number;
        if (refusal(operationId).includes(status)) return confirmed(`answered ${status}`, [got]);
        if (status >= 500) return inconclusive(`answered ${status}`, [got]);
        return contradicted(
          status < 300
            ? `the non-Curator was answered ${status}`
            : `answered ${status}, a status the spec does not document here`,
          [got],
        );
      },
    );
  return [
    curatorOnly("getJobMessages", "user-messages"),
    curatorOnly("listJobs", "user-curator-list"),
    claim(
      "getJob.other-users-job",
      "getJob",
      provenanceOf(spec.operation("getJob").node),
      "a user does not see another user's job (unless it is shared with them)",
      "answered 404",
      (o) => {
        if (needsUser(o)) return notExercised(needsUser(o) as string);
        const got = answer(o, "user-job");
        if (typeof got === "string") return notExercised(got);
        if (got.status === 404) return confirmed("answered 404", [got]);
        if (got.status === 200) return inconclusive("the job was shown: it may be shared through a Collection", [got]);
        return got.status !== undefined && got.status >= 500
          ? inconclusive(`answered ${got.status}`, [got])
          : contradicted(`answered ${got.status}`, [got]);
      },
    ),
  ];
}

function valueClaims(spec: Spec, words: string[]): Claim[] {
  const jobStatus = schema(spec, "JobStatus");
  const format = schema(spec, "OutputFormat");
  const known = list(format, "x-known-values");
  const bodies = (o: Observed) =>
    o.recorder
      .all()
      .filter((e) => ["getJob", "runWorkflow"].includes(e.operationId ?? "") && e.status === 200 && e.json);
  return [
    claim(
      "getJob.status-words",
      "getJob",
      provenanceOf(jobStatus),
      "every job status a server sends is one the spec lists",
      words.join(", "),
      (o) => {
        const seen = [
          ...bodies(o).map((e) => [e, (e.json as JsonObject).status] as const),
          ...o.recorder
            .all()
            .filter((e) => e.operationId === "listJobs" && e.status === 200)
            .flatMap((e) =>
              (((e.json as JsonObject | undefined)?.data ?? []) as JsonObject[]).map((j) => [e, j.status] as const),
            ),
        ];
        if (seen.length === 0) return notExercised("no job was seen");
        const unknown = seen.find(([, status]) => !words.includes(String(status)));
        if (unknown) {
          return contradicted(`status ${JSON.stringify(unknown[1])}`, [unknown[0]], {
            target: jsonPath("#/components/schemas/JobStatus/examples"),
            update: [unknown[1]],
            description: `A server sends the job status ${String(unknown[1])}`,
          });
        }
        return confirmed([...new Set(seen.map(([, s]) => String(s)))].join(", "));
      },
    ),
    claim(
      "getJob.output-formats",
      "getJob",
      provenanceOf(format),
      "every output format a server offers is one the spec knows",
      known.join(", "),
      (o) => {
        const seen = bodies(o).flatMap((e) =>
          (((e.json as JsonObject).outputs ?? []) as JsonObject[]).flatMap((out) =>
            ((out.availableFormats ?? []) as string[]).map((f) => [e, f] as const),
          ),
        );
        if (seen.length === 0) return notExercised("no job with outputs was seen");
        const unknown = seen.find(([, f]) => !known.includes(f));
        if (unknown) {
          return contradicted(`format ${JSON.stringify(unknown[1])}`, [unknown[0]], {
            target: jsonPath("#/components/schemas/OutputFormat/x-known-values"),
            update: [unknown[1]],
            description: `A server offers the output format ${unknown[1]}`,
          });
        }
        return confirmed([...new Set(seen.map(([, f]) => f))].join(", "));
      },
    ),
    claim(
      "getWorkflowQuestions.v3-shape",
      "getWorkflowQuestions",
      provenanceOf(spec.operation("getWorkflowQuestions").node),
      "questions come in the v3 shape (questionType, a boolean multiple), not v1's (type, a string multiple)",
      "each question has questionType and no `type`; `multiple` is a boolean",
      (o) => {
        if (needsWorkflow(o)) return notExercised(needsWorkflow(o) as string);
        const got = answer(o, "questions");
        if (typeof got === "string") return notExercised(got);
        if (got.status !== 200 || !Array.isArray(got.json)) return inconclusive(`answered ${got.status}`, [got]);
        const questions = got.json as JsonObject[];
        if (questions.length === 0) return notExercised("the workflow asks no questions", [got]);
        const v1 = questions.find(
          (q) =>
            "type" in q ||
            typeof q.questionType !== "string" ||
            (q.multiple !== undefined && typeof q.multiple !== "boolean"),
        );
        return v1
          ? contradicted(`a question in the v1 shape: ${JSON.stringify(v1).slice(0, 80)}`, [got])
          : confirmed(`${questions.length} questions`, [got]);
      },
    ),
  ];
}

function outputClaims(spec: Spec): Claim[] {
  const op = spec.operation("getJobOutput");
  const ok = responsesOf(spec, "getJobOutput").find((r) => r.status === "200");
  const media = Object.keys((ok?.node.content ?? {}) as JsonObject);
  const disposition = spec.resolve(((ok?.node.headers ?? {}) as JsonObject)["Content-Disposition"]);
  const notOffered = responsesOf(spec, "getJobOutput").find((r) => r.status === "400");
  const downloads = (o: Observed) =>
    o.facts.downloads.map((d) => ({ ...d, exchange: answersOf(o.recorder, d.step).at(-1) as Exchange }));
  const contentPointer = ["paths", op.path, op.method, "responses", "200", "content"];
  return [
    claim(
      "getJobOutput.bytes",
      "getJobOutput",
      provenanceOf(op.node),
      "an output download is the bytes its Content-Length announces",
      "as many bytes as Content-Length says",
      (o) => {
        const done = downloads(o);
        if (done.length === 0) return notExercised("no output was downloaded");
        for (const d of done) {
          const announced = d.exchange.contentLength;
          if (announced !== undefined && Number(announced) !== d.bytes) {
            return contradicted(`${d.bytes} bytes where Content-Length said ${announced}`, [d.exchange]);
          }
        }
        return confirmed(done.map((d) => `${d.bytes} bytes (${d.format})`).join(", "), [done[0]?.exchange as Exchange]);
      },
    ),
    claim(
      "getJobOutput.media-type",
      "getJobOutput",
      provenanceOf(ok?.node),
      "an output download's media type is one the spec declares",
      media.join(", "),
      (o) => {
        const done = downloads(o);
        if (done.length === 0) return notExercised("no output was downloaded");
        for (const d of done) {
          const type = (d.exchange.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
          // A media range (`*/*`, `text/*`) declares every type it covers (OpenAPI 3.1, Media Types).
          const declared = media.some(
            (range) => range === type || range === "*/*" || range === `${type.split("/")[0]}/*`,
          );
          if (!declared) {
            return contradicted(`Content-Type ${type || "(none)"}`, [d.exchange], {
              target: jsonPath(
                `#/${contentPointer.map((k) => k.replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`,
              ),
              update: { [type || "application/octet-stream"]: { schema: { type: "string", contentMediaType: type } } },
              description: `A server sends outputs as ${type || "no media type"}`,
            });
          }
        }
        return confirmed([...new Set(done.map((d) => d.exchange.contentType))].join(", "));
      },
    ),
    claim(
      "getJobOutput.content-disposition",
      "getJobOutput",
      provenanceOf(disposition),
      "a download's Content-Disposition, when sent, is `attachment` with a file name (RFC 6266)",
      "absent, or attachment; filename=…",
      (o) => {
        const done = downloads(o);
        if (done.length === 0) return notExercised("no output was downloaded");
        const bad = done.find(
          (d) =>
            d.exchange.contentDisposition !== undefined &&
            !/^\s*attachment\s*;.*filename\*?=/i.test(d.exchange.contentDisposition),
        );
        if (bad) return contradicted(`Content-Disposition ${bad.exchange.contentDisposition}`, [bad.exchange]);
        const sent = done.filter((d) => d.exchange.contentDisposition !== undefined).length;
        return confirmed(`sent with ${sent} of ${done.length} downloads`);
      },
    ),
    claim(
      "getJobOutput.format-not-offered",
      "getJobOutput",
      notOffered?.provenance ?? "inferred",
      "a format the output does not offer is refused with 400",
      "answered 400",
      (o) => {
        if (!o.facts.formatNotOffered)
          return notExercised(o.facts.job ? "every known format is offered" : "no job with outputs");
        const got = answer(o, "format-not-offered");
        if (typeof got === "string") return notExercised(got);
        if (got.status === 400) return confirmed("answered 400", [got]);
        return contradicted(`answered ${got.status} for format=${o.facts.formatNotOffered}`, [got], {
          target: jsonPath(`#/paths/${op.path.replaceAll("/", "~1")}/${op.method}/responses`),
          update: {
            [String(got.status)]: { description: "A format the output does not offer (seen).", "x-provenance": "seen" },
          },
          description: `A server answers ${got.status} for a format the output does not offer`,
        });
      },
    ),
  ];
}

function writeClaims(spec: Spec): Claim[] {
  const jobStatus = schema(spec, "JobStatus");
  const terminal = list(jobStatus, "x-terminal-values");
  const unfinished = list(schema(spec, "Disposition"), "x-unfinished-values");
  const cancelled = messages(spec, "cancelJob", "200");
  const refusedCancel = messages(spec, "cancelJob", "400");
  const run = spec.operation("runWorkflow");
  const cancel = spec.operation("cancelJob");
  const after = (o: Observed) => answer(o, "second-after-cancel");
  const cancelAnswer = (o: Observed) => answer(o, "cancel-second");
  const messageOf = (e: Exchange) => String((e.json as JsonObject | undefined)?.message ?? "");
  return [
    claim(
      "runWorkflow.queued",
      "runWorkflow",
      provenanceOf(spec.resolve((run.node.responses as JsonObject)["200"])) === "documented" ? "documented" : "seen",
      "a new job comes back Queued",
      "status Queued",
      (o) => {
        if (needsWrites(o)) return notExercised(needsWrites(o) as string);
        const got = answer(o, "run");
        if (typeof got === "string") return notExercised(got);
        const status = (got.json as JsonObject | undefined)?.status;
        if (got.status !== 200) return inconclusive(`answered ${got.status}`, [got]);
        return status === "Queued" ? confirmed("Queued", [got]) : contradicted(`status ${String(status)}`, [got]);
      },
    ),
    claim(
      "runWorkflow.unfinished-disposition",
      "runWorkflow",
      provenanceOf(schema(spec, "Disposition")),
      "a job that has not finished shows the spec's unfinished disposition",
      `disposition ${unfinished.join(" or ")}`,
      (o) => {
        if (needsWrites(o)) return notExercised(needsWrites(o) as string);
        const got = answer(o, "run");
        if (typeof got === "string") return notExercised(got);
        const job = got.json as JsonObject | undefined;
        if (got.status !== 200 || !job) return inconclusive(`answered ${got.status}`, [got]);
        if (terminal.includes(String(job.status))) return notExercised("the job had finished already", [got]);
        if (unfinished.includes(String(job.disposition)))
          return confirmed(`disposition ${String(job.disposition)}`, [got]);
        return contradicted(`disposition ${JSON.stringify(job.disposition)}`, [got], {
          target: jsonPath("#/components/schemas/Disposition/x-unfinished-values"),
          update: [job.disposition],
          description: `A server shows an unfinished job's disposition as ${String(job.disposition)}`,
        });
      },
    ),
    claim(
      "getJob.reaches-terminal",
      "getJob",
      provenanceOf(jobStatus),
      `a job run reaches one of ${terminal.join(", ")} within the deadline`,
      terminal.join(", "),
      (o) => {
        if (needsWrites(o)) return notExercised(needsWrites(o) as string);
        const polls = answersOf(o.recorder, "wait");
        const run = o.facts.run;
        if (!run?.job) return notExercised("the run was not queued");
        if (run.finished) return confirmed(`${run.finished.status} after ${polls.length} requests`, polls.slice(-1));
        if (run.unlistedStatus !== undefined) {
          return inconclusive(
            `the wait ended at status ${JSON.stringify(run.unlistedStatus)}, which the spec does not list (getJob.status-words)`,
            polls.slice(-1),
          );
        }
        if (run.waitError === "WaitTimeoutError") {
          const seconds = Math.ceil((run.waitMs ?? 0) / 1000);
          return inconclusive(`not finished within ${seconds} s, the wait's share of --timeout`, polls.slice(-1));
        }
        return inconclusive(`the wait ended: ${run.waitError ?? "unknown"}`, polls.slice(-1));
      },
    ),
    claim(
      "cancelJob.queued-deleted",
      "cancelJob",
      provenanceOf(cancel.node),
      "cancelling a queued job deletes it, and says so",
      `"${cancelled.deleted}", and the job is gone`,
      (o) => {
        if (needsWrites(o)) return notExercised(needsWrites(o) as string);
        const before = o.facts.second?.before;
        if (!before) return notExercised("the second job was not queued");
        if (before !== "Queued") return notExercised(`the second job was ${before} before the cancel`);
        const got = cancelAnswer(o);
        if (typeof got === "string") return notExercised(got);
        const gone = after(o);
        const evidence = [got, ...(typeof gone === "string" ? [] : [gone])];
        if (got.status !== 200) return contradicted(`answered ${got.status}`, evidence);
        const message = messageOf(got);
        if (message === cancelled.deleted) return confirmed(message, evidence);
        if (typeof gone !== "string" && gone.status === 404) {
          return contradicted(`"${message}", though the job was deleted as a queued one is`, evidence);
        }
        return inconclusive(`"${message}": the job may have started before the cancel reached it`, evidence);
      },
    ),
    claim(
      "cancelJob.running-cancelled",
      "cancelJob",
      provenanceOf(cancel.node),
      "cancelling a running job cancels it, and says so",
      `"${cancelled.cancelled}", and the job Cancelled`,
      (o) => {
        if (needsWrites(o)) return notExercised(needsWrites(o) as string);
        const before = o.facts.second?.before;
        if (before !== "Running") return notExercised(`the second job was ${before ?? "not seen"} before the cancel`);
        const got = cancelAnswer(o);
        if (typeof got === "string") return notExercised(got);
        if (got.status !== 200) return contradicted(`answered ${got.status}`, [got]);
        const message = messageOf(got);
        return message === cancelled.cancelled ? confirmed(message, [got]) : contradicted(`"${message}"`, [got]);
      },
    ),
    claim(
      "cancelJob.finished",
      "cancelJob",
      provenanceOf(cancel.node),
      "cancelling a finished job is refused with the documented 400",
      `400 "${refusedCancel.notCancellable}"`,
      (o) => {
        if (needsWrites(o)) return notExercised(needsWrites(o) as string);
        const got = answer(o, "cancel-finished");
        if (typeof got === "string") return notExercised(o.facts.run?.finished ? got : "the job run did not finish");
        if (got.status === 400 && messageOf(got) === refusedCancel.notCancellable)
          return confirmed(messageOf(got), [got]);
        return contradicted(`answered ${got.status} "${messageOf(got)}"`, [got]);
      },
    ),
    claim(
      "cancelJob.no-permission",
      "cancelJob",
      provenanceOf(cancel.node),
      "a non-Curator may not cancel another user's job",
      `400 "${refusedCancel.noPermission}"`,
      (o) => {
        if (needsWrites(o)) return notExercised(needsWrites(o) as string);
        if (!o.roles) return notExercised(needsUser(o) as string);
        const got = answer(o, "user-cancel");
        if (typeof got === "string") return notExercised(got);
        if (got.status === 400 && messageOf(got) === refusedCancel.noPermission)
          return confirmed(messageOf(got), [got]);
        if (got.status === 404) return inconclusive("answered 404: the server hides the job from that user", [got]);
        return contradicted(`answered ${got.status} "${messageOf(got)}"`, [got]);
      },
    ),
  ];
}
