/** The store's own background jobs: the search index, retention, the WAL checkpoint (see background.ts). */
import type { Db } from '../store/database';
import { checkpoint } from '../store/database';
import { indexPendingArticles } from '../store/fts-indexer';
import { pruneOldArticles, pruneOldNotifications, vacuumStep } from '../store/retention';
import type { BackgroundJob } from './background';

/** Articles indexed per transaction in the background: ~50 ms of work, then the thread is free again. */
const INDEX_BATCH = 200;
const RETENTION_EVERY_MS = 6 * 3600_000;

/** Moves the articles a poll queued into the search index, in small batches, never while a poll runs. */
export function searchIndexJob(db: Db): BackgroundJob {
  return {
    name: 'search index',
    async run(turn) {
      for (;;) {
        await turn.afterPoll();
        if (turn.stopped() || indexPendingArticles(db, INDEX_BATCH) === 0) return;
        await turn.yield();
      }
    },
  };
}

/**
 * Retention, at most every few hours and never while a poll runs: articles without alerts older
 * than the retention setting go, then the freed pages go back to the disk in small steps.
 */
export function retentionJob(options: {
  db: Db;
  now: () => number;
  retentionDays: () => number;
  /** A watchlist still being applied to stored articles may yet raise alerts on old ones: wait for it. */
  backfillPending: () => boolean;
}): BackgroundJob {
  let lastRun = Number.NEGATIVE_INFINITY;
  return {
    name: 'retention',
    async run(turn) {
      const { db, now } = options;
      if (turn.stopped() || turn.polling() || now() - lastRun < RETENTION_EVERY_MS) return;
      if (turn.againRequested() || options.backfillPending()) return;
      lastRun = now();
      pruneOldArticles(db, now(), options.retentionDays());
      pruneOldNotifications(db, now(), options.retentionDays());
      while (!turn.stopped() && !turn.polling() && vacuumStep(db) > 0) await turn.yield();
    },
  };
}

/** Automatic checkpoints are off (see openDatabase): fold the WAL back in once writing paused. */
export function checkpointJob(db: Db): BackgroundJob {
  return {
    name: 'checkpoint',
    run(turn) {
      if (!turn.stopped() && !turn.polling()) checkpoint(db, 'PASSIVE');
      return Promise.resolve();
    },
  };
}
