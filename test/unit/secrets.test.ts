import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createJobsClient } from "../../src/index.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json, networkError } from "../helpers/fake-fetch.js";
import { JOB_ID } from "../helpers/ids.js";
import { isTokenPath, leakForms, leaksIn } from "../helpers/secrets.js";

const SECRET = "s3cr3t-Client-Secret";
const TOKEN = "eyJ-the-Access-Token";

function capture() {
  const lines: string[] = [];
  return { lines, logger: { debug: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) } };
}
function everywhere(error: unknown, client: unknown, lines: string[]): string {
  return [
    String(error),
    (error as Error).message,
    JSON.stringify(error),
    inspect(error, { depth: 5 }),
    inspect(client, { depth: 5 }),
    ...lines,
  ].join("\n");
}
function expectNoSecret(text: string) {
  expect(leaksIn(text, leakForms([SECRET, TOKEN], [["key-1", SECRET]]))).toEqual([]);
}

describe("secrets never leak", () => {
  it("not when the server echoes the token and secret back in its error", async () => {
    const { lines, logger } = capture();
    const { fetch } = fakeFetch((request) =>
      isTokenPath(request.url)
        ? json({ ...example<object>("requestToken", 200, "token"), access_token: TOKEN })
        : json({ message: `Token ${TOKEN} rejected for client secret ${SECRET}` }, 500),
    );
    const client = createJobsClient({
      baseUrl: BASE_URL,
      auth: { clientId: "key-1", clientSecret: SECRET },
      fetch,
      logger,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    });
    const error = await client.getJob(JOB_ID).catch((e: unknown) => e);
    expect((error as Error).message).toContain("[redacted]");
    expect(lines.length).toBeGreaterThan(3);
    expectNoSecret(everywhere(error, client, lines));
  });

  it("not when the token request is refused", async () => {
    const { lines, logger } = capture();
    const { fetch } = fakeFetch(() => json(example("requestToken", 401, "invalidClient"), 401));
    const client = createJobsClient({
      baseUrl: BASE_URL,
      auth: { clientId: "key-1", clientSecret: SECRET },
      fetch,
      logger,
    });
    const error = await client.cancelJob(JOB_ID).catch((e: unknown) => e);
    expectNoSecret(everywhere(error, client, lines));
  });

  it("not when the connection fails", async () => {
    const { lines, logger } = capture();
    const { fetch } = fakeFetch(() => {
      throw networkError("ECONNRESET");
    });
    const client = createJobsClient({
      baseUrl: BASE_URL,
      auth: { token: TOKEN },
      fetch,
      logger,
      maxRetries: 1,
      retry: { baseDelayMs: 1 },
    });
    const error = await client.getJob(JOB_ID).catch((e: unknown) => e);
    expectNoSecret(everywhere(error, client, lines));
  });

  it("not in an HTML error page that quotes the Authorization header", async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response(`<pre>Authorization: Bearer ${TOKEN}</pre>`, {
          status: 502,
          headers: { "content-type": "text/html" },
        }),
    );
    const client = createJobsClient({ baseUrl: BASE_URL, auth: { token: TOKEN }, fetch, maxRetries: 0 });
    const error = await client.getJob(JOB_ID).catch((e: unknown) => e);
    expectNoSecret(everywhere(error, client, []));
  });
});
