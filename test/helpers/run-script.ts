// Runs a pipeline script as `npm run` does, with tsx as Node's loader: one process, where
// `npx tsx` starts three (npx, the tsx command, then Node).
import { spawnSync } from "node:child_process";

export function runScript(file: string, args: string[] = [], cwd = process.cwd()) {
  return spawnSync(process.execPath, ["--import", "tsx", file, ...args], { cwd, encoding: "utf8" });
}
