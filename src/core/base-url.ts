// The one rule for a server's API root, shared by the client's options and the command's
// --base-url, so that neither accepts what the other refuses.

/** Why a text cannot be a base URL. */
export type BaseUrlProblem = "not a URL" | "credentials" | "not http(s)" | "query or fragment";

/**
 * What is wrong with `text` as the API root (`{scheme}://{host}/webapi`), or undefined when it
 * fits: an absolute http(s) URL with no credentials, query or fragment. `?` and `#` are refused
 * even when empty: a path appended to them would go into the query.
 */
export function baseUrlProblem(text: string): BaseUrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "not a URL";
  }
  if (url.username || url.password) return "credentials";
  if (!/^https?:$/.test(url.protocol)) return "not http(s)";
  if (/[?#]/.test(text)) return "query or fragment";
  return undefined;
}

/** A base URL that fits, as requests are built on it: no trailing slash. */
export const normalBaseUrl = (text: string): string => new URL(text).href.replace(/\/+$/, "");
