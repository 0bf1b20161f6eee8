/**
 * The engine host (main/host): the engine in a real worker thread on a real temporary database,
 * called over the RPC the desktop shell uses, with events coming back — in plain Node.
 */
import { formatMessage } from '../../shared/messages';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../shared/api';
import { EngineCallError, EngineHost, type HostOptions, type NotificationToShow } from '../../main/host/engine-host';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { rss } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
let server: FeedServer;
const hosts: EngineHost[] = [];

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/etnews.xml', {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
    body: rss({
      title: '전자신문',
      items: [
        { guid: 'a1', title: '카카오브레인 대표 퇴사', link: 'https://www.etnews.com/1', description: '김일두 대표가 회사를 떠난다.' },
        { guid: 'a2', title: '네이버 하이퍼클로바X 공개', link: 'https://www.etnews.com/2', description: '새 모델을 공개했다.' },
      ],
    }),
  });
});
afterAll(() => server.close());
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function startHost(
  overrides: Partial<HostOptions> = {},
  onNotification?: (n: NotificationToShow) => void | Promise<void>,
): Promise<{ host: EngineHost; dir: string }> {
  const dir = tempDir();
  const host = await EngineHost.start(
    {
      databasePath: join(dir, 'data', 'nunchi.sqlite'),
      dataDir: join(dir, 'data'),
      version: '9.9.9-test',
      processing: 'in-process',
      ...overrides,
    },
    onNotification,
  );
  hosts.push(host);
  return { host, dir };
}

describe('engine host (worker thread + RPC)', () => {
  it('opens the database in the worker and answers calls by id', async () => {
    const { host, dir } = await startHost();
    const [info, settings, feeds] = await Promise.all([
      host.invoke('app.info', {}),
      host.invoke('settings.get', {}),
      host.invoke('feeds.list', {}),
    ]);
    expect(info.version).toBe('9.9.9-test');
    expect(info.databasePath).toBe(join(dir, 'data', 'nunchi.sqlite'));
    expect(existsSync(info.databasePath)).toBe(true);
    expect(settings.retentionDays).toBe(90);
    expect(feeds).toEqual([]);
  });

  it('returns contract violations and unknown methods as error data, not exceptions', async () => {
    const { host } = await startHost();
    const invalid = await host.call('feeds.remove', { id: 'DROP TABLE feeds' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'api.invalid_params' } });
    if (!invalid.ok) expect(formatMessage('ko', invalid.error.message)).toMatch(/요청/);
    const unknown = await host.call('process.exit', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'api.unknown_method' } });
    await expect(host.invoke('articles.get', { id: 424242 })).rejects.toBeInstanceOf(EngineCallError);
  });

  it('polls a real feed server in the worker and forwards the engine events', async () => {
    const { host } = await startHost();
    const events: EngineEvent[] = [];
    host.subscribe((event) => events.push(event));
    const feed = await host.invoke('feeds.add', { url: server.url('/etnews.xml') });
    await host.invoke('watchlists.create', { name: '카카오브레인', query: '카카오브레인' });
    const first = await host.invoke('feeds.pollNow', {});
    expect(first).toMatchObject({ polled: 1, inserted: 2, failed: 0 });
    const names = events.map((e) => e.name);
    expect(names).toContain('poll.progress');
    expect(events).toContainEqual({ name: 'feeds.changed', payload: { feedIds: [feed.id] } });
    expect(events).toContainEqual({ name: 'watchlists.changed', payload: { ids: [expect.any(Number)] } });
    const alerts = await host.invoke('alerts.list', { filter: 'all' });
    expect(alerts.stories.map((s) => s.article.title)).toEqual(['카카오브레인 대표 퇴사']);
  });

  it('persists across a restart of the worker', async () => {
    const { host, dir } = await startHost();
    await host.invoke('settings.set', { retentionDays: 30 });
    await host.close();
    expect(host.running).toBe(false);
    const again = await EngineHost.start({
      databasePath: join(dir, 'data', 'nunchi.sqlite'),
      dataDir: dir,
      version: '1',
      processing: 'in-process',
    });
    hosts.push(again);
    expect((await again.invoke('settings.get', {})).retentionDays).toBe(30);
  });

  it('answers calls after close with an error instead of hanging', async () => {
    const { host } = await startHost();
    await host.close();
    await expect(host.call('feeds.list', {})).resolves.toMatchObject({ ok: false, error: { code: 'api.internal' } });
  });

  it('uses the native binding it is given (NUNCHI_SQLITE_BINDING) and fails to start, in words, when it is wrong', async () => {
    const nodeBuild = join(
      createRequire(import.meta.url).resolve('better-sqlite3/package.json'),
      '..',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    const { host } = await startHost({ nativeBinding: nodeBuild });
    expect((await host.invoke('feeds.list', {})).length).toBe(0);
    const dir = tempDir();
    await expect(
      EngineHost.start({
        databasePath: join(dir, 'x.sqlite'),
        dataDir: dir,
        version: '1',
        processing: 'in-process',
        nativeBinding: join(dir, 'missing.node'),
      }),
    ).rejects.toThrow(/engine worker did not start/);
  });

  it('polls on its own schedule when asked to', async () => {
    const first = await startHost();
    await first.host.invoke('feeds.add', { url: server.url('/etnews.xml') });
    await first.host.close();
    const before = server.requestCount('/etnews.xml');
    const { host } = await startHost({ databasePath: join(first.dir, 'data', 'nunchi.sqlite'), scheduleEveryMs: 60_000 });
    const done = await new Promise<EngineEvent>((resolve) => {
      const off = host.subscribe((event) => {
        if (event.name === 'poll.progress' && !event.payload.running) {
          off();
          resolve(event);
        }
      });
    });
    expect(done.payload).toMatchObject({ done: 1, total: 1 });
    expect(server.requestCount('/etnews.xml')).toBe(before + 1);
  });

  it('hands live notifications to the host process, which acknowledges them: shown once, a refused one retried', async () => {
    server.route('/live.xml', {
      headers: { 'Content-Type': 'application/rss+xml' },
      body: rss({ title: '지디넷', items: [{ guid: 'z1', title: '오늘의 IT', link: 'https://zdnet.co.kr/1' }] }),
    });
    const shown: NotificationToShow[] = [];
    let refuse = false;
    const { host } = await startHost({ notifications: true }, (notification) => {
      if (refuse) throw new Error('the OS refused');
      shown.push(notification);
    });
    await host.invoke('feeds.add', { url: server.url('/live.xml') });
    await host.invoke('watchlists.create', { name: 'KoGPT', query: 'KoGPT' });
    await host.invoke('feeds.pollNow', {}); // the first poll is the backlog: never notifies
    expect(shown).toEqual([]);
    server.route('/live.xml', {
      headers: { 'Content-Type': 'application/rss+xml' },
      body: rss({
        title: '지디넷',
        items: [
          { guid: 'z2', title: '카카오, KoGPT 2.0 <b>공개</b>', link: 'https://zdnet.co.kr/2' },
          { guid: 'z1', title: '오늘의 IT', link: 'https://zdnet.co.kr/1' },
        ],
      }),
    });
    refuse = true;
    await host.invoke('feeds.pollNow', {});
    expect(shown).toEqual([]);
    refuse = false;
    await host.invoke('feeds.pollNow', {}); // nothing new, but the refused notification is shown now
    await host.invoke('feeds.pollNow', {});
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title + shown[0]!.body).toContain('KoGPT 2.0');
    expect(shown[0]!.articleId).toEqual(expect.any(Number));
  });
});
