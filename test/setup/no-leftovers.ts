// After the whole run: no Prism started from this checkout may still be running. A leftover
// means some test did not stop what it started; it is killed and the run fails.
import { execFileSync } from "node:child_process";
import { prismBin } from "../../src/mock.js";

function leftovers(): number[] {
  try {
    const out = execFileSync("pgrep", ["-f", prismBin()], { encoding: "utf8" });
    return out.split("\n").filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

export function setup(): void {
  const before = leftovers();
  if (before.length > 0) console.warn(`Prism processes already running before the tests: ${before.join(", ")}`);
}

export function teardown(): void {
  const left = leftovers();
  if (left.length === 0) return;
  for (const pid of left) process.kill(pid, "SIGKILL");
  throw new Error(`Tests left ${left.length} Prism process(es) running (killed): ${left.join(", ")}`);
}
