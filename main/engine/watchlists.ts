/**
 * Watchlists as the API changes them: each change recompiles matching, applies the changed
 * watchlist to the stored articles (background) and is announced on the event channel.
 */
import type { Watchlist } from '../../shared/types';
import type { WatchlistInput, WatchlistStore } from '../store/watchlists';

export class Watchlists {
  constructor(
    private readonly store: WatchlistStore,
    /** Recompiles matching, wakes the background work, announces the changed ids. */
    private readonly changed: (ids: number[]) => void,
    private readonly now: () => number,
  ) {}

  list(): Watchlist[] {
    return this.store.list();
  }

  get(id: number): Watchlist | undefined {
    return this.store.get(id);
  }

  create(input: WatchlistInput): Watchlist {
    const watchlist = this.store.create(input, this.now());
    this.changed([watchlist.id]);
    return watchlist;
  }

  update(id: number, patch: Partial<WatchlistInput>): Watchlist | undefined {
    const watchlist = this.store.update(id, patch, this.now());
    if (watchlist) this.changed([id]);
    return watchlist;
  }

  remove(id: number, alerts: 'keep' | 'delete'): boolean {
    const removed = this.store.remove(id, alerts);
    this.changed([]);
    return removed;
  }
}
