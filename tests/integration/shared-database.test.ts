/**
 * One database, several processes (issue 13): the app and `nunchi run` share one file by default.
 * Several real Engines on one real SQLite file (each its own connection, as two processes have),
 * and the real `nunchi` as a child process where the other side is the command line: one poller at
 * a time (a lease with a heartbeat, taken over when it lapses or is given up), each notification
 * shown exactly once, watchlists added elsewhere matched at the next poll, database failures in
 * words, background failures logged without stopping the engine.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../shared/api';
import type { NotificationToShow, Notifier } from '../../main/alerts/notifier';
import type { Engine, EngineOptions } from '../../main/engine';
import { engineInternals } from '../../main/engine/internals';
import { DEFAULT_LEASE_TTL_MS } from '../../main/engine/monitor-lease';
import { addLogSink, type LogRecord } from '../../main/logger';
import { runCli } from '../cli/run-cli';
import { useEngines, useFeedServer } from '../helpers/harness';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const engines = useEngines();
const { serveRss } = useFeedServer();
let clock = Date.UTC(2026, 10, 28, 3, 0, 0);

/** Two (or more) engines on one file: what two processes sharing the database look like. */
function onOneFile(count: number, options: Partial<EngineOptions> = {}): Engine[] {
  const databasePath = join(tempDir(), 'nunchi.sqlite');
  return Array.from({ length: count }, () => engines.open({ databasePath, processing: 'in-process', now: () => clock, ...options }));
}

function twoOnOneFile(options: Partial<EngineOptions> = {}): [Engine, Engine] {
  const [first, second] = onOneFile(2, options);
  return [first!, second!];
}

function oneEngine(options: Partial<EngineOptions> = {}): Engine {
  return onOneFile(1, options)[0]!;
}

function eventsOf(engine: Engine, name: EngineEvent['name']): EngineEvent[] {
  const seen: EngineEvent[] = [];
  engine.subscribe((event) => {
    if (event.name === name) seen.push(event);
  });
  return seen;
}

function captureLog(): { records: LogRecord[]; stop: () => void } {
  const records: LogRecord[] = [];
  const stop = addLogSink((record) => records.push(record), 'debug');
  return { records, stop };
}

const kakao = (n: number) => ({
  guid: `k${n}`,
  title: `카카오브레인 소식 ${n}`,
  link: `https://www.etnews.com/k${n}`,
  description: '카카오브레인이 새 모델을 냈다.',
});

describe('one poller per database', () => {
  it('polls in one engine only; the other says who polls (kind, process, host, since) and polls nothing', async () => {
    const [app, run] = twoOnOneFile();
    engineInternals(app).feeds.add({ url: serveRss('/lease-1.xml', '전자신문', [kakao(1)]) }, clock);
    const appEvents = eventsOf(app, 'monitor.poller');
    const runEvents = eventsOf(run, 'monitor.poller');

    const first = await app.poll({ all: true });
    expect(first.otherPoller).toBeUndefined();
    expect(first.results).toHaveLength(1);
    expect(appEvents.map((e) => e.payload)).toEqual([{ polling: true, holder: null }]);

    const second = await run.poll({ all: true });
    expect(second.results).toEqual([]);
    expect(second.otherPoller).toMatchObject({ kind: 'app', pid: process.pid, acquiredAt: first.startedAt });
    expect(runEvents.map((e) => e.payload)).toEqual([
      { polling: false, holder: { kind: 'app', pid: process.pid, host: expect.any(String) as string, since: clock } },
    ]);
    // Asking again while nothing changed announces nothing new.
    await run.poll({ all: true });
    expect(runEvents).toHaveLength(1);
  });

  it('takes over when the holder stops beating for the lease time (clock injected), and the old holder then stands by', async () => {
    const [first, second] = twoOnOneFile();
    engineInternals(first).feeds.add({ url: serveRss('/lease-2.xml', '전자신문', [kakao(1)]) }, clock);
    await first.poll({ all: true });
    clock += DEFAULT_LEASE_TTL_MS - 1000;
    expect((await second.poll({ all: true })).otherPoller?.kind).toBe('app');

    // The first engine's process froze (a laptop asleep): no heartbeat for longer than the lease time.
    clock += 2000;
    const takeover = await second.poll({ all: true });
    expect(takeover.otherPoller).toBeUndefined();
    expect(takeover.results).toHaveLength(1);

    const back = await first.poll({ all: true });
    expect(back.results).toEqual([]);
    expect(back.otherPoller?.acquiredAt).toBe(clock);
  });

  it('keeps the lease while it keeps polling (each poll renews it)', async () => {
    const [holder, waiting] = twoOnOneFile({ leaseTtlMs: 60_000 });
    engineInternals(holder).feeds.add({ url: serveRss('/lease-3.xml', '전자신문', []) }, clock);
    await holder.poll({ all: true });
    for (let minute = 0; minute < 5; minute++) {
      clock += 30_000;
      await holder.poll({ all: true });
      clock += 30_000;
      expect((await waiting.poll({ all: true })).otherPoller).toBeDefined();
    }
  });

  it('hands over at once when the holder closes (Ctrl-C, quitting the app)', async () => {
    const [first, second] = twoOnOneFile();
    engineInternals(first).feeds.add({ url: serveRss('/lease-4.xml', '전자신문', []) }, clock);
    await first.poll({ all: true });
    expect((await second.poll({ all: true })).otherPoller).toBeDefined();
    await first.close();
    expect((await second.poll({ all: true })).otherPoller).toBeUndefined();
  });

  it('of many engines trying at once, exactly one polls', async () => {
    const all = onOneFile(6);
    engineInternals(all[0]!).feeds.add({ url: serveRss('/lease-5.xml', '전자신문', []) }, clock);
    const summaries = await Promise.all(all.map((engine) => engine.poll({ all: true })));
    expect(summaries.filter((s) => !s.otherPoller)).toHaveLength(1);
  });
});

/** A notifier that records what it showed and can be held mid-show. */
function recordingNotifier(shown: number[], gate?: Promise<void>): Notifier {
  return {
    show: async (notification: NotificationToShow) => {
      if (gate) await gate;
      shown.push(notification.id);
    },
  };
}

describe('notifications with two engines on one file', () => {
  it('shows each notification exactly once when both dispatch at the same time', async () => {
    const [poller, other] = twoOnOneFile();
    poller.settings.update({ locale: 'ko', timeZone: 'Asia/Seoul' });
    poller.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
    const feed = engineInternals(poller).feeds.add({ url: serveRss('/notify-1.xml', '전자신문', []) }, clock);
    await poller.poll({ all: true }); // the backlog: nothing notifies
    serveRss('/notify-1.xml', '전자신문', [kakao(1), kakao(2), kakao(3)]);
    clock += 600_000;
    await poller.poll({ feedIds: [feed.id] }); // three live alerts, pending: no notifier yet
    expect(engineInternals(poller).db.prepare(`SELECT count(*) FROM alerts WHERE notify_state = 'pending'`).pluck().get()).toBe(3);

    // The poller records the notifications and is held showing the first; meanwhile the other
    // engine dispatches and finds them recorded and not shown yet.
    const shownByPoller: number[] = [];
    const shownByOther: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const pollerDispatch = poller.setNotifier(recordingNotifier(shownByPoller, held));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([other.setNotifier(recordingNotifier(shownByOther)), other.notifyNow(), other.notifyNow()]);
    release();
    await pollerDispatch;
    await Promise.all([poller.notifyNow(), other.notifyNow()]);

    const all = [...shownByPoller, ...shownByOther];
    const recorded = engineInternals(poller).db.prepare(`SELECT id FROM notifications ORDER BY id`).pluck().all() as number[];
    expect(recorded.length).toBeGreaterThan(0);
    expect(all.sort((a, b) => a - b)).toEqual(recorded);
    expect(shownByOther).toEqual([]);
    expect(engineInternals(poller).db.prepare(`SELECT count(*) FROM notifications WHERE shown_at IS NULL`).pluck().get()).toBe(0);
  });

  it('shows a notification another engine claimed and abandoned (claimed long ago, never shown)', async () => {
    const engine = oneEngine();
    const { db } = engineInternals(engine);
    db.prepare(
      `INSERT INTO notifications (kind, title, body, alert_ids, created_at, claimed_by, claimed_pid, claimed_host, claimed_at)
       VALUES ('single', '카카오브레인', '소식', '[]', ?, 'someone-else', ?, 'another-host', ?)`,
    ).run(clock, process.pid, clock);
    const shown: number[] = [];
    await engine.setNotifier(recordingNotifier(shown));
    expect(shown).toEqual([]); // fresh: its claimant may be showing it right now
    clock += 6 * 60_000;
    await engine.notifyNow();
    expect(shown).toHaveLength(1);
  });
});

describe('changes made by another process', () => {
  it('matches a watchlist added by `nunchi watch add` in the running engine’s next poll, without a restart', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'nunchi.sqlite');
    const engine = engines.open({ databasePath, processing: 'in-process' });
    const feed = engineInternals(engine).feeds.add({ url: serveRss('/elsewhere-1.xml', '전자신문', []) }, Date.now());
    await engine.poll({ all: true });
    const changed = eventsOf(engine, 'watchlists.changed');

    const added = await runCli(['watch', 'add', '카카오브레인', '카카오브레인', '--db', databasePath], {});
    expect(added.code).toBe(0);

    serveRss('/elsewhere-1.xml', '전자신문', [kakao(7)]);
    const summary = await engine.poll({ feedIds: [feed.id] });
    expect(summary.newAlerts).toBe(1);
    const [alert] = engineInternals(engine).db.prepare(`SELECT watchlist_name, origin FROM alerts`).all() as Array<{
      watchlist_name: string;
      origin: string;
    }>;
    expect(alert).toEqual({ watchlist_name: '카카오브레인', origin: 'live' });
    expect(changed).toHaveLength(1); // the app's lists refresh too
  });

  it('follows a watchlist edited and a feed moved to another folder by another engine', async () => {
    const [running, cli] = twoOnOneFile();
    const feed = engineInternals(running).feeds.add({ url: serveRss('/elsewhere-2.xml', '전자신문', []), folder: ['IT'] }, clock);
    const watchlist = running.watchlists.create({ name: 'AI', query: '하이퍼클로바', feedScope: { feedIds: [], folders: [['IT']] } });
    await running.poll({ all: true });

    cli.watchlists.update(watchlist.id, { query: '카카오브레인' });
    serveRss('/elsewhere-2.xml', '전자신문', [kakao(1)]);
    clock += 600_000;
    expect((await running.poll({ feedIds: [feed.id] })).newAlerts).toBe(1);

    cli.feeds.update(feed.id, { folder: ['경제'] });
    serveRss('/elsewhere-2.xml', '전자신문', [kakao(1), kakao(2)]);
    clock += 600_000;
    expect((await running.poll({ feedIds: [feed.id] })).newAlerts).toBe(0); // out of the watchlist's folder now
  });
});

describe('database failures while polling', () => {
  it('says "the database is locked" for a feed it could not store, never "an unknown error"', async () => {
    const dir = tempDir();
    const databasePath = join(dir, 'nunchi.sqlite');
    const engine = engines.open({ databasePath, processing: 'in-process', now: () => clock, busyTimeoutMs: 200 });
    engine.settings.update({ locale: 'en' });
    const feed = engineInternals(engine).feeds.add({ url: serveRss('/locked.xml', '전자신문', [kakao(1)]) }, clock);
    await engine.poll({ feedIds: [] }); // takes the poller lease

    // Another process holds the write lock for longer than this engine waits.
    const other = new Database(databasePath);
    other.exec('BEGIN IMMEDIATE');
    try {
      const summary = await engine.poll({ feedIds: [feed.id] });
      expect(summary.results[0]).toMatchObject({ status: 'error', errorCode: 'database.locked' });
      expect(summary.results[0]!.error).toBe('Another program is using the database and did not let go in time. Try again in a moment.');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    clock += 3_600_000;
    const after = await engine.poll({ feedIds: [feed.id] });
    expect(after.results[0]).toMatchObject({ status: 'ok', inserted: 1 });
  });
});

describe('background failures', () => {
  it('logs a background job that throws and carries on: the next poll works, the job runs again', async () => {
    const log = captureLog();
    let runs = 0;
    const engine = oneEngine({
      extraJobs: [
        {
          name: 'flaky',
          run: () => {
            runs += 1;
            return Promise.reject(new Error('disk on fire'));
          },
        },
      ],
    });
    try {
      engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
      const feed = engineInternals(engine).feeds.add({ url: serveRss('/flaky.xml', '전자신문', []) }, clock);
      await engine.poll({ all: true });
      await engine.whenIdle();
      serveRss('/flaky.xml', '전자신문', [kakao(1)]);
      clock += 600_000;
      const summary = await engine.poll({ feedIds: [feed.id] });
      await engine.whenIdle();
      expect(summary.results[0]).toMatchObject({ status: 'ok', inserted: 1 });
      expect(summary.newAlerts).toBe(1);
      expect(runs).toBeGreaterThanOrEqual(2);
      const failures = log.records.filter((r) => r.context?.job === 'flaky');
      expect(failures.length).toBeGreaterThanOrEqual(2);
      expect(failures[0]).toMatchObject({ level: 'error', scope: 'engine' });
      expect(failures[0]!.error?.message).toBe('disk on fire');
    } finally {
      log.stop();
    }
  });

  it('logs a dispatch that fails (the database refuses the write); the alerts wait and notify once it works again', async () => {
    const log = captureLog();
    try {
      const engine = oneEngine();
      engine.watchlists.create({ name: '카카오브레인', query: '카카오브레인' });
      const feed = engineInternals(engine).feeds.add({ url: serveRss('/dispatch-fails.xml', '전자신문', []) }, clock);
      await engine.poll({ all: true });
      const shown: number[] = [];
      await engine.setNotifier(recordingNotifier(shown));

      const { db } = engineInternals(engine);
      db.exec(`CREATE TRIGGER refuse AFTER INSERT ON notifications BEGIN SELECT RAISE(ABORT, 'refused'); END`);
      serveRss('/dispatch-fails.xml', '전자신문', [kakao(1)]);
      clock += 600_000;
      expect((await engine.poll({ feedIds: [feed.id] })).newAlerts).toBe(1);
      expect(shown).toEqual([]);
      expect(log.records.find((r) => r.scope === 'notifications')).toMatchObject({
        level: 'error',
        message: 'dispatching notifications failed',
      });

      db.exec(`DROP TRIGGER refuse`);
      await engine.notifyNow();
      expect(shown).toHaveLength(1);
    } finally {
      log.stop();
    }
  });
});
