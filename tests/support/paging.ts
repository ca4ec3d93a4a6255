import { expect } from 'vitest';

/**
 * Walks a keyset-paged list from its first page to its last, calling `between(round, lastItem)` after each
 * page (where a test inserts rows ahead of and behind the cursor), and checks what every paged list owes:
 * no row twice, and every row in `before` (those that existed before the walk) met once. Returns the ids
 * seen, in order, and the pages read.
 */
export async function walkPages<T>(opts: {
  page: (cursor: string | undefined) => Promise<{ items: T[]; next: string | null }>;
  id: (item: T) => string;
  before: readonly string[];
  between?: (round: number, last: T) => Promise<void>;
  /** Every item must match the list's filter, on every page. */
  matches?: (item: T) => boolean;
}): Promise<{ seen: string[]; pages: number }> {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await opts.page(cursor);
    pages++;
    if (opts.matches) expect(page.items.filter((i) => !opts.matches!(i))).toEqual([]);
    seen.push(...page.items.map(opts.id));
    cursor = page.next ?? undefined;
    if (cursor && opts.between) await opts.between(pages, page.items.at(-1)!);
  } while (cursor);
  expect(new Set(seen).size).toBe(seen.length);
  expect(opts.before.filter((id) => !seen.includes(id))).toEqual([]);
  return { seen, pages };
}
