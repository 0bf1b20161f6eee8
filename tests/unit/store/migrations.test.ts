import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/database';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../../main/store/migrations';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir();

function tableNames(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`).pluck().all() as string[]).filter(
    (name) => !name.startsWith('sqlite_') && !name.startsWith('articles_fts_'),
  );
}

describe('migrations', () => {
  it('creates the latest schema in an empty file, in WAL mode', () => {
    const path = join(tempDir(), 'nunchi.sqlite');
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(tableNames(db)).toEqual(expect.arrayContaining(['articles', 'articles_fts', 'feeds', 'fts_pending', 'settings']));
    db.close();
  });

  it('versions are distinct and listed in increasing order', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    expect(LATEST_VERSION).toBe(versions.at(-1));
  });

  it('applies migrations by version, not by place in the list (branches merge in any order)', () => {
    const db = new Database(':memory:');
    const applied: number[] = [];
    const step = (version: number) => ({ version, description: `v${version}`, up: () => void applied.push(version) });
    migrate(db, [step(1), step(2)]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    // Version 7 came first on one branch, 4 on another: from 2, both run, 4 before 7.
    migrate(db, [step(1), step(2), step(7), step(4)]);
    expect(applied).toEqual([1, 2, 4, 7]);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    db.close();
  });

  // From every earlier version: build the file as that version left it, then open it with today's code.
  for (const from of [0, ...MIGRATIONS.map((m) => m.version).slice(0, -1)]) {
    it(`upgrades a database at version ${from} to ${LATEST_VERSION}, keeping its rows`, () => {
      const path = join(tempDir(), `v${from}.sqlite`);
      const old = new Database(path);
      migrate(
        old,
        MIGRATIONS.filter((m) => m.version <= from),
      );
      if (from >= 1) {
        old.prepare(`INSERT INTO feeds (url, created_at) VALUES ('https://example.com/rss', 1)`).run();
        old.prepare(`INSERT INTO settings (key, value) VALUES ('locale', '"ko"')`).run();
      }
      expect(old.pragma('user_version', { simple: true })).toBe(from);
      old.close();

      const db = openDatabase(path);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      if (from >= 1) {
        expect(db.prepare(`SELECT url FROM feeds`).pluck().all()).toEqual(['https://example.com/rss']);
        expect(db.prepare(`SELECT value FROM settings WHERE key = 'locale'`).pluck().get()).toBe('"ko"');
      }
      db.close();
    });
  }

  it('from version 4: every feed gets the full-text mode auto, articles keep their rows and get no page yet', () => {
    const path = join(tempDir(), 'v4-pages.sqlite');
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, 4));
    old.prepare(`INSERT INTO feeds (url, created_at) VALUES ('https://example.com/rss', 1)`).run();
    old
      .prepare(
        `INSERT INTO articles (feed_id, source_title, identity, title, first_seen_at, sort_at, updated_at, text, raw_html, content_hash)
         VALUES (1, 'ex', 'a1', '제목', 1, 1, 1, '본문', '<p>본문</p>', 'h')`,
      )
      .run();
    old.close();

    const db = openDatabase(path);
    expect(db.prepare(`SELECT full_text FROM feeds`).pluck().all()).toEqual(['auto']);
    expect(db.prepare(`SELECT count(*) FROM articles`).pluck().get()).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM article_pages`).pluck().get()).toBe(0);
    // The mode is one of three words; anything else is refused by the schema itself.
    expect(() => db.prepare(`UPDATE feeds SET full_text = 'sometimes'`).run()).toThrow(/CHECK/);
    // A page row goes with its article.
    db.prepare(`INSERT INTO article_pages (article_id, state) VALUES (1, 'pending')`).run();
    db.prepare(`DELETE FROM articles`).run();
    expect(db.prepare(`SELECT count(*) FROM article_pages`).pluck().get()).toBe(0);
    db.close();
  });

  it('is idempotent: opening twice changes nothing', () => {
    const path = join(tempDir(), 'twice.sqlite');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a database from a newer version with a clear message, without touching it', () => {
    const path = join(tempDir(), 'future.sqlite');
    const future = new Database(path);
    future.pragma(`user_version = ${LATEST_VERSION + 1}`);
    future.close();
    expect(() => openDatabase(path)).toThrow(/newer Nunchi/);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    check.close();
  });

  it('rolls back a failing migration completely, with the ones before it in the same run', () => {
    const path = join(tempDir(), 'broken.sqlite');
    const db = new Database(path);
    migrate(db, MIGRATIONS.slice(0, 2));
    const broken = [
      ...MIGRATIONS,
      {
        version: LATEST_VERSION + 1,
        description: 'fails half way',
        up: (d: Database.Database) => {
          d.exec(`CREATE TABLE half_done (x)`);
          d.exec(`THIS IS NOT SQL`);
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    // One transaction: the file is as it was before this open, not half-way.
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(tableNames(db)).not.toContain('half_done');
    expect(tableNames(db)).not.toContain('story_state');
    db.close();
  });
});
