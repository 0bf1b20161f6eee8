/**
 * Two monitors on one database (issue 13), as real processes: a second `nunchi run` beside a
 * running one says, in words, which monitor polls (its process, since when) and waits; when that
 * one is killed, it takes over at once (the holder's process is gone). A `nunchi poll`
 * meanwhile polls nothing and says why. No feed ever fails with "an unknown error".
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/engine';
import { engineInternals } from '../../main/engine/internals';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { rss } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';
import { runCli, startCli } from './run-cli';

const tempDir = useTempDir();
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

/** Resolves once `read()` matches, or fails the test after `ms`. */
async function waitFor(read: () => string, pattern: RegExp, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pattern.test(read())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output so far:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('two `nunchi run` on one database', () => {
  it('the second waits, naming the first; takes over when the first is killed; no feed fails', async () => {
    const databasePath = join(tempDir(), 'nunchi.sqlite');
    const setup = new Engine({ databasePath, processing: 'in-process' });
    for (let i = 1; i <= 4; i++) {
      const path = `/two-${i}.xml`;
      server.route(path, {
        headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
        body: rss({ title: `매체 ${i}`, items: [{ guid: `${i}`, title: `카카오브레인 소식 ${i}`, link: `https://news.example.kr/${i}` }] }),
      });
      engineInternals(setup).feeds.add({ url: server.url(path) }, Date.now());
    }
    setup.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    await setup.close();

    const args = ['run', '--db', databasePath, '--lang', 'en', '--no-desktop-notifications'];
    const first = startCli(args, {});
    await waitFor(() => first.output.stdout, /Poll done: 4 feeds/);
    const second = startCli(args, {});
    try {
      await waitFor(() => second.output.stderr, /Another monitor is already polling/);
      expect(second.output.stderr).toContain(`nunchi run (process ${first.pid} on `);
      expect(second.output.stderr).toContain('This one waits and takes over polling when that one stops.');
      expect(second.output.stdout).not.toContain('Poll done');

      const once = await runCli(['poll', '--all', '--db', databasePath, '--lang', 'en', '--no-desktop-notifications'], {});
      expect(once.code).toBe(1);
      expect(once.stderr).toContain(`Another monitor is already polling the feeds of this database: nunchi run (process ${first.pid} on `);
      expect(once.stderr).toContain('Nothing was polled: that monitor polls the feeds.');

      first.kill('SIGKILL');
      await first.done;
      await waitFor(() => second.output.stderr, /The other monitor stopped: this one polls now\./, 10_000);
      // It polls now (nothing is due yet: the first polled every feed a moment ago).
      const db = new Database(databasePath, { readonly: true });
      expect(db.prepare(`SELECT kind, pid FROM monitor_lease`).get()).toEqual({ kind: 'run', pid: second.pid });
      db.close();
    } finally {
      first.kill('SIGKILL');
      second.kill('SIGTERM');
    }
    const ended = await second.done;
    expect(ended.code).toBe(0);
    for (const text of [first.output.stdout, first.output.stderr, ended.stdout, ended.stderr])
      expect(text).not.toMatch(/unknown error|Error:/i);
  }, 90_000);
});
