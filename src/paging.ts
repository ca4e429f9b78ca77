// Offset/limit paging as an async iterable: `for await (const job of pager)` walks every page,
// `pager.pages()` yields whole pages. Servers cap page sizes below the limit asked for, so a page
// shorter than the limit is not the end: the listing stops on an empty page, or on a page shorter
// than the largest this listing has been sent, and the next offset counts the jobs received. It
// also stops as soon as a page brings a job it has already yielded (a server that ignores offset),
// so it cannot loop; and a server that sends new jobs for ever is stopped at `maxItems`.
import { AlteryxError, InvalidArgumentError } from "./core/errors.js";
import type { Listing } from "./types.js";

/**
 * Every item of a listing, page by page. It stops after an empty page, or after a page shorter
 * than the largest page of the listing (a server that caps pages at 5 when asked for 10 loses no
 * item; the cost is at most one request more than the page size alone would take), or as soon
 * as a page repeats an ID already yielded: then the items before the repeat are yielded, and the
 * client's logger gets a warning. Past `maxItems` items it throws an AlteryxError.
 */
export interface Pager<T> extends AsyncIterable<T> {
  /** The same items, a page at a time. */
  pages(): AsyncIterable<T[]>;
}

export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_MAX_ITEMS = 100_000;

export function paginate<T>(
  fetchPage: (offset: number, limit: number) => Promise<T[]>,
  { pageSize = DEFAULT_PAGE_SIZE, maxItems = DEFAULT_MAX_ITEMS }: Listing,
  identify: (item: T) => string,
  warn: (line: string) => void,
): Pager<T> {
  async function* pages(): AsyncGenerator<T[]> {
    if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
      throw new InvalidArgumentError("pageSize", pageSize, "a whole number ≥ 1");
    }
    if (!(Number.isSafeInteger(maxItems) || maxItems === Number.POSITIVE_INFINITY) || maxItems < 1) {
      throw new InvalidArgumentError("maxItems", maxItems, "a whole number ≥ 1, or Infinity");
    }
    const seen = new Set<string>();
    let largest = 0;
    for (let offset = 0; ; ) {
      const page = await fetchPage(offset, pageSize);
      const fresh: T[] = [];
      for (const item of page) {
        const id = identify(item);
        if (seen.has(id)) {
          if (fresh.length > 0) yield fresh;
          warn(`The listing stopped at offset ${offset}: the server sent ${id} again (it may ignore offset)`);
          return;
        }
        if (seen.size >= maxItems) {
          if (fresh.length > 0) yield fresh;
          throw new AlteryxError(`The listing passed maxItems (${maxItems}) jobs; narrow it or raise maxItems`);
        }
        seen.add(id);
        fresh.push(item);
      }
      if (fresh.length > 0) yield fresh;
      // A page as long as the longest so far may be one the server cut to its own maximum: only a
      // shorter one (or an empty one) shows the end.
      if (page.length === 0 || page.length < largest) return;
      largest = page.length;
      offset += page.length;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page;
    },
  };
}
