// Reading a response's body within the attempt's limits: a JSON body as text under a byte limit,
// or a streamed body whose every read is bounded by an idle timer. The timer itself, which also
// bounds the fetch, lives here because the body is where an attempt spends its time.
import { MAX_DELAY_MS } from "./limits.js";

/**
 * The signal for one attempt: aborted by the caller's signal or after `ms` without progress.
 * A plain timer rather than AbortSignal.timeout/any, whose signals are held weakly and can be
 * collected while a request is still waiting on them. Real time: it bounds real I/O. A class,
 * listening as an event-listener object, so that an attempt allocates no closures; with no
 * limit it is the caller's signal itself (or none), and no controller is made. A controller is
 * dear to make (Node 20 makes its signal transferable), so an attempt takes over the one of the
 * last attempt that ended with its body read whole (`previous`) if it never fired, for at most
 * MAX_CONTROLLER_USES attempts in turn.
 */
export class AttemptTimer {
  readonly signal: AbortSignal | undefined;
  /** How many attempts the controller has served, this one included. */
  private readonly uses: number = 1;
  timedOut = false;
  private readonly controller: AbortController | undefined;
  private handle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly caller: AbortSignal | undefined,
    private readonly ms: number,
    previous?: AttemptTimer | undefined,
  ) {
    if (ms === Infinity) {
      this.signal = caller;
      return;
    }
    const taken = previous?.controller;
    if (taken && !taken.signal.aborted && previous.uses < MAX_CONTROLLER_USES) {
      this.controller = taken;
      this.uses = previous.uses + 1;
    } else this.controller = new AbortController();
    this.signal = this.controller.signal;
    caller?.addEventListener("abort", this, { once: true });
    this.arm();
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    this.controller?.abort(this.caller?.reason);
  }

  arm(): void {
    this.disarm();
    if (this.controller) this.handle = setTimeout(fire, Math.min(Math.max(this.ms, 0), MAX_DELAY_MS), this);
  }

  disarm(): void {
    if (this.handle !== undefined) clearTimeout(this.handle);
  }

  done(): void {
    this.disarm();
    if (this.controller) this.caller?.removeEventListener("abort", this);
  }

  expire(): void {
    this.timedOut = true;
    this.controller?.abort(new DOMException(`No answer within ${this.ms} ms`, "TimeoutError"));
  }
}

const fire = (timer: AttemptTimer) => timer.expire();

/**
 * The most attempts one AbortController serves in turn. A fetch that never takes its listener off
 * a signal leaves it there: a controller reused for ever would hold every such listener.
 */
export const MAX_CONTROLLER_USES = 64;

/** A body read whole: its text, and `over` when it went past the limit (the text is then what came before). */
export interface ReadBody {
  text: string;
  over: boolean;
}

/** Decodes whole bodies only (never `stream: true`), so one decoder serves every read. */
const decoder = new TextDecoder();

/** The body as text, reading at most `limit` bytes (after decompression): `over` when there was more. */
export async function readText(response: Response, limit: number): Promise<ReadBody> {
  if (!response.body) return { text: "", over: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      // What came before the limit; a character cut at the end is left out, not replaced.
      const partial = new TextDecoder();
      return { text: chunks.map((chunk) => partial.decode(chunk, { stream: true })).join(""), over: true };
    }
    chunks.push(value);
  }
  return { text: decoder.decode(chunks.length === 1 ? chunks[0] : concat(chunks, size)), over: false };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return all;
}

/**
 * `response` with its body read through `timer` as an idle timer: each read is armed, and a read
 * that fails ends the body with `failed(cause, timedOut)`, the error the caller makes of it.
 * The timer (and the caller's signal) end the read itself, not only the fetch: a decoder can hold
 * a read that no socket event will end (Node's fetch on a gzip body whose trailer is wrong waits
 * for ever, even once its own signal has fired).
 */
export function streamBody(
  response: Response,
  timer: AttemptTimer,
  failed: (cause: unknown, timedOut: boolean) => Error,
): Response {
  const reader = (response.body ?? new ReadableStream()).getReader();
  const { signal } = timer;
  // The read in progress ends when the attempt's signal fires (the idle timer or the caller). Not
  // a race against one promise for the whole body: each race would stay attached to it, holding
  // its chunk, for as long as the body lasts.
  let interrupt: ((reason: unknown) => void) | undefined;
  const stop = () => interrupt?.(signal?.reason);
  signal?.addEventListener("abort", stop, { once: true });
  const end = () => {
    timer.done();
    signal?.removeEventListener("abort", stop);
  };
  const read = () =>
    new Promise<ReadableStreamReadResult<Uint8Array>>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      interrupt = reject;
      reader.read().then(resolve, reject);
    });
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      timer.arm();
      try {
        const { done, value } = await read();
        interrupt = undefined;
        timer.disarm();
        if (done) {
          end();
          controller.close();
        } else controller.enqueue(value);
      } catch (cause) {
        end();
        // A read the decoder holds settles only once cancelled; nothing waits for it.
        reader.cancel(cause).catch(() => {});
        controller.error(failed(cause, timer.timedOut));
      }
    },
    cancel(reason) {
      end();
      return reader.cancel(reason);
    },
  });
  timer.disarm();
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
