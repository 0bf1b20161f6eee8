/**
 * What the user reads and marks: the inbox of alert stories, an article with its alerts, search,
 * the counts and trends; reading, starring, muting and deleting stories (announced on the event
 * channel, so the tray's unread count follows), and opening an article's link in the browser.
 */
import type { ArticleRecord } from '../../shared/types';
import type { AlertStore } from '../store/alerts';
import type { ArticleStore } from '../store/articles';
import type { ArticleViewRow, InboxReads, StoryPage, StoryPageQuery } from '../store/inbox-reads';
import { searchArticles, type SearchOptions, type SearchResult } from '../store/search';
import type { Db } from '../store/database';
import type { EngineEvents } from './events';

export class Inbox {
  constructor(
    private readonly stores: { db: Db; reads: InboxReads; alerts: AlertStore; articles: ArticleStore },
    private readonly events: EngineEvents,
    private readonly now: () => number,
  ) {}

  stories(query: StoryPageQuery): StoryPage {
    return this.stores.reads.storyPage(query);
  }

  article(id: number): ArticleViewRow | undefined {
    return this.stores.reads.article(id);
  }

  /** The stored article (for its link), or undefined. */
  articleRecord(id: number): ArticleRecord | undefined {
    return this.stores.articles.get(id);
  }

  search(options: SearchOptions): SearchResult {
    return searchArticles(this.stores.db, options);
  }

  watchlistCounts(today: number, weekStart: number): Map<number, { today: number; week: number; total: number }> {
    return this.stores.reads.watchlistCounts(today, weekStart);
  }

  alertTimesSince(since: number): Array<{ watchlistId: number; at: number }> {
    return this.stores.reads.alertTimesSince(since);
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
