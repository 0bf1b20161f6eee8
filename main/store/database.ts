import Database from 'better-sqlite3';
import { accessSync, chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { asDatabaseError, DatabaseError } from './database-error';
import { checkVersion, LATEST_VERSION, migrate, NewerSchemaError } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /**
   * Path to a better_sqlite3.node built for another ABI — the desktop app run from source passes
   * the Electron build (scripts/electron-launch.mjs); everything else uses the default.
   */
  nativeBinding?: string;
  /**
   * Only read (the CLI's `alerts`, `search`, `feeds list` …): works on a read-only file or folder
   * and never waits for a writer. The file must exist. An older schema is upgraded first, with write
   * access (a read-only connection cannot).
   */
  readOnly?: boolean;
  /** How long a write waits for another connection's write to finish before failing "locked". */
  busyTimeoutMs?: number;
  /**
   * The database's folder is Nunchi's own data folder (not a folder the user chose with --db, such
   * as /tmp or a shared one): it is made private (0700) on open, like the file.
   */
  privateFolder?: boolean;
}

/** What opening did, for the CLI's "created a new database at …". */
export interface DatabaseInfo {
  path: string;
  readOnly: boolean;
  /** This open laid out a new, empty database (the file did not exist or was empty). */
  created: boolean;
}

/**
 * A write waits this long for another writer (another `nunchi`, the desktop app): the longest
 * transactions (a feed's items, a retention batch, a migration) take well under a second, and
 * reads never wait in WAL mode.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

const infos = new WeakMap<Db, DatabaseInfo>();

export function databaseInfo(db: Db): DatabaseInfo | undefined {
  return infos.get(db);
}

/**
 * Open (or create) the Nunchi database and bring its schema up to date.
 * WAL lets the UI read while a poll writes; foreign keys keep feed deletion honest.
 * A failure we can name (not a database, a folder, a newer schema, read-only, locked, disk full)
 * is thrown as a DatabaseError with words for the user; the technical cause is its detail.
 * A new database is private to its user: its folder is created 0700, the file (and so its
 * -wal and -shm, which SQLite creates with the file's mode) 0600.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions | string = {}): Db {
  const opts = typeof options === 'string' ? { nativeBinding: options } : options;
  try {
    return open(path, opts);
  } catch (error) {
    if (error instanceof NewerSchemaError) throw new DatabaseError('database.newer_schema', path, error.message, { cause: error });
    const failure = asDatabaseError(error, path);
    if (failure?.code === 'database.cannot_open' && !writable(path)) {
      throw new DatabaseError('database.read_only', path, failure.detail, { cause: error });
    }
    throw failure ?? error;
  }
}

function open(path: string, opts: OpenDatabaseOptions): Db {
  const readOnly = !!opts.readOnly;
  const onDisk = path !== ':memory:' && path !== '';
  let empty = !onDisk;
  if (onDisk) {
    const stat = statOrNull(path);
    if (stat?.isDirectory()) throw new DatabaseError('database.is_directory', path, 'the path is a directory');
    if (!stat && readOnly) throw new DatabaseError('database.missing', path, 'no such file');
    if (!stat) createPrivateFile(path);
    empty = !stat || stat.size === 0;
  }
  const db = new Database(path, {
    readonly: readOnly,
    fileMustExist: readOnly,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  try {
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
    // Only on a new file, before anything is written: lets retention give space back in small steps
    // (vacuumStep) instead of a full VACUUM. On an existing file this pragma took the write lock on
    // every open (and failed on a read-only one), so it is never sent there.
    if (empty && !readOnly) db.pragma('auto_vacuum = INCREMENTAL');
    if (!readOnly) enterWalMode(db, opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Checkpoints are run by the engine's background work once a poll is over (see checkpoint), not on
    // every ~4 MB of WAL in the middle of one: an automatic checkpoint copies and fsyncs pages while the poll waits.
    db.pragma('wal_autocheckpoint = 0');
    // 8 MB of page cache: a cold poll of 50 000 articles runs as fast as with 32 MB, and an idle
    // `nunchi run` holds 25 MB less after retention's scan of the articles table.
    db.pragma('cache_size = -8000');
    if (readOnly) {
      if (checkVersion(db) < LATEST_VERSION) {
        // An older schema: upgrade it once with write access, then read as asked.
        db.close();
        open(path, { ...opts, readOnly: false }).close();
        return open(path, opts);
      }
      infos.set(db, { path, readOnly, created: false });
    } else {
      const outcome = migrate(db);
      infos.set(db, { path, readOnly, created: outcome.created });
      if (onDisk) makePrivate(path, !!opts.privateFolder);
    }
    return db;
  } catch (error) {
    if (db.open) db.close();
    if (readOnly && cannotShareInFolder(error, path)) return openSnapshot(path, opts);
    throw error;
  }
}

/** How long enterWalMode sleeps between two tries. */
const WAL_SWITCH_RETRY_MS = 10;

/**
 * `journal_mode = WAL` on a file still in rollback mode (a new database while other openers race to
 * lay it out) takes a read lock, then upgrades it to write the header; SQLite never calls the busy
 * handler for that upgrade, so it fails SQLITE_BUSY at once whenever another connection is writing,
 * however long busy_timeout is. The switch is idempotent: try again, a few milliseconds apart, for
 * as long as any other write would wait. Counted in tries, not read from the clock.
 */
function enterWalMode(db: Db, busyTimeoutMs: number): void {
  const tries = Math.max(1, Math.ceil(busyTimeoutMs / WAL_SWITCH_RETRY_MS));
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (attempt >= tries || !String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw error;
      sleepSync(WAL_SWITCH_RETRY_MS);
    }
  }
}

/** Blocks this thread (opening is synchronous, like the rest of better-sqlite3). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * A WAL database cannot be read in place from a folder we may not write (SQLite needs to create
 * its -shm there). When no -wal is left beside it, the file holds everything committed: read a
 * snapshot of it in memory instead (header marked "rollback journal" in the copy only, since an
 * in-memory database has no WAL). Only for read-only opens, and only up to SNAPSHOT_MAX_BYTES.
 */
const SNAPSHOT_MAX_BYTES = 1024 * 1024 * 1024;

function cannotShareInFolder(error: unknown, path: string): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    (code === 'SQLITE_READONLY_DIRECTORY' || code === 'SQLITE_CANTOPEN') &&
    !existsSync(`${path}-wal`) &&
    (statOrNull(path)?.size ?? Infinity) <= SNAPSHOT_MAX_BYTES
  );
}

function openSnapshot(path: string, opts: OpenDatabaseOptions): Db {
  const bytes = readFileSync(path);
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1; // file format write/read version: 2 = WAL, 1 = rollback journal
    bytes[19] = 1;
  }
  const db = new Database(bytes, { readonly: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  try {
    db.pragma('foreign_keys = ON');
    if (checkVersion(db) < LATEST_VERSION)
      throw new DatabaseError('database.read_only', path, 'an older schema in a folder that cannot be written: it cannot be upgraded');
    infos.set(db, { path, readOnly: true, created: false });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The folder (0700) and an empty file (0600) before SQLite creates it with the umask's 0644. */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    // Another process created it first: the same file, opened like an existing one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * An existing database made by an older Nunchi (or copied in) may be 0644 in a 0755 folder: other
 * local users could read the monitoring history. On every writing open, where the OS has modes,
 * the file and its -wal and -shm lose their group and other bits (0600), and so does Nunchi's own
 * data folder (0700). Only what this user owns is touched, and only ever made stricter.
 */
function makePrivate(path: string, folder: boolean): void {
  if (process.platform === 'win32') return;
  for (const file of [path, `${path}-wal`, `${path}-shm`]) restrictMode(file, 0o600);
  if (folder) restrictMode(dirname(path), 0o700);
}

function restrictMode(path: string, allowed: number): void {
  try {
    const stat = statOrNull(path);
    if (!stat || stat.uid !== process.getuid?.()) return;
    const mode = stat.mode & 0o777;
    if ((mode & ~allowed) !== 0) chmodSync(path, mode & allowed);
  } catch {
    // A file system without modes, or a file that vanished: nothing to tighten, and no reason not to open.
  }
}

/** Whether the file (when it exists) and its folder can be written: tells "read-only" from other open failures. */
function writable(path: string): boolean {
  try {
    if (statOrNull(path)) accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Folds the write-ahead log back into the database file (automatic checkpoints are off, see
 * openDatabase). PASSIVE never waits for readers: run it when writing paused. TRUNCATE, on close,
 * also empties the WAL file.
 */
export function checkpoint(db: Db, mode: 'PASSIVE' | 'TRUNCATE'): void {
  db.pragma(`wal_checkpoint(${mode})`);
}
