// What the sandbox serves when given no fixture: a Curator key and an ordinary user's key, three
// workflows that end in Success (an analytic app with questions and two output files), Warning and
// Error, and two jobs run before, one completed and one running. It is plain JSON data, a starting
// point for fixtures of one's own. Its IDs are the spec's examples, so that every sample of the
// docs, built from those examples, works against it as it is.
import * as parameterExamples from "../../generated/parameter-examples.js";
import type { Fixture } from "./fixture.js";

/** The analytic app: the example of every `workflowId`. */
const SALES_APP = parameterExamples.runWorkflow.workflowId;
/** Its completed job, with outputs: the download's examples of `jobId`, and of `outputId` for its first output. */
const COMPLETED_JOB = parameterExamples.getJobOutput.jobId;
const SALES_OUTPUT = parameterExamples.getJobOutput.outputId;
/** A job held Running until it is cancelled: the example of the other operations' `jobId`. */
const RUNNING_JOB = parameterExamples.cancelJob.jobId;
const INVENTORY = "678f96e5a15300008c0039e1";

/** A one-pixel PNG image: a small binary file, so that byte-for-byte downloads can be checked. */
const PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

const SALES_CSV = "Region,Month,Total\nEMEA,2024-09,1200\nAMER,2024-09,3400\nAPAC,2024-09,2100\n";

export const defaultFixture: Fixture = {
  users: [
    {
      name: "curator@sandbox.example",
      clientId: "sandbox-curator-key",
      clientSecret: "sandbox-curator-secret",
      curator: true,
    },
    { name: "analyst@sandbox.example", clientId: "sandbox-user-key", clientSecret: "sandbox-user-secret" },
  ],
  tokenLifetimeSeconds: 3600,
  workflows: [
    {
      id: SALES_APP,
      name: "Monthly sales summary",
      questions: [
        {
          name: "Region",
          questionType: "QuestionListBox",
          description: "Which region to report on",
          value: "EMEA",
          multiple: false,
          items: [
            { key: "EMEA", value: "Europe, Middle East and Africa" },
            { key: "AMER", value: "The Americas" },
            { key: "APAC", value: "Asia Pacific" },
          ],
        },
        {
          name: "Month",
          questionType: "QuestionTextBox",
          description: "The month, as yyyy-MM",
          value: "2024-09",
          multiple: false,
          items: [],
        },
      ],
      queuedMs: 5_000,
      runningMs: 60_000,
      disposition: "Success",
      messages: [
        { status: 1, text: "Alteryx Designer x64 - Engine 2024.1.1.93 - Started running", toolId: 0 },
        { status: 4, text: "3 records were written to sales_summary.csv", toolId: 12 },
        { status: 4, text: "Finished running in 60 seconds", toolId: 0 },
      ],
      outputs: [
        { fileName: "sales_summary.csv", formats: { Raw: { text: SALES_CSV }, Csv: { text: SALES_CSV } } },
        { fileName: "sales_chart.png", formats: { Raw: { base64: PIXEL_PNG } } },
      ],
    },
    {
      id: INVENTORY,
      name: "Inventory reconciliation",
      queuedMs: 10_000,
      runningMs: 120_000,
      disposition: "Warning",
      messages: [
        { status: 1, text: "Alteryx Designer x64 - Engine 2024.1.1.93 - Started running", toolId: 0 },
        { status: 2, text: 'Field "Warehouse" has 12 null values', toolId: 7 },
        { status: 4, text: "Finished running in 120 seconds with 1 warning", toolId: 0 },
      ],
    },
    {
      id: "66e9a0b73d6200007e000c3f",
      name: "Customer churn scoring",
      queuedMs: 5_000,
      runningMs: 30_000,
      disposition: "Error",
      messages: [
        { status: 1, text: "Alteryx Designer x64 - Engine 2024.1.1.93 - Started running", toolId: 0 },
        { status: 3, text: 'Error reading "\\\\fileshare\\crm\\customers.xlsx": the file does not exist', toolId: 3 },
      ],
    },
  ],
  // As the spec's examples of getJob show them ("completed" and "running"), owned by the ordinary
  // user, whose key `alteryx-jobs sandbox` offers first.
  jobs: [
    {
      id: COMPLETED_JOB,
      workflowId: SALES_APP,
      owner: "analyst@sandbox.example",
      createDateTime: "2024-09-19T10:02:54.589Z",
      outputIds: [SALES_OUTPUT, "66ebd1953d6200007e000d90"],
    },
    {
      id: RUNNING_JOB,
      workflowId: INVENTORY,
      owner: "analyst@sandbox.example",
      createDateTime: "2025-01-21T12:45:14.006Z",
      stays: "Running",
      priority: "High",
      workerTag: "finance",
    },
  ],
};
