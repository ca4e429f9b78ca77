// Lists what each operation of the spec still lacks (a wrapper, a sandbox rule, a contract case,
// a command, a docs sample), one line each with the file to edit; exits 1 when anything does.
// The list and what is lacking on purpose are in scripts/lib/completeness.ts.
import { describeLacks, lacking } from "./lib/completeness.js";
import { isMain } from "./lib/script.js";

function main(): void {
  const args = process.argv.slice(2);
  const lacks = lacking();
  if (args.includes("--json")) console.log(JSON.stringify(lacks));
  else console.log(lacks.length === 0 ? "every operation has all its pieces" : describeLacks(lacks).join("\n"));
  if (lacks.length > 0) process.exitCode = 1;
}

if (isMain(import.meta.url)) main();
