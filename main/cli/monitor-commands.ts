import { isMessageKey } from '../../shared/messages';
import type { EngineEvent } from '../../shared/api';
import { HeadlessNotifier } from '../alerts/headless-notifier';
import type { EnginePollSummary, LeaseHolder } from '../engine';
import { logger } from '../logger';
import { asDatabaseError } from '../store/database-error';
import { EXIT, type CliContext } from './context';
import { formatStory } from './read-commands';
import { errorStream, outputStream } from './stdout';

const log = logger('cli');

/** Prints the alerts a poll just raised, newest first, the moment they are stored. */
function printNewAlerts(ctx: CliContext) {
  return async (event: EngineEvent) => {
    if (event.name !== 'alerts.new') return;
    // ctx.read: the handler runs now, inside the poll, not after the command has closed the database.
    const page = await ctx.read('alerts.list', { filter: 'all', limit: 500, offset: 0 });
    const wanted = new Set(event.payload.storyIds);
    for (const story of page.stories.filter((s) => wanted.has(s.storyId))) ctx.print(formatStory(ctx, story));
  };
}

/** A progress line while a poll runs: redrawn in place on a terminal, silent otherwise. */
function progressLine(ctx: CliContext) {
  return (event: EngineEvent) => {
    if (event.name !== 'poll.progress' || !ctx.io.tty || ctx.json) return;
    const { done, total, running } = event.payload;
    ctx.io.err(running ? `\r${ctx.say('cli.polling', { done, total })}\x1b[K` : '\r\x1b[K');
  };
}

/** Waits for the article pages due now; counts the pages and the alerts their bodies raised. */
async function settlePages(ctx: CliContext): Promise<{ checked: number; alerts: number }> {
  const counts = { checked: 0, alerts: 0 };
  const unsubscribe = ctx.engine.subscribe((event) => {
    if (event.name === 'articles.page') counts.checked += 1;
    if (event.name === 'alerts.new') counts.alerts += event.payload.count;
  });
  try {
    await ctx.engine.pagesSettled();
  } finally {
    unsubscribe();
  }
  return counts;
}

function reportPoll(ctx: CliContext, summary: EnginePollSummary, pages?: { checked: number; alerts: number }): void {
  if (ctx.json) {
    ctx.printJson({
      ...(pages ? { pages: { checked: pages.checked, newAlerts: pages.alerts } } : {}),
      polled: summary.results.length,
      inserted: summary.inserted,
      updated: summary.updated,
      notModified: summary.notModified,
      tooOld: summary.tooOld,
      failed: summary.failed,
      newAlerts: summary.newAlerts,
      feeds: summary.results.map((r) => ({
        feedId: r.feedId,
        url: r.url,
        status: r.status,
        inserted: r.inserted,
        error: r.error ?? null,
        errorCode: r.errorCode ?? null,
      })),
      searches: summary.searches.map((r) => ({
        watchlistId: r.watchlistId,
        engine: r.engine,
        status: r.status,
        fresh: r.fresh,
        inserted: r.inserted,
        backlog: r.backlog,
        error: r.error ?? null,
        errorCode: r.errorCode ?? null,
      })),
    });
    return;
  }
  ctx.print(
    ctx.say('cli.pollDone', {
      feeds: summary.results.length,
      inserted: summary.inserted,
      alerts: summary.newAlerts,
      failed: summary.failed,
    }),
  );
  if (summary.tooOld > 0) ctx.print(ctx.say('cli.tooOld', { count: summary.tooOld, days: ctx.engine.settings.get('retentionDays') }));
  if (pages && pages.checked > 0) ctx.print(ctx.say('cli.pagesDone', { n: pages.checked, alerts: pages.alerts }));
  for (const r of summary.results.filter((x) => x.status === 'error'))
    ctx.print(ctx.say('cli.feedFailed', { id: r.feedId, title: r.title, error: ctx.feedError(r.errorCode, r.error) }));
  if (summary.searches.length > 0) {
    ctx.print(ctx.say('cli.searchDone', { n: summary.searches.length, inserted: summary.searches.reduce((n, r) => n + r.inserted, 0) }));
  }
  for (const r of summary.searches.filter((x) => x.status === 'error')) {
    // The engine words it in its locale; the terminal's language wins where the key is known.
    const error =
      r.errorCode && isMessageKey(r.errorCode) && r.errorCode !== 'search.quota_exhausted' ? ctx.say(r.errorCode) : (r.error ?? '');
    ctx.print(ctx.say('cli.searchFailed', { watchlist: r.watchlistName, engine: ctx.say(`newsSearch.engine.${r.engine}`), error }));
  }
}

export interface NotifyOptions {
  /** Append every shown notification as a JSON line here (--notify-log / NUNCHI_NOTIFY_LOG). */
  logFile?: string;
  /** Raise desktop notifications through notify-send where it exists (default). */
  desktop: boolean;
}

/**
 * The headless notifier: a line in the terminal, a desktop notification through notify-send,
 * and the optional log. Attaching it also delivers what a crash left recorded but unshown.
 */
async function attachNotifier(ctx: CliContext, options: NotifyOptions): Promise<void> {
  await ctx.engine.setNotifier(
    new HeadlessNotifier({
      out: ctx.json ? errorStream() : outputStream(),
      logFile: options.logFile ?? null,
      notifySend: options.desktop ? 'auto' : null,
    }),
  );
}

/** Whether there is anything to poll at all; prints the first-run guidance when not. */
function explainEmpty(ctx: CliContext): boolean {
  if (ctx.engine.feeds.count() === 0 && ctx.engine.searchSourceList().length === 0) {
    ctx.io.err(`${ctx.say('cli.firstRun')}\n`);
    return false;
  }
  if (ctx.engine.watchlists.list().length === 0 && !ctx.json) ctx.io.err(`${ctx.say('cli.noWatchlists')}\n`);
  return true;
}

/**
 * `nunchi poll [--all]`: every due feed once. Exits non-zero only when nothing could be polled
 * (no feeds, or every feed it tried failed).
 */
export async function pollCommand(ctx: CliContext, flags: { all: boolean; fullText: boolean; notify: NotifyOptions }): Promise<number> {
  if (!explainEmpty(ctx)) return 1;
  const engine = ctx.engine;
  await attachNotifier(ctx, flags.notify);
  const unsubscribe = [engine.subscribe(progressLine(ctx)), engine.subscribe((e) => void (ctx.json ? undefined : printNewAlerts(ctx)(e)))];
  try {
    const summary = await engine.poll({ all: flags.all, fullText: flags.fullText });
    if (summary.otherPoller) {
      // Another `nunchi run` or the app polls this database: polling beside it would only fight over it.
      if (ctx.json) ctx.printJson({ polled: 0, otherPoller: describeHolder(summary.otherPoller) });
      ctx.io.err(`${ctx.otherPoller(summary.otherPoller)} ${ctx.say('monitor.pollSkipped')}\n`);
      return EXIT.failed;
    }
    if (summary.results.length === 0 && summary.searches.length === 0) {
      const next = Math.min(...engine.feeds.enabled().map((f) => f.nextDueAt));
      if (ctx.json) reportPoll(ctx, summary);
      else ctx.print(ctx.say('cli.nothingDue', { next: Number.isFinite(next) ? ctx.time(next) : '—' }));
      return engine.feeds.enabled().length > 0 ? 0 : 1;
    }
    // The pages of the new articles (full-text monitoring): fetched and matched before exiting, so
    // the alerts their bodies raise exist when the command returns. Each fetch has its deadline.
    const pages = flags.fullText ? await settlePages(ctx) : { checked: 0, alerts: 0 };
    // Not waiting for the search index to catch up: search reads queued articles directly, and the
    // next `nunchi run` (or the app) indexes them in the background.
    reportPoll(ctx, { ...summary, newAlerts: summary.newAlerts + pages.alerts }, pages);
    const failed = summary.failed + summary.searches.filter((r) => r.status === 'error').length;
    return failed === summary.results.length + summary.searches.length ? 1 : 0;
  } finally {
    unsubscribe.forEach((u) => u());
  }
}

/** While another monitor polls, a waiting `nunchi run` looks this often whether it may take over. */
export const STANDBY_CHECK_MS = 1000;

function describeHolder(holder: LeaseHolder) {
  return { kind: holder.kind, pid: holder.pid, host: holder.host, since: new Date(holder.acquiredAt).toISOString() };
}

/**
 * `nunchi run`: poll on schedule until stopped. Ctrl-C (SIGINT) or SIGTERM stops starting new
 * feeds, lets the feed being written finish its transaction, closes the database and exits 0.
 * When another monitor (a `nunchi run`, the app) already polls the database, it says so, waits
 * and takes over when that one stops. A poll that fails as a whole (the database locked for
 * longer than the busy timeout, disk full) is said in words and tried again at the next round.
 */
export async function runCommand(ctx: CliContext, notify: NotifyOptions, signals: NodeJS.Process = process): Promise<number> {
  if (!explainEmpty(ctx)) return 1;
  const engine = ctx.engine;
  await attachNotifier(ctx, notify);
  const stop = new AbortController();
  let wake: (() => void) | null = null;
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130); // a second Ctrl-C: leave now
    ctx.io.err(`\n${ctx.say('cli.stopping')}\n`);
    stop.abort();
    wake?.();
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
  const unsubscribe = [engine.subscribe(progressLine(ctx)), engine.subscribe((e) => void printNewAlerts(ctx)(e))];
  ctx.print(ctx.say('cli.running', { feeds: engine.feeds.enabled().length, watchlists: engine.watchlists.list().length }));
  let waitingFor: string | null = null;
  try {
    while (!stop.signal.aborted) {
      let wait: number;
      try {
        const summary = await engine.poll({ signal: stop.signal });
        if (summary.otherPoller) {
          if (waitingFor !== summary.otherPoller.owner)
            ctx.io.err(`${ctx.otherPoller(summary.otherPoller)} ${ctx.say('monitor.waiting')}\n`);
          waitingFor = summary.otherPoller.owner;
        } else if (waitingFor !== null) {
          ctx.io.err(`${ctx.say('monitor.tookOver')}\n`);
          waitingFor = null;
        }
        if ((summary.results.length > 0 || summary.searches.length > 0) && !stop.signal.aborted) reportPoll(ctx, summary);
        if (stop.signal.aborted) break;
        // Sleep until the next feed or news search is due, but wake at least every minute to pick up new feeds.
        const searches = engine.searchSourceList().filter((s) => s.enabled);
        const nextDue = Math.min(
          ...engine.feeds.enabled().map((f) => f.nextDueAt),
          ...searches.map((s) => s.nextDueAt),
          Date.now() + 60_000,
        );
        wait = waitingFor !== null ? STANDBY_CHECK_MS : Math.max(1000, nextDue - Date.now());
      } catch (error) {
        const database = asDatabaseError(error, ctx.databasePath);
        if (!database) throw error;
        log.error('poll failed', { code: database.code, detail: database.detail });
        ctx.io.err(`${ctx.say('cli.error')}: ${database.userMessage(ctx.locale)}\n`);
        wait = 60_000;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    unsubscribe.forEach((u) => u());
    signals.off('SIGINT', onSignal);
    signals.off('SIGTERM', onSignal);
  }
  ctx.io.err(`${ctx.say('cli.stopped')}\n`);
  return 0;
}
