import { describe, expect, it } from "vitest";
import {
  AlteryxApiError,
  AuthenticationError,
  BadRequestError,
  CancelNotPermittedError,
  ConflictError,
  createJobsClient,
  JobNotCancellableError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
} from "../../src/index.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json } from "../helpers/fake-fetch.js";
import { JOB_ID } from "../helpers/ids.js";
import { failure } from "../helpers/outcomes.js";

const noRetry = { maxRetries: 0 };
function clientAnswering(answer: () => Response) {
  const { fetch, sent } = fakeFetch(answer);
  return { client: createJobsClient({ baseUrl: BASE_URL, auth: { token: "t0ken-x" }, fetch, ...noRetry }), sent };
}

describe("a failed response becomes a typed error", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [418, AlteryxApiError],
  ])("%i → %o, with status, the server's message, method, path and request id", async (status, Kind) => {
    const body = example<{ message: string }>("getJob", 404, "notFound");
    const { client } = clientAnswering(() => json(body, status, { "x-request-id": "req-42" }));
    const error = await failure(client.getJob(JOB_ID));
    expect(error).toBeInstanceOf(Kind);
    expect(error).toMatchObject({
      status,
      serverMessage: body.message,
      method: "GET",
      path: `/webapi/v3/jobs/${JOB_ID}`,
      requestId: "req-42",
    });
  });

  it("never yields undefined for a failure with an empty body", async () => {
    const { client } = clientAnswering(() => new Response(null, { status: 404 }));
    const error = await failure(client.getJob(JOB_ID));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toMatch(/404 and an empty body/);
  });

  it("quotes the start of a body that is not JSON, such as a proxy's HTML page", async () => {
    const page = `<html><head><title>502 Bad Gateway</title></head><body>${"x".repeat(500)}</body></html>`;
    const { client } = clientAnswering(
      () => new Response(page, { status: 502, headers: { "content-type": "text/html" } }),
    );
    const error = await failure(client.getJob(JOB_ID));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toContain('not JSON: "<html><head><title>502 Bad Gateway</title>');
    expect((error as Error).message.length).toBeLessThan(250);
  });

  it("reads the OAuth2 error fields when there is no message", async () => {
    const { client } = clientAnswering(() => json(example("requestToken", 401, "invalidClient"), 401));
    await expect(failure(client.getJob(JOB_ID))).resolves.toMatchObject({ serverMessage: "invalid_client" });
  });
});

describe("a success that is not what the API sends", () => {
  it.each([
    [
      "an empty body",
      () => new Response("", { status: 200, headers: { "content-type": "application/json" } }),
      /empty body/,
    ],
    [
      "malformed JSON",
      () => new Response('{"id": "66eb', { status: 200, headers: { "content-type": "application/json" } }),
      /malformed JSON: "\{\\"id\\": \\"66eb"/,
    ],
    [
      "a wrong content type",
      () => new Response("<p>hello</p>", { status: 200, headers: { "content-type": "text/html" } }),
      /content type "text\/html"/,
    ],
  ])("reports %s as UnexpectedResponseError", async (_, answer, pattern) => {
    const { client } = clientAnswering(answer);
    const error = await failure(client.getJob(JOB_ID));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as Error).message).toMatch(pattern);
  });
});

describe("cancel", () => {
  it.each([
    ["cancelled", "cancelled"],
    ["deleted", "deleted"],
  ])("recognises the %s message", async (name, outcome) => {
    const body = example<{ message: string }>("cancelJob", 200, name);
    const { client, sent } = clientAnswering(() => json(body));
    await expect(client.cancelJob(JOB_ID)).resolves.toEqual({ outcome, message: body.message });
    expect(sent[0]?.method).toBe("DELETE");
  });

  it("recognises a documented message whatever its case and spacing", async () => {
    const { client } = clientAnswering(() => json({ message: "  cancelled   successfully " }));
    await expect(client.cancelJob(JOB_ID)).resolves.toMatchObject({ outcome: "cancelled" });
  });

  it("keeps an undocumented 200 message, with outcome unknown", async () => {
    const { client } = clientAnswering(() => json({ message: "Stopped." }));
    await expect(client.cancelJob(JOB_ID)).resolves.toEqual({ outcome: "unknown", message: "Stopped." });
  });

  it.each([
    ["notCancellable", JobNotCancellableError],
    ["noPermission", CancelNotPermittedError],
  ])("gives the %s refusal its own class, still a BadRequestError", async (name, Kind) => {
    const body = example<{ message: string }>("cancelJob", 400, name);
    const { client } = clientAnswering(() => json(body, 400));
    const error = await failure(client.cancelJob(JOB_ID));
    expect(error).toBeInstanceOf(Kind);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, serverMessage: body.message, method: "DELETE" });
  });

  it("leaves another 400 a plain BadRequestError", async () => {
    const { client } = clientAnswering(() => json({ message: "Something else." }, 400));
    const error = await failure(client.cancelJob(JOB_ID));
    expect(error?.constructor).toBe(BadRequestError);
  });
});
