// A read whose body is streamed, not buffered: the transport's own steps (token, retries before
// the headers, typed errors for a failure status) up to the response headers; then the body as it
// arrives, under an idle timeout (no byte for `timeoutMs`) instead of the attempt timeout, with no
// size limit, its failures turned into the same typed errors. Nothing is repeated once the
// headers of a success have arrived.
import { AbortError, type AlteryxError, ConnectionError, type RequestInfo, TimeoutError } from "./errors.js";
import { createTransport, type Exchange, type Outgoing, type TransportOptions } from "./transport.js";

/** Sends like a transport; the exchange's response carries the success's body unread, as a stream. */
export function createStreamingTransport(options: TransportOptions): {
  send(url: string, outgoing: Outgoing): Promise<Exchange>;
} {
  return {
    async send(url, outgoing) {
      let opened: { response: Response; controller: AbortController } | undefined;
      // A transport of its own for this request, whose fetch keeps a success's body aside and
      // hands the transport an empty JSON answer in its place; failures pass through as they came.
      const transport = createTransport({
        ...options,
        fetch: async (input, init) => {
          const controller = new AbortController();
          const attempt = init?.signal;
          attempt?.addEventListener("abort", () => controller.abort(attempt.reason), { once: true });
          const response = await options.fetch(input, { ...init, signal: controller.signal });
          if (!response.ok) return response;
          opened = { response, controller };
          return new Response("null", { headers: { "content-type": "application/json" } });
        },
      });
      await transport.send(url, outgoing);
      // A success always went through the fetch above, which kept it.
      const { response, controller } = opened as unknown as NonNullable<typeof opened>;
      const { pathname, search } = new URL(url);
      const info = { method: outgoing.method, path: pathname + search };
      const body = idleTimed(response.body, controller, outgoing.signal, options.timeoutMs, info);
      const streamed = new Response(body, { status: response.status, headers: response.headers });
      return { response: streamed, text: "", body: undefined };
    },
  };
}

/**
 * The body, read on demand. The idle timer runs only while a read waits for the server, so a
 * consumer that writes slowly is never cut; the caller's signal ends it with an AbortError.
 */
function idleTimed(
  source: ReadableStream<Uint8Array> | null,
  controller: AbortController,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  info: RequestInfo,
): ReadableStream<Uint8Array> {
  const reader = source?.getReader();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) onAbort();
  const stop = () => signal?.removeEventListener("abort", onAbort);

  const lost = (cause: unknown): AlteryxError => {
    if (signal?.aborted) return new AbortError("Download aborted", info, false, { cause });
    if (controller.signal.reason?.name === "TimeoutError") {
      return new TimeoutError(`Download stalled: no byte for ${timeoutMs} ms`, info, false, { cause });
    }
    const code = (cause as { cause?: { code?: unknown } })?.cause?.code;
    const detail = typeof code === "string" ? ` (${code})` : "";
    return new ConnectionError(`Connection lost mid-download${detail}`, info, false, { cause });
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(out) {
        if (!reader) return void out.close();
        const timer =
          timeoutMs > 0
            ? setTimeout(() => controller.abort(new DOMException("No byte arrived", "TimeoutError")), timeoutMs)
            : undefined;
        try {
          const { done, value } = await reader.read();
          if (done) {
            stop();
            out.close();
          } else out.enqueue(value);
        } catch (cause) {
          stop();
          throw lost(cause);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel(reason) {
        stop();
        return reader?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
