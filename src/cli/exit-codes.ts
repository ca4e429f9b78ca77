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

export const EXIT = {
  ok: 0,
  other: 1,
  usage: 2,
  authentication: 3,
  notFound: 4,
  refused: 5,
  network: 6,
  jobFailed: 7,
  interrupted: 130,
} as const;

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

export const EXIT_CODES_HELP = `Exit codes:
  0    success
  1    anything else (a server error, an unexpected answer)
  2    bad usage or invalid argument; nothing was sent
  3    authentication failed (401, or the token request failed)
  4    not found (404)
  5    refused by the server (400/403), with the server's message
  6    network failure or timeout
  7    wait or run --wait ended with the job in a state other than success
  130  interrupted (Ctrl-C); the job was not cancelled`;
