// What each operation of the spec still lacks, by name and with the file to edit: a wrapper, a
// state rule in the sandbox, a contract case, a command and a wrapper's docs sample. A new
// operation builds and works without them (through alteryx-jobs/raw, the sandbox's example
// answer and the raw docs sample); this list, not the compiler, says what is left to do.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createJobsClient } from "../../src/client.js";
import { stateRuleNames } from "../../src/sandbox/api.js";
import { wrapperSampleNames } from "./code-samples.js";
import { root } from "./script.js";
import { dereference, type JsonObject, listOperations, readSpec } from "./spec.js";

export const PIECES = ["wrapper", "sandbox rule", "contract case", "command", "docs sample"] as const;
export type Piece = (typeof PIECES)[number];

/** One thing an operation lacks, and where it goes. */
export interface Lack {
  operationId: string;
  piece: Piece;
  /** The file to edit, with what to add there. */
  file: string;
}

/**
 * What an operation lacks on purpose, with the reason. Every other lack is listed (and fails
 * test/spec/completeness.test.ts).
 */
export const INTENDED: Readonly<Record<string, Partial<Record<Piece, string>>>> = {
  requestToken: {
    wrapper: "the client requests and renews tokens itself (src/core/auth.ts); no caller asks for one",
    command: "every command requests the tokens it needs; a token is never printed",
  },
};

/** Where each piece goes, for an operation at `path`. */
function fileFor(piece: Piece, operationId: string, path: string): string {
  switch (piece) {
    case "wrapper":
      return `${/^\/v\d+\/workflows\b/.test(path) ? "src/workflows.ts" : "src/jobs.ts"}: a client method named ${operationId} (then its type in src/types.ts)`;
    case "sandbox rule":
      return `src/sandbox/api.ts: a STATE_RULES entry ${operationId}, over src/sandbox/state.ts`;
    case "contract case":
      return `test/contract/cases.ts: a case with operationId "${operationId}" for each documented status`;
    case "command":
      return `src/cli/commands.ts: a command whose handler (src/cli/handlers/) calls client.${operationId}`;
    case "docs sample":
      return `scripts/lib/code-samples.ts: a WRAPPERS entry ${operationId}`;
  }
}

/** The TypeScript files below `dir`, as text. */
function sources(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .join("\n");
}

/** Whether each piece is there for an operation, as this checkout has it. */
function presence(): Record<Piece, (operationId: string) => boolean> {
  // The client's methods are named after the operations they call.
  const client = createJobsClient({ baseUrl: "http://127.0.0.1:9/webapi", auth: { token: "unused" } });
  const cases = readFileSync(join(root, "test/contract/cases.ts"), "utf8");
  // The command calls the client directly or through alteryx-jobs/node (saving outputs).
  const command = sources(join(root, "src/cli")) + sources(join(root, "src/node"));
  return {
    wrapper: (id) => typeof (client as unknown as Record<string, unknown>)[id] === "function",
    "sandbox rule": (id) => stateRuleNames.includes(id as (typeof stateRuleNames)[number]),
    "contract case": (id) => cases.includes(`"${id}"`),
    command: (id) => command.includes(`.${id}(`),
    "docs sample": (id) => wrapperSampleNames.includes(id),
  };
}

/** Every lack of every operation in this checkout's spec, but those INTENDED, in the spec's order. */
export function lacking(): Lack[] {
  const has = presence();
  const found: Lack[] = [];
  for (const { operationId, path } of listOperations(dereference(readSpec()) as JsonObject)) {
    for (const piece of PIECES) {
      if (has[piece](operationId) || INTENDED[operationId]?.[piece] !== undefined) continue;
      found.push({ operationId, piece, file: fileFor(piece, operationId, path) });
    }
  }
  return found;
}

/** The INTENDED lacks that are no longer lacking (their entry is to be removed), as `operationId: piece`. */
export function needlessAllowances(): string[] {
  const has = presence();
  return Object.entries(INTENDED).flatMap(([operationId, pieces]) =>
    (Object.keys(pieces) as Piece[])
      .filter((piece) => has[piece](operationId))
      .map((piece) => `${operationId}: ${piece}`),
  );
}

/** The list as a contributor reads it: one line a lack. */
export const describeLacks = (lacks: readonly Lack[]): string[] =>
  lacks.map(({ operationId, piece, file }) => `${operationId}: no ${piece} — ${file}`);
