/**
 * What the user reads and marks: the inbox of alert stories, an article with its alerts, search,
 * the counts and trends (InboxView, which only reads); reading, starring, muting and deleting
 * stories (announced on the event channel, so the tray's unread count follows).
 */
import type { ArticleRecord } from '../../shared/types';
import type { AlertStore } from '../store/alerts';
import type { ArticleStore } from '../store/articles';
import type { ArticleViewRow, InboxReads, StoryPage, StoryPageQuery } from '../store/inbox-reads';
import { searchArticles, type SearchOptions, type SearchResult } from '../store/search';
import type { Db } from '../store/database';
import type { EngineEvents } from './events';

/** The inbox as it is read: also all a read-only command needs of it (engine/reader.ts). */
export class InboxView {
  constructor(private readonly readStores: { db: Db; reads: InboxReads }) {}

  stories(query: StoryPageQuery): StoryPage {
    return this.readStores.reads.storyPage(query);
  }

  article(id: number): ArticleViewRow | undefined {
    return this.readStores.reads.article(id);
  }

  search(options: SearchOptions): SearchResult {
    return searchArticles(this.readStores.db, options);
  }

  watchlistCounts(today: number, weekStart: number): Map<number, { today: number; week: number; total: number }> {
    return this.readStores.reads.watchlistCounts(today, weekStart);
  }

  alertTimesSince(since: number): Array<{ watchlistId: number; at: number }> {
    return this.readStores.reads.alertTimesSince(since);
  }
}

export class Inbox extends InboxView {
  constructor(
    private readonly stores: { db: Db; reads: InboxReads; alerts: AlertStore; articles: ArticleStore },
    private readonly events: EngineEvents,
    private readonly now: () => number,
  ) {
    super(stores);
  }

  /** The stored article (for its link), or undefined. */
  articleRecord(id: number): ArticleRecord | undefined {
    return this.stores.articles.get(id);
  }

  setRead(storyIds: readonly number[], read: boolean): void {
    this.stores.alerts.setRead(storyIds, read ? this.now() : null);
    this.changed([...storyIds]);
  }

  setStarred(storyId: number, starred: boolean): void {
    this.stores.alerts.setStarred(storyId, starred);
    this.changed([storyId]);
  }

  /** A muted story never notifies again; its pending notifications are dropped. */
  setMuted(storyId: number, muted: boolean): void {
    this.stores.alerts.setMuted(storyId, muted);
    this.changed([storyId]);
  }

  deleteStories(storyIds: readonly number[]): number {
    const deleted = this.stores.alerts.deleteStories(storyIds);
    this.changed([...storyIds]);
    return deleted;
  }

  markAllRead(watchlistId?: number): number {
    const changed = this.stores.alerts.markAllRead(this.now(), watchlistId);
    this.changed(null);
    return changed;
  }

  private changed(storyIds: number[] | null): void {
    this.events.emit({ name: 'alerts.changed', payload: { storyIds } });
  }
}
