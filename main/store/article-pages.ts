/**
 * The article pages of full-text monitoring (issue 11): which articles want their page fetched,
 * what came of it (the extracted body, or the reason it failed), and the validators for the next
 * conditional GET. One row per article that wants a page; an article whose feed carries it whole
 * has none.
 */
import type { PageFailureCode } from '../../shared/page-failures';
import type { Db } from './database';

/**
 * 'pending': to fetch (again, from `retryAt` when a transient failure set one); 'on-open': older
 * than 48 hours, fetched only when the user opens it; 'extracted': the body is here; 'failed': the
 * reason is here, the article keeps its feed text.
 */
export type PageState = 'pending' | 'on-open' | 'extracted' | 'failed';

export interface ArticlePage {
  articleId: number;
  state: PageState;
  /** Found by its feed's first poll: alerts from the body follow the backlog rule (no notification). */
  backlog: boolean;
  url: string | null;
  text: string | null;
  /** Sanitized on the way in, and again on the way out like feed HTML. */
  html: string | null;
  extractor: string | null;
  reason: PageFailureCode | null;
  detail: string | null;
  attempts: number;
  retryAt: number | null;
  etag: string | null;
  lastModified: string | null;
  fetchedAt: number | null;
}

/** A page to fetch, with what the fetch needs of its article. */
export interface DuePage {
  articleId: number;
  link: string;
  feedId: number | null;
  /** Where the link came from: its feed's address, or the news search that found it (feedUrl null). */
  feedUrl: string | null;
  searchEngine: string | null;
  etag: string | null;
  lastModified: string | null;
  attempts: number;
  feedTextLength: number;
}

interface PageRow {
  article_id: number;
  state: PageState;
  backlog: number;
  url: string | null;
  text: string | null;
  html: string | null;
  extractor: string | null;
  reason: string | null;
  detail: string | null;
  attempts: number;
  retry_at: number | null;
  etag: string | null;
  last_modified: string | null;
  fetched_at: number | null;
}

function toPage(row: PageRow): ArticlePage {
  return {
    articleId: row.article_id,
    state: row.state,
    backlog: row.backlog === 1,
    url: row.url,
    text: row.text,
    html: row.html,
    extractor: row.extractor,
    reason: row.reason as PageFailureCode | null,
    detail: row.detail,
    attempts: row.attempts,
    retryAt: row.retry_at,
    etag: row.etag,
    lastModified: row.last_modified,
    fetchedAt: row.fetched_at,
  };
}

export class ArticlePageStore {
  private readonly wantPage;
  private readonly byArticle;

  constructor(private readonly db: Db) {
    // A changed article that already has its page keeps it (the page did not change with the feed).
    this.wantPage = db.prepare(
      `INSERT INTO article_pages (article_id, state, backlog) VALUES (?, ?, ?) ON CONFLICT (article_id) DO NOTHING`,
    );
    this.byArticle = db.prepare(`SELECT * FROM article_pages WHERE article_id = ?`);
  }

  /** Runs `work` in one transaction: a page's body and the alerts it raises land together. */
  batch(work: () => void): void {
    this.db.transaction(work).immediate();
  }

  /** Marks an article as wanting its page (inside the poll's transaction); nothing if it has a row already. */
  want(articleId: number, state: 'pending' | 'on-open', backlog: boolean): void {
    this.wantPage.run(articleId, state, backlog ? 1 : 0);
  }

  get(articleId: number): ArticlePage | undefined {
    const row = this.byArticle.get(articleId) as PageRow | undefined;
    return row && toPage(row);
  }

  /**
   * Pages due now, oldest article first: pending ones whose retry time (if any) has come, from
   * articles that still have a link.
   */
  due(now: number, limit: number, skip: ReadonlySet<number> = new Set(), only?: number): DuePage[] {
    const rows = this.db
      .prepare(
        `SELECT p.article_id AS articleId, a.link, a.feed_id AS feedId, f.url AS feedUrl, a.search_engine AS searchEngine,
                p.etag, p.last_modified AS lastModified, p.attempts, length(a.text) AS feedTextLength
         FROM article_pages p JOIN articles a ON a.id = p.article_id LEFT JOIN feeds f ON f.id = a.feed_id
         WHERE p.state = 'pending' AND (p.retry_at IS NULL OR p.retry_at <= ?) AND a.link IS NOT NULL
           AND p.article_id NOT IN (SELECT value FROM json_each(?)) AND (? IS NULL OR p.article_id = ?)
         ORDER BY p.article_id LIMIT ?`,
      )
      .all(now, JSON.stringify([...skip]), only ?? null, only ?? null, limit) as DuePage[];
    return rows;
  }

  /** How many pages are pending and due now (`nunchi poll` waits until none is left it can fetch). */
  dueCount(now: number): number {
    return this.db
      .prepare(
        `SELECT count(*) FROM article_pages p JOIN articles a ON a.id = p.article_id
         WHERE p.state = 'pending' AND (p.retry_at IS NULL OR p.retry_at <= ?) AND a.link IS NOT NULL`,
      )
      .pluck()
      .get(now) as number;
  }

  /** The user opened the article: fetch it now whatever its age or backoff (a final failure stays final). */
  requestNow(articleId: number): boolean {
    const info = this.db
      .prepare(`UPDATE article_pages SET state = 'pending', retry_at = NULL WHERE article_id = ? AND state IN ('on-open', 'pending')`)
      .run(articleId);
    return info.changes > 0;
  }

  /** Stores the extracted body and queues the article for the search index again (it indexes the body). */
  saveExtracted(
    articleId: number,
    body: { url: string; text: string; html: string; extractor: string; etag: string | null; lastModified: string | null },
    now: number,
  ): void {
    this.db
      .prepare(
        `UPDATE article_pages SET state = 'extracted', url = @url, text = @text, html = @html, extractor = @extractor,
           reason = NULL, detail = NULL, retry_at = NULL, etag = @etag, last_modified = @lastModified, fetched_at = @now
         WHERE article_id = @articleId`,
      )
      .run({ ...body, articleId, now });
    this.db
      .prepare(`INSERT INTO fts_pending (article_id, reindex) VALUES (?, 1) ON CONFLICT (article_id) DO UPDATE SET reindex = 1`)
      .run(articleId);
  }

  /** A 304: the body extracted last time stands; only the fetch time moves. */
  saveNotModified(articleId: number, now: number): void {
    this.db
      .prepare(
        `UPDATE article_pages SET state = CASE WHEN text IS NULL THEN 'failed' ELSE 'extracted' END, retry_at = NULL, fetched_at = ? WHERE article_id = ?`,
      )
      .run(now, articleId);
  }

  /**
   * A failure, with its reason: the article keeps its feed text. A transient failure with a retry
   * time stays pending for then; any other is final until the user asks.
   */
  saveFailed(articleId: number, failure: { reason: PageFailureCode; detail: string; retryAt: number | null }, now: number): void {
    this.db
      .prepare(
        `UPDATE article_pages SET state = CASE WHEN @retryAt IS NULL THEN 'failed' ELSE 'pending' END,
           reason = @reason, detail = @detail, retry_at = @retryAt, attempts = attempts + 1, fetched_at = @now
         WHERE article_id = @articleId`,
      )
      .run({ articleId, reason: failure.reason, detail: failure.detail, retryAt: failure.retryAt, now });
  }
}
