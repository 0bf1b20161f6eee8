import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations';

export type Db = Database.Database;

/**
 * Open (or create) the Nunchi database and bring its schema up to date.
 * WAL lets the UI read while a poll writes; foreign keys keep feed deletion honest.
 * `nativeBinding`: path to a better_sqlite3.node built for another ABI — the desktop app run from
 * source passes the Electron build (scripts/electron-launch.mjs); everything else uses the default.
 */
export function openDatabase(path: string, nativeBinding?: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = nativeBinding ? new Database(path, { nativeBinding }) : new Database(path);
  // Before the first table exists: lets retention give space back in small steps (vacuumStep)
  // instead of a full VACUUM that rewrites the file. No effect on an existing database.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Checkpoints are run by the engine's background work once a poll is over (see checkpoint), not on
  // every ~4 MB of WAL in the middle of one: an automatic checkpoint copies and fsyncs pages while the poll waits.
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('cache_size = -32000');
  migrate(db);
  return db;
}

/**
 * Folds the write-ahead log back into the database file (automatic checkpoints are off, see
 * openDatabase). PASSIVE never waits for readers: run it when writing paused. TRUNCATE, on close,
 * also empties the WAL file.
 */
export function checkpoint(db: Db, mode: 'PASSIVE' | 'TRUNCATE'): void {
  db.pragma(`wal_checkpoint(${mode})`);
}
