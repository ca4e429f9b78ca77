// A 400's reasons by field: the server's modelState reaches BadRequestError.fieldErrors as it was
// sent, and a hostile one (secrets, thousands of fields, huge texts, odd values) is masked and cut.
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../scripts/lib/spec.js";
import { MAX_FIELDS, MAX_MESSAGES_PER_FIELD, MAX_REASON_LENGTH, MORE_FIELDS } from "../../src/core/field-errors.js";
import { BadRequestError, createJobsClient, NotFoundError } from "../../src/index.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json } from "../helpers/fake-fetch.js";
import { WORKFLOW_ID } from "../helpers/ids.js";

const TOKEN = "field-errors-Token/+1";
const invalid = example<{ message: string; modelState: Record<string, string[]> }>("runWorkflow", 400, "invalidField");

/** The BadRequestError a run gets when the server answers `body` with `status`. */
async function refusal(body: JsonValue, status = 400): Promise<BadRequestError> {
  const { fetch } = fakeFetch(() => json(body, status));
  const client = createJobsClient({ baseUrl: BASE_URL, auth: { token: TOKEN }, fetch });
  return client.runWorkflow(WORKFLOW_ID).then(
    () => expect.fail("the run was not refused"),
    (error: unknown) => error as BadRequestError,
  );
}

describe("BadRequestError.fieldErrors", () => {
  it("holds the server's modelState, field by field", async () => {
    const error = await refusal(invalid);
    expect(error).toBeInstanceOf(BadRequestError);
    expect({ ...error.fieldErrors }).toEqual(invalid.modelState);
    expect(error.serverMessage).toBe(invalid.message);
    expect(JSON.parse(JSON.stringify(error)).fieldErrors).toEqual(invalid.modelState);
  });

  it("is empty when the server names no field", async () => {
    expect({ ...(await refusal({ message: invalid.message })).fieldErrors }).toEqual({});
    expect({ ...(await refusal({ message: invalid.message, modelState: "no" })).fieldErrors }).toEqual({});
  });

  it("masks a token the server echoes, in a field's name and its messages", async () => {
    const error = await refusal({
      message: "x",
      modelState: { [`key ${TOKEN}`]: [`bad ${encodeURIComponent(TOKEN)}`] },
    });
    expect({ ...error.fieldErrors }).toEqual({ "key [redacted]": ["bad [redacted]"] });
  });

  it("keeps at most 50 fields of 10 messages of 500 characters, and says how many fields it left out", async () => {
    const modelState: Record<string, string[]> = {};
    modelState.field0 = Array.from({ length: 100 }, () => "m".repeat(100_000));
    for (let n = 1; n < 10_000; n++) modelState[`field${n}`] = ["short"];
    const { fieldErrors } = await refusal({ message: "x", modelState });
    const fields = Object.keys(fieldErrors);
    expect(fields).toHaveLength(MAX_FIELDS + 1);
    expect(fieldErrors[MORE_FIELDS]).toEqual([`${10_000 - MAX_FIELDS} more fields not shown`]);
    expect(fieldErrors.field0).toHaveLength(MAX_MESSAGES_PER_FIELD);
    expect(fieldErrors.field0?.[0]).toHaveLength(MAX_REASON_LENGTH);
    expect(fieldErrors.field0?.[0]?.endsWith("…")).toBe(true);
  });

  it("reads a lone string as one message, leaves out what is not text, and treats __proto__ as a field", async () => {
    const body = JSON.parse(
      '{"message":"x","modelState":{"a":"one","b":[1,null,"two",{"c":3}],"c":42,"d":[],"__proto__":["polluted?"]}}',
    );
    const { fieldErrors } = await refusal(body);
    expect(Object.entries(fieldErrors)).toEqual([
      ["a", ["one"]],
      ["b", ["two"]],
      ["__proto__", ["polluted?"]],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(fieldErrors)).toBeNull();
  });

  it("is not on errors other than a 400", async () => {
    const { fetch } = fakeFetch(() => json({ message: "Not found.", modelState: { a: ["b"] } }, 404));
    const client = createJobsClient({ baseUrl: BASE_URL, auth: { token: TOKEN }, fetch });
    const error = await client.getJob("0".repeat(24)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).not.toHaveProperty("fieldErrors");
  });
});
