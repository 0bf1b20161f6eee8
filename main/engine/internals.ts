/**
 * The tests' door to an engine's database and stores. Nothing in main/ but the engine itself may
 * import this module (dependency-cruiser rule `engine-internals-only-for-tests`): product code
 * goes through the engine's parts, whose interfaces say what may change and keep matching current.
 */
import type { Db } from '../store/database';
import type { AlertStore } from '../store/alerts';
import type { ArticlePageStore } from '../store/article-pages';
import type { ArticleStore } from '../store/articles';
import type { FeedStore } from '../store/feeds';
import type { NotificationOutbox } from '../store/outbox';
import type { SettingsStore } from '../store/settings';
import type { WatchlistStore } from '../store/watchlists';

export interface EngineInternals {
  db: Db;
  feeds: FeedStore;
  articles: ArticleStore;
  watchlists: WatchlistStore;
  alerts: AlertStore;
  settings: SettingsStore;
  outbox: NotificationOutbox;
  pages: ArticlePageStore;
}

const internalsByEngine = new WeakMap<object, EngineInternals>();

export function exposeInternals(engine: object, internals: EngineInternals): void {
  internalsByEngine.set(engine, internals);
}

export function engineInternals(engine: object): EngineInternals {
  const internals = internalsByEngine.get(engine);
  if (!internals) throw new Error('not an engine');
  return internals;
}
