// Offset/limit paging as an async iterable: `for await (const job of pager)` walks every page,
// `pager.pages()` yields whole pages. It stops on a short page, and also when the server
// ignores offset or limit, so it can never loop forever.

export interface Pager<T> extends AsyncIterable<T> {
  pages(): AsyncIterable<T[]>;
}

export const DEFAULT_PAGE_SIZE = 100;

export function paginate<T>(
  fetchPage: (offset: number, limit: number) => Promise<T[]>,
  pageSize: number,
  identify: (item: T) => string,
): Pager<T> {
  async function* pages(): AsyncGenerator<T[]> {
    let previousFirst: string | undefined;
    for (let offset = 0; ; offset += pageSize) {
      const page = await fetchPage(offset, pageSize);
      const first = page[0] === undefined ? undefined : identify(page[0]);
      if (page.length === 0 || (offset > 0 && first === previousFirst)) return;
      yield page;
      if (page.length !== pageSize) return;
      previousFirst = first;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page;
    },
  };
}
