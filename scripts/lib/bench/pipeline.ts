// How long the pipeline's steps take, and how long Prism takes to start.
import { spawnSync } from "node:child_process";
import { startPrism } from "../../../src/mock.js";
import { bin } from "../script.js";

export interface StepResult {
  step: string;
  ms: number;
}

function timed(step: string, command: string, args: string[], cwd: string): StepResult {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: "ignore" });
  if (result.status !== 0) throw new Error(`${step} failed`);
  return { step, ms: performance.now() - started };
}

export async function measurePipeline(root: string): Promise<StepResult[]> {
  const steps = [
    timed("lint the spec (redocly lint)", bin("redocly"), ["lint"], root),
    timed("generate types (scripts/generate.ts)", bin("tsx"), ["scripts/generate.ts"], root),
    timed("typecheck (tsc)", bin("tsc"), ["-p", "tsconfig.json"], root),
  ];
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const prism = await startPrism();
    starts.push(performance.now() - started);
    await prism.stop();
  }
  starts.sort((a, b) => a - b);
  steps.push({ step: "Prism start-up (median of 3)", ms: starts[1] ?? 0 });
  return steps;
}
