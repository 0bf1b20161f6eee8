/**
 * Paging: the stories of the current filter, fetched in pages of PAGE on demand. A new filter
 * starts over at the top; the rows the viewport shows are fetched once scrolling pauses, one
 * request at a time and always for the viewport as it is *now* (a fling through 100 000 rows
 * costs one request, not a thousand); refresh() re-reads around an anchor row so what the user
 * was looking at stays put. A generation counter drops answers to requests that a newer one
 * (a new filter, a refresh) has overtaken.
 */
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { apiErrorOf, call, type ApiError } from '../../lib/api';
import type { InboxFilter } from '../../app-context';
import type { Anchor } from './useScrollAnchor';
import { PAGE, storyIn, toPages, type Pages, type Story } from './types';

export interface InboxPages {
  total: number | null;
  unreadTotal: number;
  setUnreadTotal: Dispatch<SetStateAction<number>>;
  pages: Pages;
  setPages: Dispatch<SetStateAction<Pages>>;
  storyAt: (index: number) => Story | undefined;
  error: ApiError | undefined;
  setError: (error: ApiError | undefined) => void;
  /** Re-read after a change, keeping the anchor row in view (see `onAnchored`). */
  refresh: (anchor: Anchor) => Promise<void>;
}

export interface PagingEvents {
  /** A new filter: the list starts over at the top. */
  onReset: () => void;
  /**
   * A refresh found the anchor row at `index` (`risen` rows further down, for new stories above
   * it). Called just before the new rows are set, so a scroll restore lands in the same render.
   */
  onAnchored: (anchor: Anchor, index: number, risen: number) => void;
}

export function useInboxPages(filter: InboxFilter, viewport: { first: number; last: number }, events: PagingEvents): InboxPages {
  const [total, setTotal] = useState<number | null>(null);
  const [unreadTotal, setUnreadTotal] = useState(0);
  const [pages, setPages] = useState<Pages>(() => new Map());
  const [error, setError] = useState<ApiError>();
  const generation = useRef(0);
  const loading = useRef<number | null>(null); // the generation of the page request in flight
  const filterKey = `${filter.filter}|${filter.watchlistId ?? ''}|${filter.day ?? ''}`;

  const params = useCallback(
    (offset: number, limit: number) => ({ filter: filter.filter, watchlistId: filter.watchlistId, day: filter.day, offset, limit }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey stands for the filter fields read here
    [filterKey],
  );

  const storyAt = useCallback((index: number) => storyIn(pages, index), [pages]);

  const eventsRef = useRef(events);
  eventsRef.current = events;

  // A new filter: start over at the top.
  useEffect(() => {
    generation.current += 1;
    const gen = generation.current;
    setPages(new Map());
    setTotal(null);
    eventsRef.current.onReset();
    call('alerts.list', params(0, PAGE)).then(
      (result) => {
        if (gen !== generation.current) return;
        setError(undefined);
        setTotal(result.total);
        setUnreadTotal(result.unreadTotal);
        setPages(new Map([[0, result.stories]]));
      },
      (failure: unknown) => gen === generation.current && setError(apiErrorOf(failure)),
    );
  }, [params]);

  // The rows the viewport needs, once scrolling pauses.
  const { first, last } = viewport;
  useEffect(() => {
    if (total === null || total === 0) return;
    const timer = setTimeout(() => {
      const gen = generation.current;
      if (loading.current === gen) return; // its completion re-runs this effect
      let from = Math.floor(first / PAGE);
      let to = Math.floor(last / PAGE);
      while (from <= to && pages.has(from)) from++;
      while (to >= from && pages.has(to)) to--;
      if (from > to) return;
      to = Math.min(to, from + 4);
      loading.current = gen;
      call('alerts.list', params(from * PAGE, (to - from + 1) * PAGE)).then(
        (result) => {
          if (loading.current === gen) loading.current = null;
          if (gen !== generation.current) return;
          setPages((old) => {
            const next = new Map(old);
            for (const [page, list] of toPages(from, result.stories)) if (page <= to) next.set(page, list);
            return next;
          });
        },
        (failure: unknown) => {
          if (loading.current === gen) loading.current = null;
          if (gen === generation.current) setError(apiErrorOf(failure));
        },
      );
    }, 120);
    return () => clearTimeout(timer);
  }, [first, last, pages, total, params]);

  /**
   * Find the anchor's story id again (new stories above it shift its index): read the first row
   * to learn how many arrived, then three pages around where it should be now.
   */
  const refresh = useCallback(
    async (anchor: Anchor) => {
      const gen = ++generation.current;
      const anchorStory = storyIn(pages, anchor.index);
      try {
        if (anchor.atTop || !anchorStory) {
          const result = await call('alerts.list', params(0, PAGE));
          if (gen !== generation.current) return;
          setTotal(result.total);
          setUnreadTotal(result.unreadTotal);
          setPages(new Map([[0, result.stories]]));
          return;
        }
        const head = await call('alerts.list', params(0, 1));
        const shift = Math.max(0, head.total - (total ?? 0));
        const firstPage = Math.max(0, Math.floor((anchor.index + shift) / PAGE) - 1);
        const result = await call('alerts.list', params(firstPage * PAGE, PAGE * 3));
        if (gen !== generation.current) return;
        const found = result.stories.findIndex((s) => s.storyId === anchorStory.storyId);
        const index = found >= 0 ? firstPage * PAGE + found : Math.min(anchor.index + shift, result.total - 1);
        eventsRef.current.onAnchored(anchor, index, Math.max(0, index - anchor.index));
        setTotal(result.total);
        setUnreadTotal(result.unreadTotal);
        setPages(toPages(firstPage, result.stories));
      } catch (failure) {
        if (gen === generation.current) setError(apiErrorOf(failure));
      }
    },
    [params, pages, total],
  );

  return { total, unreadTotal, setUnreadTotal, pages, setPages, storyAt, error, setError, refresh };
}
