import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';

/** What the keyset list requests (people.list, stations.list, …) answer: one page and the count of all. */
export interface KeysetPage<Row> {
  rows: Row[];
  total: number;
  nextCursor: string | null;
}

/** Asks for the page after `after` (null: the first) of what `query` and `filters` find. */
export type PageFetcher<P, F> = (query: string, after: string | null, filters: F) => Promise<P>;

/**
 * A searchable, filterable list read a keyset page at a time: the search box's text (debounced),
 * the pages read so far with the total, loading and error, "load more" appending the next page, and
 * reload (after a save) starting again from the first. A new query, new filters (compared by
 * identity: keep them in state or memoize them) or a reload start again from the first page.
 *
 * Only the latest request's answer is kept: a slow answer to an older query never replaces a newer one.
 */
export function usePagedList<P extends KeysetPage<unknown>, F = undefined>(fetcher: PageFetcher<P, F>, filters?: F) {
  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query.trim(), 250);
  const [list, setList] = useState<P | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const requestSeq = useRef(0);
  // The latest fetcher, so a page may pass an inline function without restarting the list each render.
  const fetcherRef = useRef(fetcher);
  useEffect(() => {
    fetcherRef.current = fetcher;
  });

  const fetchPage = useCallback(async (q: string, f: F | undefined, after: string | null): Promise<P | null> => {
    const seq = ++requestSeq.current;
    setLoading(true);
    setError(null);
    try {
      const page = await fetcherRef.current(q, after, f as F);
      return seq === requestSeq.current ? page : null;
    } catch (caught) {
      if (seq === requestSeq.current) setError(caught);
      return null;
    } finally {
      if (seq === requestSeq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    let live = true;
    void fetchPage(debouncedQuery, filters, null).then((page) => {
      if (live && page) setList(page);
    });
    return () => {
      live = false;
    };
  }, [debouncedQuery, filters, reloadToken, fetchPage]);

  const loadMore = async () => {
    if (!list?.nextCursor) return;
    const page = await fetchPage(debouncedQuery, filters, list.nextCursor);
    if (page) setList((current) => ({ ...page, rows: [...(current?.rows ?? []), ...page.rows] }));
  };

  const reload = useCallback(() => setReloadToken((n) => n + 1), []);

  return { query, setQuery, debouncedQuery, list, loading, error, loadMore, reload };
}
