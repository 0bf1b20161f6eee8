/**
 * The engine's read side alone, for a command that only reads (the CLI's `alerts`, `watch list`,
 * `feeds list`, `search`): the stores on a database opened read-only, behind the same classes the
 * engine reads them through. Nothing polls, matches, notifies or runs in the background, and none
 * of that code is even loaded: this module imports the stores and nothing of the engine's work
 * (issue 14: a read command in ≤ 150 ms; tests/unit/cli-startup.test.ts keeps it so).
 */
import { openDatabase, type Db } from './store/database';
import { FeedStore } from './store/feeds';
import { InboxReads } from './store/inbox-reads';
import { SearchSourceStore } from './store/search-sources';
import { SettingsStore } from './store/settings';
import { WatchlistStore } from './store/watchlists';
import { EngineEvents } from './engine/events';
import { Feeds } from './engine/feeds';
import { InboxView } from './engine/inbox';
import { Settings } from './engine/settings';
import { Watchlists } from './engine/watchlists';

export interface EngineReaderOptions {
  databasePath: string;
  /** A better_sqlite3.node for another ABI (see openDatabase). */
  nativeBinding?: string;
  now?: () => number;
}

/** A read-only database cannot change: nothing to recompile or announce. */
const unchanging = () => undefined;

export class EngineReader {
  readonly now: () => number;
  readonly databasePath: string;
  readonly settings: Pick<Settings, 'all' | 'chosen'>;
  readonly feeds: Pick<Feeds, 'list'>;
  readonly watchlists: Pick<Watchlists, 'list'>;
  readonly inbox: InboxView;
  private readonly db: Db;
  private readonly searchSources: SearchSourceStore;

  /** Throws a DatabaseError (in words) when the file is missing, not a database, or newer than this app. */
  constructor(options: EngineReaderOptions) {
    this.now = options.now ?? Date.now;
    this.db = openDatabase(options.databasePath, { nativeBinding: options.nativeBinding, readOnly: true });
    this.databasePath = this.db.name;
    this.settings = new Settings(new SettingsStore(this.db), new EngineEvents());
    this.feeds = new Feeds(new FeedStore(this.db), unchanging, this.now);
    this.watchlists = new Watchlists(new WatchlistStore(this.db), unchanging, this.now);
    this.inbox = new InboxView({ db: this.db, reads: new InboxReads(this.db) });
    this.searchSources = new SearchSourceStore(this.db);
  }

  /** Every watchlist's news-search sources with their health. */
  searchSourceList(): ReturnType<SearchSourceStore['list']> {
    return this.searchSources.list();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
