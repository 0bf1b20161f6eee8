/**
 * The alerts inbox: stories newest first, virtualized (fixed row height, pages of 100 fetched on
 * demand), so 100 000 alerts scroll as smoothly as 10. When a poll brings alerts the list refreshes
 * around the row at the top of the viewport (anchored by story id), so what the user was looking
 * at stays put; the selection is a story id, not an index, so it survives too.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { apiErrorOf, call, useApi, useEngineEvents, type ApiError, type ApiResult } from '../lib/api';
import { useI18n } from '../i18n';
import { isTyping, useApp } from '../app-context';
import { Chips, EmptyState, ErrorNote, Highlighted, TimeAgo } from '../components/common';

type Story = ApiResult<'alerts.list'>['stories'][number];

export const ROW_HEIGHT = 112;
const PAGE = 100;

export function Inbox({ active }: { active: boolean }) {
  const { t } = useI18n();
  const { inboxFilter, setInboxFilter, openArticle, navigate } = useApp();
  const watchlists = useApi('watchlists.list', {}, []);
  useEngineEvents(['watchlists.changed'], () => watchlists.reload());

  const [total, setTotal] = useState<number | null>(null);
  const [unreadTotal, setUnreadTotal] = useState(0);
  const [pages, setPages] = useState<Map<number, Story[]>>(() => new Map());
  const [error, setError] = useState<ApiError>();
  const [selected, setSelected] = useState<number | null>(null);
  const [fresh, setFresh] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const generation = useRef(0);
  const pendingScroll = useRef<number | null>(null);
  const filterKey = `${inboxFilter.filter}|${inboxFilter.watchlistId ?? ''}|${inboxFilter.day ?? ''}`;

  const params = useCallback(
    (offset: number, limit: number) => ({
      filter: inboxFilter.filter,
      watchlistId: inboxFilter.watchlistId,
      day: inboxFilter.day,
      offset,
      limit,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filterKey stands for the filter fields read here
    [filterKey],
  );

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // Keys stay the default (the index): a getItemKey that changes with the data would make the
    // virtualizer re-measure all 100 000 rows on every render.
  });

  const storyAt = useCallback((index: number) => pages.get(Math.floor(index / PAGE))?.[index % PAGE], [pages]);

  // A new filter: start over at the top.
  useEffect(() => {
    generation.current += 1;
    const gen = generation.current;
    setPages(new Map());
    setTotal(null);
    setFresh(0);
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
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

  // Fetch the rows the viewport needs once scrolling pauses, one request at a time, always for
  // the viewport as it is *now*: a fling through 100 000 rows costs one request, not a thousand.
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  const loading = useRef<number | null>(null); // the generation of the request in flight
  useEffect(() => {
    if (total === null || total === 0) return;
    const timer = setTimeout(() => {
      const gen = generation.current;
      if (loading.current === gen) return; // its completion re-runs this effect
      let from = Math.floor(firstIndex / PAGE);
      let to = Math.floor(lastIndex / PAGE);
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
            for (let page = from; page <= to; page++) next.set(page, result.stories.slice((page - from) * PAGE, (page - from + 1) * PAGE));
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
  }, [firstIndex, lastIndex, pages, total, params]);

  /**
   * Re-read the list after a change, keeping the row at the top of the viewport where it is:
   * find its story id again (new stories above it shift its index) and scroll by the shift.
   */
  const refresh = useCallback(async () => {
    const el = scrollRef.current;
    const gen = ++generation.current;
    const top = el?.scrollTop ?? 0;
    const anchorIndex = Math.floor(top / ROW_HEIGHT);
    const anchor = storyAt(anchorIndex);
    try {
      if (top < ROW_HEIGHT / 2 || !anchor) {
        const result = await call('alerts.list', params(0, PAGE));
        if (gen !== generation.current) return;
        setTotal(result.total);
        setUnreadTotal(result.unreadTotal);
        setPages(new Map([[0, result.stories]]));
        return;
      }
      const head = await call('alerts.list', params(0, 1));
      const shift = Math.max(0, head.total - (total ?? 0));
      const firstPage = Math.max(0, Math.floor((anchorIndex + shift) / PAGE) - 1);
      const result = await call('alerts.list', params(firstPage * PAGE, PAGE * 3));
      if (gen !== generation.current) return;
      const found = result.stories.findIndex((s) => s.storyId === anchor.storyId);
      const newIndex = found >= 0 ? firstPage * PAGE + found : Math.min(anchorIndex + shift, result.total - 1);
      const next = new Map<number, Story[]>();
      for (let i = 0; i * PAGE < result.stories.length; i++) next.set(firstPage + i, result.stories.slice(i * PAGE, (i + 1) * PAGE));
      pendingScroll.current = newIndex * ROW_HEIGHT + (top - anchorIndex * ROW_HEIGHT);
      setFresh((n) => n + Math.max(0, newIndex - anchorIndex));
      setTotal(result.total);
      setUnreadTotal(result.unreadTotal);
      setPages(next);
    } catch (failure) {
      if (gen === generation.current) setError(apiErrorOf(failure));
    }
  }, [params, storyAt, total]);

  useLayoutEffect(() => {
    if (pendingScroll.current !== null && scrollRef.current) {
      scrollRef.current.scrollTop = pendingScroll.current;
      pendingScroll.current = null;
    }
  });

  useEngineEvents(['alerts.new'], () => void refresh());

  // Back from another view (a new watchlist may have found older articles meanwhile): re-read,
  // anchored like a live update.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) void refresh();
    wasActive.current = active;
  }, [active, refresh]);

  const patchStory = useCallback((storyId: number, patch: Partial<Story>) => {
    setPages((old) => {
      const next = new Map(old);
      for (const [key, list] of next) {
        if (list.some((s) => s.storyId === storyId)) next.set(key, list.map((s) => (s.storyId === storyId ? { ...s, ...patch } : s)));
      }
      return next;
    });
  }, []);

  const act = useCallback(
    async (action: Promise<unknown>, undo: () => void) => {
      try {
        await action;
      } catch (failure) {
        undo();
        setError(apiErrorOf(failure));
      }
    },
    [],
  );

  const toggleRead = useCallback(
    (story: Story) => {
      patchStory(story.storyId, { unread: !story.unread });
      setUnreadTotal((n) => n + (story.unread ? -1 : 1));
      void act(call('alerts.setRead', { storyIds: [story.storyId], read: story.unread }), () => patchStory(story.storyId, { unread: story.unread }));
    },
    [act, patchStory],
  );
  const toggleStar = useCallback(
    (story: Story) => {
      patchStory(story.storyId, { starred: !story.starred });
      void act(call('alerts.setStarred', { storyId: story.storyId, starred: !story.starred }), () => patchStory(story.storyId, { starred: story.starred }));
    },
    [act, patchStory],
  );
  const toggleMute = useCallback(
    (story: Story) => {
      patchStory(story.storyId, { muted: !story.muted });
      void act(call('alerts.muteStory', { storyId: story.storyId, muted: !story.muted }), () => patchStory(story.storyId, { muted: story.muted }));
    },
    [act, patchStory],
  );
  const open = useCallback(
    (story: Story) => {
      setSelected(story.storyId);
      if (story.unread) {
        patchStory(story.storyId, { unread: false });
        setUnreadTotal((n) => Math.max(0, n - 1));
      }
      openArticle(story.article.id);
    },
    [openArticle, patchStory],
  );
  const markAllRead = async () => {
    try {
      await call('alerts.markAllRead', { watchlistId: inboxFilter.watchlistId });
      await refresh();
    } catch (failure) {
      setError(apiErrorOf(failure));
    }
  };

  const selectedIndex = useMemo(() => {
    if (selected === null) return -1;
    for (const [page, list] of pages) {
      const i = list.findIndex((s) => s.storyId === selected);
      if (i >= 0) return page * PAGE + i;
    }
    return -1;
  }, [pages, selected]);

  // j/k, o/Enter, m, s: the inbox's keys, only while it is the visible view.
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (!total) return;
      const current = selectedIndex >= 0 ? selectedIndex : -1;
      const move = (to: number) => {
        const index = Math.max(0, Math.min(total - 1, to));
        const story = storyAt(index);
        virtualizer.scrollToIndex(index, { align: 'auto' });
        if (story) setSelected(story.storyId);
        document.getElementById(`story-${story?.storyId}`)?.focus({ preventScroll: true });
      };
      const story = current >= 0 ? storyAt(current) : undefined;
      switch (event.key) {
        case 'j':
          move(current < 0 ? firstIndex : current + 1);
          break;
        case 'k':
          move(current < 0 ? firstIndex : current - 1);
          break;
        case 'o':
        case 'Enter':
          if (story) open(story);
          else return;
          break;
        case 'm':
          if (story) toggleRead(story);
          else return;
          break;
        case 's':
          if (story) toggleStar(story);
          else return;
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, total, selectedIndex, storyAt, virtualizer, firstIndex, open, toggleRead, toggleStar]);

  const filtered = inboxFilter.filter !== 'all' || inboxFilter.watchlistId !== undefined || inboxFilter.day !== undefined;

  return (
    <section className="view inbox" aria-labelledby="inbox-title">
      <header className="view-header">
        <h1 id="inbox-title">{t('inbox.title')}</h1>
        <span className="count" aria-live="polite">
          {total !== null ? t('inbox.counts', { total, unread: unreadTotal }) : ''}
        </span>
        <div className="toolbar">
          <label>
            <span className="sr-only">{t('inbox.filterWatchlist')}</span>
            <select
              aria-label={t('inbox.filterWatchlist')}
              value={inboxFilter.watchlistId ?? ''}
              onChange={(e) => setInboxFilter({ ...inboxFilter, watchlistId: e.target.value ? Number(e.target.value) : undefined })}
            >
              <option value="">{t('inbox.allWatchlists')}</option>
              {watchlists.data?.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
          <div className="segmented" role="radiogroup" aria-label={t('inbox.filterState')}>
            {(['unread', 'starred', 'all'] as const).map((f) => (
              <button
                key={f}
                type="button"
                role="radio"
                aria-checked={inboxFilter.filter === f}
                className={inboxFilter.filter === f ? 'on' : ''}
                onClick={() => setInboxFilter({ ...inboxFilter, filter: f })}
              >
                {t(`inbox.filter.${f}`)}
              </button>
            ))}
          </div>
          {inboxFilter.day ? (
            <button type="button" className="day-chip" onClick={() => setInboxFilter({ ...inboxFilter, day: undefined })} aria-label={t('inbox.clearDay', { day: inboxFilter.day })}>
              {inboxFilter.day} ✕
            </button>
          ) : null}
          <button type="button" onClick={() => void markAllRead()} disabled={!unreadTotal}>
            {t('inbox.markAllRead')}
          </button>
        </div>
      </header>
      <ErrorNote error={error} onRetry={() => void refresh()} />
      {fresh > 0 ? (
        <button
          type="button"
          className="fresh-pill"
          onClick={() => {
            setFresh(0);
            scrollRef.current?.scrollTo({ top: 0 });
          }}
        >
          {t('inbox.newAbove', { n: fresh })}
        </button>
      ) : null}
      {total === 0 ? (
        filtered ? (
          <EmptyState title={t('inbox.emptyFiltered')}>
            <button type="button" onClick={() => setInboxFilter({ filter: 'all' })}>
              {t('inbox.showAll')}
            </button>
          </EmptyState>
        ) : (
          <EmptyState title={t('inbox.emptyTitle')}>
            <ol className="steps">
              <li>
                <button type="button" className="link" onClick={() => navigate('feeds')}>
                  {t('inbox.step1')}
                </button>
              </li>
              <li>
                <button type="button" className="link" onClick={() => navigate('watchlists')}>
                  {t('inbox.step2')}
                </button>
              </li>
              <li>{t('inbox.step3')}</li>
            </ol>
          </EmptyState>
        )
      ) : null}
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
              <div key={item.key} className="story-slot" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }} data-index={item.index}>
                {story ? (
                  <StoryRow
                    story={story}
                    selected={story.storyId === selected}
                    onSelect={() => setSelected(story.storyId)}
                    onOpen={() => open(story)}
                    onToggleRead={() => toggleRead(story)}
                    onToggleStar={() => toggleStar(story)}
                    onToggleMute={() => toggleMute(story)}
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

function StoryRow(props: {
  story: Story;
  selected: boolean;
  onSelect: () => void;
  onOpen: () => void;
  onToggleRead: () => void;
  onToggleStar: () => void;
  onToggleMute: () => void;
}) {
  const { t } = useI18n();
  const { story } = props;
  const a = story.article;
  return (
    <div
      id={`story-${story.storyId}`}
      role="option"
      aria-selected={props.selected}
      tabIndex={-1}
      className={`story${story.unread ? ' unread' : ''}${props.selected ? ' selected' : ''}${story.muted ? ' muted' : ''}`}
      onClick={props.onSelect}
      onDoubleClick={props.onOpen}
      data-story={story.storyId}
    >
      <div className="story-meta">
        <Chips items={story.watchlists} />
        <span className="source">{a.sourceTitle}</span>
        {story.outlets > 1 ? <span className="outlets">{t('inbox.outlets', { n: story.outlets })}</span> : null}
        {story.muted ? <span className="badge">{t('inbox.muted')}</span> : null}
        <TimeAgo at={a.sortAt} />
      </div>
      <button type="button" className="story-title" onClick={props.onOpen}>
        <Highlighted text={a.title} spans={a.spans} field="title" />
      </button>
      <p className="snippet">
        <Highlighted text={a.snippet} spans={a.spans} field="text" />
      </p>
      <div className="story-actions">
        <button type="button" aria-pressed={story.starred} aria-label={story.starred ? t('inbox.unstar') : t('inbox.star')} title={t('inbox.star')} onClick={props.onToggleStar}>
          {story.starred ? '★' : '☆'}
        </button>
        <button type="button" aria-label={story.unread ? t('inbox.markRead') : t('inbox.markUnread')} title={story.unread ? t('inbox.markRead') : t('inbox.markUnread')} onClick={props.onToggleRead}>
          {story.unread ? '●' : '○'}
        </button>
        <button type="button" aria-pressed={story.muted} aria-label={story.muted ? t('inbox.unmute') : t('inbox.mute')} title={story.muted ? t('inbox.unmute') : t('inbox.mute')} onClick={props.onToggleMute}>
          {story.muted ? t('inbox.unmuteShort') : t('inbox.muteShort')}
        </button>
      </div>
    </div>
  );
}
