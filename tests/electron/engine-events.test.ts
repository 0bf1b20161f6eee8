/**
 * The shell reacts to typed engine events, not to method names: a real engine and its API table
 * (as the worker runs them) announce what the shell must do, and reactToEngineEvent does it.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../shared/api';
import { callHandler, createHandlers } from '../../main/api/handlers';
import { reactToEngineEvent } from '../../main/electron/engine-events';
import { Engine } from '../../main/engine';
import { engineInternals } from '../../main/engine/internals';
import { makeItem } from '../helpers/items';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const NOW = Date.now();
const engines: Engine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

function shell() {
  const engine = new Engine({ databasePath: join(tempDir(), 'shell.sqlite'), processing: 'in-process', now: () => NOW });
  engines.push(engine);
  const table = createHandlers({ engine, dataDir: tempDir(), version: 'test' });
  const done = { opened: [] as string[], startAtLogin: [] as boolean[], trayRefreshes: 0, forwarded: [] as EngineEvent['name'][] };
  engine.subscribe((event) =>
    reactToEngineEvent(event, {
      openInBrowser: (url) => done.opened.push(url),
      applyStartAtLogin: (enabled) => done.startAtLogin.push(enabled),
      refreshTray: () => (done.trayRefreshes += 1),
      forward: (e) => done.forwarded.push(e.name),
    }),
  );
  return { engine, done, call: (method: string, params: unknown) => callHandler(table, method, params) };
}

describe('the shell reacts to typed engine events', () => {
  it("opens an article's original link (http(s) only) and never forwards the request to the page", async () => {
    const { engine, done, call } = shell();
    const { feeds, articles } = engineInternals(engine);
    const feed = feeds.add({ url: 'https://news.example.kr/rss' }, NOW);
    articles.storeFeedItems(
      { id: feed.id, title: '전자신문' },
      [makeItem({ identity: 'a', link: 'https://news.example.kr/a/1' }), makeItem({ identity: 'b', link: null })],
      NOW,
    );
    const [withLink, withoutLink] = articles.listByFeed(feed.id).sort((x, y) => x.identity.localeCompare(y.identity));

    expect(await call('articles.openOriginal', { id: withLink!.id })).toEqual({
      ok: true,
      result: { ok: true, url: 'https://news.example.kr/a/1' },
    });
    expect(await call('articles.openOriginal', { id: withoutLink!.id })).toMatchObject({ ok: true, result: { ok: false } });
    expect(await call('links.openExternal', { url: 'javascript:alert(1)' })).toMatchObject({ ok: true, result: { ok: false } });
    expect(await call('links.openExternal', { url: 'https://www.etnews.com/2' })).toMatchObject({ ok: true, result: { ok: true } });
    expect(done.opened).toEqual(['https://news.example.kr/a/1', 'https://www.etnews.com/2']);
    expect(done.forwarded).not.toContain('links.open');
  });

  it('applies the login item only when startAtLogin changes, and refreshes the tray on every settings change', async () => {
    const { done, call } = shell();
    await call('settings.set', { locale: 'en' });
    expect(done.startAtLogin).toEqual([]);
    expect(done.trayRefreshes).toBe(1);
    await call('settings.set', { startAtLogin: true });
    await call('settings.set', { startAtLogin: false, theme: 'dark' });
    expect(done.startAtLogin).toEqual([true, false]);
    expect(done.trayRefreshes).toBe(3);
    expect(done.forwarded.filter((name) => name === 'settings.changed')).toHaveLength(3);
  });

  it('refreshes the tray when the user changes alerts, not when the app only reads them', async () => {
    const { done, call } = shell();
    await call('alerts.list', {});
    await call('articles.get', { id: 1 });
    expect(done.trayRefreshes).toBe(0);
    await call('alerts.setRead', { storyIds: [1], read: true });
    await call('alerts.markAllRead', {});
    await call('alerts.muteStory', { storyId: 1, muted: true });
    expect(done.trayRefreshes).toBe(3);
    expect(done.forwarded).toEqual(['alerts.changed', 'alerts.changed', 'alerts.changed']);
  });
});
