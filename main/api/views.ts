import type { ApiParams, ApiResult } from '../../shared/api';
import type { MatchSpan } from '../../shared/types';
import { sanitizeArticleHtml } from '../feeds/html';
import type { Db } from '../store/database';
import { snippetAround } from '../watchlists/snippet';
import { dayKey, dayStart } from './time-zone';

const DAY_MS = 24 * 3600_000;

type ArticleSummary = ApiResult<'search.query'>['items'][number];

export function summarize(
  article: { id: number; feedId: number | null; sourceTitle: string; title: string; link: string | null; sortAt: number; publishedAt: number | null; text: string },
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

interface StoryRow {
  story_id: number;
  alert_id: number;
  newest: number;
  created_at: number;
  unread: number;
  starred: number;
  muted: number;
}

/**
 * The inbox: alerts grouped by story (the same news from several outlets shows once), newest
 * story first. A story is unread while any of its alerts is unread.
 */
export function listAlertStories(db: Db, params: Required<Pick<ApiParams<'alerts.list'>, 'filter' | 'offset' | 'limit'>> & ApiParams<'alerts.list'>, timeZone: string): ApiResult<'alerts.list'> {
  const where: string[] = [];
  const args: Record<string, number> = {};
  if (params.watchlistId !== undefined) {
    where.push('al.watchlist_id = @watchlistId');
    args.watchlistId = params.watchlistId;
  }
  if (params.day) {
    args.dayStart = dayStart(params.day, timeZone);
    args.dayEnd = args.dayStart + DAY_MS;
    where.push('al.sort_at >= @dayStart AND al.sort_at < @dayEnd');
  }
  const having = params.filter === 'unread' ? 'HAVING unread = 1' : params.filter === 'starred' ? 'HAVING starred = 1' : '';
  // One pass over the alerts: the page and both totals (window functions run before LIMIT).
  const grouped = `
    SELECT al.story_id, min(al.id) AS alert_id, max(al.sort_at) AS newest, min(al.created_at) AS created_at,
           max(al.read_at IS NULL) AS unread, max(al.starred) AS starred
    FROM alerts al
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    GROUP BY al.story_id ${having}`;
  const rows = db
    .prepare(
      `SELECT g.*, coalesce(s.muted, 0) AS muted, count(*) OVER () AS total_count, sum(g.unread) OVER () AS unread_count
       FROM (${grouped}) g LEFT JOIN story_state s ON s.story_id = g.story_id
       ORDER BY g.newest DESC, g.story_id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...args, limit: params.limit, offset: params.offset }) as Array<StoryRow & { total_count: number; unread_count: number }>;
  let total = rows[0]?.total_count ?? 0;
  let unreadTotal = rows[0]?.unread_count ?? 0;
  if (rows.length === 0 && params.offset > 0) {
    // Past the end: the totals still matter to the list's scrollbar.
    const counts = db.prepare(`SELECT count(*) AS total, coalesce(sum(unread), 0) AS unread FROM (${grouped})`).get(args) as { total: number; unread: number };
    total = counts.total;
    unreadTotal = counts.unread;
  }

  const firstAlert = db.prepare(
    `SELECT al.spans, a.id, a.feed_id, a.source_title, a.title, a.link, a.sort_at, a.published_at, a.text
     FROM alerts al JOIN articles a ON a.id = al.article_id WHERE al.id = ?`,
  );
  const chips = db.prepare(
    `SELECT DISTINCT al.watchlist_id AS id, al.watchlist_name AS name, coalesce(w.color, al.watchlist_color) AS color
     FROM alerts al LEFT JOIN watchlists w ON w.id = al.watchlist_id WHERE al.story_id = ? ORDER BY al.watchlist_name`,
  );
  // Outlets are told apart by the name their articles were stored under, not by feed row: a feed
  // removed and added again is a new row, and its old articles (kept for their alerts) are detached
  // from any row, but they are still the same outlet.
  const outlets = db.prepare(`SELECT count(DISTINCT source_title) FROM articles WHERE story_id = ?`).pluck();

  return {
    total,
    unreadTotal,
    stories: rows.map((row) => {
      const a = firstAlert.get(row.alert_id) as {
        spans: string; id: number; feed_id: number | null; source_title: string; title: string; link: string | null; sort_at: number; published_at: number | null; text: string;
      };
      return {
        storyId: row.story_id,
        alertId: row.alert_id,
        article: summarize(
          { id: a.id, feedId: a.feed_id, sourceTitle: a.source_title, title: a.title, link: a.link, sortAt: a.sort_at, publishedAt: a.published_at, text: a.text },
          JSON.parse(a.spans) as MatchSpan[],
        ),
        watchlists: chips.all(row.story_id) as Array<{ id: number | null; name: string; color: string }>,
        outlets: outlets.get(row.story_id) as number,
        unread: row.unread === 1,
        starred: row.starred === 1,
        muted: row.muted === 1,
        createdAt: row.created_at,
      };
    }),
  };
}

export function articleView(db: Db, id: number): ApiResult<'articles.get'> | undefined {
  const a = db.prepare(`SELECT a.*, f.url AS feed_url FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?`).get(id) as
    | { id: number; feed_id: number | null; story_id: number; source_title: string; title: string; author: string | null; link: string | null; published_at: number | null; first_seen_at: number; sort_at: number; raw_html: string; text: string; feed_url: string | null }
    | undefined;
  if (!a) return undefined;
  const alerts = db
    .prepare(
      `SELECT al.id, al.watchlist_id, al.watchlist_name, coalesce(w.color, al.watchlist_color) AS color, al.spans, al.read_at, al.starred
       FROM alerts al LEFT JOIN watchlists w ON w.id = al.watchlist_id WHERE al.article_id = ? ORDER BY al.id`,
    )
    .all(id) as Array<{ id: number; watchlist_id: number | null; watchlist_name: string; color: string; spans: string; read_at: number | null; starred: number }>;
  // One entry per other outlet (by name, as the inbox counts them), its first article.
  const others = (
    db
      .prepare(`SELECT id, source_title, title, link, sort_at FROM articles WHERE story_id = ? AND id <> ? AND source_title <> ? ORDER BY first_seen_at, id`)
      .all(a.story_id, id, a.source_title) as Array<{ id: number; source_title: string; title: string; link: string | null; sort_at: number }>
  ).filter((o, i, all) => all.findIndex((x) => x.source_title === o.source_title) === i);
  return {
    id: a.id,
    feedId: a.feed_id,
    storyId: a.story_id,
    sourceTitle: a.source_title,
    title: a.title,
    author: a.author,
    link: a.link,
    publishedAt: a.published_at,
    firstSeenAt: a.first_seen_at,
    sortAt: a.sort_at,
    // Sanitized here, on the way out (and again by DOMPurify in the renderer): see NormalizedItem.rawHtml.
    html: sanitizeArticleHtml(a.raw_html, a.link ?? a.feed_url),
    text: a.text,
    matches: alerts.map((al) => ({ alertId: al.id, watchlistId: al.watchlist_id, name: al.watchlist_name, color: al.color, spans: JSON.parse(al.spans) as MatchSpan[] })),
    otherOutlets: others.map((o) => ({ id: o.id, sourceTitle: o.source_title, title: o.title, link: o.link, sortAt: o.sort_at })),
    unread: alerts.some((al) => al.read_at === null),
    starred: alerts.some((al) => al.starred === 1),
  };
}

/** Alerts per watchlist: today (in the user's zone), the last 7 days, all. */
export function watchlistCounts(db: Db, now: number, timeZone: string): Map<number, { today: number; week: number; total: number }> {
  const today = dayStart(dayKey(now, timeZone), timeZone);
  const rows = db
    .prepare(
      `SELECT al.watchlist_id AS id, sum(al.sort_at >= @today) AS today, sum(al.sort_at >= @week) AS week, count(*) AS total
       FROM alerts al WHERE al.watchlist_id IS NOT NULL GROUP BY al.watchlist_id`,
    )
    .all({ today, week: now - 7 * DAY_MS }) as Array<{ id: number; today: number; week: number; total: number }>;
  return new Map(rows.map((r) => [r.id, { today: r.today, week: r.week, total: r.total }]));
}

/**
 * Daily alert counts per watchlist over the last `days` days (by when the news was published, so
 * a new watchlist's retroactive alerts do not pile up on its creation day). A day is a spike when
 * it is at least 3 and well above the average of the 7 days before it (mean + 2 standard deviations).
 */
export function dailyTrends(db: Db, watchlists: Array<{ id: number; name: string; color: string }>, now: number, days: number, timeZone: string): ApiResult<'trends.daily'> {
  const todayStart = dayStart(dayKey(now, timeZone), timeZone);
  const keys: string[] = [];
  for (let i = days - 1; i >= 0; i--) keys.push(dayKey(todayStart - i * DAY_MS + 12 * 3600_000, timeZone));
  const since = dayStart(keys[0]!, timeZone);
  const rows = db
    .prepare(`SELECT al.watchlist_id AS id, al.sort_at AS at FROM alerts al WHERE al.sort_at >= ? AND al.watchlist_id IS NOT NULL`)
    .all(since) as Array<{ id: number; at: number }>;
  const counts = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const perDay = counts.get(row.id) ?? new Map<string, number>();
    const key = dayKey(row.at, timeZone);
    perDay.set(key, (perDay.get(key) ?? 0) + 1);
    counts.set(row.id, perDay);
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
