/**
 * `nunchi` on a real desk (issue 13): a database that is not one, a folder, a newer schema, a
 * read-only file, a missing OPML file — each in words with its documented exit code and never a
 * stack trace; read commands on a read-only database; a new database announced; feed errors in
 * the language asked for.
 */
import Database from 'better-sqlite3';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, onlyReads, reportFailure } from '../../main/cli/nunchi';
import { Engine } from '../../main/engine';
import { LATEST_VERSION } from '../../main/store/migrations';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { rss } from '../helpers/rss';
import { makeItem } from '../helpers/items';
import { useTempDir } from '../helpers/temp-dir';
import { runCli } from './run-cli';
import { engineInternals } from '../../main/engine/internals';

const tempDir = useTempDir();
let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

/** Runs `nunchi` in this process with a captured terminal. */
async function nunchi(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t), tty: false }, { LANG: 'ko_KR.UTF-8', ...env });
  return { code, out, err };
}

/** No stack frame, no raw SQLite error name in what a user reads. */
function expectNoTrace(text: string): void {
  expect(text).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$/m);
  expect(text).not.toMatch(/SqliteError|ENOENT|Error: \w+Error/);
}

describe('nunchi: a database it cannot use, in words', () => {
  it('a file that is not a database: exit 3, the reason and the path, in Korean and English', async () => {
    const path = join(tempDir(), 'notes.sqlite');
    writeFileSync(path, '회의 메모: 이건 데이터베이스가 아닙니다. '.repeat(30));
    const ko = await nunchi(['alerts', '--db', path]);
    expect(ko.code).toBe(3);
    expect(ko.err).toBe(`오류: 이 파일은 Nunchi 데이터베이스가 아니거나 손상되었습니다. (${path})\n`);
    const en = await nunchi(['poll', '--db', path, '--lang', 'en']);
    expect(en.code).toBe(3);
    expect(en.err).toBe(`Error: This file is not a Nunchi database, or it is damaged. (${path})\n`);
    // --verbose: the technical detail too.
    const verbose = await nunchi(['alerts', '--db', path, '--verbose']);
    expect(verbose.code).toBe(3);
    expect(verbose.err).toContain('file is not a database [SQLITE_NOTADB]');
  });

  it('--db pointing at a folder, and a database from a newer Nunchi: exit 3 in words', async () => {
    const dir = tempDir();
    const folder = await nunchi(['feeds', 'list', '--db', dir]);
    expect(folder.code).toBe(3);
    expect(folder.err).toBe(`오류: 데이터베이스 경로가 파일이 아니라 폴더입니다. (${dir})\n`);
    const path = join(dir, 'future.sqlite');
    const future = new Database(path);
    future.pragma(`user_version = ${LATEST_VERSION + 1}`);
    future.close();
    const newer = await nunchi(['search', '카카오', '--db', path, '--lang', 'en']);
    expect(newer.code).toBe(3);
    expect(newer.err).toContain('This database was written by a newer Nunchi. Update Nunchi to open it.');
  });

  it('a missing OPML file: exit 4, in words', async () => {
    const dir = tempDir();
    const missing = join(dir, 'subscriptions.opml');
    const result = await nunchi(['feeds', 'import', missing, '--db', join(dir, 'n.sqlite')]);
    expect(result.code).toBe(4);
    expect(result.err).toContain(`오류: 파일을 읽을 수 없습니다 (없는 파일): ${missing}`);
    expectNoTrace(result.err);
  });

  it('says when it creates a database, with its path, once', async () => {
    const path = join(tempDir(), 'typo', 'nunchi.sqlite');
    const first = await nunchi(['feeds', 'list', '--db', path]);
    expect(first.code).toBe(0);
    expect(first.err).toBe(`새 데이터베이스를 만들었습니다: ${path}\n`);
    const second = await nunchi(['feeds', 'list', '--db', path, '--lang', 'en']);
    expect(second.err).toBe('');
  });

  it('an unexpected error: words and exit 70, the stack only with --verbose', () => {
    let err = '';
    const io = { out: () => undefined, err: (t: string) => void (err += t), tty: false };
    expect(reportFailure(new TypeError('cannot read properties of undefined'), { locale: 'ko', io, verbose: false })).toBe(70);
    expect(err).toBe('오류: 예기치 못한 내부 오류가 발생했습니다. --verbose 를 붙여 다시 실행하면 자세한 내용이 나옵니다.\n');
    err = '';
    expect(reportFailure(new TypeError('cannot read properties of undefined'), { locale: 'en', io, verbose: true })).toBe(70);
    expect(err).toMatch(
      /^Error: An unexpected internal error occurred\. Run again with --verbose for the details\.\n {2}TypeError: cannot read properties of undefined\n\s+at /,
    );
  });

  it('knows which commands only read', () => {
    expect(['alerts', 'search', 'feeds', 'watch'].map((c) => onlyReads(c, []))).toEqual([true, true, true, true]);
    expect(onlyReads('feeds', ['catalog'])).toBe(true);
    expect(onlyReads('feeds', ['catalog', 'enable', 'etnews'])).toBe(false);
    expect(onlyReads('feeds', ['add', 'https://x'])).toBe(false);
    expect(onlyReads('watch', ['test', '카카오'])).toBe(true);
    expect(onlyReads('watch', ['add', 'a', 'b'])).toBe(false);
    expect(onlyReads('poll', [])).toBe(false);
  });
});

describe('nunchi: a read-only database', () => {
  /**
   * A real read-only database: a file and folder the user running `nunchi` cannot write. Tests
   * running as root (who may write anything) run the CLI as "nobody" on root's files instead.
   */
  async function readOnlyDatabase(
    which: 'file and folder' | 'file only' = 'file and folder',
  ): Promise<{ path: string; env: Record<string, string>; user?: { uid: number; gid: number } }> {
    const base = tempDir();
    const dir = join(base, 'shared');
    mkdirSync(dir);
    const path = join(dir, 'nunchi.sqlite');
    const engine = new Engine({ databasePath: path, processing: 'in-process' });
    const feed = engine.feeds.add({ url: 'https://etnews.example.kr/rss', title: '전자신문' });
    engine.watchlists.create({ name: '카카오', query: '카카오브레인' });
    engineInternals(engine).articles.storeFeedItems(
      { id: feed.id, title: '전자신문' },
      [makeItem({ identity: 'a1', title: '카카오브레인 대표 사임', publishedAt: Date.now() - 3600_000 })],
      Date.now(),
    );
    await engine.whenIdle(); // the watchlist applied to the stored article: one alert
    expect(engineInternals(engine).alerts.count()).toBe(1);
    await engine.close();
    const root = process.getuid?.() === 0;
    chmodSync(base, 0o755);
    if (root) {
      chmodSync(path, 0o644);
      chmodSync(dir, which === 'file only' ? 0o777 : 0o755);
    } else {
      chmodSync(path, 0o444);
      if (which === 'file and folder') chmodSync(dir, 0o555);
    }
    // HOME and the tsx cache somewhere the other user may write.
    const home = join(base, 'home');
    mkdirSync(home);
    if (root) chownSync(home, 65534, 65534);
    return { path, env: { HOME: home, TMPDIR: home, XDG_CONFIG_HOME: home }, user: root ? { uid: 65534, gid: 65534 } : undefined };
  }

  it('alerts, search, feeds list and watch list work; a write says read-only (exit 3)', async () => {
    const { path, env, user } = await readOnlyDatabase();
    try {
      const run = (args: string[]) => runCli([...args, '--db', path], env, user);
      const [alerts, search, feeds, watch] = await Promise.all([
        run(['alerts']),
        run(['search', '카카오브레인']),
        run(['feeds', 'list']),
        run(['watch', 'list']),
      ]);
      // Before: each failed with "attempt to write a readonly database" and a stack trace.
      expect([alerts.code, search.code, feeds.code, watch.code], alerts.stderr + search.stderr + feeds.stderr + watch.stderr).toEqual([
        0, 0, 0, 0,
      ]);
      expect(alerts.stdout).toContain('카카오브레인 대표 사임');
      expect(search.stdout).toContain('카카오브레인 대표 사임');
      expect(feeds.stdout).toContain('전자신문');
      expect(watch.stdout).toContain('카카오');
      const write = await run(['watch', 'add', '퇴사', '퇴사']);
      expect(write.code).toBe(3);
      expect(write.stderr).toBe(`오류: 데이터베이스에 쓸 수 없습니다 (읽기 전용 파일이나 폴더). 권한을 확인하세요. (${path})\n`);
    } finally {
      chmodSync(join(path, '..'), 0o755);
    }
  }, 120_000);

  it('a read-only file in a folder that can be written: alerts work, a write says read-only', async () => {
    const { path, env, user } = await readOnlyDatabase('file only');
    const [alerts, write] = await Promise.all([
      runCli(['alerts', '--db', path], env, user),
      runCli(['watch', 'add', '퇴사', '퇴사', '--db', path], env, user),
    ]);
    expect(alerts.code, alerts.stderr).toBe(0);
    expect(alerts.stdout).toContain('카카오브레인 대표 사임');
    expect(write.code).toBe(3);
    expect(write.stderr).toContain('오류: 데이터베이스에 쓸 수 없습니다 (읽기 전용 파일이나 폴더).');
  }, 120_000);
});

describe('nunchi: feed errors in the language asked for', () => {
  it('--lang ko gives Korean feed errors although the app language is English (LANG=C.UTF-8)', async () => {
    server.route('/gone.xml', { status: 410 });
    server.route('/ok.xml', {
      headers: { 'Content-Type': 'application/rss+xml' },
      body: rss({ title: 'OK', items: [{ guid: '1', title: '기사', pubDate: new Date().toUTCString() }] }),
    });
    const dir = tempDir();
    const path = join(dir, 'n.sqlite');
    const engine = new Engine({ databasePath: path, processing: 'in-process' });
    engine.settings.update({ locale: 'en' }); // what the engine chose from LANG=C.UTF-8
    engine.feeds.add({ url: server.url('/gone.xml'), title: '사라진 피드' });
    engine.feeds.add({ url: server.url('/ok.xml'), title: 'OK' });
    await engine.close();
    const poll = await nunchi(['poll', '--all', '--lang', 'ko', '--db', path, '--no-desktop-notifications'], { LANG: 'C.UTF-8' });
    expect(poll.code).toBe(0);
    expect(poll.out).toContain('피드가 영구적으로 삭제되었습니다 (410).');
    expect(poll.out).not.toContain('removed permanently');
    const list = await nunchi(['feeds', 'list', '--lang', 'ko', '--db', path], { LANG: 'C.UTF-8' });
    expect(list.out).toContain('피드가 영구적으로 삭제되었습니다 (410).');
  });

  it('--verbose shows the engine log records of the poll', async () => {
    server.route('/missing.xml', { status: 404 });
    const path = join(tempDir(), 'v.sqlite');
    const engine = new Engine({ databasePath: path, processing: 'in-process' });
    engine.feeds.add({ url: server.url('/missing.xml') });
    await engine.close();
    const poll = await nunchi(['poll', '--all', '--db', path, '--verbose', '--no-desktop-notifications']);
    expect(poll.err).toMatch(
      /WARN {2}poll: feed failed \{"feedId":1,"url":"http:\/\/127\.0\.0\.1:\d+\/missing\.xml","code":"error\.http_not_found","detail":"HTTP 404/,
    );
  });
});
