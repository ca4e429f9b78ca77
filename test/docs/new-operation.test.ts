// An operation added to the spec flows through the toolchain with no other edit, as a maintainer
// would add one: in a copy of the repository (the checkout is left untouched), GET
// /v3/jobs/{jobId}/logs is added to the spec, then generate → build (tsc over src, with a typed raw
// call) → the raw client against a stub (a wrong body refused) → the sandbox (answered from the
// spec's example, and saying so) → the completeness list (naming each piece still to write) →
// docs samples → Postman → the breaking-change gate.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import * as parameterExamples from "../../generated/parameter-examples.js";
import { specWithSamples } from "../../scripts/docs.js";
import type { CodeSample } from "../../scripts/lib/code-samples.js";
import type { Lack } from "../../scripts/lib/completeness.js";
import { type JsonObject, readSpec, specPath } from "../../scripts/lib/spec.js";
import { buildCollection } from "../../scripts/postman.js";
import { specDiff } from "../../scripts/spec-diff.js";
import { useServer } from "../helpers/http-server.js";
import { JOB_ID } from "../helpers/ids.js";

const run = promisify(execFile);
/** What a step in a child process may take on a busy machine (tsc over src takes the longest). */
const SLOW = 240_000;
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), "new-operation-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PATH = "/v3/jobs/{jobId}/logs";
const LINES = [{ level: "Info", text: "Started running" }];
/** A job whose logs the stub answers with a body the spec does not describe (a number for `level`). */
const BAD_JOB_ID = "66ebd18d3d6200007e000d8d";

/** The spec with getJobLogs: an array of `{level, text}` lines, with an example. */
function withNewOperation(): JsonObject {
  const spec = readSpec();
  const messages = ((spec.paths as JsonObject)["/v3/jobs/{jobId}/messages"] as JsonObject).get as JsonObject;
  const responses = messages.responses as JsonObject;
  (spec.paths as JsonObject)[PATH] = {
    parameters: [{ $ref: "#/components/parameters/JobId" }],
    get: {
      ...messages,
      operationId: "getJobLogs",
      summary: "Retrieve the log lines of a job",
      description: "The engine's log lines of a job.",
      responses: {
        "200": {
          description: "OK. The job's log lines.",
          "x-provenance": "documented",
          content: {
            "application/json": {
              schema: {
                type: "array",
                items: {
                  type: "object",
                  required: ["level", "text"],
                  properties: { level: { type: "string" }, text: { type: "string" } },
                },
              },
              examples: { lines: { summary: "A job's log", value: LINES } },
            },
          },
        },
        "401": responses["401"] as JsonObject,
        "404": responses["404"] as JsonObject,
      },
    },
  };
  return spec;
}

// Run in the copy, by Node with tsx: the raw call as a user writes it (checked by tsc first),
// then the same call against a sandbox started from the copy's own code.
const PROBE = `import { createJobsClient, UnexpectedResponseError } from "./src/index.js";
import { createRawClient } from "./src/raw.js";
import { startSandbox, defaultFixture } from "./src/sandbox/index.js";

const [stub = ""] = process.argv.slice(2);
const raw = createRawClient(createJobsClient({ baseUrl: stub, auth: { token: "t0ken-x" }, maxRetries: 0 }));
const { data } = await raw.GET("${PATH}", { params: { path: { jobId: "${JOB_ID}" } } });
const levels: string[] = (data ?? []).map((line) => line.level);
// @ts-expect-error the generated type says level is a string
const wrong: number | undefined = data?.[0]?.level;
let refused = "";
try {
  await raw.GET("${PATH}", { params: { path: { jobId: "${BAD_JOB_ID}" } } });
} catch (error) {
  refused = error instanceof UnexpectedResponseError ? error.message : String(error);
}

const sandbox = await startSandbox({ speed: 0 });
try {
  const [user] = defaultFixture.users;
  const auth = { clientId: user?.clientId ?? "", clientSecret: user?.clientSecret ?? "" };
  const fromSandbox = createRawClient(createJobsClient({ baseUrl: sandbox.url, auth, maxRetries: 0 }));
  const answer = await fromSandbox.GET("${PATH}", { params: { path: { jobId: "${JOB_ID}" } } });
  console.log(JSON.stringify({
    levels, wrong, refused,
    sandbox: { body: answer.data, answeredBy: answer.response.headers.get("x-sandbox-answer") },
  }));
} finally {
  await sandbox.stop();
}
`;

/** Node with tsx in the copy; resolves with stdout, or rejects with what it printed. */
const inCopy = (args: string[]) => run(process.execPath, args, { cwd: dir, encoding: "utf8", timeout: SLOW });

const stub = useServer((request, response) => {
  const bad = request.url?.includes(BAD_JOB_ID);
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify(bad ? [{ level: 5, text: "Started running" }] : LINES));
});

beforeAll(() => {
  for (const name of ["package.json", "tsconfig.json", "tsconfig.build.json", "redocly.yaml"])
    cpSync(join(root, name), join(dir, name));
  for (const name of ["spec", "src", "scripts", "generated", "test/contract"])
    cpSync(join(root, name), join(dir, name), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(join(dir, "spec/openapi.yaml"), stringify(withNewOperation()));
  writeFileSync(join(dir, "probe.ts"), PROBE);
  writeFileSync(
    join(dir, "tsconfig.probe.json"),
    JSON.stringify({
      extends: "./tsconfig.build.json",
      include: ["src", "generated", "probe.ts"],
      compilerOptions: { outDir: "dist" },
    }),
  );
});

describe("a new operation in the spec", () => {
  it(
    "is generated: its types, its parameter and body rules, its example",
    async () => {
      const { stdout } = await inCopy(["--import", "tsx", "scripts/generate.ts"]);
      expect(stdout).toContain("wrote generated/openapi.ts");
      for (const name of ["openapi.ts", "client-values.ts", "body-rules.ts", "examples.ts"])
        expect(readFileSync(join(dir, "generated", name), "utf8")).toContain("getJobLogs");
    },
    SLOW,
  );

  it(
    "builds: the library compiles, the sandbox included, and a raw call of it is typed",
    async () => {
      await expect(
        inCopy([join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.probe.json"]),
      ).resolves.toMatchObject({ stdout: "" });
    },
    SLOW,
  );

  it(
    "is called by the raw client, its body checked; the sandbox answers it from the spec's example",
    async () => {
      const { stdout } = await inCopy(["--import", "tsx", "probe.ts", `${stub.url()}/webapi`]);
      const result = JSON.parse(stdout);
      expect(result.levels).toEqual(["Info"]);
      expect(result.refused).toMatch(
        /GET \/webapi\/v3\/jobs\/\w+\/logs answered 200 with a body the spec does not describe \(body\[0\]\.level: expected a string\)/,
      );
      expect(result.sandbox).toEqual({ body: LINES, answeredBy: "example" });
    },
    SLOW,
  );

  it(
    "is listed by the completeness check with each piece it lacks and the file to edit",
    async () => {
      const failed = await inCopy(["--import", "tsx", "scripts/completeness.ts", "--json"]).catch((error) => error);
      expect(failed.code).toBe(1);
      const lacks = JSON.parse(failed.stdout) as Lack[];
      expect(lacks.map(({ operationId, piece }) => `${operationId}: ${piece}`)).toEqual([
        "getJobLogs: wrapper",
        "getJobLogs: sandbox rule",
        "getJobLogs: contract case",
        "getJobLogs: command",
        "getJobLogs: docs sample",
      ]);
      expect(lacks.map((lack) => lack.file.split(":")[0])).toEqual([
        "src/jobs.ts",
        "src/sandbox/api.ts",
        "test/contract/cases.ts",
        "src/cli/commands.ts",
        "scripts/lib/code-samples.ts",
      ]);
    },
    SLOW,
  );

  it("gets TypeScript and curl samples, through alteryx-jobs/raw until it has a wrapper, and none for a command it lacks", () => {
    const spec = parse(readFileSync(join(dir, "spec/openapi.yaml"), "utf8")) as JsonObject;
    const paths = specWithSamples(spec).paths as JsonObject;
    const samples = ((paths[PATH] as JsonObject).get as JsonObject)["x-codeSamples"] as unknown as CodeSample[];
    expect(samples.map((s) => s.lang)).toEqual(["TypeScript", "curl"]);
    expect(samples[0]?.source).toContain(`createRawClient(client).GET("${PATH}"`);
    // The shared jobId parameter's example fills the path.
    expect(samples[1]?.source).toContain(`/v3/jobs/${parameterExamples.getJob.jobId}/logs`);
  });

  it("gets a request in the Postman collection", async () => {
    const collection = await buildCollection(readFileSync(join(dir, "spec/openapi.yaml"), "utf8"));
    expect(JSON.stringify(collection.item)).toContain("Retrieve the log lines of a job");
  });

  it("passes the breaking-change gate as an addition", () => {
    const result = specDiff(["--gate", "--base", specPath, "--revision", join(dir, "spec/openapi.yaml")]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/not breaking\s+added\s+\/v3\/jobs\/\{jobId\}\/logs\n/);
    expect(result.stdout).toContain("0 breaking");
  });

  it("leaves the checkout untouched", () => {
    expect(readFileSync(join(root, "generated/openapi.ts"), "utf8")).not.toContain("getJobLogs");
    expect(readFileSync(specPath, "utf8")).not.toContain("getJobLogs");
  });
});
