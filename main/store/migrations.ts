import type Database from 'better-sqlite3';

/**
 * Versioned schema. `PRAGMA user_version` holds the version of the last migration applied; the pending
 * ones run on open, together in one immediate transaction (see migrate). Never edit a released migration: add a new one, and add
 * its "from the previous version" case to tests/unit/store/migrations.test.ts.
 */
export interface Migration {
  version: number;
  description: string;
  up: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'feeds, articles, stories, settings, full-text index',
    up: (db) => {
      db.exec(`
        CREATE TABLE feeds (
          id                   INTEGER PRIMARY KEY,
          url                  TEXT NOT NULL UNIQUE,
          title                TEXT,            -- as the feed names itself
          custom_title         TEXT,            -- as the user renamed it
          site_url             TEXT,
          folder               TEXT NOT NULL DEFAULT '[]', -- JSON array: nested folder path
          catalog_id           TEXT,            -- set when enabled from the built-in catalog
          enabled              INTEGER NOT NULL DEFAULT 1,
          interval_minutes     INTEGER NOT NULL DEFAULT 10,
          format               TEXT,
          encoding             TEXT,
          ttl_minutes          INTEGER,
          etag                 TEXT,
          last_modified        TEXT,
          last_fetched_at      INTEGER,
          last_success_at      INTEGER,
          last_status          TEXT,            -- 'ok' | 'not-modified' | 'error'
          last_error_code      TEXT,            -- message key (shared/errors.ts)
          last_error           TEXT,            -- the error in words, for people
          last_error_detail    TEXT,            -- the technical cause, for the log
          consecutive_failures INTEGER NOT NULL DEFAULT 0,
          next_due_at          INTEGER NOT NULL DEFAULT 0,
          created_at           INTEGER NOT NULL
        );
        CREATE INDEX feeds_due ON feeds(enabled, next_due_at);

        CREATE TABLE articles (
          -- AUTOINCREMENT: ids are never reused, so a notification or a story id keeps meaning one article
          id             INTEGER PRIMARY KEY AUTOINCREMENT,
          feed_id        INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
          source_title   TEXT NOT NULL,   -- the outlet's name, kept if the feed is removed
          identity       TEXT NOT NULL,
          link           TEXT,
          canonical_link TEXT,
          title          TEXT NOT NULL,
          author         TEXT,
          published_at   INTEGER,         -- as the feed dated it (may be in the future, may be null)
          first_seen_at  INTEGER NOT NULL,-- never changes after the first poll
          sort_at        INTEGER NOT NULL,-- published_at clamped to first_seen_at: the order users see
          updated_at     INTEGER NOT NULL,
          text           TEXT NOT NULL,
          raw_html       TEXT NOT NULL,   -- untrusted: sanitized when shown, never stored sanitized
          content_hash   TEXT NOT NULL,
          story_id       INTEGER NOT NULL DEFAULT 0,
          UNIQUE (feed_id, identity)
        );
        CREATE INDEX articles_canonical ON articles(canonical_link) WHERE canonical_link IS NOT NULL;
        -- No index on sort_at: lists by time read alerts (which carry it) or a feed's few
        -- articles; an index here would cost every insert of a 50 000-article poll ~15%.
        CREATE INDEX articles_story ON articles(story_id);

        CREATE TABLE settings (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL             -- JSON
        );

        -- Trigram full-text index over titles and text. Contentless (the text lives in articles)
        -- with contentless_delete so an article can be re-indexed by rowid alone.
        CREATE VIRTUAL TABLE articles_fts USING fts5(
          title, text, content='', contentless_delete=1, tokenize='trigram'
        );
        -- Articles waiting to be (re)indexed. Writing FTS rows costs ~5x the article insert, so
        -- the poll only queues them here and the indexer catches up in small batches; search
        -- reads the queued rows directly, so nothing is ever missing from results.
        CREATE TABLE fts_pending (
          article_id INTEGER PRIMARY KEY,
          reindex    INTEGER NOT NULL DEFAULT 0  -- 1: an older version is in the index, remove it first
        );
      `);
    },
  },
  {
    version: 2,
    description: 'watchlists and alerts',
    up: (db) => {
      db.exec(`
        CREATE TABLE watchlists (
          id          INTEGER PRIMARY KEY,
          name        TEXT NOT NULL,
          color       TEXT NOT NULL,
          query       TEXT NOT NULL,
          enabled     INTEGER NOT NULL DEFAULT 1,
          notify      INTEGER NOT NULL DEFAULT 1,
          feed_scope  TEXT,                        -- JSON {feedIds, folders}; NULL = every feed
          mute_terms  TEXT NOT NULL DEFAULT '[]',  -- JSON array of terms
          revision    INTEGER NOT NULL DEFAULT 1,  -- bumped when the query, scope or mutes change
          backfilled_revision INTEGER NOT NULL DEFAULT 0, -- the revision applied to stored articles
          created_at  INTEGER NOT NULL,
          updated_at  INTEGER NOT NULL
        );

        CREATE TABLE alerts (
          id              INTEGER PRIMARY KEY,
          article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          watchlist_id    INTEGER REFERENCES watchlists(id) ON DELETE SET NULL,
          -- kept so an alert still says what it was about after its watchlist is deleted
          watchlist_name  TEXT NOT NULL,
          watchlist_color TEXT NOT NULL,
          story_id        INTEGER NOT NULL,
          spans           TEXT NOT NULL,           -- JSON [{field, start, end}]
          origin          TEXT NOT NULL,           -- 'live' (found by a poll) | 'backfill' (an older article)
          created_at      INTEGER NOT NULL,
          read_at         INTEGER,
          starred         INTEGER NOT NULL DEFAULT 0,
          UNIQUE (article_id, watchlist_id)
        );
        CREATE INDEX alerts_watchlist ON alerts(watchlist_id, created_at);
        CREATE INDEX alerts_story ON alerts(story_id);
        CREATE INDEX alerts_created ON alerts(created_at);
      `);
    },
  },
  {
    version: 3,
    description: 'story state (muted), notification outbox',
    up: (db) => {
      db.exec(`
        -- Per-story choices of the user (one story = the same news from several outlets).
        CREATE TABLE story_state (
          story_id INTEGER PRIMARY KEY,
          muted    INTEGER NOT NULL DEFAULT 0
        );

        -- Whether an alert should, did or will never raise a notification:
        -- 'none' (backlog, notify off, not the first of its story, muted), 'pending', 'notified', 'held' (quiet hours).
        ALTER TABLE alerts ADD COLUMN notify_state TEXT NOT NULL DEFAULT 'none';
        CREATE INDEX alerts_notify ON alerts(notify_state) WHERE notify_state IN ('pending', 'held');

        -- Every notification raised, recorded in the same transaction that marks its alerts
        -- 'notified': a crash never notifies twice and never loses one (shown_at is set once the
        -- notifier has shown it; recorded-but-not-shown ones are shown on the next start).
        CREATE TABLE notifications (
          id           INTEGER PRIMARY KEY,
          kind         TEXT NOT NULL,       -- 'single' | 'batch' | 'summary'
          watchlist_id INTEGER,
          article_id   INTEGER,
          story_id     INTEGER,
          title        TEXT NOT NULL,
          body         TEXT NOT NULL,
          alert_ids    TEXT NOT NULL,       -- JSON array
          created_at   INTEGER NOT NULL,
          shown_at     INTEGER
        );
        CREATE INDEX notifications_unshown ON notifications(id) WHERE shown_at IS NULL;
      `);
    },
  },
  {
    version: 4,
    description: 'alerts carry their article sort time, for a fast inbox',
    up: (db) => {
      db.exec(`
        -- The inbox groups 100 000 alerts by story and orders by time: with the time on the alert and
        -- a covering index, that never reads the (large) article rows.
        ALTER TABLE alerts ADD COLUMN sort_at INTEGER NOT NULL DEFAULT 0;
        UPDATE alerts SET sort_at = coalesce((SELECT a.sort_at FROM articles a WHERE a.id = alerts.article_id), 0);
        CREATE INDEX alerts_inbox ON alerts(story_id, sort_at, read_at, starred, created_at, watchlist_id);
      `);
    },
  },
  {
    version: 5,
    description: 'full-text monitoring: a mode per feed, the article pages',
    up: (db) => {
      db.exec(`
        -- 'auto': fetch the page when the feed's items are summaries; 'always'; 'never'.
        ALTER TABLE feeds ADD COLUMN full_text TEXT NOT NULL DEFAULT 'auto' CHECK (full_text IN ('auto', 'always', 'never'));

        -- An article's own page (issue 11), one row per article that wants one. Apart from the
        -- article row so a cold poll's inserts stay small and an article without a page costs nothing.
        CREATE TABLE article_pages (
          article_id   INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
          -- 'pending' (to fetch), 'on-open' (older than 48 h: fetched when the user opens it),
          -- 'extracted', 'failed'
          state        TEXT NOT NULL,
          backlog      INTEGER NOT NULL DEFAULT 0, -- found by its feed's first poll: body alerts never notify
          url          TEXT,                       -- where the page was read from (after redirects)
          text         TEXT,                       -- the extracted body, plain: what the matcher reads
          html         TEXT,                       -- the extracted body, sanitized (and sanitized again when shown)
          extractor    TEXT,                       -- 'site-rule' | 'readability'
          reason       TEXT,                       -- page.* message key (shared/page-failures.ts) when it failed
          detail       TEXT,                       -- the technical cause
          attempts     INTEGER NOT NULL DEFAULT 0, -- failed attempts
          retry_at     INTEGER,                    -- a transient failure may be tried again from then
          etag         TEXT,
          last_modified TEXT,
          fetched_at   INTEGER
        );
        CREATE INDEX article_pages_due ON article_pages(state, retry_at) WHERE state IN ('pending', 'failed');
      `);
    },
  },
  // 6 is not used: it was held for the news-search work (issue 12), which came after 7 had shipped
  // on main; a database already at 7 would never run a 6, so that work is 8.
  {
    version: 7,
    description: 'several processes on one database: the poller lease, notification claims, a change stamp for matching',
    up: (db) => {
      db.exec(`
        -- One process polls a database at a time (main/engine/monitor-lease.ts): the holder writes
        -- a heartbeat; another takes over when it is stale or the holder's process is gone.
        CREATE TABLE monitor_lease (
          id           INTEGER PRIMARY KEY CHECK (id = 1),
          owner        TEXT NOT NULL,     -- a random token per engine
          kind         TEXT NOT NULL,     -- 'app' | 'run' | 'poll': who, in words for the user
          pid          INTEGER NOT NULL,
          host         TEXT NOT NULL,
          acquired_at  INTEGER NOT NULL,
          heartbeat_at INTEGER NOT NULL
        );

        -- A notification is claimed (in an immediate transaction) by the engine that shows it, so
        -- two processes never show the same one (main/alerts/dispatcher.ts).
        ALTER TABLE notifications ADD COLUMN claimed_by TEXT;
        ALTER TABLE notifications ADD COLUMN claimed_pid INTEGER;
        ALTER TABLE notifications ADD COLUMN claimed_host TEXT;
        ALTER TABLE notifications ADD COLUMN claimed_at INTEGER;

        -- What the compiled matcher depends on (watchlists, feed folders) bumps a stamp, so an
        -- engine sees another process's change before its next poll (main/store/change-stamp.ts).
        CREATE TABLE change_stamps (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO change_stamps (name, value) VALUES ('matching', 0);
        CREATE TRIGGER watchlists_stamp_insert AFTER INSERT ON watchlists
          BEGIN UPDATE change_stamps SET value = value + 1 WHERE name = 'matching'; END;
        CREATE TRIGGER watchlists_stamp_update AFTER UPDATE ON watchlists
          BEGIN UPDATE change_stamps SET value = value + 1 WHERE name = 'matching'; END;
        CREATE TRIGGER watchlists_stamp_delete AFTER DELETE ON watchlists
          BEGIN UPDATE change_stamps SET value = value + 1 WHERE name = 'matching'; END;
        CREATE TRIGGER feeds_stamp_insert AFTER INSERT ON feeds
          BEGIN UPDATE change_stamps SET value = value + 1 WHERE name = 'matching'; END;
        CREATE TRIGGER feeds_stamp_update AFTER UPDATE OF folder, enabled ON feeds
          BEGIN UPDATE change_stamps SET value = value + 1 WHERE name = 'matching'; END;
        CREATE TRIGGER feeds_stamp_delete AFTER DELETE ON feeds
          BEGIN UPDATE change_stamps SET value = value + 1 WHERE name = 'matching'; END;
      `);
    },
  },
  {
    version: 8,
    description: 'news search: per watchlist search sources with their polling state, articles found by search, outlets',
    up: (db) => {
      db.exec(`
        -- One row per (watchlist, engine) the watchlist searches (issue 12): the polite polling
        -- state of main/search/schedule.ts, and the query it was for (an edited query starts over
        -- as a new source: its first poll is backlog again).
        CREATE TABLE search_sources (
          watchlist_id         INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
          engine               TEXT NOT NULL CHECK (engine IN ('google', 'naver')),
          query                TEXT,             -- the watchlist query the state below is for
          next_due_at          INTEGER NOT NULL DEFAULT 0,
          consecutive_failures INTEGER NOT NULL DEFAULT 0,
          last_polled_at       INTEGER,
          last_success_at      INTEGER,          -- NULL: the next success is backlog
          last_error_code      TEXT,             -- search.* message key (shared/search-errors.ts)
          last_error_detail    TEXT,             -- the technical cause, cleaned of secrets
          last_found           INTEGER NOT NULL DEFAULT 0, -- results handed out by the last success
          seen                 TEXT NOT NULL DEFAULT '[]', -- JSON: result keys already handed out
          created_at           INTEGER NOT NULL,
          PRIMARY KEY (watchlist_id, engine)
        ) WITHOUT ROWID;

        -- Articles found by news search have no feed: they are unique per engine instead.
        ALTER TABLE articles ADD COLUMN search_engine TEXT;
        CREATE UNIQUE INDEX articles_search_identity ON articles(search_engine, identity) WHERE search_engine IS NOT NULL;
        -- The outlet that published the article, by the outlet table's name for its link's host,
        -- so the inbox's outlet count counts one outlet once whether it came by feed, Google News or Naver.
        -- NULL when the table does not know the host, and for articles stored before: the source title stands in.
        ALTER TABLE articles ADD COLUMN outlet TEXT;
      `);
    },
  },
  {
    version: 9,
    description: 'feeds.article_count: how many articles each feed holds, kept as they are written and deleted',
    up: (db) => {
      db.exec(`
        -- Read by the feed list (\`nunchi feeds list\`, the app's feeds view) instead of counting every
        -- feed's articles at each call (~20 ms for 50 000; issue 14). Inserts are counted by the
        -- only code that inserts articles, once per feed's batch (ArticleStore.writeItems): a
        -- trigger per row cost ~0.1 s of a first poll's 50 000 inserts. Deletes and moves, rare and
        -- from several places (retention, removing a feed), are counted by triggers.
        ALTER TABLE feeds ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
        UPDATE feeds SET article_count = (SELECT count(*) FROM articles a WHERE a.feed_id = feeds.id);
        CREATE TRIGGER articles_counted_out AFTER DELETE ON articles WHEN OLD.feed_id IS NOT NULL
        BEGIN
          UPDATE feeds SET article_count = article_count - 1 WHERE id = OLD.feed_id;
        END;
        CREATE TRIGGER articles_counted_moved AFTER UPDATE OF feed_id ON articles WHEN OLD.feed_id IS NOT NEW.feed_id
        BEGIN
          UPDATE feeds SET article_count = article_count - 1 WHERE id = OLD.feed_id;
          UPDATE feeds SET article_count = article_count + 1 WHERE id = NEW.feed_id;
        END;
      `);
    },
  },
];

/** The schema version this code writes: the highest migration's (numbers may have gaps while branches merge). */
export const LATEST_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** What migrate did: the version it found, and whether it laid out a brand-new database. */
export interface MigrationOutcome {
  from: number;
  to: number;
  created: boolean;
}

/**
 * Brings the schema to the latest version in ONE immediate transaction that re-reads
 * `user_version` inside it: two processes opening a new file at once queue on the write lock, and
 * the second finds the work done (reading the version before taking the lock let both run
 * migration 1: "table feeds already exists"). A failing migration leaves the file as it was.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): MigrationOutcome {
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  // Without a lock first: almost every open finds the schema current and must not wait for a writer.
  const seen = checkVersion(db, latest);
  if (seen === latest) return { from: seen, to: seen, created: false };
  return db
    .transaction((): MigrationOutcome => {
      const current = checkVersion(db, latest);
      const created = current === 0 && db.prepare(`SELECT count(*) FROM sqlite_schema`).pluck().get() === 0;
      // By number, not by place in the list: migrations written on separate branches merge in any order.
      const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
      for (const migration of pending) {
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      }
      return { from: current, to: latest, created };
    })
    .immediate();
}

/** The schema version, refusing one from a newer Nunchi (the file is left untouched). */
export function checkVersion(db: Database.Database, latest: number = LATEST_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) throw new NewerSchemaError(current, latest);
  return current;
}

export class NewerSchemaError extends Error {
  constructor(
    readonly found: number,
    readonly latest: number,
  ) {
    super(`This database was written by a newer Nunchi (schema ${found}; this version knows up to ${latest}). Update Nunchi to open it.`);
    this.name = 'NewerSchemaError';
  }
}
