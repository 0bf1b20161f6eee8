import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { toApiError } from '../../../main/api/errors';
import { databaseInfo, openDatabase } from '../../../main/store/database';
import { asDatabaseError, DatabaseError } from '../../../main/store/database-error';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../../main/store/migrations';
import { useTempDir } from '../../helpers/temp-dir';
import { formatMessage } from '../../../shared/messages';

const tempDir = useTempDir();
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const hasModes = process.platform !== 'win32';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Another connection holding the write lock, as a poll in another process does. */
function holdWriteLock(path: string): Database.Database {
  const other = new Database(path);
  other.exec(`BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('held', '1')`);
  return other;
}

describe('opening the database', () => {
  it('sets auto_vacuum on a new file and says it created it; the next open says it did not', () => {
    const path = join(tempDir(), 'new.sqlite');
    const db = openDatabase(path);
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2); // INCREMENTAL
    expect(databaseInfo(db)).toEqual({ path, readOnly: false, created: true });
    db.close();
    const again = openDatabase(path);
    expect(databaseInfo(again)?.created).toBe(false);
    again.close();
  });

  it('opens an existing database while another connection writes (no write lock taken on open)', () => {
    const path = join(tempDir(), 'busy.sqlite');
    openDatabase(path).close();
    const writer = holdWriteLock(path);
    try {
      // Before: `PRAGMA auto_vacuum` on every open waited for the lock, then failed SQLITE_BUSY.
      const db = openDatabase(path, { busyTimeoutMs: 200 });
      expect(db.prepare(`SELECT count(*) FROM feeds`).pluck().get()).toBe(0);
      db.close();
      const reader = openDatabase(path, { readOnly: true, busyTimeoutMs: 200 });
      expect(reader.prepare(`SELECT count(*) FROM feeds`).pluck().get()).toBe(0);
      expect(databaseInfo(reader)?.readOnly).toBe(true);
      reader.close();
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('read-only: upgrades an older schema first, and refuses a missing file in words', () => {
    const dir = tempDir();
    const old = new Database(join(dir, 'old.sqlite'));
    migrate(old, MIGRATIONS.slice(0, 2));
    old.close();
    const db = openDatabase(join(dir, 'old.sqlite'), { readOnly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(() => db.exec(`DELETE FROM feeds`)).toThrow(/readonly/);
    db.close();
    const missing = thrown(() => openDatabase(join(dir, 'typo.sqlite'), { readOnly: true })) as DatabaseError;
    expect(missing).toBeInstanceOf(DatabaseError);
    expect(missing.code).toBe('database.missing');
  });

  it('32 simultaneous opens of a new file from 4 processes × 8 threads all succeed', async () => {
    const path = join(tempDir(), 'race.sqlite');
    // The code under test, bundled (better-sqlite3 resolved from the project's node_modules).
    const bundle = join(ROOT, 'node_modules', '.cache', 'nunchi-tests', `open-db-${process.pid}.mjs`);
    await build({
      entryPoints: [join(ROOT, 'main/store/database.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['better-sqlite3'],
      outfile: bundle,
      logLevel: 'silent',
    });
    const children = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['tests/helpers/open-race.mjs', bundle, path, '8'], { cwd: ROOT });
      let out = '';
      let err = '';
      const ready = new Promise<void>((resolve) =>
        child.stdout.on('data', (c: Buffer) => ((out += c.toString()), out.startsWith('ready\n') && resolve())),
      );
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const done = new Promise<string>((resolve, reject) =>
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`)))),
      );
      return { child, ready, done };
    });
    // Every thread of every process is loaded and waiting: release them together.
    await Promise.all(children.map((c) => c.ready));
    for (const { child } of children) child.stdin.write('go\n');
    const outputs = await Promise.all(children.map((c) => c.done));
    const results = outputs
      .flatMap((o) => o.trim().split('\n').slice(1))
      .map((line) => JSON.parse(line) as { ok: boolean; error?: string; version?: number });
    expect(results).toHaveLength(32);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(new Set(results.map((r) => r.version))).toEqual(new Set([LATEST_VERSION]));
  }, 120_000);

  it('switches a file still in rollback mode to WAL while another process writes, instead of failing "locked" at once', async () => {
    // What a new database looks like to an opener that comes second: laid out (not empty), not yet WAL.
    const path = join(tempDir(), 'rollback.sqlite');
    const seed = new Database(path);
    seed.exec(`CREATE TABLE seed (x); DROP TABLE seed`);
    seed.close();
    // Another process in the middle of a write. SQLite gives up on `journal_mode = WAL` at once
    // meanwhile, whatever busy_timeout says: before the fix, this open failed SQLITE_BUSY.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.exec('BEGIN IMMEDIATE');
         process.stdout.write('held\\n');
         setTimeout(() => { db.exec('COMMIT'); db.close(); }, 400);`,
        path,
      ],
      { cwd: ROOT },
    );
    await new Promise<void>((resolve, reject) => {
      writer.stdout.once('data', () => resolve());
      writer.once('error', reject);
      writer.once('exit', (code) => reject(new Error(`the writer exited (${code}) before holding its lock`)));
    });
    const db = openDatabase(path, { busyTimeoutMs: 5_000 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
    await new Promise((resolve) => (writer.exitCode === null ? writer.once('exit', resolve) : resolve(null)));
  });

  it('a file that is not a database: its own error, in words, naming the file', () => {
    const path = join(tempDir(), 'notes.sqlite');
    writeFileSync(path, 'These are my notes, not a database. '.repeat(20));
    const error = thrown(() => openDatabase(path)) as DatabaseError;
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error.code).toBe('database.not_a_database');
    expect(error.userMessage('ko')).toBe(`이 파일은 Nunchi 데이터베이스가 아니거나 손상되었습니다. (${path})`);
    expect(error.userMessage('en')).toBe(`This file is not a Nunchi database, or it is damaged. (${path})`);
    expect(error.detail).toMatch(/file is not a database/);
  });

  it('a folder: its own error', () => {
    const dir = tempDir();
    const error = thrown(() => openDatabase(dir)) as DatabaseError;
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error.code).toBe('database.is_directory');
    expect(error.userMessage('en')).toContain('a folder, not a file');
  });

  it('a newer schema: its own error, and the file is left untouched', () => {
    const path = join(tempDir(), 'future.sqlite');
    const future = new Database(path);
    future.pragma(`user_version = ${LATEST_VERSION + 1}`);
    future.close();
    for (const readOnly of [false, true]) {
      const error = thrown(() => openDatabase(path, { readOnly })) as DatabaseError;
      expect(error).toBeInstanceOf(DatabaseError);
      expect(error.code).toBe('database.newer_schema');
      expect(error.userMessage('ko')).toContain('Nunchi를 업데이트하세요');
    }
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    check.close();
  });

  it('locked: an upgrade that cannot get the write lock in time says so', () => {
    const path = join(tempDir(), 'locked.sqlite');
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    migrate(old, MIGRATIONS.slice(0, -1));
    old.exec(`BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('held', '1')`);
    try {
      const error = thrown(() => openDatabase(path, { busyTimeoutMs: 100 })) as DatabaseError;
      expect(error).toBeInstanceOf(DatabaseError);
      expect(error.code).toBe('database.locked');
      expect(error.userMessage('en')).toContain('Another program is using the database');
    } finally {
      old.exec('ROLLBACK');
      old.close();
    }
  });

  it('disk full (SQLITE_FULL) has its own words, also through the API', () => {
    const db = openDatabase(join(tempDir(), 'full.sqlite'));
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 2}`); // the disk "fills" after two more pages
    const raw = thrown(() => db.prepare(`INSERT INTO settings (key, value) VALUES ('big', ?)`).run('x'.repeat(100_000)));
    db.close();
    const error = asDatabaseError(raw, '/data/nunchi.sqlite');
    expect(error?.code).toBe('database.disk_full');
    expect(error?.userMessage('ko')).toBe('디스크 공간이 부족해 데이터베이스에 쓸 수 없습니다. 공간을 확보하세요. (/data/nunchi.sqlite)');
    const api = toApiError(raw);
    expect(api.code).toBe('database.disk_full');
    expect(formatMessage('en', api.message)).toContain('The disk is full');
  });

  it.runIf(hasModes)('creates the data folder 0700 and the database, -wal and -shm 0600', () => {
    const dir = join(tempDir(), 'Nunchi');
    const path = join(dir, 'nunchi.sqlite');
    const db = openDatabase(path);
    db.exec(`INSERT INTO settings (key, value) VALUES ('x', '1')`); // the -wal exists now
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(statSync(file).mode & 0o777).toBe(0o600);
    db.close();
  });

  it.runIf(hasModes)(
    'tightens an existing database (0644, its -wal and -shm) to 0600 and Nunchi’s own folder (0755) to 0700 on open',
    () => {
      const dir = join(tempDir(), 'Nunchi');
      const path = join(dir, 'nunchi.sqlite');
      mkdirSync(dir, { mode: 0o755 });
      chmodSync(dir, 0o755);
      const older = new Database(path); // as an older Nunchi left it: the umask's modes
      older.pragma('journal_mode = WAL');
      older.exec(`CREATE TABLE kept (x); INSERT INTO kept VALUES (1)`);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) chmodSync(file, 0o644);
      const db = openDatabase(path, { privateFolder: true });
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(db.prepare(`SELECT x FROM kept`).pluck().get()).toBe(1);
      db.close();
      older.close();
    },
  );

  it.runIf(hasModes)('leaves the modes of a folder the user chose (--db in /tmp or a shared folder) alone', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const path = join(dir, 'chosen.sqlite');
    writeFileSync(path, '');
    chmodSync(path, 0o640);
    openDatabase(path).close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
  });

  it('a read-only folder or file gives the read-only error when writing is needed', () => {
    // Proven with a real read-only file in tests/cli/robustness.test.ts (as another user when
    // the tests run as root); here the classification of SQLite's answer.
    expect(asDatabaseError(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }), 'p')?.code).toBe(
      'database.read_only',
    );
    expect(asDatabaseError(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), 'p')?.code).toBe('database.locked');
    expect(asDatabaseError(new Error('something else'), 'p')).toBeNull();
  });
});
