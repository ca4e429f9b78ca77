// Every way the network and the server can misbehave, and the outcome the client promises for
// each: retried and succeeded, or one specific typed error, within bounded time. A request that
// may have reached the server (DELETE, POST) is never repeated, and no secret shows in any form.
// Delays run on an injected clock; attempt timeouts only ever race a server that never answers.
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createJobsClientWith } from "../../src/client.js";
import type { AlteryxError, JobsClientOptions } from "../../src/index.js";
import { cleanEnv, runCli } from "../helpers/cli.js";
import { fakeClock } from "../helpers/clock.js";
import { JOB_ID, WORKFLOW_ID } from "../helpers/ids.js";
import { leaksIn } from "../helpers/secrets.js";
import { bodyScenarios } from "./cases/bodies.js";
import { credentialScenarios } from "./cases/credentials.js";
import { downloadScenarios } from "./cases/downloads.js";
import { explanationScenarios } from "./cases/explanations.js";
import { networkScenarios } from "./cases/network.js";
import { timeScenarios } from "./cases/time.js";
import { type Answer, useFaultServer } from "./fault-server.js";
import {
  apiRequests,
  CLIENT_ID,
  CLIENT_SECRET,
  jobs,
  type Scenario,
  scenarioLeakForms,
  tokenRequests,
  withTokens,
} from "./scenario.js";

const scenarios = [
  ...networkScenarios,
  ...credentialScenarios,
  ...bodyScenarios,
  ...timeScenarios,
  ...downloadScenarios,
  ...explanationScenarios,
];
const named = (name: string) => {
  const found = scenarios.find((s) => s.name === name);
  if (!found) throw new Error(`No scenario named ${name}`);
  return found;
};

const server = useFaultServer();
const summary = { run: 0, asPromised: 0, duplicated: 0, leaked: 0 };
afterAll(() => {
  console.log(
    `fault suite: ${summary.run} scenarios run, ${summary.asPromised} outcomes as promised, ${summary.duplicated} requests duplicated, ${summary.leaked} secrets leaked`,
  );
});

describe("faults", () => {
  it("has a scenario for each promise, under distinct names", () => {
    expect(new Set(scenarios.map((s) => s.name)).size).toBe(scenarios.length);
    expect(scenarios.length).toBeGreaterThanOrEqual(50);
  });

  it.each(scenarios.map((s) => [s.name, s] as const))("%s", async (_, s: Scenario) => {
    summary.run += 1;
    const lines: string[] = [];
    const { clock, sleeps } = fakeClock();
    const options: JobsClientOptions = {
      baseUrl: server.url(),
      auth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      timeoutMs: 10_000,
      maxRetries: 1,
      retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1000 },
      logger: { debug: (line) => lines.push(line), warn: (line) => lines.push(line) },
      ...s.options?.(server.url()),
    };
    server.serve(s.answer);
    const result = await Promise.resolve()
      .then(() => s.call(createJobsClientWith(options, { clock }), server))
      .then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );

    const received = server.received();
    const seen = apiRequests(received);
    if (s.changesState) summary.duplicated += Math.max(0, seen.length - 1);
    const shown = [
      ...lines,
      ...(result.ok ? [] : [String(result.error), JSON.stringify(result.error), inspect(result.error, { depth: 8 })]),
    ].join("\n");
    const leaks = leaksIn(shown, scenarioLeakForms());
    summary.leaked += leaks.length;

    expect(leaks).toEqual([]);
    expect(seen).toHaveLength(s.requests);
    if (s.tokenRequests !== undefined) expect(tokenRequests(received)).toHaveLength(s.tokenRequests);
    if ("resolves" in s.outcome) {
      expect(result.ok ? "resolved" : String((result as { error: unknown }).error)).toBe("resolved");
    } else {
      expect(result.ok).toBe(false);
      const error = (result as { error: AlteryxError }).error;
      expect(error).toBeInstanceOf(s.outcome.rejects);
      if (s.outcome.outcomeUnknown !== undefined) expect(error.outcomeUnknown).toBe(s.outcome.outcomeUnknown);
      if (s.outcome.message) expect(error.message).toMatch(s.outcome.message);
    }
    s.check?.({
      ...(result.ok ? { value: result.value } : { error: result.error }),
      lines,
      sleeps,
      elapsed: clock.now(),
      received,
    });
    summary.asPromised += 1;
  });
});

const cliScenarios: { name: string; args: string[]; answer: Answer; exit: number; requests: number; stderr: RegExp }[] =
  [
    {
      name: "an HTML error page that quotes the Authorization header",
      args: ["get", JOB_ID],
      answer: named("an HTML error page that quotes the Authorization header").answer,
      exit: 1,
      requests: 3,
      stderr: /failed with 502/,
    },
    {
      name: "a cancel whose connection is reset",
      args: ["cancel", JOB_ID],
      answer: named("connection reset before headers (DELETE)").answer,
      exit: 6,
      requests: 1,
      stderr: /outcome is unknown/,
    },
    {
      name: "a refused token request",
      args: ["list", WORKFLOW_ID],
      answer: withTokens(undefined, { body: () => jobs, token: () => ({}) }),
      exit: 3,
      requests: 0,
      stderr: /access_token: missing/,
    },
  ];

describe("faults through the command", () => {
  it.each(cliScenarios.map((s) => [s.name, s] as const))("%s", async (_, s) => {
    summary.run += 1;
    server.serve(s.answer);
    const env = cleanEnv({
      ALTERYX_BASE_URL: server.url(),
      ALTERYX_CLIENT_ID: CLIENT_ID,
      ALTERYX_CLIENT_SECRET: CLIENT_SECRET,
    });
    const { code, stdout, stderr } = await runCli([...s.args, "--verbose"], env);
    const seen = apiRequests(server.received());
    if (s.args[0] === "cancel") summary.duplicated += Math.max(0, seen.length - 1);
    const leaks = leaksIn(stdout + stderr, scenarioLeakForms());
    summary.leaked += leaks.length;

    expect(leaks).toEqual([]);
    expect(code).toBe(s.exit);
    expect(stderr).toMatch(s.stderr);
    expect(seen).toHaveLength(s.requests);
    summary.asPromised += 1;
  });
});
