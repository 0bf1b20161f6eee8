import { SEARCH_ENGINES, type FeedScope, type SearchEngineKind, type Watchlist } from '../../shared/types';
import type { Db } from './database';

interface WatchlistRow {
  id: number;
  name: string;
  color: string;
  query: string;
  enabled: number;
  notify: number;
  feed_scope: string | null;
  mute_terms: string;
  revision: number;
  backfilled_revision: number;
  created_at: number;
  updated_at: number;
  /** Comma-separated engines from search_sources (the SELECT below). */
  search_sources: string | null;
}

function toWatchlist(row: WatchlistRow): Watchlist {
  return {
    id: row.id,
    name: row.name,
    color: row.color,
    query: row.query,
    enabled: row.enabled === 1,
    notify: row.notify === 1,
    feedScope: row.feed_scope ? (JSON.parse(row.feed_scope) as FeedScope) : null,
    muteTerms: JSON.parse(row.mute_terms) as string[],
    revision: row.revision,
    backfilling: row.enabled === 1 && row.backfilled_revision < row.revision,
    searchSources: SEARCH_ENGINES.filter((engine) => (row.search_sources ?? '').split(',').includes(engine)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface WatchlistInput {
  name: string;
  query: string;
  color?: string;
  enabled?: boolean;
  notify?: boolean;
  feedScope?: FeedScope | null;
  muteTerms?: string[];
  /** The news-search engines it also watches; a source dropped loses its polling state. */
  searchSources?: SearchEngineKind[];
}

const SELECT = `SELECT w.*, (SELECT group_concat(s.engine) FROM search_sources s WHERE s.watchlist_id = w.id) AS search_sources FROM watchlists w`;

/** Chip colours handed out in turn to new watchlists; all readable on light and dark themes. */
export const WATCHLIST_COLORS = ['#e11d48', '#2563eb', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

export class WatchlistStore {
  constructor(private readonly db: Db) {}

  list(): Watchlist[] {
    return (this.db.prepare(`${SELECT} ORDER BY w.id`).all() as WatchlistRow[]).map(toWatchlist);
  }

  get(id: number): Watchlist | undefined {
    const row = this.db.prepare(`${SELECT} WHERE w.id = ?`).get(id) as WatchlistRow | undefined;
    return row && toWatchlist(row);
  }

  findByName(name: string): Watchlist | undefined {
    const row = this.db.prepare(`${SELECT} WHERE w.name = ? ORDER BY w.id LIMIT 1`).get(name) as WatchlistRow | undefined;
    return row && toWatchlist(row);
  }

  /** Immediate (like update): the colour is chosen from the count read in the same transaction. */
  create(input: WatchlistInput, now: number): Watchlist {
    return this.db.transaction(() => this.createNow(input, now)).immediate();
  }

  private createNow(input: WatchlistInput, now: number): Watchlist {
    const count = this.db.prepare(`SELECT count(*) FROM watchlists`).pluck().get() as number;
    const info = this.db
      .prepare(
        `INSERT INTO watchlists (name, color, query, enabled, notify, feed_scope, mute_terms, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.name,
        input.color ?? WATCHLIST_COLORS[count % WATCHLIST_COLORS.length]!,
        input.query,
        input.enabled === false ? 0 : 1,
        input.notify === false ? 0 : 1,
        input.feedScope ? JSON.stringify(input.feedScope) : null,
        JSON.stringify(input.muteTerms ?? []),
        now,
        now,
      );
    const id = Number(info.lastInsertRowid);
    this.setSearchSources(id, input.searchSources ?? [], now);
    return this.get(id)!;
  }

  /**
   * Changes a watchlist. Changing what it matches (query, scope, mutes) or switching it on bumps
   * its revision, which queues the retroactive pass; alerts already raised are never touched.
   */
  update(id: number, patch: Partial<WatchlistInput>, now: number): Watchlist | undefined {
    // Read and write in one immediate transaction: a change another process made in between is
    // neither overwritten with stale values nor a reason to fail with SQLITE_BUSY_SNAPSHOT.
    return this.db.transaction(() => this.updateNow(id, patch, now)).immediate();
  }

  private updateNow(id: number, patch: Partial<WatchlistInput>, now: number): Watchlist | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    const next = { ...current, ...patch };
    const matchingChanged =
      next.query !== current.query ||
      JSON.stringify(next.feedScope ?? null) !== JSON.stringify(current.feedScope) ||
      JSON.stringify(next.muteTerms) !== JSON.stringify(current.muteTerms) ||
      (next.enabled && !current.enabled);
    this.db
      .prepare(
        `UPDATE watchlists SET name = ?, color = ?, query = ?, enabled = ?, notify = ?, feed_scope = ?, mute_terms = ?,
           revision = revision + ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        next.name,
        next.color,
        next.query,
        next.enabled ? 1 : 0,
        next.notify ? 1 : 0,
        next.feedScope ? JSON.stringify(next.feedScope) : null,
        JSON.stringify(next.muteTerms ?? []),
        matchingChanged ? 1 : 0,
        now,
        id,
      );
    if (patch.searchSources) this.setSearchSources(id, patch.searchSources, now);
    return this.get(id);
  }

  /**
   * Deletes a watchlist. Its alerts are kept (detached, still showing its name and colour) or
   * deleted, as the user chose.
   */
  remove(id: number, alerts: 'keep' | 'delete'): boolean {
    return this.db
      .transaction(() => {
        if (alerts === 'delete') this.db.prepare(`DELETE FROM alerts WHERE watchlist_id = ?`).run(id);
        return this.db.prepare(`DELETE FROM watchlists WHERE id = ?`).run(id).changes > 0;
      })
      .immediate();
  }

  /** Adds the engines newly switched on (due at once, backlog first) and drops those switched off. */
  private setSearchSources(id: number, engines: readonly SearchEngineKind[], now: number): void {
    const wanted = SEARCH_ENGINES.filter((engine) => engines.includes(engine));
    this.db
      .prepare(`DELETE FROM search_sources WHERE watchlist_id = ? AND engine NOT IN (SELECT value FROM json_each(?))`)
      .run(id, JSON.stringify(wanted));
    const add = this.db.prepare(`INSERT INTO search_sources (watchlist_id, engine, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`);
    for (const engine of wanted) add.run(id, engine, now);
  }

  markBackfilled(id: number, revision: number): void {
    this.db.prepare(`UPDATE watchlists SET backfilled_revision = max(backfilled_revision, ?) WHERE id = ?`).run(revision, id);
  }
}
