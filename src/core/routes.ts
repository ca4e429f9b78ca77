// Which operation a request is, by the spec's method and path templates: the one rule the raw
// client (to pick the body check) and the sandbox (to pick the handler) both go by.

/** An operation's method and path template, as generated/ lists them. */
export interface RouteRule {
  readonly method: string;
  readonly path: string;
}

/** The operation a method and path are, with the path's parameters (still percent-encoded). */
export interface Route<Id extends string> {
  operationId: Id;
  params: Record<string, string>;
}

export type Router<Id extends string> = (method: string, path: string) => Route<Id> | undefined;

/**
 * A router over `rules`. A template with more literal text wins over one with less, so that
 * `/jobs/search` would be matched before `/jobs/{jobId}` (OpenAPI: concrete paths first).
 */
export function createRouter<Id extends string>(rules: { readonly [K in Id]: RouteRule }): Router<Id> {
  const routes = (Object.keys(rules) as Id[])
    .map((operationId) => {
      const { method, path } = rules[operationId];
      const pattern = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, "(?<$1>[^/]+)");
      const literal = path.replace(/\{\w+\}/g, "").length;
      return { operationId, method: method.toUpperCase(), pattern: new RegExp(`^${pattern}$`), literal };
    })
    .sort((a, b) => b.literal - a.literal);
  return (method, path) => {
    const wanted = method.toUpperCase();
    for (const route of routes) {
      const match = route.method === wanted ? route.pattern.exec(path) : null;
      if (match) return { operationId: route.operationId, params: { ...match.groups } };
    }
    return undefined;
  };
}
