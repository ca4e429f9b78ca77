// Job outputs: one output file, as a stream of its bytes.
import type { OutputFormat } from "../generated/openapi.js";
import type { CallOptions, StreamCall } from "./call.js";

export interface JobOutputOptions extends CallOptions {
  /** One of the output's `availableFormats`, such as `Raw` or `Csv`. */
  format: OutputFormat;
}

export interface JobOutput {
  /** The file's bytes as they arrive; read it to the end or cancel it. */
  body: ReadableStream<Uint8Array>;
  /**
   * The response's Content-Disposition header as the server sent it (often absent); the file name
   * in it is read by `dispositionFileName` from `alteryx-jobs/node`, an RFC 6266 parser.
   */
  contentDisposition: string | undefined;
  /**
   * The response's Content-Type as the server sent it: any media type, such as
   * `application/octet-stream` or one naming the format (`text/csv`); the body is bytes whatever it says.
   */
  contentType: string | undefined;
  /**
   * From Content-Length, when the server sends one and the body is not content-encoded (the body
   * yields the decoded bytes: the file).
   */
  contentLength: number | undefined;
  /**
   * The response's Content-Encoding (such as `gzip`) when the server compressed the body although
   * asked not to; the body then yields the decoded bytes, and whether a compressed body was cut
   * short is for the runtime's decoder to tell (Node's does not). `undefined` when not encoded.
   */
  contentEncoding: string | undefined;
}

export interface OutputsApi {
  /**
   * Starts downloading an output of a job and resolves when the server starts answering; the
   * body is never held in memory. A failure before the first byte is one of the usual typed
   * errors (retried as any read); afterwards the body fails with a ConnectionError, an
   * AbortError, or a TimeoutError when no byte arrives for `timeoutMs`, and is never repeated.
   * @throws InvalidArgumentError for a malformed ID or format, before anything is sent.
   * @throws BadRequestError when the output does not offer the format.
   */
  getJobOutput(jobId: string, outputId: string, options: JobOutputOptions): Promise<JobOutput>;
}

export function createOutputsApi(call: StreamCall): OutputsApi {
  return {
    async getJobOutput(jobId, outputId, { format, signal }) {
      const response = await call("getJobOutput", {
        path: { jobId, outputId },
        query: { format },
        // The file as it is: a decoder hides a body cut short (Node's fetch decodes a gzip body
        // without its trailer as if complete) and can stall on a corrupt one. Browsers send their
        // own Accept-Encoding whatever is set here.
        headers: { accept: "*/*", "accept-encoding": "identity" },
        signal,
      });
      const { headers } = response;
      // Under a Content-Encoding (gzip on the wire), Content-Length counts the encoded bytes, not
      // those the body yields (fetch decodes them), so it says nothing about the file's size.
      const encoding = headers.get("content-encoding")?.trim() ?? "";
      const encoded = !/^(identity)?$/i.test(encoding);
      const length = encoded ? null : headers.get("content-length");
      return {
        // A streamed response always has a body, empty when the server sent none.
        body: response.body as ReadableStream<Uint8Array>,
        contentDisposition: headers.get("content-disposition") ?? undefined,
        contentType: headers.get("content-type") ?? undefined,
        contentLength: length && /^\d+$/.test(length) ? Number(length) : undefined,
        contentEncoding: encoded ? encoding : undefined,
      };
    },
  };
}
