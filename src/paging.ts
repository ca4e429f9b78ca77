// Offset/limit paging as an async iterable: `for await (const job of pager)` walks every page,
// `pager.pages()` yields whole pages. It stops on a short or empty page, and as soon as a page
// brings a job it has already yielded (a server that ignores offset), so it cannot loop; and a
// server that sends new jobs for ever is stopped at `maxItems`.
import { AlteryxError } from "./core/errors.js";
import { checkNumber } from "./core/options.js";
import type { Listing } from "./types.js";

/**
 * Every item of a listing, page by page. It stops after a page shorter than the page size, or
 * as soon as a page repeats an ID already yielded: then the items before the repeat are
 * yielded, and the client's logger gets a warning. Past `maxItems` items it throws an
 * AlteryxError.
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
    checkNumber("pageSize", pageSize, { whole: true, atLeast: 1 });
    checkNumber("maxItems", maxItems, { whole: true, atLeast: 1, infinite: true });
    const seen = new Set<string>();
    for (let offset = 0; ; offset += pageSize) {
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
      if (page.length !== pageSize) return;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page;
    },
  };
}
