// Exit codes are part of the command's interface: scripts branch on them.
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  TimeoutError,
  WaitTimeoutError,
} from "../index.js";

/** Every exit code with its meaning: `--help`, the README's table and the codes below are read from here. */
export const CODES = [
  ["ok", 0, "success"],
  ["other", 1, "anything else (a server error, an unexpected answer)"],
  ["usage", 2, "bad usage or invalid argument; nothing was sent"],
  ["authentication", 3, "authentication failed (401, or the token request failed)"],
  ["notFound", 4, "not found (404)"],
  ["refused", 5, "refused by the server (400/403), with the server's message and reasons"],
  ["network", 6, "network failure, or no answer within --request-timeout"],
  ["jobFailed", 7, "the waited-for job (or a run of batch) ended other than in success"],
  ["contradicted", 8, "the server contradicts the spec (conform): a claim no --baseline accepts"],
  ["waitTimeout", 124, "the wait ran out of --timeout; the job was not cancelled"],
  ["interrupted", 130, "interrupted (Ctrl-C, SIGINT); the job was not cancelled"],
  ["terminated", 143, "terminated (SIGTERM); the job was not cancelled"],
] as const;

type Name = (typeof CODES)[number][0];
export const EXIT = Object.fromEntries(CODES.map(([name, code]) => [name, code])) as Record<Name, number>;

export const EXIT_CODES_HELP = [
  "Exit codes:",
  ...CODES.map(([, code, meaning]) => `  ${String(code).padEnd(5)}${meaning}`),
].join("\n");

/** The README's table, written from the same rows. */
export function exitCodesMarkdown(): string {
  return ["| exit code | meaning |", "|---|---|", ...CODES.map(([, code, meaning]) => `| ${code} | ${meaning} |`)].join(
    "\n",
  );
}

/** A mistake in how the command was called; nothing was sent. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * What a command that serves (`mock`, `sandbox`) throws when it cannot listen: a port in use is a
 * usage error (exit 2; nothing was served) saying how to choose another; any other error is kept.
 */
export function listenError(error: unknown, port: number): unknown {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== "EADDRINUSE") return error;
  return new UsageError(`port ${port} is in use: choose another with --port, or --port 0 for a free one`);
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof InvalidArgumentError) return EXIT.usage;
  if (error instanceof AuthenticationError) return EXIT.authentication;
  if (error instanceof NotFoundError) return EXIT.notFound;
  if (error instanceof BadRequestError || error instanceof PermissionDeniedError) return EXIT.refused;
  if (error instanceof ConnectionError || error instanceof TimeoutError) return EXIT.network;
  if (error instanceof WaitTimeoutError) return EXIT.waitTimeout;
  if (error instanceof AbortError) return EXIT.interrupted;
  return EXIT.other;
}
