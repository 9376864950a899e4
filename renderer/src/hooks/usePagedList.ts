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
 * `loadMore` asks for one page at a time (an infinite-scroll table calls it on every scroll near the
 * end); a failed next page sets `moreError` (not `error`: the rows read so far stay) until retried.
 */
export function usePagedList<P extends KeysetPage<unknown>, F = undefined>(fetcher: PageFetcher<P, F>, filters?: F) {
  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query.trim(), 250);
  const [list, setList] = useState<P | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const requestSeq = useRef(0);
  /** The cursor a next-page request is out for: a second call for the same page is dropped. */
  const pendingCursor = useRef<string | null>(null);
  // The latest fetcher, so a page may pass an inline function without restarting the list each render.
  const fetcherRef = useRef(fetcher);
  useEffect(() => {
    fetcherRef.current = fetcher;
  });

  /** The page, or null when it failed (`onError` told) or a newer request has since been made. */
  const fetchPage = useCallback(
    async (q: string, f: F | undefined, after: string | null, onError: (caught: unknown) => void): Promise<P | null> => {
      const seq = ++requestSeq.current;
      setLoading(true);
      setError(null);
      setMoreError(null);
      try {
        const page = await fetcherRef.current(q, after, f as F);
        return seq === requestSeq.current ? page : null;
      } catch (caught) {
        if (seq === requestSeq.current) onError(caught);
        return null;
      } finally {
        if (seq === requestSeq.current) setLoading(false);
      }
    },
    [],
  );

  useEffect(() => {
    let live = true;
    pendingCursor.current = null;
    void fetchPage(debouncedQuery, filters, null, setError).then((page) => {
      if (live && page) setList(page);
    });
    return () => {
      live = false;
    };
  }, [debouncedQuery, filters, reloadToken, fetchPage]);

  const loadMore = async () => {
    const cursor = list?.nextCursor;
    if (!cursor || pendingCursor.current === cursor) return;
    pendingCursor.current = cursor;
    const page = await fetchPage(debouncedQuery, filters, cursor, setMoreError);
    if (pendingCursor.current === cursor) pendingCursor.current = null;
    if (page) setList((current) => ({ ...page, rows: [...(current?.rows ?? []), ...page.rows] }));
  };

  /** For an infinite-scroll table near its end: the next page, unless one is on its way or just failed (retry is the user's). */
  const nearEnd = () => {
    if (list?.nextCursor && !loading && !moreError) void loadMore();
  };

  const reload = useCallback(() => setReloadToken((n) => n + 1), []);

  /** What the list's ListFooter shows: the count, "load more" and a failed next page. */
  const footer = { hasMore: !!list?.nextCursor, loading, onLoadMore: () => void loadMore(), shown: list?.rows.length, total: list?.total, error: moreError };

  return { query, setQuery, debouncedQuery, list, loading, error, moreError, loadMore, nearEnd, reload, footer };
}
