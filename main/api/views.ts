import type { ApiParams, ApiResult } from '../../shared/api';
import type { MatchSpan } from '../../shared/types';
import { articleBodyHtml, sanitizeArticleHtml } from '../feeds/html';
import { pageReasonMessage } from '../pages/reason-message';
import { dayKey, dayStart } from '../../shared/time-zone';
import type { ArticleViewRow, StoryPage, StoryPageQuery } from '../store/inbox-reads';
import { snippetAround } from '../watchlists/snippet';

const DAY_MS = 24 * 3600_000;

type ArticleSummary = ApiResult<'search.query'>['items'][number];

export function summarize(
  article: {
    id: number;
    feedId: number | null;
    sourceTitle: string;
    title: string;
    link: string | null;
    sortAt: number;
    publishedAt: number | null;
    text: string;
  },
  spans: readonly MatchSpan[],
): ArticleSummary {
  const { snippet, spans: moved } = snippetAround(article.text, spans);
  return {
    id: article.id,
    feedId: article.feedId,
    sourceTitle: article.sourceTitle,
    title: article.title,
    link: article.link,
    sortAt: article.sortAt,
    publishedAt: article.publishedAt,
    snippet,
    spans: moved,
  };
}

/** The inbox page as the API shows it: each story's article summarized around its spans. */
export function storyPageView(page: StoryPage): ApiResult<'alerts.list'> {
  return {
    total: page.total,
    unreadTotal: page.unreadTotal,
    stories: page.stories.map((story) => ({
      storyId: story.storyId,
      alertId: story.alertId,
      article: summarize(story.article, story.spans),
      watchlists: story.watchlists,
      outlets: story.outlets,
      unread: story.unread,
      starred: story.starred,
      muted: story.muted,
      createdAt: story.createdAt,
    })),
  };
}

/** The alerts.list parameters as a store query: a calendar day in the user's time zone (undefined: the system's) becomes a time range. */
export function storyPageQuery(
  params: Required<Pick<ApiParams<'alerts.list'>, 'filter' | 'offset' | 'limit'>> & ApiParams<'alerts.list'>,
  timeZone: string | undefined,
): StoryPageQuery {
  const from = params.day ? dayStart(params.day, timeZone) : undefined;
  return {
    filter: params.filter,
    watchlistId: params.watchlistId,
    sortAt: from === undefined ? undefined : { from, to: from + DAY_MS },
    offset: params.offset,
    limit: params.limit,
  };
}

export function articleView(a: ArticleViewRow): ApiResult<'articles.get'> {
  return {
    id: a.id,
    feedId: a.feedId,
    storyId: a.storyId,
    sourceTitle: a.sourceTitle,
    title: a.title,
    author: a.author,
    link: a.link,
    publishedAt: a.publishedAt,
    firstSeenAt: a.firstSeenAt,
    sortAt: a.sortAt,
    // Sanitized here, on the way out (and again by DOMPurify in the renderer): see NormalizedItem.rawHtml.
    html: sanitizeArticleHtml(articleBodyHtml(a.rawHtml, a.text), a.link ?? a.feedUrl),
    text: a.text,
    matches: a.alerts.map((al) => ({ alertId: al.id, watchlistId: al.watchlistId, name: al.name, color: al.color, spans: al.spans })),
    otherOutlets: a.otherOutlets,
    unread: a.alerts.some((al) => !al.read),
    starred: a.alerts.some((al) => al.starred),
    page: a.page && {
      state: a.page.state,
      url: a.page.url,
      // Sanitized when stored and again here, exactly like the feed's HTML (same allow-list, same image policy).
      html: a.page.html === null ? null : sanitizeArticleHtml(a.page.html, a.page.url ?? a.link),
      text: a.page.text,
      reason: a.page.reason ? pageReasonMessage(a.page.reason) : a.page.state === 'on-open' ? pageReasonMessage('page.too_old') : null,
      detail: a.page.detail,
      fetchedAt: a.page.fetchedAt,
    },
  };
}

/** Where "today" and "the last 7 days" start for the watchlist counts, in the user's zone. */
export function countWindows(now: number, timeZone: string | undefined): { today: number; weekStart: number } {
  return { today: dayStart(dayKey(now, timeZone), timeZone), weekStart: now - 7 * DAY_MS };
}

/** The days a trends chart covers (oldest first) and the instant the first one starts. */
export function trendDays(now: number, days: number, timeZone: string | undefined): { keys: string[]; since: number } {
  const todayStart = dayStart(dayKey(now, timeZone), timeZone);
  const keys: string[] = [];
  for (let i = days - 1; i >= 0; i--) keys.push(dayKey(todayStart - i * DAY_MS + 12 * 3600_000, timeZone));
  return { keys, since: dayStart(keys[0]!, timeZone) };
}

/**
 * Daily alert counts per watchlist over the chart's days (by when the news was published, so a
 * new watchlist's retroactive alerts do not pile up on its creation day). A day is a spike when it
 * is at least 3 and well above the average of the 7 days before it (mean + 2 standard deviations).
 */
export function dailyTrends(
  alerts: ReadonlyArray<{ watchlistId: number; at: number }>,
  watchlists: ReadonlyArray<{ id: number; name: string; color: string }>,
  keys: readonly string[],
  timeZone: string | undefined,
): ApiResult<'trends.daily'> {
  const counts = new Map<number, Map<string, number>>();
  for (const row of alerts) {
    const perDay = counts.get(row.watchlistId) ?? new Map<string, number>();
    const key = dayKey(row.at, timeZone);
    perDay.set(key, (perDay.get(key) ?? 0) + 1);
    counts.set(row.watchlistId, perDay);
  }
  return watchlists.map((w) => {
    const series = keys.map((day) => counts.get(w.id)?.get(day) ?? 0);
    return {
      watchlistId: w.id,
      name: w.name,
      color: w.color,
      days: keys.map((day, i) => ({ day, count: series[i]!, spike: isSpike(series, i) })),
    };
  });
}

export function isSpike(series: readonly number[], i: number): boolean {
  const count = series[i]!;
  const window = series.slice(Math.max(0, i - 7), i);
  if (count < 3 || window.length < 3) return false;
  const mean = window.reduce((s, n) => s + n, 0) / window.length;
  const sd = Math.sqrt(window.reduce((s, n) => s + (n - mean) ** 2, 0) / window.length);
  return count >= mean + 2 * Math.max(sd, 1);
}
