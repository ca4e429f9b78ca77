// getJobOutput's body: streamed as it arrives, timed only while it waits for the server (an idle
// timeout, not a limit on the whole download), never repeated once it has started. Time is
// vitest's fake clock, so nothing here depends on the machine's speed.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AbortError, ConnectionError, createJobsClient, TimeoutError } from "../../src/index.js";
import { BASE_URL } from "../helpers/fake-fetch.js";
import { JOB_ID, OUTPUT_ID } from "../helpers/ids.js";

const TIMEOUT_MS = 1000;

/** A fetch whose one success body the test feeds by hand; as a real fetch, an aborted signal errors it. */
function feedableFetch(failuresFirst: Response[] = []) {
  let feed: ReadableStreamDefaultController<Uint8Array> | undefined;
  let calls = 0;
  const fetch = async (_input: string | Request, init?: RequestInit): Promise<Response> => {
    calls += 1;
    const failure = failuresFirst.shift();
    if (failure) return failure;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        feed = controller;
      },
    });
    init?.signal?.addEventListener("abort", () => feed?.error(init.signal?.reason));
    return new Response(body, { headers: { "content-type": "application/octet-stream" } });
  };
  return {
    fetch,
    calls: () => calls,
    push: (...bytes: number[]) => feed?.enqueue(new Uint8Array(bytes)),
    end: () => feed?.close(),
    cut: () => feed?.error(Object.assign(new TypeError("terminated"), { cause: { code: "UND_ERR_SOCKET" } })),
  };
}

function client(fetch: ReturnType<typeof feedableFetch>["fetch"], maxRetries = 0) {
  return createJobsClient({ baseUrl: BASE_URL, auth: { token: "t0ken-x" }, fetch, timeoutMs: TIMEOUT_MS, maxRetries });
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("getJobOutput", () => {
  it("keeps a download going as long as bytes keep coming, far past timeoutMs", async () => {
    const server = feedableFetch();
    const output = await client(server.fetch).getJobOutput(JOB_ID, OUTPUT_ID, { format: "Raw" });
    const reader = output.body.getReader();
    for (let i = 0; i < 20; i++) {
      const read = reader.read();
      await vi.advanceTimersByTimeAsync(TIMEOUT_MS * 0.9);
      server.push(i);
      expect((await read).value).toEqual(new Uint8Array([i]));
    }
    server.end();
    expect((await reader.read()).done).toBe(true);
  });

  it("fails with TimeoutError when no byte arrives for timeoutMs", async () => {
    const server = feedableFetch();
    const output = await client(server.fetch).getJobOutput(JOB_ID, OUTPUT_ID, { format: "Raw" });
    const reader = output.body.getReader();
    server.push(1);
    await reader.read();
    const stalled = reader.read().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS);
    expect(await stalled).toBeInstanceOf(TimeoutError);
  });

  it("does not count the time the reader takes to come back (a slow disk is not a stalled server)", async () => {
    const server = feedableFetch();
    const output = await client(server.fetch).getJobOutput(JOB_ID, OUTPUT_ID, { format: "Raw" });
    const reader = output.body.getReader();
    server.push(7);
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS * 5);
    expect((await reader.read()).value).toEqual(new Uint8Array([7]));
    const next = reader.read();
    server.push(8);
    expect((await next).value).toEqual(new Uint8Array([8]));
  });

  it("ends the body with AbortError when the caller's signal aborts mid-way", async () => {
    const server = feedableFetch();
    const controller = new AbortController();
    const output = await client(server.fetch).getJobOutput(JOB_ID, OUTPUT_ID, {
      format: "Raw",
      signal: controller.signal,
    });
    const reader = output.body.getReader();
    server.push(1);
    await reader.read();
    const pending = reader.read().catch((e: unknown) => e);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
  });

  it("turns a body cut mid-way into ConnectionError, and never asks again", async () => {
    const server = feedableFetch();
    const output = await client(server.fetch, 3).getJobOutput(JOB_ID, OUTPUT_ID, { format: "Raw" });
    const reader = output.body.getReader();
    server.push(1, 2);
    await reader.read();
    const pending = reader.read().catch((e: unknown) => e);
    server.cut();
    const error = await pending;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(server.calls()).toBe(1);
  });

  it("retries a failure before the headers, as any read, then streams", async () => {
    const unavailable = new Response(JSON.stringify({ message: "busy" }), {
      status: 503,
      headers: { "content-type": "application/json" },
    });
    const server = feedableFetch([unavailable]);
    const pending = client(server.fetch, 1).getJobOutput(JOB_ID, OUTPUT_ID, { format: "Raw" });
    await vi.advanceTimersByTimeAsync(TIMEOUT_MS);
    const reader = (await pending).body.getReader();
    server.push(5);
    expect((await reader.read()).value).toEqual(new Uint8Array([5]));
    expect(server.calls()).toBe(2);
  });
});
