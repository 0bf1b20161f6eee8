/**
 * Scroll anchoring: before the list is re-read, note which row is at the top of the viewport
 * (and how far it is scrolled into); after, scroll so that row is at the same place again,
 * wherever new rows above it moved it. The scroll is applied in a layout effect, before paint,
 * so the user never sees the list jump.
 */
import { useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { ROW_HEIGHT } from './types';

export interface Anchor {
  /** The row at the top of the viewport. */
  index: number;
  /** Pixels that row is scrolled past the top. */
  offset: number;
  /** True when the list is at (or near) the top: then there is nothing to hold in place. */
  atTop: boolean;
}

export function useScrollAnchor(scrollRef: RefObject<HTMLDivElement | null>) {
  const pending = useRef<number | null>(null);

  useLayoutEffect(() => {
    if (pending.current !== null && scrollRef.current) {
      scrollRef.current.scrollTop = pending.current;
      pending.current = null;
    }
  });

  return useMemo(
    () => ({
      /** Where the viewport is now. */
      current(): Anchor {
        const top = scrollRef.current?.scrollTop ?? 0;
        const index = Math.floor(top / ROW_HEIGHT);
        return { index, offset: top - index * ROW_HEIGHT, atTop: top < ROW_HEIGHT / 2 };
      },
      /** Put the anchored row, now at `index`, back where it was (on the next render). */
      restore(anchor: Anchor, index: number): void {
        pending.current = index * ROW_HEIGHT + anchor.offset;
      },
      toTop(): void {
        scrollRef.current?.scrollTo({ top: 0 });
      },
    }),
    [scrollRef],
  );
}
