// Output downloads whose bodies a decoder would hold or misread: every read ends, with a typed
// error, within the idle timeout.
import { gzipSync } from "node:zlib";
import { TimeoutError } from "../../../src/index.js";
import { JOB_ID, OUTPUT_ID } from "../../helpers/ids.js";
import { noise } from "../../helpers/noise.js";
import { type Scenario, withTokens } from "../scenario.js";

/** Gzip corrupt mid-stream: Node's fetch decodes it and never ends the body, even once its signal fires. */
const corrupt = () => {
  const gzip = gzipSync(noise(200_000));
  gzip.fill(0x55, 100_000, 100_100);
  return gzip;
};

/** Reads a whole output, as a user of getJobOutput would. */
const readOutput: Scenario["call"] = async (c) => {
  const { body } = await c.getJobOutput(JOB_ID, OUTPUT_ID, { format: "Raw" });
  let bytes = 0;
  for (const reader = body.getReader(); ; ) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
};

export const downloadScenarios: Scenario[] = [
  {
    name: "an output sent gzip, corrupt mid-stream: the idle timeout ends the body read",
    requests: 1,
    call: readOutput,
    answer: withTokens((response) => {
      response.writeHead(200, { "content-type": "text/csv", "content-encoding": "gzip" }).end(corrupt());
    }),
    // Long enough that the headers always come first: the timeout is the body's, not the fetch's.
    options: () => ({ timeoutMs: 1_000 }),
    outcome: { rejects: TimeoutError, message: /No byte of the body within 1000 ms/ },
  },
];
