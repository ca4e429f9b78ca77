// The code samples of the API reference: curl, and TypeScript with this package's client. Built
// from the spec for every operation (an operation without a wrapper gets an `alteryx-jobs/raw` sample),
// so a new operation has samples with no other edit; test/docs type-checks the TypeScript ones.
import type { JsonObject, Operation } from "./spec.js";

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

const BASE_URL = "https://alteryx.example.com/webapi";

/** A value for a parameter: its example, its default, or one its schema allows. */
function sampleValue(parameter: JsonObject): string | number | boolean {
  const schema = (parameter.schema ?? {}) as JsonObject;
  const examples = (schema.examples ?? []) as (string | number | boolean)[];
  if (examples[0] !== undefined) return examples[0];
  if (schema.default !== undefined) return schema.default as string | number | boolean;
  if (Array.isArray(schema.enum)) return schema.enum[0] as string;
  return schema.type === "integer" ? 10 : schema.type === "boolean" ? true : "value";
}

function pathParameters(op: Operation): JsonObject[] {
  return (op.node.parameters as JsonObject[]).filter((p) => p.in === "path");
}

function requiredQuery(op: Operation): JsonObject[] {
  return (op.node.parameters as JsonObject[]).filter((p) => p.in === "query" && p.required === true);
}

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
  const url = `${BASE_URL}${filledPath(op)}${query.length ? `?${query.join("&")}` : ""}`;
  const accept = mediaTypes(op);
  const lines = [`curl -X ${op.method.toUpperCase()} '${url}'`, `  -H 'accept: ${accept.join(", ")}'`];
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
  baseUrl: "${BASE_URL}",
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
  listWorkflowJobs: (_, id) =>
    `for await (const job of client.listWorkflowJobs("${id}", { status: "Complete" })) {\n  console.log(job.id, job.status, job.createDate);\n}`,
  runWorkflow: (op, id) =>
    `const job = await client.runWorkflow("${id}", ${JSON.stringify(bodyExample(op) ?? {}, null, 2)});\nconst done = await client.waitForJob(job.id);\nconsole.log(done.status, done.disposition);`,
  getJobOutput: (op, id) =>
    `// Every output of a job, streamed into a folder under safe names (Node):\nconst { saveJobOutputs } = await import("alteryx-jobs/node");\nfor (const file of await saveJobOutputs(client, "${id}", "outputs")) console.log(file.path, file.bytes);\n\n// One output as a stream of its bytes: read it to the end, or cancel it.\nconst output = await client.getJobOutput("${id}", "${String(sampleValue(pathParameters(op)[1] ?? {}))}", { format: "${String(sampleValue(requiredQuery(op)[0] ?? {}))}" });\nconsole.log(output.contentDisposition, output.contentType, output.contentLength);\nawait output.body.cancel();`,
  getWorkflowQuestions: (_, id) =>
    `for (const question of await client.getWorkflowQuestions("${id}")) {\n  console.log(question.name, question.questionType, question.items?.map((item) => item.key));\n}`,
  requestToken: () =>
    `// The client asks for tokens itself (client credentials), shares them between calls and renews\n// them before they expire; no call is needed. A token of your own works too:\nconst withToken = createJobsClient({ baseUrl: "${BASE_URL}", auth: { token: process.env.ALTERYX_TOKEN ?? "" } });\nconsole.log(typeof withToken.getJob, typeof client.getJob);`,
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
  const id = String(sampleValue(pathParameters(op)[0] ?? {}));
  const wrapper = WRAPPERS[op.operationId];
  if (wrapper) return `${CLIENT}\n${wrapper(op, id)}\n`;
  return `import { createRawClient } from "alteryx-jobs/raw";\n${CLIENT}\n${rawCall(op)}\n`;
}

/** The languages, in the order the reference offers them. */
export const SAMPLE_LANGUAGES = [
  { lang: "curl", label: "curl" },
  { lang: "TypeScript", label: "TypeScript (alteryx-jobs)" },
] as const;

export function codeSamples(op: Operation): CodeSample[] {
  const [curlLanguage, typescriptLanguage] = SAMPLE_LANGUAGES;
  return [
    { ...curlLanguage, source: curl(op) },
    { ...typescriptLanguage, source: typescript(op) },
  ];
}
