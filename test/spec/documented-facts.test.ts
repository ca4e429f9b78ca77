// Every statement of the vendor's "Jobs endpoints" page, checked in the spec: an edit that drops
// one fails here. The strings below are the vendor's words, which this test guards the spec against.
import { describe, expect, it } from "vitest";
import { dereference, type JsonObject, listOperations, readSpec } from "../../scripts/lib/spec.js";

const doc = dereference(readSpec()) as JsonObject;
const operations = listOperations(doc);

function operation(method: string, path: string) {
  const found = operations.find((op) => op.method === method && op.path === path);
  if (!found) throw new Error(`${method.toUpperCase()} ${path} is not in the spec`);
  return found.node;
}
const parameter = (op: JsonObject, name: string) =>
  (op.parameters as JsonObject[]).find((p) => p.name === name) as JsonObject;
const responseCodes = (op: JsonObject) => Object.keys(op.responses as JsonObject);
const text = (op: JsonObject) => String(op.description).replace(/\s+/g, " ");
function namedExamples(op: JsonObject, status: string): Record<string, unknown> {
  const response = (op.responses as JsonObject)[status] as JsonObject;
  const json = (response.content as JsonObject)["application/json"] as JsonObject;
  return Object.fromEntries(Object.entries(json.examples as JsonObject).map(([k, v]) => [k, (v as JsonObject).value]));
}

describe("GET /v3/jobs/{jobId}: retrieve the details of a specific job", () => {
  const op = operation("get", "/v3/jobs/{jobId}");

  it("returns an existing job's details and current status", () => {
    expect(text(op)).toMatch(/details of an existing job and its current status/);
  });
  it("says that parameters filter the jobs you want to see", () => {
    expect(text(op)).toMatch(/parameters filter the jobs you want to see/);
  });
  it("notes that only app workflows can be used", () => {
    expect(text(op)).toMatch(/Only app workflows can be used/);
  });
  it("notes that users see jobs run by them and jobs run on schedules shared via Collections", () => {
    expect(text(op)).toMatch(/jobs run by them and jobs run on schedules shared with them via Collections/);
  });
  it("takes a required string jobId", () => {
    const jobId = parameter(op, "jobId");
    expect(jobId).toMatchObject({ in: "path", required: true, schema: { type: "string" } });
  });
  it("takes an optional boolean includeMessages that defaults to true and reduces the object when false", () => {
    const includeMessages = parameter(op, "includeMessages");
    expect(includeMessages).toMatchObject({ in: "query", required: false, schema: { type: "boolean", default: true } });
    expect(String(includeMessages.description)).toMatch(/`false`.*reduced object/s);
    expect(namedExamples(op, "200").reduced).not.toHaveProperty("messages");
  });
  it("answers 200, 401 and 404", () => {
    expect(responseCodes(op)).toEqual(["200", "401", "404"]);
  });
  it("returns the fields of the documented example", () => {
    const example = namedExamples(op, "200").completed as JsonObject;
    expect(Object.keys(example).sort()).toEqual(
      [
        "id",
        "appId",
        "createDateTime",
        "status",
        "disposition",
        "outputs",
        "messages",
        "priority",
        "workerTag",
        "runWithE2",
      ].sort(),
    );
    expect(Object.keys((example.outputs as JsonObject[])[0] as JsonObject).sort()).toEqual(
      ["availableFormats", "fileName", "id"].sort(),
    );
    expect(Object.keys((example.messages as JsonObject[])[0] as JsonObject).sort()).toEqual([
      "status",
      "text",
      "toolId",
    ]);
  });
});

describe("GET /v3/jobs/{jobId}/messages: retrieve messages of a specific job", () => {
  const op = operation("get", "/v3/jobs/{jobId}/messages");

  it("retrieves all messages of a specific job, for Curators only", () => {
    expect(text(op)).toMatch(/all messages of a specific job/);
    expect(text(op)).toMatch(/Only Curators can use this endpoint/);
  });
  it("takes a required jobId", () => {
    expect(parameter(op, "jobId")).toMatchObject({ in: "path", required: true });
  });
  it("answers 200, 401 and 404", () => {
    expect(responseCodes(op)).toEqual(["200", "401", "404"]);
  });
  it("accepts the documented single {status, text, toolId} object and says why an array is accepted too", () => {
    expect(namedExamples(op, "200").single).toMatchObject({
      status: expect.any(Number),
      text: expect.any(String),
      toolId: expect.any(Number),
    });
    expect(text(op)).toMatch(/One object or an array/);
  });
});

describe("DELETE /v3/jobs/{jobId}: cancel a specific job", () => {
  const op = operation("delete", "/v3/jobs/{jobId}");

  it("requires the job to be Queued or Running", () => {
    expect(text(op)).toMatch(/must be in the "Queued" or "Running" state/);
  });
  it("cancels a running job and deletes a queued one", () => {
    expect(text(op)).toMatch(/cancel a running job, it gets cancelled; if you cancel a queued job, it gets deleted/);
  });
  it("says who may cancel what", () => {
    expect(text(op)).toMatch(/Curators can cancel any job/);
    expect(text(op)).toMatch(/Other roles can cancel jobs they have created, triggered or scheduled/);
    expect(text(op)).toMatch(/shared with them through Collections, even if they are not the job's owner/);
  });
  it("takes a required jobId", () => {
    expect(parameter(op, "jobId")).toMatchObject({ in: "path", required: true });
  });
  it("answers 200 with both documented messages as named examples", () => {
    expect(namedExamples(op, "200")).toEqual({
      cancelled: { message: "Cancelled Successfully." },
      deleted: { message: "Deleted Successfully." },
    });
  });
  it("answers 400 with both documented refusals as named examples", () => {
    expect(namedExamples(op, "400")).toEqual({
      notCancellable: { message: "This job is not in 'Queued' or 'Running' state." },
      noPermission: { message: "You do not have permission to cancel this job." },
    });
  });
  it("answers 200, 400, 401 and 404", () => {
    expect(responseCodes(op)).toEqual(["200", "400", "401", "404"]);
  });
});

describe("object relationships and the rest of the page", () => {
  it("describes GET /v3/workflows/{workflowId}/jobs, the way to get a jobId", () => {
    const op = operation("get", "/v3/workflows/{workflowId}/jobs");
    expect(text(op)).toMatch(/how to get a `jobId`/);
    for (const name of ["sortField", "direction", "offset", "limit", "status", "resultCode"]) {
      expect(parameter(op, name), name).toBeDefined();
    }
  });
  it("points to the pages the vendor points to: object relationships, jobs admin, Postman", () => {
    const description = String((doc.info as JsonObject).description);
    expect(description).toMatch(/Object relationships/);
    expect(description).toMatch(/Jobs: admin interface/);
    expect(description).toMatch(/How to use Postman/);
  });
  it("serves {baseURL} as {scheme}://{host}/webapi, localhost by default", () => {
    const [server] = doc.servers as [JsonObject];
    expect(server.url).toBe("{scheme}://{host}/webapi");
    expect((server.variables as JsonObject).host).toMatchObject({ default: "localhost" });
  });
  it("sends a Bearer token on every operation but the token request", () => {
    const schemes = (doc.components as JsonObject).securitySchemes as JsonObject;
    expect(schemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(schemes.oauth2ClientCredentials).toMatchObject({
      type: "oauth2",
      flows: { clientCredentials: { tokenUrl: "/webapi/oauth2/token" } },
    });
    expect(doc.security).toEqual([{ oauth2ClientCredentials: [] }, { bearerAuth: [] }]);
    const token = operation("post", "/oauth2/token");
    expect(token.security).toEqual([{ clientBasic: [] }, {}]);
    for (const { operationId, node } of operations) {
      if (operationId !== "requestToken") expect(node.security, operationId).toBeUndefined();
    }
  });
  it("uses one ObjectId schema, 24 lowercase hex characters, for every ID parameter", () => {
    const raw = readSpec();
    const objectId = ((raw.components as JsonObject).schemas as JsonObject).ObjectId as JsonObject;
    expect(objectId.pattern).toBe("^[0-9a-f]{24}$");
    const idParameters = (raw.components as JsonObject).parameters as JsonObject;
    for (const name of ["JobId", "WorkflowId"]) {
      expect((idParameters[name] as JsonObject).schema).toEqual({ $ref: "#/components/schemas/ObjectId" });
    }
  });
});

describe("beyond the page: running and finding jobs, and getting a token", () => {
  const schemas = (doc.components as JsonObject).schemas as JsonObject;

  it("runs a workflow: EnqueueJobContract in, the queued JobView out", () => {
    const op = operation("post", "/v3/workflows/{workflowId}/jobs");
    expect(text(op)).toMatch(/Creates a new job and adds it to the job execution queue/);
    const body = ((op.requestBody as JsonObject).content as JsonObject)["application/json"] as JsonObject;
    expect(Object.keys((body.schema as JsonObject).properties as JsonObject)).toEqual([
      "workerTag",
      "credentialId",
      "questions",
      "priority",
    ]);
    expect(namedExamples(op, "200").queued).toMatchObject({ status: "Queued" });
  });
  it("lists jobs for Curators with the documented filters and a {data: [...]} body", () => {
    const op = operation("get", "/v3/jobs");
    expect(text(op)).toMatch(/Only Curators can use this endpoint/);
    expect((op.parameters as JsonObject[]).map((p) => p.name)).toEqual([
      "sortField",
      "direction",
      "offset",
      "limit",
      "priorities",
      "statuses",
      "users",
      "allUsers",
      "workflowNames",
      "completedBefore",
      "completedAfter",
    ]);
    expect(parameter(op, "sortField").schema).toMatchObject({
      enum: ["CreateDate", "AppName", "CompletionDateTime", "Priority", "Status"],
    });
    expect((parameter(op, "statuses").schema as JsonObject).items).toMatchObject({
      enum: ["Queued", "Initializing", "Running", "Complete"],
    });
    expect(String(parameter(op, "users").description)).toMatch(/only with `allUsers=true`/);
    expect(parameter(op, "completedBefore").schema).toMatchObject({ format: "date" });
    expect(String(parameter(op, "completedAfter").description)).toMatch(/completed on that date are\s+excluded/);
    expect(namedExamples(op, "200").page).toHaveProperty("data");
  });
  it("gets a token with client credentials, by Basic header or form body", () => {
    const op = operation("post", "/oauth2/token");
    const form = ((op.requestBody as JsonObject).content as JsonObject)[
      "application/x-www-form-urlencoded"
    ] as JsonObject;
    expect(form.schema).toMatchObject({
      required: ["grant_type"],
      properties: { grant_type: { const: "client_credentials" } },
    });
    expect(Object.keys(form.examples as JsonObject)).toEqual(["basicHeader", "formBody"]);
    expect(namedExamples(op, "200").token).toMatchObject({ access_token: expect.any(String), expires_in: 3600 });
  });
  it("names schemas as the server's Swagger does", () => {
    for (const name of [
      "JobView",
      "MessageView",
      "OutputDataView",
      "WorkflowJobView",
      "EnqueueJobContract",
      "AppValue",
      "InvalidRequestResponseBody",
    ]) {
      expect(schemas[name], name).toBeDefined();
    }
    expect((schemas.Priority as JsonObject).enum).toEqual(["Default", "Low", "Medium", "High", "Critical"]);
  });
  it("marks the job states after which a job no longer changes", () => {
    expect((schemas.JobStatus as JsonObject)["x-terminal-values"]).toEqual(["Completed", "Cancelled", "Error"]);
    expect((schemas.Disposition as JsonObject)["x-success-values"]).toEqual(["Success"]);
  });
});
