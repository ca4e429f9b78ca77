// The live contract suite, run against the sandbox as if it were a real server: a Curator's key,
// a non-Curator's for the role checks, writes included. Every claim is confirmed or skipped.
import { beforeAll } from "vitest";
import { createJobsClient } from "../../src/index.js";
import { liveSuite } from "../contract/live-suite.js";
import { ANALYST, CURATOR, SALES, useSandbox } from "./helpers.js";

const sandbox = useSandbox();
const auth = { clientId: CURATOR.clientId, clientSecret: CURATOR.clientSecret };

beforeAll(async () => {
  const client = createJobsClient({ baseUrl: sandbox().url, auth });
  await client.runWorkflow(SALES.id);
  sandbox().clock.advance(SALES.queuedMs + SALES.runningMs);
});

liveSuite("the live contract, against the sandbox", () => ({
  baseUrl: sandbox().url,
  auth,
  userAuth: { clientId: ANALYST.clientId, clientSecret: ANALYST.clientSecret },
  workflowId: SALES.id,
  curator: true,
  writes: true,
  onProgress(event) {
    // The clock stands still: the job followed finishes when the wait starts.
    if (event.kind === "step" && event.text.startsWith("Waiting"))
      sandbox().clock.advance(SALES.queuedMs + SALES.runningMs);
  },
}));
