// The dynamic round: Prism generates responses from the schemas (fixed seeds, so a failure can be
// replayed), the client parses each one, and the result is checked against the spec's schema.
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../scripts/lib/spec.js";
import { createJobsClient, type JobsClient } from "../../src/index.js";
import { JOB_ID, WORKFLOW_ID } from "../helpers/ids.js";
import { usePrism } from "../helpers/prism.js";
import { componentSchema, responseSchema, schemaErrors } from "../helpers/schema.js";

const SEEDS = [11, 23];
const PER_SEED = 50;

const reads: { name: string; schema: JsonObject; call: (client: JobsClient, i: number) => Promise<unknown> }[] = [
  {
    name: "getJob",
    schema: responseSchema("getJob", 200),
    call: (client, i) => client.getJob(JOB_ID, { includeMessages: i % 2 === 0 }),
  },
  {
    name: "getJobMessages",
    schema: { type: "array", items: componentSchema("MessageView") },
    call: (client) => client.getJobMessages(JOB_ID),
  },
  {
    name: "listJobsPage",
    schema: (responseSchema("listJobs", 200).properties as JsonObject).data as JsonObject,
    call: (client, i) => client.listJobsPage({ offset: i, limit: 10 }),
  },
  {
    name: "listWorkflowJobsPage",
    schema: responseSchema("listWorkflowJobs", 200),
    call: (client, i) => client.listWorkflowJobsPage(WORKFLOW_ID, { offset: i, limit: 10 }),
  },
];

for (const seed of SEEDS) {
  describe(`dynamic responses, seed ${seed}`, () => {
    const prism = usePrism({ dynamic: true, seed });

    for (const read of reads) {
      it(`${read.name}: ${PER_SEED} generated responses parse and match the spec`, async () => {
        const client = createJobsClient({ baseUrl: prism.url(), auth: { token: "t" }, maxRetries: 0 });
        const failures: string[] = [];
        for (let i = 0; i < PER_SEED; i++) {
          const where = `seed ${seed}, ${read.name} request ${i + 1} (replay: npm run mock -- --dynamic --seed ${seed})`;
          try {
            const errors = schemaErrors(read.schema, await read.call(client, i));
            if (errors) failures.push(`${where}: ${errors}`);
          } catch (error) {
            failures.push(`${where}: ${(error as Error).message}`);
          }
        }
        expect(failures, failures.join("\n")).toEqual([]);
      });
    }
  });
}
