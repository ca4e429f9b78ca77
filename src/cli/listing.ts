// What the listing commands share: --limit over a pager that fetches page by page.
import { DEFAULT_PAGE_SIZE } from "../index.js";

/** Pages no larger than the limit, so that a small --limit asks for no more than it shows. */
export function pageSize(limit: number | undefined): number {
  return Math.min(limit ?? Number.POSITIVE_INFINITY, DEFAULT_PAGE_SIZE);
}

/** The first `limit` items (all of them without one). */
export async function take<T>(items: AsyncIterable<T>, limit: number | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (limit !== undefined && out.length >= limit) break;
  }
  return out;
}
