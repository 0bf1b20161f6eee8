/**
 * The read models the inbox, the article view, the watchlist list and the trends chart show:
 * queries only, shaped for the API by main/api/views.ts.
 */
import type { PageFailureCode } from '../../shared/page-failures';
import type { MatchSpan } from '../../shared/types';
import type { PageState } from './article-pages';
import type { Db } from './database';

export interface StoryPageQuery {
  filter: 'all' | 'unread' | 'starred';
  watchlistId?: number;
  /** Only alerts whose sort time is in [from, to). */
  sortAt?: { from: number; to: number };
  offset: number;
  limit: number;
}

/** What a listed article shows (see api/views.ts summarize). */
export interface ArticleSummaryRow {
  id: number;
  feedId: number | null;
  sourceTitle: string;
  title: string;
  link: string | null;
  sortAt: number;
  publishedAt: number | null;
  text: string;
}

export interface WatchlistChip {
  id: number | null;
  name: string;
  color: string;
}

export interface StoryRow {
  storyId: number;
  /** The story's first alert: its article and spans represent the story. */
  alertId: number;
  article: ArticleSummaryRow;
  spans: MatchSpan[];
  watchlists: WatchlistChip[];
  /**
   * Distinct outlets carrying the story, told apart by the outlet the article's link names (the
   * outlet table: one outlet by feed, Google News or Naver is one outlet), else by the name their
   * articles were stored under, not by feed row: a feed removed and added again is a new row, and its old articles (kept for
   * their alerts) are detached from any row, but they are still the same outlet.
   */
  outlets: number;
  unread: boolean;
  starred: boolean;
  muted: boolean;
  createdAt: number;
}

export interface StoryPage {
  total: number;
  unreadTotal: number;
  stories: StoryRow[];
}

export interface ArticleViewRow extends ArticleSummaryRow {
  storyId: number;
  author: string | null;
  firstSeenAt: number;
  /** Unsanitized: sanitize on the way out (see NormalizedItem.rawHtml). */
  rawHtml: string;
  feedUrl: string | null;
  alerts: Array<{
    id: number;
    watchlistId: number | null;
    name: string;
    color: string;
    spans: MatchSpan[];
    read: boolean;
    starred: boolean;
  }>;
  otherOutlets: Array<{ id: number; sourceTitle: string; title: string; link: string | null; sortAt: number }>;
  /** The article's own page (full-text monitoring), when it wants one: its body, or why there is none. */
  page: ArticlePageView | null;
}

export interface ArticlePageView {
  state: PageState;
  url: string | null;
  text: string | null;
  /** Sanitized when stored; sanitize again on the way out like feed HTML. */
  html: string | null;
  reason: PageFailureCode | null;
  detail: string | null;
  fetchedAt: number | null;
  retryAt: number | null;
}

interface PageRow {
  story_id: number;
  alert_id: number;
  created_at: number;
  unread: number;
  starred: number;
  muted: number;
  total_count: number;
  unread_count: number;
  spans: string;
  id: number;
  feed_id: number | null;
  source_title: string;
  title: string;
  link: string | null;
  sort_at: number;
  published_at: number | null;
  text: string;
  /** The page's body, when the row's alert was raised by it. */
  body: string | null;
  chips: string;
  outlets: number;
}

export class InboxReads {
  constructor(private readonly db: Db) {}

  /**
   * The inbox: alerts grouped by story (the same news from several outlets shows once), newest
   * story first. A story is unread while any of its alerts is unread. One query: the page, both
   * totals (window functions run before LIMIT), and for each story its first alert's article, its
   * watchlist chips and its outlet count.
   */
  storyPage(query: StoryPageQuery): StoryPage {
    const where: string[] = [];
    const args: Record<string, number> = {};
    if (query.watchlistId !== undefined) {
      where.push('al.watchlist_id = @watchlistId');
      args.watchlistId = query.watchlistId;
    }
    if (query.sortAt) {
      where.push('al.sort_at >= @from AND al.sort_at < @to');
      args.from = query.sortAt.from;
      args.to = query.sortAt.to;
    }
    const having = query.filter === 'unread' ? 'HAVING unread = 1' : query.filter === 'starred' ? 'HAVING starred = 1' : '';
    const grouped = `
      SELECT al.story_id, min(al.id) AS alert_id, max(al.sort_at) AS newest, min(al.created_at) AS created_at,
             max(al.read_at IS NULL) AS unread, max(al.starred) AS starred
      FROM alerts al
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      GROUP BY al.story_id ${having}`;
    const rows = this.db
      .prepare(
        `WITH page AS (
           SELECT g.*, coalesce(s.muted, 0) AS muted, count(*) OVER () AS total_count, sum(g.unread) OVER () AS unread_count
           FROM (${grouped}) g LEFT JOIN story_state s ON s.story_id = g.story_id
           ORDER BY g.newest DESC, g.story_id DESC LIMIT @limit OFFSET @offset
         )
         SELECT page.story_id, page.alert_id, page.created_at, page.unread, page.starred, page.muted, page.total_count, page.unread_count,
                al.spans, a.id, a.feed_id, a.source_title, a.title, a.link, a.sort_at, a.published_at, a.text,
                (SELECT pg.text FROM article_pages pg WHERE pg.article_id = a.id AND al.spans LIKE '%"body"%') AS body,
                (SELECT json_group_array(json_object('id', c.id, 'name', c.name, 'color', c.color) ORDER BY c.name)
                 FROM (SELECT DISTINCT w2.watchlist_id AS id, w2.watchlist_name AS name, coalesce(w.color, w2.watchlist_color) AS color
                       FROM alerts w2 LEFT JOIN watchlists w ON w.id = w2.watchlist_id WHERE w2.story_id = page.story_id) c) AS chips,
                (SELECT count(DISTINCT coalesce(o.outlet, o.source_title)) FROM articles o WHERE o.story_id = page.story_id) AS outlets
         FROM page JOIN alerts al ON al.id = page.alert_id JOIN articles a ON a.id = al.article_id
         ORDER BY page.newest DESC, page.story_id DESC`,
      )
      .all({ ...args, limit: query.limit, offset: query.offset }) as PageRow[];
    let total = rows[0]?.total_count ?? 0;
    let unreadTotal = rows[0]?.unread_count ?? 0;
    if (rows.length === 0 && query.offset > 0) {
      // Past the end: the totals still matter to the list's scrollbar.
      const counts = this.db.prepare(`SELECT count(*) AS total, coalesce(sum(unread), 0) AS unread FROM (${grouped})`).get(args) as {
        total: number;
        unread: number;
      };
      total = counts.total;
      unreadTotal = counts.unread;
    }
    return {
      total,
      unreadTotal,
      stories: rows.map((row) => {
        // An alert raised by the page's body (its spans are in the title and the body, never the
        // feed's text): the row shows the body around the match.
        const spans = JSON.parse(row.spans) as MatchSpan[];
        const fromBody = row.body !== null;
        return {
          storyId: row.story_id,
          alertId: row.alert_id,
          article: {
            id: row.id,
            feedId: row.feed_id,
            sourceTitle: row.source_title,
            title: row.title,
            link: row.link,
            sortAt: row.sort_at,
            publishedAt: row.published_at,
            text: fromBody ? row.body! : row.text,
          },
          spans: fromBody ? spans.map((s): MatchSpan => (s.field === 'body' ? { ...s, field: 'text' } : s)) : spans,
          watchlists: JSON.parse(row.chips) as WatchlistChip[],
          outlets: row.outlets,
          unread: row.unread === 1,
          starred: row.starred === 1,
          muted: row.muted === 1,
          createdAt: row.created_at,
        };
      }),
    };
  }

  /** One article with its alerts and the other outlets' articles of its story. */
  article(id: number): ArticleViewRow | undefined {
    const a = this.db
      .prepare(`SELECT a.*, f.url AS feed_url FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?`)
      .get(id) as
      | {
          id: number;
          feed_id: number | null;
          story_id: number;
          source_title: string;
          title: string;
          author: string | null;
          link: string | null;
          published_at: number | null;
          first_seen_at: number;
          sort_at: number;
          raw_html: string;
          text: string;
          feed_url: string | null;
        }
      | undefined;
    if (!a) return undefined;
    const alerts = this.db
      .prepare(
        `SELECT al.id, al.watchlist_id, al.watchlist_name, coalesce(w.color, al.watchlist_color) AS color, al.spans, al.read_at, al.starred
         FROM alerts al LEFT JOIN watchlists w ON w.id = al.watchlist_id WHERE al.article_id = ? ORDER BY al.id`,
      )
      .all(id) as Array<{
      id: number;
      watchlist_id: number | null;
      watchlist_name: string;
      color: string;
      spans: string;
      read_at: number | null;
      starred: number;
    }>;
    // One entry per other outlet (as the inbox counts them): its first article.
    const others = (
      this.db
        .prepare(
          `SELECT id, source_title, title, link, sort_at, coalesce(outlet, source_title) AS outlet_key FROM articles
           WHERE story_id = ? AND id <> ? AND coalesce(outlet, source_title) <> (SELECT coalesce(outlet, source_title) FROM articles WHERE id = ?)
           ORDER BY first_seen_at, id`,
        )
        .all(a.story_id, id, id) as Array<{
        id: number;
        source_title: string;
        title: string;
        link: string | null;
        sort_at: number;
        outlet_key: string;
      }>
    ).filter((o, i, all) => all.findIndex((x) => x.outlet_key === o.outlet_key) === i);
    const page = this.db
      .prepare(
        `SELECT state, url, text, html, reason, detail, fetched_at AS fetchedAt, retry_at AS retryAt FROM article_pages WHERE article_id = ?`,
      )
      .get(id) as ArticlePageView | undefined;
    return {
      page: page ?? null,
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
      rawHtml: a.raw_html,
      text: a.text,
      feedUrl: a.feed_url,
      alerts: alerts.map((al) => ({
        id: al.id,
        watchlistId: al.watchlist_id,
        name: al.watchlist_name,
        color: al.color,
        spans: JSON.parse(al.spans) as MatchSpan[],
        read: al.read_at !== null,
        starred: al.starred === 1,
      })),
      otherOutlets: others.map((o) => ({ id: o.id, sourceTitle: o.source_title, title: o.title, link: o.link, sortAt: o.sort_at })),
    };
  }

  /** Alerts per watchlist: since `today`, since `weekStart`, all. */
  watchlistCounts(today: number, weekStart: number): Map<number, { today: number; week: number; total: number }> {
    const rows = this.db
      .prepare(
        `SELECT al.watchlist_id AS id, sum(al.sort_at >= @today) AS today, sum(al.sort_at >= @week) AS week, count(*) AS total
         FROM alerts al WHERE al.watchlist_id IS NOT NULL GROUP BY al.watchlist_id`,
      )
      .all({ today, week: weekStart }) as Array<{ id: number; today: number; week: number; total: number }>;
    return new Map(rows.map((r) => [r.id, { today: r.today, week: r.week, total: r.total }]));
  }

  /** Every alert since `since` (by the article's sort time) with its watchlist: the trends chart counts them per day. */
  alertTimesSince(since: number): Array<{ watchlistId: number; at: number }> {
    return this.db
      .prepare(
        `SELECT al.watchlist_id AS watchlistId, al.sort_at AS at FROM alerts al WHERE al.sort_at >= ? AND al.watchlist_id IS NOT NULL`,
      )
      .all(since) as Array<{ watchlistId: number; at: number }>;
  }
}
