/**
 * The alerts inbox: stories newest first, virtualized (fixed row height, pages of 100 fetched on
 * demand), so 100 000 alerts scroll as smoothly as 10. When a poll brings alerts the list refreshes
 * around the row at the top of the viewport (anchored by story id), so what the user was looking
 * at stays put; the selection is a story id, not an index, so it survives too.
 *
 * The parts, one job each (./inbox/): useInboxPages (paging), useScrollAnchor (scroll anchoring),
 * useStoryActions (optimistic writes), useInboxKeys (keyboard), InboxHeader, InboxEmpty and
 * StoryRow (markup). This file wires them together.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { apiErrorOf, call, useEngineEvents } from '../lib/api';
import { useI18n } from '../i18n';
import { useApp } from '../app-context';
import { ErrorNote } from '../components/common';
import { InboxEmpty } from './inbox/InboxEmpty';
import { InboxHeader } from './inbox/InboxHeader';
import { StoryRow } from './inbox/StoryRow';
import { indexOfStory, ROW_HEIGHT, type Story } from './inbox/types';
import { useInboxKeys } from './inbox/useInboxKeys';
import { useInboxPages } from './inbox/useInboxPages';
import { useScrollAnchor } from './inbox/useScrollAnchor';
import { useStoryActions } from './inbox/useStoryActions';

export { ROW_HEIGHT };

export function Inbox({ active }: { active: boolean }) {
  const { t } = useI18n();
  const { inboxFilter, openArticle } = useApp();
  const [selected, setSelected] = useState<number | null>(null);
  const [fresh, setFresh] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useScrollAnchor(scrollRef);
  const [viewport, setViewport] = useState({ first: 0, last: 0 });

  const paging = useInboxPages(inboxFilter, viewport, {
    onReset: () => {
      setFresh(0);
      if (scrollRef.current) scrollRef.current.scrollTop = 0;
    },
    onAnchored: (at, index, risen) => {
      anchor.restore(at, index);
      setFresh((n) => n + risen);
    },
  });
  const { total, unreadTotal, pages, storyAt, error, setError } = paging;
  const actions = useStoryActions(paging);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // Keys stay the default (the index): a getItemKey that changes with the data would make the
    // virtualizer re-measure all 100 000 rows on every render.
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    setViewport((old) => (old.first === firstIndex && old.last === lastIndex ? old : { first: firstIndex, last: lastIndex }));
  }, [firstIndex, lastIndex]);

  const { refresh: refreshPages } = paging;
  const refresh = useCallback(() => refreshPages(anchor.current()), [refreshPages, anchor]);
  useEngineEvents(['alerts.new'], () => void refresh());

  // Back from another view (a new watchlist may have found older articles meanwhile): re-read,
  // anchored like a live update.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) void refresh();
    wasActive.current = active;
  }, [active, refresh]);

  const open = useCallback(
    (story: Story) => {
      setSelected(story.storyId);
      actions.markOpened(story);
      openArticle(story.article.id);
    },
    [actions, openArticle],
  );
  const markAllRead = async () => {
    try {
      await call('alerts.markAllRead', { watchlistId: inboxFilter.watchlistId });
      await refresh();
    } catch (failure) {
      setError(apiErrorOf(failure));
    }
  };

  const selectedIndex = useMemo(() => indexOfStory(pages, selected), [pages, selected]);
  const moveTo = useCallback(
    (index: number) => {
      const story = storyAt(index);
      virtualizer.scrollToIndex(index, { align: 'auto' });
      if (story) setSelected(story.storyId);
      document.getElementById(`story-${story?.storyId}`)?.focus({ preventScroll: true });
    },
    [storyAt, virtualizer],
  );
  useInboxKeys({
    active,
    total,
    selectedIndex,
    firstIndex,
    storyAt,
    moveTo,
    open,
    toggleRead: actions.toggleRead,
    toggleStar: actions.toggleStar,
  });

  const filtered = inboxFilter.filter !== 'all' || inboxFilter.watchlistId !== undefined || inboxFilter.day !== undefined;

  return (
    <section className="view inbox" aria-labelledby="inbox-title">
      <InboxHeader total={total} unreadTotal={unreadTotal} onMarkAllRead={() => void markAllRead()} />
      <ErrorNote error={error} onRetry={() => void refresh()} />
      {fresh > 0 ? (
        <button
          type="button"
          className="fresh-pill"
          onClick={() => {
            setFresh(0);
            anchor.toTop();
          }}
        >
          {t('inbox.newAbove', { n: fresh })}
        </button>
      ) : null}
      {total === 0 ? <InboxEmpty filtered={filtered} /> : null}
      <div
        ref={scrollRef}
        className="story-scroll"
        role="listbox"
        aria-label={t('inbox.listLabel')}
        aria-activedescendant={selected !== null ? `story-${selected}` : undefined}
        tabIndex={total ? 0 : -1}
        hidden={total === 0}
        data-total={total ?? 0}
      >
        <div className="story-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const story = storyAt(item.index);
            return (
              <div
                key={item.key}
                className="story-slot"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                data-index={item.index}
              >
                {story ? (
                  <StoryRow
                    story={story}
                    selected={story.storyId === selected}
                    onSelect={() => setSelected(story.storyId)}
                    onOpen={() => open(story)}
                    onToggleRead={() => actions.toggleRead(story)}
                    onToggleStar={() => actions.toggleStar(story)}
                    onToggleMute={() => actions.toggleMute(story)}
                  />
                ) : (
                  <div className="story placeholder" aria-hidden="true" />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
