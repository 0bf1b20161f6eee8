import type { FeedFormat, FeedRecord, FullTextMode, ListedFeed } from '../../shared/types';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

/**
 * A feed as better-sqlite3 returns it in raw mode: its values in SELECT_FEED's order.
 *
 * Why not a row object: better-sqlite3 builds one property at a time through V8's API, and for
 * these 25 columns reading 500 feeds took ~10 ms, most of `feeds list`'s own time (issue 14). An
 * array of the values is made in one call, and toRecord builds the object in JavaScript.
 */
type FeedRow = [
  id: number,
  url: string,
  title: string | null,
  customTitle: string | null,
  siteUrl: string | null,
  folder: string,
  catalogId: string | null,
  enabled: number,
  intervalMinutes: number,
  fullText: FullTextMode,
  format: string | null,
  encoding: string | null,
  ttlMinutes: number | null,
  etag: string | null,
  lastModified: string | null,
  lastFetchedAt: number | null,
  lastSuccessAt: number | null,
  lastStatus: string | null,
  lastErrorCode: string | null,
  lastError: string | null,
  lastErrorDetail: string | null,
  consecutiveFailures: number,
  nextDueAt: number,
  createdAt: number,
  /** Kept by the article store and triggers (migration 9). */
  articleCount: number,
];

/** Every column of FeedRow, in its order. */
const SELECT_FEED = `SELECT f.id, f.url, f.title, f.custom_title, f.site_url, f.folder, f.catalog_id, f.enabled,
  f.interval_minutes, f.full_text, f.format, f.encoding, f.ttl_minutes, f.etag, f.last_modified, f.last_fetched_at,
  f.last_success_at, f.last_status, f.last_error_code, f.last_error, f.last_error_detail, f.consecutive_failures,
  f.next_due_at, f.created_at, f.article_count
  FROM feeds f`;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

// Read by index, in FeedRow's order: destructuring the row ran the array iterator, an object per
// column, and a read command runs this cold (`feeds list`: ~0.5 MB for 500 feeds, issue 14).
function toRecord(row: FeedRow): FeedRecord {
  return {
    id: row[0],
    url: row[1],
    displayTitle: row[3] || row[2] || hostOf(row[1]),
    title: row[2],
    customTitle: row[3],
    siteUrl: row[4],
    folder: JSON.parse(row[5]) as string[],
    catalogId: row[6],
    enabled: row[7] === 1,
    intervalMinutes: row[8],
    fullText: row[9],
    format: row[10] as FeedFormat | null,
    encoding: row[11],
    ttlMinutes: row[12],
    etag: row[13],
    lastModified: row[14],
    lastFetchedAt: row[15],
    lastSuccessAt: row[16],
    lastStatus: row[17] as FeedRecord['lastStatus'],
    lastErrorCode: row[18],
    lastError: row[19],
    lastErrorDetail: row[20],
    consecutiveFailures: row[21],
    nextDueAt: row[22],
    createdAt: row[23],
  };
}

function toListed(row: FeedRow): ListedFeed {
  // Added to the record, not spread into a copy of its 25 fields (~1.2 KB a feed, run cold).
  return Object.assign(toRecord(row), { articleCount: row[24] });
}

export interface NewFeed {
  url: string;
  title?: string | null;
  siteUrl?: string | null;
  folder?: string[];
  catalogId?: string | null;
  intervalMinutes?: number;
  enabled?: boolean;
  fullText?: FullTextMode;
}

/** What one fetch attempt taught us about a feed. */
export type FeedFetchOutcome =
  | {
      kind: 'ok' | 'not-modified';
      at: number;
      nextDueAt: number;
      etag: string | null;
      lastModified: string | null;
      title?: string;
      siteUrl?: string | null;
      format?: FeedFormat;
      encoding?: string;
      ttlMinutes?: number | null;
    }
  | {
      kind: 'error';
      at: number;
      nextDueAt: number;
      code: string;
      message: string;
      detail: string;
    };

export class FeedStore {
  /** Prepared once, on first use: a poll records an outcome for every feed (preparing it each time was 5% of a cold poll's engine thread). */
  private recordSuccess: Statement | null = null;
  private recordError: Statement | null = null;

  constructor(private readonly db: Db) {}

  list(): ListedFeed[] {
    return (this.db.prepare(`${SELECT_FEED} ORDER BY f.id`).raw().all() as FeedRow[]).map(toListed);
  }

  /** How many feeds there are. */
  count(): number {
    return this.db.prepare(`SELECT count(*) FROM feeds`).pluck().get() as number;
  }

  /** Just ids and folders (for watchlist scopes): no per-feed article counts to compute. */
  folders(): Array<{ id: number; folder: string[] }> {
    return (this.db.prepare(`SELECT id, folder FROM feeds`).all() as Array<{ id: number; folder: string }>).map((r) => ({
      id: r.id,
      folder: JSON.parse(r.folder) as string[],
    }));
  }

  get(id: number): ListedFeed | undefined {
    const row = this.db.prepare(`${SELECT_FEED} WHERE f.id = ?`).raw().get(id) as FeedRow | undefined;
    return row && toListed(row);
  }

  findByUrl(url: string): ListedFeed | undefined {
    const row = this.db.prepare(`${SELECT_FEED} WHERE f.url = ?`).raw().get(url) as FeedRow | undefined;
    return row && toListed(row);
  }

  /** Adds a feed, or returns the existing one with the same URL (adding twice is harmless). */
  add(feed: NewFeed, now: number): ListedFeed {
    // Immediate: another process adding the same URL between the look-up and the insert would
    // otherwise make this fail on the UNIQUE constraint instead of returning its feed.
    return this.db.transaction(() => this.addNow(feed, now)).immediate();
  }

  private addNow(feed: NewFeed, now: number): ListedFeed {
    const existing = this.findByUrl(feed.url);
    if (existing) return existing;
    const info = this.db
      .prepare(
        `INSERT INTO feeds (url, title, site_url, folder, catalog_id, interval_minutes, enabled, full_text, next_due_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
      )
      .run(
        feed.url,
        feed.title ?? null,
        feed.siteUrl ?? null,
        JSON.stringify(feed.folder ?? []),
        feed.catalogId ?? null,
        feed.intervalMinutes ?? 10,
        feed.enabled === false ? 0 : 1,
        feed.fullText ?? 'auto',
        now,
      );
    return this.get(Number(info.lastInsertRowid))!;
  }

  update(
    id: number,
    patch: Partial<Pick<FeedRecord, 'customTitle' | 'folder' | 'enabled' | 'intervalMinutes' | 'nextDueAt' | 'fullText'>>,
  ): ListedFeed | undefined {
    const columns: Record<string, unknown> = {};
    if (patch.customTitle !== undefined) columns.custom_title = patch.customTitle;
    if (patch.folder !== undefined) columns.folder = JSON.stringify(patch.folder);
    if (patch.enabled !== undefined) columns.enabled = patch.enabled ? 1 : 0;
    if (patch.intervalMinutes !== undefined) columns.interval_minutes = patch.intervalMinutes;
    if (patch.nextDueAt !== undefined) columns.next_due_at = patch.nextDueAt;
    if (patch.fullText !== undefined) columns.full_text = patch.fullText;
    const keys = Object.keys(columns);
    if (keys.length > 0) {
      this.db.prepare(`UPDATE feeds SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`).run({ ...columns, id });
    }
    return this.get(id);
  }

  /**
   * Removes a feed. Its articles go too, except those an alert still refers to: those stay,
   * detached from the feed, under the outlet name they were stored with.
   */
  remove(id: number): boolean {
    return this.db
      .transaction(() => {
        const hasAlerts = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alerts'`).get();
        const ids = this.db
          .prepare(
            hasAlerts
              ? `SELECT id FROM articles WHERE feed_id = ? AND id NOT IN (SELECT article_id FROM alerts)`
              : `SELECT id FROM articles WHERE feed_id = ?`,
          )
          .pluck()
          .all(id) as number[];
        const unindex = this.db.prepare(`DELETE FROM articles_fts WHERE rowid = ?`);
        const unqueue = this.db.prepare(`DELETE FROM fts_pending WHERE article_id = ?`);
        const drop = this.db.prepare(`DELETE FROM articles WHERE id = ?`);
        for (const articleId of ids) {
          unindex.run(articleId);
          unqueue.run(articleId);
          drop.run(articleId);
        }
        return this.db.prepare(`DELETE FROM feeds WHERE id = ?`).run(id).changes > 0;
      })
      .immediate();
  }

  /** Enabled feeds whose time has come, the longest-waiting first. */
  due(now: number): FeedRecord[] {
    return (
      this.db.prepare(`${SELECT_FEED} WHERE f.enabled = 1 AND f.next_due_at <= ? ORDER BY f.next_due_at, f.id`).raw().all(now) as FeedRow[]
    ).map(toRecord);
  }

  enabled(): FeedRecord[] {
    return (this.db.prepare(`${SELECT_FEED} WHERE f.enabled = 1 ORDER BY f.id`).raw().all() as FeedRow[]).map(toRecord);
  }

  /** Records the results of several fetch attempts in one transaction (a poll's "not modified" answers). */
  recordOutcomes(outcomes: ReadonlyArray<{ id: number; outcome: FeedFetchOutcome }>): void {
    this.db
      .transaction(() => {
        for (const { id, outcome } of outcomes) this.recordOutcome(id, outcome);
      })
      .immediate();
  }

  /** Records the result of one fetch attempt. A failure never touches the stored articles. */
  recordOutcome(id: number, outcome: FeedFetchOutcome): void {
    if (outcome.kind === 'error') {
      this.recordError ??= this.db.prepare(
        `UPDATE feeds SET last_fetched_at = ?, last_status = 'error', last_error_code = ?, last_error = ?,
           last_error_detail = ?, consecutive_failures = consecutive_failures + 1, next_due_at = ?
         WHERE id = ?`,
      );
      this.recordError.run(outcome.at, outcome.code, outcome.message, outcome.detail, outcome.nextDueAt, id);
      return;
    }
    this.recordSuccess ??= this.db.prepare(
      `UPDATE feeds SET last_fetched_at = @at, last_success_at = @at, last_status = @kind,
         last_error_code = NULL, last_error = NULL, last_error_detail = NULL, consecutive_failures = 0,
         next_due_at = @nextDueAt, etag = @etag, last_modified = @lastModified,
         title = coalesce(@title, title), site_url = coalesce(@siteUrl, site_url),
         format = coalesce(@format, format), encoding = coalesce(@encoding, encoding),
         ttl_minutes = CASE WHEN @kind = 'ok' THEN @ttlMinutes ELSE ttl_minutes END
       WHERE id = @id`,
    );
    this.recordSuccess.run({
      id,
      at: outcome.at,
      kind: outcome.kind,
      nextDueAt: outcome.nextDueAt,
      etag: outcome.etag,
      lastModified: outcome.lastModified,
      title: outcome.title ?? null,
      siteUrl: outcome.siteUrl ?? null,
      format: outcome.format ?? null,
      encoding: outcome.encoding ?? null,
      ttlMinutes: outcome.ttlMinutes ?? null,
    });
  }
}
