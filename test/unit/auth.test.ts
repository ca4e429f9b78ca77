import { describe, expect, it } from "vitest";
import { createAuth } from "../../src/core/auth.js";
import { createRedactor } from "../../src/core/redact.js";
import { AuthenticationError, createJobsClient } from "../../src/index.js";
import { fakeClock } from "../helpers/clock.js";
import { example } from "../helpers/examples.js";
import { BASE_URL, fakeFetch, json } from "../helpers/fake-fetch.js";
import { JOB_ID } from "../helpers/ids.js";
import { isTokenPath } from "../helpers/secrets.js";

const job = example("getJob", 200, "completed");
const tokenAnswer = example<{ access_token: string; expires_in: number }>("requestToken", 200, "token");
const credentials = { clientId: "key-123", clientSecret: "secret-456" };
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };
const runtime = () => ({ clock: fakeClock().clock, redact: createRedactor() });

function server(tokens: string[] = ["token-A", "token-B", "token-C"], accept: (token: string) => boolean = () => true) {
  let issued = 0;
  return fakeFetch((request) => {
    if (isTokenPath(request.url)) {
      const token = tokens[issued++] ?? "token-Z";
      return json({ ...tokenAnswer, access_token: token });
    }
    const token = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    return accept(token) ? json(job) : json(example("getJob", 401, "unauthorized"), 401);
  });
}
const tokenRequests = <T extends { url: URL }>(sent: T[]) => sent.filter((r) => isTokenPath(r.url));

describe("client credentials", () => {
  it("fetches the token once and reuses it", async () => {
    const { fetch, sent } = server();
    const client = createJobsClient({ baseUrl: BASE_URL, auth: credentials, fetch });
    await client.getJob(JOB_ID);
    await client.getJob(JOB_ID);
    expect(tokenRequests(sent)).toHaveLength(1);
    expect(sent.filter((r) => r.url.pathname.includes("/v3/")).map((r) => r.headers.get("authorization"))).toEqual([
      "Bearer token-A",
      "Bearer token-A",
    ]);
  });

  it("shares one token request between concurrent calls", async () => {
    const { fetch, sent } = server();
    const client = createJobsClient({ baseUrl: BASE_URL, auth: credentials, fetch });
    await Promise.all(Array.from({ length: 10 }, () => client.getJob(JOB_ID)));
    expect(tokenRequests(sent)).toHaveLength(1);
  });

  it("sends the key and secret in a Basic header by default, with grant_type in the form body", async () => {
    const { fetch, sent } = server();
    await createJobsClient({ baseUrl: BASE_URL, auth: credentials, fetch }).getJob(JOB_ID);
    const [token] = tokenRequests(sent);
    expect(token?.headers.get("authorization")).toBe(`Basic ${btoa("key-123:secret-456")}`);
    expect(token?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(token?.body).toBe("grant_type=client_credentials");
  });

  it("sends them in the form body when asked", async () => {
    const { fetch, sent } = server();
    const auth = { ...credentials, clientAuthentication: "body" as const };
    await createJobsClient({ baseUrl: BASE_URL, auth, fetch }).getJob(JOB_ID);
    const [token] = tokenRequests(sent);
    expect(token?.headers.get("authorization")).toBeNull();
    expect(new URLSearchParams(token?.body)).toEqual(
      new URLSearchParams({ grant_type: "client_credentials", client_id: "key-123", client_secret: "secret-456" }),
    );
  });

  it("renews the token once after a 401 and repeats the call once", async () => {
    const { fetch, sent } = server(["stale", "fresh"], (token) => token === "fresh");
    const client = createJobsClient({ baseUrl: BASE_URL, auth: credentials, fetch });
    await expect(client.getJob(JOB_ID)).resolves.toEqual(job);
    expect(sent.map((r) => r.url.pathname.replace("/webapi", ""))).toEqual([
      "/oauth2/token",
      `/v3/jobs/${JOB_ID}`,
      "/oauth2/token",
      `/v3/jobs/${JOB_ID}`,
    ]);
  });

  it("gives up with AuthenticationError when the renewed token is refused too", async () => {
    const { fetch, sent } = server(["one", "two", "three"], () => false);
    const client = createJobsClient({ baseUrl: BASE_URL, auth: credentials, fetch });
    await expect(client.getJob(JOB_ID)).rejects.toBeInstanceOf(AuthenticationError);
    expect(tokenRequests(sent)).toHaveLength(2);
    expect(sent).toHaveLength(4);
  });

  it("reports a refused token request as AuthenticationError with the server's answer", async () => {
    const { fetch } = fakeFetch(() => json(example("requestToken", 400, "invalidClient"), 400));
    const client = createJobsClient({ baseUrl: BASE_URL, auth: credentials, fetch });
    const error = await client.getJob(JOB_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 400, serverMessage: "invalid_client" });
  });
});

describe("token lifetime", () => {
  it("renews shortly before expires_in runs out, not after", async () => {
    const { clock, advance } = fakeClock();
    let issued = 0;
    const auth = createAuth(
      credentials,
      async () => ({ ...tokenAnswer, access_token: `t${++issued}`, expires_in: 3600 }),
      { clock, redact: createRedactor() },
    );
    expect(await auth.token()).toBe("t1");
    advance(3_500_000); // 100 s before expiry: still good
    expect(await auth.token()).toBe("t1");
    advance(50_000); // inside the last minute: renewed
    expect(await auth.token()).toBe("t2");
  });

  it.each([["3600"], [" 3600 "], ["3600.0"]])("reads expires_in %j as that many seconds", async (expiresIn) => {
    const { clock, advance } = fakeClock();
    const warnings: string[] = [];
    let issued = 0;
    const auth = createAuth(
      credentials,
      async () => ({ ...tokenAnswer, access_token: `t${++issued}`, expires_in: expiresIn }),
      { clock, redact: createRedactor(), logger: { warn: (line) => warnings.push(line) } },
    );
    expect(await auth.token()).toBe("t1");
    advance(3_500_000);
    expect(await auth.token()).toBe("t1");
    advance(50_000); // inside the last minute of the hour the string said
    expect(await auth.token()).toBe("t2");
    expect(warnings).toEqual([]);
  });

  it("keeps a token whose expires_in it cannot read, and says so once per token, quoting the value masked", async () => {
    const { clock, advance } = fakeClock();
    const warnings: string[] = [];
    const redact = createRedactor();
    let issued = 0;
    const logger = { warn: (line: string) => warnings.push(redact(line)) };
    // A hostile answer whose expires_in is its own token: the warning must not show it.
    const auth = createAuth(
      credentials,
      async () => {
        const token = `t-secret-${++issued}`;
        return { access_token: token, expires_in: token };
      },
      { clock, redact, logger },
    );
    expect(await auth.token()).toBe("t-secret-1");
    advance(365 * 24 * 3_600_000);
    expect(await auth.token()).toBe("t-secret-1");
    expect(warnings).toEqual([
      'The token response\'s expires_in "[redacted]" is not a number of seconds: the token is used and kept until the server refuses it',
    ]);
    auth.renew("t-secret-1");
    expect(await auth.token()).toBe("t-secret-2");
    expect(warnings).toHaveLength(2);
  });

  it("keeps a token without expires_in until the server refuses it", async () => {
    let issued = 0;
    const auth = createAuth(credentials, async () => ({ access_token: `t${++issued}` }), runtime());
    expect(await auth.token()).toBe("t1");
    expect(await auth.token()).toBe("t1");
    auth.renew("t1");
    expect(await auth.token()).toBe("t2");
  });

  it("does not throw away a newer token when an older one is refused", async () => {
    let issued = 0;
    const auth = createAuth(credentials, async () => ({ access_token: `t${++issued}` }), runtime());
    await auth.token();
    auth.renew("t1");
    expect(await auth.token()).toBe("t2");
    auth.renew("t1"); // a late 401 for the old token
    expect(await auth.token()).toBe("t2");
  });
});

describe("other token sources", () => {
  it("sends a fixed token as a Bearer header and does not retry its 401", async () => {
    const { fetch, sent } = fakeFetch(() => json(example("getJob", 401, "unauthorized"), 401));
    const client = createJobsClient({ baseUrl: BASE_URL, auth: { token: "fixed-token" }, fetch });
    await expect(client.getJob(JOB_ID)).rejects.toBeInstanceOf(AuthenticationError);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer fixed-token");
  });

  it("asks a token function again after a 401", async () => {
    const tokens = ["old", "new"];
    const { fetch, sent } = fakeFetch((r) =>
      r.headers.get("authorization") === "Bearer new" ? json(job) : json(example("getJob", 401, "unauthorized"), 401),
    );
    const client = createJobsClient({ baseUrl: BASE_URL, auth: () => tokens.shift() ?? "none", fetch, ...fast });
    await expect(client.getJob(JOB_ID)).resolves.toEqual(job);
    expect(sent).toHaveLength(2);
  });
});
