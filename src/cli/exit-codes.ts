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
} from "../index.js";

/** Every exit code with its meaning: the codes below and `--help` are both read from here. */
const CODES = [
  ["ok", 0, "success"],
  ["other", 1, "anything else (a server error, an unexpected answer)"],
  ["usage", 2, "bad usage or invalid argument; nothing was sent"],
  ["authentication", 3, "authentication failed (401, or the token request failed)"],
  ["notFound", 4, "not found (404)"],
  ["refused", 5, "refused by the server (400/403), with the server's message"],
  ["network", 6, "network failure or timeout"],
  ["jobFailed", 7, "wait or run --wait ended with the job in a state other than success"],
  ["interrupted", 130, "interrupted (Ctrl-C); the job was not cancelled"],
] as const;

type Name = (typeof CODES)[number][0];
export const EXIT = Object.fromEntries(CODES.map(([name, code]) => [name, code])) as Record<Name, number>;

export const EXIT_CODES_HELP = [
  "Exit codes:",
  ...CODES.map(([, code, meaning]) => `  ${String(code).padEnd(5)}${meaning}`),
].join("\n");

/** A mistake in how the command was called; nothing was sent. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof InvalidArgumentError) return EXIT.usage;
  if (error instanceof AuthenticationError) return EXIT.authentication;
  if (error instanceof NotFoundError) return EXIT.notFound;
  if (error instanceof BadRequestError || error instanceof PermissionDeniedError) return EXIT.refused;
  if (error instanceof ConnectionError || error instanceof TimeoutError) return EXIT.network;
  if (error instanceof AbortError) return EXIT.interrupted;
  return EXIT.other;
}
