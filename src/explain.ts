// What a failure may mean beyond its status, from what the spec says of the operation: a 404 or
// 405 that is not the API's own answer points at the base URL or the server's release (which
// releases lack the operation: `x-absent-in-releases`), and a 401 or 403 on an operation that
// needs a role (`x-required-role`) may be credentials without that role rather than bad ones.
import { notFoundBodies, shapes } from "../generated/body-rules.js";
import { apiRoot, operationRules } from "../generated/client-values.js";
import { type BodyRule, compileBody } from "./core/body-check.js";
import { memo } from "./core/memo.js";
import type { OperationId } from "./core/params.js";
import type { Explain } from "./core/transport.js";

/** What the spec says of an operation's access, as generated/ carries it. */
interface Access {
  readonly method: string;
  readonly path: string;
  readonly role?: string;
  readonly absentThrough?: string;
}

const IGNORE = () => undefined;

/**
 * For a client of `baseUrl`: each operation's explanation of a failure (made on first use), or
 * nothing when the status says all there is to say.
 */
export function createExplainer(baseUrl: string): (operationId: OperationId) => Explain {
  // The origin only: the base URL's path is the user's, and is not repeated.
  const usualRoot = `${new URL(baseUrl).origin}${apiRoot}`;
  return memo((operationId) => explainer(operationId, usualRoot));
}

function explainer(operationId: OperationId, usualRoot: string): Explain {
  const { method, path, role, absentThrough } = operationRules[operationId] as Access;
  const rule = (notFoundBodies as Partial<Record<OperationId, BodyRule>>)[operationId];
  const isApiNotFound = rule === undefined ? undefined : compileBody(rule, shapes);
  const release = absentThrough
    ? `the server's release may not have it (${method} ${path} is not in releases through ${absentThrough})`
    : "the server's release may not have this operation";
  const notTheApi = `This is not the API's answer: the base URL may be wrong (the API's root is usually ${usualRoot}), or ${release}.`;
  const needsRole =
    role && `${method} ${path} needs the ${role} role: the credentials may be valid but not a ${role}'s.`;
  return (status, body) => {
    if (status === 405) return notTheApi;
    if (status === 404)
      return isApiNotFound && body !== undefined && !isApiNotFound(body, IGNORE) ? undefined : notTheApi;
    if ((status === 401 || status === 403) && needsRole) return needsRole;
    return undefined;
  };
}
