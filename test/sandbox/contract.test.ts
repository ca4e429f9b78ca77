// The live contract suite, run against the sandbox as if it were a real server: through
// `prism proxy --errors`, with a Curator's key, writes included.
import { beforeAll } from "vitest";
import { createJobsClient } from "../../src/index.js";
import { liveSuite } from "../contract/live-suite.js";
import { CURATOR, SALES, useSandbox } from "./helpers.js";

const sandbox = useSandbox();
const auth = { clientId: CURATOR.clientId, clientSecret: CURATOR.clientSecret };
const jobs = { finished: "", running: "" };

beforeAll(async () => {
  const client = createJobsClient({ baseUrl: sandbox().url, auth });
  jobs.finished = (await client.runWorkflow(SALES.id)).id;
  sandbox().clock.advance(SALES.queuedMs + SALES.runningMs);
  jobs.running = (await client.runWorkflow(SALES.id)).id;
  sandbox().clock.advance(SALES.queuedMs);
});

liveSuite("the live contract, against the sandbox", () => ({
  baseUrl: sandbox().url,
  auth,
  workflowId: SALES.id,
  jobId: jobs.finished,
  curator: true,
  cancelJobId: jobs.running,
  runWorkflowId: SALES.id,
}));
