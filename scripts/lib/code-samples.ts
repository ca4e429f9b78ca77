// The code samples of the API reference: TypeScript with this package's client, the
// `alteryx-jobs` command, and curl. Built from the spec for every operation, with the spec's
// examples for values (an operation without a wrapper gets an `alteryx-jobs/raw` sample, one
// without a command no command-line sample), so a new operation has samples with no other edit.
// Every sample reads the server and the API key from the environment, as the command does: with
// what `alteryx-jobs sandbox` prints exported, each runs as it is (test/docs/samples-run.test.ts).
import { type JsonObject, type Operation, parameterExample } from "./spec.js";

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

/** The languages, in the order the reference offers them. */
export const SAMPLE_LANGUAGES = [
  { lang: "TypeScript", label: "TypeScript (alteryx-jobs)" },
  { lang: "Shell", label: "Command line (alteryx-jobs)" },
  { lang: "curl", label: "curl" },
] as const;

/** What the samples read from the environment: the command's own variables (`alteryx-jobs --help`). */
export const SAMPLE_ENVIRONMENT = ["ALTERYX_BASE_URL", "ALTERYX_CLIENT_ID", "ALTERYX_CLIENT_SECRET", "ALTERYX_TOKEN"];

/** A parameter's example as the samples write it; a value its schema allows when the spec has none. */
function sampleValue(parameter: JsonObject | undefined): string | number | boolean {
  const example = parameter ? parameterExample(parameter) : undefined;
  if (example !== undefined && typeof example !== "object") return example as string | number | boolean;
  const type = ((parameter?.schema ?? {}) as JsonObject).type;
  return type === "integer" ? 10 : type === "boolean" ? true : "value";
}

function parameters(op: Operation, where: "path" | "query"): JsonObject[] {
  return (op.node.parameters as JsonObject[]).filter((p) => p.in === where);
}
const pathParameters = (op: Operation) => parameters(op, "path");
const requiredQuery = (op: Operation) => parameters(op, "query").filter((p) => p.required === true);
/** The example of the parameter named `name`, as text. */
const example = (op: Operation, name: string) =>
  String(sampleValue((op.node.parameters as JsonObject[]).find((p) => p.name === name)));

/** The request body of the first named example, if the operation takes a JSON body. */
function bodyExample(op: Operation): unknown {
  const content = ((op.node.requestBody ?? {}) as JsonObject).content as JsonObject | undefined;
  const json = content?.["application/json"] as JsonObject | undefined;
  const first = Object.values((json?.examples ?? {}) as JsonObject)[0] as JsonObject | undefined;
  return first?.value;
}

function filledPath(op: Operation): string {
  return pathParameters(op).reduce((path, p) => path.replace(`{${p.name}}`, String(sampleValue(p))), op.path);
}

/** The media types of the operation's responses, as the spec lists them: what to accept. */
function mediaTypes(op: Operation): string[] {
  const types = Object.values((op.node.responses ?? {}) as JsonObject).flatMap((response) =>
    Object.keys(((response as JsonObject).content ?? {}) as JsonObject),
  );
  return [...new Set(types)];
}

function curl(op: Operation): string {
  const query = requiredQuery(op).map((p) => `${p.name}=${encodeURIComponent(String(sampleValue(p)))}`);
  const url = `$ALTERYX_BASE_URL${filledPath(op)}${query.length ? `?${query.join("&")}` : ""}`;
  const accept = mediaTypes(op);
  // --fail-with-body: a refused request ends the script, with the server's message shown.
  const lines = [`curl --fail-with-body -X ${op.method.toUpperCase()} "${url}"`, `  -H 'accept: ${accept.join(", ")}'`];
  // A file is saved under the name the server gives it, rather than printed.
  if (accept.some((type) => !type.includes("json"))) lines.push("  --remote-name --remote-header-name");
  if (op.operationId === "requestToken") {
    lines.push(`  -u "$ALTERYX_CLIENT_ID:$ALTERYX_CLIENT_SECRET"`, "  -d grant_type=client_credentials");
  } else {
    lines.push(`  -H "authorization: Bearer $ALTERYX_TOKEN"`);
    const body = bodyExample(op);
    if (body !== undefined) lines.push("  -H 'content-type: application/json'", `  -d '${JSON.stringify(body)}'`);
  }
  return lines.join(" \\\n");
}

const CLIENT = `import { createJobsClient } from "alteryx-jobs";

const client = createJobsClient({
  baseUrl: process.env.ALTERYX_BASE_URL ?? "https://alteryx.example.com/webapi",
  auth: { clientId: process.env.ALTERYX_CLIENT_ID ?? "", clientSecret: process.env.ALTERYX_CLIENT_SECRET ?? "" },
});
`;

/** How each wrapped operation is called; any other operation is shown through `alteryx-jobs/raw`. */
const WRAPPERS: Record<string, (op: Operation, id: string) => string> = {
  getJob: (_, id) =>
    `const job = await client.getJob("${id}");\nconsole.log(job.status, job.disposition, job.messages.length);`,
  getJobMessages: (_, id) =>
    `const messages = await client.getJobMessages("${id}");\nfor (const m of messages) console.log(m.status, m.text);`,
  cancelJob: (_, id) =>
    `// outcome is "cancelled" (the job was running) or "deleted" (it was queued).\nconst { outcome, message } = await client.cancelJob("${id}");\nconsole.log(outcome, message);`,
  listJobs: () =>
    `for await (const job of client.listJobs({ statuses: ["Running"], allUsers: true })) {\n  console.log(job.jobId, job.status, job.workflowName);\n}`,
  listWorkflowJobs: (op, id) =>
    `for await (const job of client.listWorkflowJobs("${id}", { status: "${example(op, "status")}" })) {\n  console.log(job.id, job.status, job.createDate);\n}`,
  runWorkflow: (op, id) =>
    `const job = await client.runWorkflow("${id}", ${JSON.stringify(bodyExample(op) ?? {}, null, 2)});\nconst done = await client.waitForJob(job.id);\nconsole.log(done.status, done.disposition);`,
  getJobOutput: (op, id) =>
    `// Every output of a job, streamed into a folder under safe names (Node):\nconst { saveJobOutputs } = await import("alteryx-jobs/node");\nfor (const file of await saveJobOutputs(client, "${id}", "outputs")) console.log(file.path, file.bytes);\n\n// One output as a stream of its bytes: read it to the end, or cancel it.\nconst output = await client.getJobOutput("${id}", "${example(op, "outputId")}", { format: "${example(op, "format")}" });\nconsole.log(output.contentDisposition, output.contentType, output.contentLength);\nawait output.body.cancel();`,
  getWorkflowQuestions: (_, id) =>
    `for (const question of await client.getWorkflowQuestions("${id}")) {\n  console.log(question.name, question.questionType, question.items?.map((item) => item.key));\n}`,
  requestToken: () =>
    `// The client asks for tokens itself (client credentials), shares them between calls and renews\n// them before they expire; no call is needed. A token of your own works too:\nconst withToken = createJobsClient({\n  baseUrl: process.env.ALTERYX_BASE_URL ?? "https://alteryx.example.com/webapi",\n  auth: { token: process.env.ALTERYX_TOKEN ?? "" },\n});\nconsole.log(typeof withToken.getJob, typeof client.getJob);`,
};

/** The operations whose sample goes through their wrapper. */
export const wrapperSampleNames: readonly string[] = Object.keys(WRAPPERS);

function rawCall(op: Operation): string {
  const path = Object.fromEntries(pathParameters(op).map((p) => [p.name, sampleValue(p)]));
  const query = Object.fromEntries(requiredQuery(op).map((p) => [p.name, sampleValue(p)]));
  const params = { ...(Object.keys(path).length ? { path } : {}), ...(Object.keys(query).length ? { query } : {}) };
  const body = bodyExample(op);
  const init = { ...(Object.keys(params).length ? { params } : {}), ...(body === undefined ? {} : { body }) };
  const args = Object.keys(init).length ? `, ${JSON.stringify(init, null, 2)}` : "";
  return `const { data } = await createRawClient(client).${op.method.toUpperCase()}("${op.path}"${args});\nconsole.log(data);`;
}

function typescript(op: Operation): string {
  const id = String(sampleValue(pathParameters(op)[0]));
  const wrapper = WRAPPERS[op.operationId];
  if (wrapper) return `${CLIENT}\n${wrapper(op, id)}\n`;
  return `import { createRawClient } from "alteryx-jobs/raw";\n${CLIENT}\n${rawCall(op)}\n`;
}

/** The answers of the run's body example as `--question NAME=VALUE` options, and its priority. */
function runOptions(op: Operation): string {
  const body = (bodyExample(op) ?? {}) as { questions?: { name: string; value: string }[]; priority?: string };
  const answers = (body.questions ?? []).map((q) => `--question ${shellWord(`${q.name}=${q.value}`)}`);
  return [...answers, ...(body.priority ? [`--priority ${body.priority}`] : [])].join(" ");
}

/** A word the shell reads back as `text`. */
function shellWord(text: string): string {
  return /^[\w.@%+=:,/-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The `alteryx-jobs` command of each operation, as shell lines (comments start with `#`); an
 * operation without a command has no command-line sample until it gets one.
 */
const COMMAND_LINES: Record<string, (op: Operation, id: string) => string[]> = {
  getJob: (_, id) => [
    `alteryx-jobs get ${id}`,
    "# The API's JSON, without the messages:",
    `alteryx-jobs get ${id} --no-messages --json`,
  ],
  getJobMessages: (_, id) => ["# Curators only.", `alteryx-jobs messages ${id}`],
  cancelJob: (_, id) => [
    "# Says whether the job was cancelled (it was running) or deleted (it was queued).",
    `alteryx-jobs cancel ${id}`,
  ],
  listJobs: () => ["# Curators only.", "alteryx-jobs jobs --status Running --all-users"],
  listWorkflowJobs: (op, id) => [`alteryx-jobs list ${id} --status ${example(op, "status")} --limit 10`],
  runWorkflow: (op, id) => [
    "# Checks the answers against the app's questions, queues the job and waits for it to end.",
    `alteryx-jobs run ${id} ${runOptions(op)} --wait`,
  ],
  getWorkflowQuestions: (_, id) => [`alteryx-jobs questions ${id}`],
  getJobOutput: (op, id) => [
    `alteryx-jobs outputs ${id}`,
    `alteryx-jobs download ${id} --output ${example(op, "outputId")} --format ${example(op, "format")} --dir outputs`,
  ],
  // The token endpoint has no parameter of its own: the workflow is the questions' example.
  requestToken: (_, workflowId) => [
    "# The command asks for a token itself, with ALTERYX_CLIENT_ID and ALTERYX_CLIENT_SECRET, and",
    "# renews it; --verbose logs each request, the token's included (never a secret).",
    `alteryx-jobs questions ${workflowId} --verbose`,
  ],
};

/**
 * The samples of `op`. `all` is every operation of the spec, for a sample that needs an example
 * its own operation lacks (the token request shows a call that uses the token).
 */
export function codeSamples(op: Operation, all: Operation[] = [op]): CodeSample[] {
  const [ts, shell, curlLanguage] = SAMPLE_LANGUAGES;
  const workflowId = all.flatMap((o) => pathParameters(o)).find((p) => p.name === "workflowId");
  const id = String(sampleValue(pathParameters(op)[0] ?? workflowId));
  const command = COMMAND_LINES[op.operationId]?.(op, id);
  return [
    { ...ts, source: typescript(op) },
    ...(command ? [{ ...shell, source: `${command.join("\n")}\n` }] : []),
    { ...curlLanguage, source: curl(op) },
  ];
}

/** The operations that have a command-line sample: each names a command of `alteryx-jobs`. */
export const OPERATIONS_WITH_COMMANDS = Object.keys(COMMAND_LINES);
