/**
 * Worker side of the engine host (engine-host.ts): opens the Engine and its API handler table in
 * this thread, answers calls by id, forwards engine events, and polls due feeds on a timer. The
 * thread that started it (Electron's main process) only relays messages, so a 20 MB feed or a
 * long transaction never blocks a window. Never imports electron.
 */
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { toApiError } from '../api/errors';
import { callHandler, createHandlers } from '../api/handlers';
import { Engine } from '../engine';
import type { Notifier } from '../alerts/notifier';
import { resolvedProxyDispatcher } from '../feeds/proxy';
import { addLogSink, formatLogRecord, type LogRecord as EngineLogRecord } from '../logger';
import type { FromWorker, HostOptions, ToWorker } from './protocol';

function post(message: FromWorker): void {
  parentPort!.postMessage(message);
}

/** The engine's own records (background jobs that failed, pages, polls) go to the host's log. */
function forwardEngineLog(): () => void {
  return addLogSink((record: EngineLogRecord) => {
    post({ type: 'log', record: { level: record.level === 'debug' ? 'info' : record.level, message: formatLogRecord(record) } });
  }, 'info');
}

/** Proxy lookups answered by the host (Electron's session.resolveProxy), by id. */
function hostProxyResolver(): {
  resolve: (url: string) => Promise<string>;
  answered: (id: number, result: string) => void;
  abandon: () => void;
} {
  const waiting = new Map<number, (result: string) => void>();
  let nextId = 1;
  return {
    resolve: (url) =>
      new Promise<string>((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        post({ type: 'resolveProxy', id, url });
      }),
    answered: (id, result) => {
      waiting.get(id)?.(result);
      waiting.delete(id);
    },
    abandon: () => {
      for (const resolve of waiting.values()) resolve('DIRECT');
      waiting.clear();
    },
  };
}

async function serve(options: HostOptions): Promise<void> {
  const stopForwardingLog = forwardEngineLog();
  const proxies = hostProxyResolver();
  const dispatcher =
    options.proxyFromHost || options.systemCa || options.extraCaCerts?.length
      ? resolvedProxyDispatcher(options.proxyFromHost ? proxies.resolve : () => 'DIRECT', {
          systemCa: options.systemCa,
          extraCaCerts: options.extraCaCerts,
        })
      : undefined;
  const engine = new Engine({
    databasePath: options.databasePath,
    nativeBinding: options.nativeBinding,
    processing: options.processing ?? 'workers',
    // The app's database lives in its data folder, kept private (0700) like the file.
    privateFolder: dirname(options.databasePath) === options.dataDir,
    ...(dispatcher ? { fetchOverrides: { dispatcher } } : {}),
  });
  const table = createHandlers({ engine, dataDir: options.dataDir, version: options.version });
  const unsubscribe = engine.subscribe((event) => post({ type: 'event', event }));

  // Notifications are shown by the host process (Electron's Notification lives there); the
  // dispatcher marks one shown only when the host acknowledges it.
  const acks = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextNotifyId = 1;
  const forwardingNotifier: Notifier = {
    show: (notification) =>
      new Promise<void>((resolve, reject) => {
        const id = nextNotifyId++;
        acks.set(id, { resolve, reject });
        post({ type: 'notify', id, notification });
      }),
  };
  if (options.notifications) await engine.setNotifier(forwardingNotifier);

  // The heartbeat: poll whatever is due. engine.poll() joins a poll already running, so a tick
  // during a long poll or a "poll now" never starts a second one.
  let timer: NodeJS.Timeout | null = null;
  let closing = false;
  const tick = () => {
    timer = null;
    if (closing) return;
    engine
      .poll()
      // Per-feed failures are recorded on the feed; a poll that fails as a whole is logged and the
      // heartbeat carries on.
      .catch((error: unknown) => post({ type: 'log', record: { level: 'error', message: `poll failed: ${describe(error)}` } }))
      .finally(() => {
        if (!closing && options.scheduleEveryMs) timer = setTimeout(tick, options.scheduleEveryMs);
      });
  };
  if (options.scheduleEveryMs) timer = setTimeout(tick, 0);

  parentPort!.on('message', (message: ToWorker) => {
    if (message.type === 'call') {
      void callHandler(table, message.method, message.params).then((response) => {
        try {
          post({ type: 'response', id: message.id, response });
        } catch (error) {
          // A result that cannot be cloned is a bug, but the caller still gets an answer.
          const detail = error instanceof Error ? error.message : String(error);
          post({ type: 'response', id: message.id, response: { ok: false, error: { ...toApiError(new Error(detail)) } } });
        }
      });
      return;
    }
    if (message.type === 'proxyResolved') {
      proxies.answered(message.id, message.result);
      return;
    }
    if (message.type === 'notified') {
      const ack = acks.get(message.id);
      acks.delete(message.id);
      if (message.shown) ack?.resolve();
      else ack?.reject(new Error(message.error ?? 'not shown'));
      return;
    }
    if (message.type === 'close' && !closing) {
      closing = true;
      if (timer) clearTimeout(timer);
      unsubscribe();
      for (const ack of acks.values()) ack.reject(new Error('closing'));
      acks.clear();
      proxies.abandon();
      void engine.close().finally(() => {
        stopForwardingLog();
        post({ type: 'closed' });
        parentPort!.close();
      });
    }
  });
  post({ type: 'ready' });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

if (parentPort) {
  serve(workerData as HostOptions).catch((error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    post({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    });
  });
}
