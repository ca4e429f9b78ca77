// The one path every wrapper takes: check the arguments against the spec, send through
// openapi-fetch, and hand back the body the transport has already vetted.
import { checkParameters, type OperationId } from "./core/params.js";

export interface CallOptions {
  /** Cancels the call; the error is an AbortError. */
  signal?: AbortSignal | undefined;
}

type Params = { path?: Record<string, unknown>; query?: Record<string, unknown> };

export async function call<T>(
  operationId: OperationId,
  params: Params,
  send: () => Promise<{ data?: T; response: Response }>,
): Promise<{ data: T; response: Response }> {
  checkParameters(operationId, params);
  const { data, response } = await send();
  // The transport throws on every failure and on an empty success, so data is always here.
  return { data: data as T, response };
}

/** Drops undefined entries, so that only what the caller set is checked and sent. */
export function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
