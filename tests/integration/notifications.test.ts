/**
 * Notifications end to end inside one process (issue 4): a real database, a real local feed
 * server, the real Engine and the real headless notifier writing its JSON-lines log. Every rule of
 * the policy seen from the outside, and exactly-once delivery across a simulated crash. (The
 * SIGKILL-a-child-process test lives with the CLI.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchNotifications } from '../../main/alerts/dispatcher';
import { HeadlessNotifier, type NotifyLogLine } from '../../main/alerts/headless-notifier';
import type { NotificationToShow, Notifier } from '../../main/alerts/notifier';
import { Engine } from '../../main/engine';
import { startFeedServer, type FeedServer } from '../helpers/feed-server';
import { rss, type RssItemSpec } from '../helpers/rss';
import { useTempDir } from '../helpers/temp-dir';
import { engineInternals } from '../../main/engine/internals';

const tempDir = useTempDir();
let server: FeedServer;
/** Noon in Seoul. */
const NOON_KST = Date.UTC(2026, 10, 28, 3, 0, 0);
let clock = NOON_KST;
const engines: Engine[] = [];

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  clock = NOON_KST;
});

let routeCount = 0;
/** A fresh feed path on the test server; `set` replaces what it serves. */
function feed(title: string, items: RssItemSpec[] = []) {
  const path = `/feed-${++routeCount}.xml`;
  const set = (next: RssItemSpec[]) =>
    server.route(path, { headers: { 'Content-Type': 'application/rss+xml' }, body: rss({ title, items: next }) });
  set(items);
  return { url: server.url(path), set };
}

interface Setup {
  engine: Engine;
  dir: string;
  log: string;
  lines: () => NotifyLogLine[];
}

async function setup(dir = tempDir()): Promise<Setup> {
  const engine = new Engine({ databasePath: join(dir, 'nunchi.sqlite'), processing: 'in-process', now: () => clock });
  engines.push(engine);
  engine.settings.update({ locale: 'ko', timeZone: 'Asia/Seoul' });
  const log = join(dir, 'notify.jsonl');
  await engine.setNotifier(new HeadlessNotifier({ logFile: log, notifySend: null, now: () => clock }));
  return { engine, dir, log, lines: () => readLog(log) };
}

function readLog(log: string): NotifyLogLine[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as NotifyLogLine);
}

/** Adds a feed and polls it once: its first poll is backlog (alerts, never notifications). */
async function follow(engine: Engine, url: string) {
  const added = engineInternals(engine).feeds.add({ url }, clock);
  await engine.poll({ feedIds: [added.id] });
  return added;
}

async function pollLater(engine: Engine, ms = 600_000) {
  clock += ms;
  return engine.poll({ all: true });
}

const notifyStates = (engine: Engine) =>
  engineInternals(engine).db.prepare(`SELECT notify_state, count(*) AS n FROM alerts GROUP BY notify_state ORDER BY notify_state`).all();

let guid = 0;
function article(title: string, link?: string): RssItemSpec {
  guid += 1;
  return { guid: `g${guid}`, title, link: link ?? `https://www.etnews.com/${guid}`, description: `${title} — 본문입니다.` };
}

describe('notifications through the engine', () => {
  it('a live alert notifies exactly once; a re-poll does not notify again', async () => {
    const { engine, lines } = await setup();
    engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    const f = feed('전자신문', [article('오늘의 IT 소식')]);
    await follow(engine, f.url);
    expect(lines()).toEqual([]);

    f.set([article('<단독> 카카오브레인 대표 사임')]);
    await pollLater(engine);
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatchObject({ title: '카카오브레인: <단독> 카카오브레인 대표 사임' });
    expect(lines()[0]!.body).toMatch(/^전자신문 — /);

    await pollLater(engine);
    await pollLater(engine);
    expect(lines()).toHaveLength(1);
    expect(engineInternals(engine).db.prepare(`SELECT count(*) FROM notifications WHERE shown_at IS NOT NULL`).pluck().get()).toBe(1);
  });

  it('the backlog found on a feed’s first poll never notifies', async () => {
    const { engine, lines } = await setup();
    engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    const f = feed('전자신문', [article('카카오브레인 1'), article('카카오브레인 2')]);
    await follow(engine, f.url);
    await pollLater(engine);
    expect(engineInternals(engine).alerts.count()).toBe(2);
    expect(lines()).toEqual([]);
  });

  it('a new watchlist applied to stored articles never notifies', async () => {
    const { engine, lines } = await setup();
    const f = feed('전자신문', [article('오늘의 IT 소식')]);
    await follow(engine, f.url);
    f.set([article('카카오브레인 새 모델')]);
    await pollLater(engine);
    engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    await engine.whenIdle();
    await pollLater(engine);
    expect(engineInternals(engine).alerts.count()).toBe(1);
    expect(lines()).toEqual([]);
  });

  it('a watchlist with notify off never notifies', async () => {
    const { engine, lines } = await setup();
    engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인', notify: false });
    const f = feed('전자신문');
    await follow(engine, f.url);
    f.set([article('카카오브레인 대표 사임')]);
    await pollLater(engine);
    expect(engineInternals(engine).alerts.count()).toBe(1);
    expect(lines()).toEqual([]);
  });

  it('only the first outlet of a story notifies; a muted story never notifies', async () => {
    const { engine, lines } = await setup();
    engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    const a = feed('전자신문');
    const b = feed('블로터');
    const c = feed('지디넷코리아');
    await follow(engine, a.url);
    await follow(engine, b.url);
    await follow(engine, c.url);

    // The same story (same canonical link) from three outlets, over two polls.
    a.set([article('카카오브레인 대표 사임', 'https://news.example.kr/kakaobrain-ceo')]);
    await pollLater(engine);
    b.set([article('카카오브레인 대표 사임, 후임은?', 'https://news.example.kr/kakaobrain-ceo')]);
    c.set([article('카카오브레인 대표 물러나', 'https://news.example.kr/kakaobrain-ceo')]);
    await pollLater(engine);
    expect(engineInternals(engine).alerts.count()).toBe(3);
    expect(lines()).toHaveLength(1);

    // A story whose first article matched nothing, muted by the user: a later match stays quiet.
    a.set([article('오픈AI 새 모델 발표', 'https://news.example.kr/muted-story')]);
    await pollLater(engine);
    const mutedStory = engineInternals(engine)
      .db.prepare(`SELECT story_id FROM articles WHERE canonical_link = ?`)
      .pluck()
      .get('https://news.example.kr/muted-story') as number;
    engineInternals(engine).alerts.setMuted(mutedStory, true);
    b.set([article('오픈AI 발표에 카카오브레인도 긴장', 'https://news.example.kr/muted-story')]);
    await pollLater(engine);
    expect(engineInternals(engine).alerts.count()).toBe(4);
    expect(lines()).toHaveLength(1);

    // The same shape without muting does notify: the first article *that alerts* counts.
    a.set([article('네이버 새 모델 발표', 'https://news.example.kr/open-story')]);
    await pollLater(engine);
    b.set([article('네이버 발표에 카카오브레인도 긴장', 'https://news.example.kr/open-story')]);
    await pollLater(engine);
    expect(lines()).toHaveLength(2);
  });

  it('five new alerts for one watchlist in one poll → one batch notification', async () => {
    const { engine, lines } = await setup();
    engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    const f = feed('전자신문');
    await follow(engine, f.url);
    f.set([1, 2, 3, 4, 5].map((i) => article(`카카오브레인 소식 ${i}`)));
    await pollLater(engine);
    expect(lines()).toHaveLength(1);
    expect(lines()[0]!.title).toBe('카카오브레인: 새 기사 5건');
    expect(lines()[0]!.articleId).toBeNull();
    const row = engineInternals(engine).db.prepare(`SELECT kind, alert_ids FROM notifications`).get() as {
      kind: string;
      alert_ids: string;
    };
    expect(row.kind).toBe('batch');
    expect(JSON.parse(row.alert_ids)).toHaveLength(5);
    expect(notifyStates(engine)).toEqual([{ notify_state: 'notified', n: 5 }]);
  });

  it('in English when the locale is English', async () => {
    const { engine, lines } = await setup();
    engine.settings.update({ locale: 'en' });
    engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    const f = feed('전자신문');
    await follow(engine, f.url);
    f.set([1, 2, 3, 4, 5].map((i) => article(`카카오브레인 소식 ${i}`)));
    await pollLater(engine);
    expect(lines().map((l) => l.title)).toEqual(['카카오브레인: 5 new articles']);
  });

  it('quiet hours hold notifications and summarise them once when they end', async () => {
    const { engine, lines } = await setup();
    engine.settings.update({ quietHours: { start: '23:00', end: '07:00' } });
    engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    engine.watchlists.create({ name: '퇴사', query: '퇴사' });
    const f = feed('전자신문');
    clock = Date.UTC(2026, 10, 28, 14, 30); // 23:30 in Seoul
    await follow(engine, f.url);
    f.set([article('카카오브레인 대표 퇴사')]);
    await pollLater(engine, 3600_000); // 00:30
    f.set([article('카카오브레인 새 모델'), article('네이버 임원 퇴사')]);
    await pollLater(engine, 3600_000); // 01:30
    expect(lines()).toEqual([]);
    expect(notifyStates(engine)).toEqual([{ notify_state: 'held', n: 4 }]);

    clock = Date.UTC(2026, 10, 28, 22, 0); // 07:00 in Seoul: no poll needed, the engine wakes up
    await engine.notifyNow();
    expect(lines()).toHaveLength(1);
    expect(lines()[0]!.title).toBe('알림을 보류한 동안 새 기사 3건');
    expect(lines()[0]!.body).toBe('카카오브레인 2건 · 퇴사 2건');
    await pollLater(engine);
    expect(lines()).toHaveLength(1);
    expect(notifyStates(engine)).toEqual([{ notify_state: 'notified', n: 4 }]);
  });

  it('wakes up by itself when quiet hours end, without waiting for a poll', async () => {
    const { engine, lines } = await setup();
    engine.settings.update({ quietHours: { start: '23:00', end: '07:00' } });
    engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    const f = feed('전자신문');
    clock = Date.UTC(2026, 10, 28, 21, 0); // 06:00 in Seoul
    await follow(engine, f.url);
    f.set([article('카카오브레인 대표 사임')]);
    await pollLater(engine, 3600_000 - 500); // 06:59:59.5: held; the end of quiet hours is half a second away
    expect(lines()).toEqual([]);
    clock = Date.UTC(2026, 10, 28, 22, 0); // the timer (at least 1 s of real time) fires after 07:00
    const deadline = Date.now() + 10_000;
    while (lines().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(lines().map((l) => l.title)).toEqual(['알림을 보류한 동안 새 기사 1건']);
  });

  it('pause: nothing while paused, one summary after', async () => {
    const { engine, lines } = await setup();
    engine.settings.update({ notificationsPausedUntil: clock + 3600_000 });
    engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    const f = feed('전자신문');
    await follow(engine, f.url);
    f.set([article('카카오브레인 대표 사임')]);
    await pollLater(engine);
    expect(lines()).toEqual([]);
    await pollLater(engine, 3600_000);
    expect(lines().map((l) => l.title)).toEqual(['알림을 보류한 동안 새 기사 1건']);
  });

  it('the per-minute cap holds the excess and summarises it later, dropping nothing', async () => {
    const { engine, lines } = await setup();
    engine.settings.update({ maxNotificationsPerMinute: 2 });
    for (const name of ['카카오', '네이버', '삼성']) engine.watchlists.create({ name, query: name });
    const f = feed('전자신문');
    await follow(engine, f.url);
    f.set([article('카카오 소식'), article('네이버 소식'), article('삼성 소식')]);
    await pollLater(engine, 60_000);
    expect(lines().map((l) => l.title)).toEqual(['카카오: 카카오 소식', '네이버: 네이버 소식']);
    expect(notifyStates(engine)).toEqual([
      { notify_state: 'held', n: 1 },
      { notify_state: 'notified', n: 2 },
    ]);

    clock += 30_000; // still within the minute: nothing more
    await engine.notifyNow();
    expect(lines()).toHaveLength(2);
    clock += 31_000;
    await engine.notifyNow();
    expect(lines().map((l) => l.title)).toEqual(['카카오: 카카오 소식', '네이버: 네이버 소식', '알림을 보류한 동안 새 기사 1건']);
    expect(lines()[2]!.body).toBe('삼성 1건');
  });
});

describe('exactly once across a crash', () => {
  /** Records what it was asked to show, and "crashes" (rejects without showing) when told to. */
  class CrashingNotifier implements Notifier {
    shown: NotificationToShow[] = [];
    crashAfter = Number.POSITIVE_INFINITY;
    show(n: NotificationToShow): Promise<void> {
      if (this.shown.length >= this.crashAfter) return Promise.reject(new Error('process died before showing'));
      this.shown.push(n);
      return Promise.resolve();
    }
  }

  async function liveAlerts(engine: Engine, titles: string[]) {
    for (const [i, name] of ['카카오', '네이버', '삼성'].entries()) if (i < titles.length) engine.watchlists.create({ name, query: name });
    const f = feed('전자신문');
    await follow(engine, f.url);
    f.set(titles.map((t) => article(t)));
    await pollLater(engine);
  }

  it('recorded but not shown before the crash → shown once by the next start, never twice', async () => {
    const dir = tempDir();
    const first = new Engine({ databasePath: join(dir, 'nunchi.sqlite'), processing: 'in-process', now: () => clock });
    engines.push(first);
    const crashing = new CrashingNotifier();
    crashing.crashAfter = 1; // shows the first, dies before the second
    await first.setNotifier(crashing);
    await liveAlerts(first, ['카카오 소식', '네이버 소식']);
    expect(crashing.shown.map((n) => n.title)).toEqual(['카카오: 카카오 소식']);
    const recorded = engineInternals(first).db.prepare(`SELECT id, shown_at FROM notifications ORDER BY id`).all() as Array<{
      id: number;
      shown_at: number | null;
    }>;
    expect(recorded).toHaveLength(2);
    expect(recorded[1]!.shown_at).toBeNull();
    await first.close();
    engines.splice(engines.indexOf(first), 1);

    // Restart: the leftover is shown at once, exactly once, with its original id.
    const second = await setup(dir);
    expect(second.lines().map((l) => [l.id, l.title])).toEqual([[recorded[1]!.id, '네이버: 네이버 소식']]);
    await pollLater(second.engine);
    await second.engine.notifyNow();
    expect(second.lines()).toHaveLength(1);
    expect(engineInternals(second.engine).db.prepare(`SELECT count(*) FROM notifications`).pluck().get()).toBe(2);
    expect(engineInternals(second.engine).db.prepare(`SELECT count(*) FROM notifications WHERE shown_at IS NULL`).pluck().get()).toBe(0);
  });

  it('a crash before recording leaves the alerts pending: the next start notifies them once', async () => {
    const dir = tempDir();
    const first = new Engine({ databasePath: join(dir, 'nunchi.sqlite'), processing: 'in-process', now: () => clock });
    engines.push(first);
    await liveAlerts(first, ['카카오 소식']); // no notifier yet: the alert is written 'pending', nothing recorded
    expect(notifyStates(first)).toEqual([{ notify_state: 'pending', n: 1 }]);
    await first.close();
    engines.splice(engines.indexOf(first), 1);

    const second = await setup(dir);
    expect(second.lines().map((l) => l.title)).toEqual(['카카오: 카카오 소식']);
    await second.engine.notifyNow();
    expect(second.lines()).toHaveLength(1);
  });

  it('a crash between showing and recording "shown": the log still has the notification once', async () => {
    const dir = tempDir();
    const { engine, log, lines } = await setup(dir);
    await engine.setNotifier(null);
    await liveAlerts(engine, ['카카오 소식']);
    // Record and show through the real log, then forget "shown" as if the process died right after showing.
    const logNotifier = new HeadlessNotifier({ logFile: log, notifySend: null });
    await dispatchNotifications(engineInternals(engine).outbox, { ...engine.settings.all() }, logNotifier, clock);
    // The claim names the process that showed it: make that a process that has exited since.
    const { pid: deadPid } = spawnSync(process.execPath, ['-e', '']);
    engineInternals(engine).db.prepare(`UPDATE notifications SET shown_at = NULL, claimed_pid = ?`).run(deadPid);
    await engine.setNotifier(new HeadlessNotifier({ logFile: log, notifySend: null }));
    expect(lines()).toHaveLength(1);
    expect(engineInternals(engine).db.prepare(`SELECT count(*) FROM notifications WHERE shown_at IS NULL`).pluck().get()).toBe(0);
  });

  it('overlapping dispatches never show the same notification twice', async () => {
    const { engine } = await setup();
    await engine.setNotifier(null);
    await liveAlerts(engine, ['카카오 소식', '네이버 소식']);
    const counting = new CrashingNotifier();
    const settings = engine.settings.all();
    await Promise.all([1, 2, 3].map(() => dispatchNotifications(engineInternals(engine).outbox, settings, counting, clock)));
    expect(counting.shown.map((n) => n.title).sort()).toEqual(['네이버: 네이버 소식', '카카오: 카카오 소식']);
  });
});
