/**
 * The feed list as the API changes it. Every change that can move what a watchlist covers (a new
 * or removed feed, a folder, for folder scopes) tells matching itself: no caller has to remember.
 */
import type { FeedRecord, ListedFeed } from '../../shared/types';
import type { FeedStore, NewFeed } from '../store/feeds';

export type FeedPatch = Partial<Pick<FeedRecord, 'customTitle' | 'folder' | 'enabled' | 'intervalMinutes' | 'fullText'>>;

export class Feeds {
  constructor(
    private readonly store: FeedStore,
    /** Recompiles the watchlists (their feed scopes) and wakes the background work. */
    private readonly coverageChanged: () => void,
    private readonly now: () => number,
  ) {}

  list(): ListedFeed[] {
    return this.store.list();
  }

  count(): number {
    return this.store.count();
  }

  get(id: number): ListedFeed | undefined {
    return this.store.get(id);
  }

  findByUrl(url: string): ListedFeed | undefined {
    return this.store.findByUrl(url);
  }

  enabled(): FeedRecord[] {
    return this.store.enabled();
  }

  /** Adds a feed (or returns the one with that URL already), optionally under a title of the user's. */
  add(feed: NewFeed & { customTitle?: string }): ListedFeed {
    const { customTitle, ...input } = feed;
    const added = this.store.add(input, this.now());
    if (customTitle) this.store.update(added.id, { customTitle });
    this.coverageChanged();
    return this.store.get(added.id)!;
  }

  /** Adds the feeds whose URL is not followed yet (an OPML import); one recompile for all. */
  addMany(feeds: readonly NewFeed[]): { added: number; skipped: number } {
    let added = 0;
    for (const feed of feeds) {
      if (this.store.findByUrl(feed.url)) continue;
      this.store.add(feed, this.now());
      added += 1;
    }
    this.coverageChanged();
    return { added, skipped: feeds.length - added };
  }

  update(id: number, patch: FeedPatch): ListedFeed | undefined {
    const updated = this.store.update(id, patch);
    if (updated && (patch.folder !== undefined || patch.enabled !== undefined)) this.coverageChanged();
    return updated;
  }

  remove(id: number): boolean {
    const removed = this.store.remove(id);
    this.coverageChanged();
    return removed;
  }
}
