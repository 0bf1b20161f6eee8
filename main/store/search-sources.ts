/**
 * The news-search sources of the watchlists (issue 12): one row per (watchlist, engine) holding
 * its polite-polling state (main/search/schedule.ts keeps the rules, this only keeps the state),
 * and the Naver quota's count of the day, which must survive a restart.
 */
import type { SearchEngineKind, SearchSourceRecord } from '../../shared/types';
import type { Db } from './database';

/** The state of one source's polling, as main/search/schedule.ts reads and returns it. */
export interface StoredSearchState {
  nextDueAt: number;
  consecutiveFailures: number;
  lastPolledAt: number | null;
  lastSuccessAt: number | null;
  lastErrorCode: string | null;
  seen: string[];
}

/** A source to poll now: its watchlist's current query and the state for that query. */
export interface DueSearchSource {
  watchlistId: number;
  watchlistName: string;
  engine: SearchEngineKind;
  query: string;
  state: StoredSearchState;
}

interface SourceRow {
  watchlist_id: number;
  engine: SearchEngineKind;
  query: string | null;
  next_due_at: number;
  consecutive_failures: number;
  last_polled_at: number | null;
  last_success_at: number | null;
  last_error_code: string | null;
  last_error_detail: string | null;
  last_found: number;
  seen: string;
  watchlist_name: string;
  watchlist_query: string;
  watchlist_enabled: number;
}

const QUOTA_KEY = 'newsSearch.naverQuota';

function stateOf(row: SourceRow): StoredSearchState {
  // The state belongs to the query it was built for: an edited query is a new source, whose
  // first poll is backlog again (its older results must not all notify at once).
  if (row.query !== row.watchlist_query) {
    return { nextDueAt: 0, consecutiveFailures: 0, lastPolledAt: row.last_polled_at, lastSuccessAt: null, lastErrorCode: null, seen: [] };
  }
  let seen: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.seen);
    if (Array.isArray(parsed)) seen = parsed.filter((k): k is string => typeof k === 'string');
  } catch {
    // A damaged list only costs one poll's worth of duplicates, which the store finds unchanged.
  }
  return {
    nextDueAt: row.next_due_at,
    consecutiveFailures: row.consecutive_failures,
    lastPolledAt: row.last_polled_at,
    lastSuccessAt: row.last_success_at,
    lastErrorCode: row.last_error_code,
    seen,
  };
}

export class SearchSourceStore {
  private readonly select = `SELECT s.*, w.name AS watchlist_name, w.query AS watchlist_query, w.enabled AS watchlist_enabled
    FROM search_sources s JOIN watchlists w ON w.id = s.watchlist_id`;

  constructor(private readonly db: Db) {}

  /** The sources of enabled watchlists that are due at `now` (all of them with `all`). */
  due(now: number, all = false): DueSearchSource[] {
    const rows = this.db.prepare(`${this.select} WHERE w.enabled = 1 ORDER BY s.watchlist_id, s.engine`).all() as SourceRow[];
    return rows
      .map((row) => ({ row, state: stateOf(row) }))
      .filter(({ state }) => all || state.nextDueAt <= now)
      .map(({ row, state }) => ({
        watchlistId: row.watchlist_id,
        watchlistName: row.watchlist_name,
        engine: row.engine,
        query: row.watchlist_query,
        state,
      }));
  }

  /**
   * Keeps a source's state after a poll, for the query it ran. A source removed meanwhile (the
   * user switched it off) stays removed.
   */
  save(
    source: Pick<DueSearchSource, 'watchlistId' | 'engine' | 'query'>,
    state: StoredSearchState,
    outcome: { errorDetail: string | null; found: number | null },
  ): void {
    this.db
      .prepare(
        `UPDATE search_sources SET query = @query, next_due_at = @nextDueAt, consecutive_failures = @consecutiveFailures,
           last_polled_at = @lastPolledAt, last_success_at = @lastSuccessAt, last_error_code = @lastErrorCode,
           last_error_detail = @errorDetail, last_found = coalesce(@found, last_found), seen = @seen
         WHERE watchlist_id = @watchlistId AND engine = @engine`,
      )
      .run({
        ...state,
        seen: JSON.stringify(state.seen),
        query: source.query,
        watchlistId: source.watchlistId,
        engine: source.engine,
        errorDetail: outcome.errorDetail,
        found: outcome.found,
      });
  }

  /** Makes the sources of `engine` that last failed with one of `codes` due now (new keys were entered). */
  retryNow(engine: string, codes: readonly string[]): void {
    this.db
      .prepare(`UPDATE search_sources SET next_due_at = 0 WHERE engine = ? AND last_error_code IN (SELECT value FROM json_each(?))`)
      .run(engine, JSON.stringify(codes));
  }

  /** Every source with its health, for the Feeds and Watchlists views. */
  list(): SearchSourceRecord[] {
    const rows = this.db.prepare(`${this.select} ORDER BY s.watchlist_id, s.engine`).all() as SourceRow[];
    return rows.map((row) => {
      const state = stateOf(row);
      return {
        watchlistId: row.watchlist_id,
        watchlistName: row.watchlist_name,
        engine: row.engine,
        enabled: row.watchlist_enabled === 1,
        nextDueAt: state.nextDueAt,
        consecutiveFailures: state.consecutiveFailures,
        lastPolledAt: row.last_polled_at,
        lastSuccessAt: state.lastSuccessAt,
        lastErrorCode: state.lastErrorCode,
        lastErrorDetail: state.lastErrorCode === null ? null : row.last_error_detail,
        lastFound: state.lastSuccessAt === null ? 0 : row.last_found,
      };
    });
  }

  /** The Naver quota's count as last kept (null: none yet). */
  naverQuota(): { day: string; used: number } | null {
    const raw = this.db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(QUOTA_KEY) as string | undefined;
    if (raw === undefined) return null;
    try {
      const value = JSON.parse(raw) as { day?: unknown; used?: unknown };
      return typeof value.day === 'string' && typeof value.used === 'number' ? { day: value.day, used: value.used } : null;
    } catch {
      return null;
    }
  }

  saveNaverQuota(state: { day: string; used: number }): void {
    this.db
      .prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
      .run(QUOTA_KEY, JSON.stringify(state));
  }
}
