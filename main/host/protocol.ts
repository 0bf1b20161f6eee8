/**
 * The small typed RPC between the process that hosts the engine (Electron main, a test, the bench)
 * and the engine's worker thread. Requests carry an id and get exactly one response with that id;
 * engine events and notifications flow the other way unasked. Everything here is structured-clone
 * data: no functions, no class instances.
 */
import type { ApiError, EngineEvent } from '../../shared/api';
import type { NotificationToShow } from '../alerts/notifier';

export type { NotificationToShow } from '../alerts/notifier';

export interface HostOptions {
  /** The SQLite file; its folder is created when missing. */
  databasePath: string;
  /** Shown in Settings ("where is my data"). */
  dataDir: string;
  /** The app's version, for `app.info`. */
  version: string;
  /**
   * A better_sqlite3.node built for the host's ABI (Electron run from source passes
   * NUNCHI_SQLITE_BINDING); unset everywhere else.
   */
  nativeBinding?: string;
  /** 'workers' (default): feed parsing in further worker threads; 'in-process' for tests. */
  processing?: 'workers' | 'in-process';
  /** Poll the due feeds every this many ms (the monitor's heartbeat); 0 or unset: only on request. */
  scheduleEveryMs?: number;
  /**
   * Hand the engine's notifications (policy and exactly-once outbox: main/alerts/) to the host
   * process, which shows them and acknowledges each one. Off: nothing is dispatched.
   */
  notifications?: boolean;
  /**
   * Ask the host process which proxy each feed and page URL goes through (Electron's
   * `session.resolveProxy`, which knows the system settings and PAC scripts); the answer, in PAC
   * result form, picks an undici ProxyAgent in the worker (main/feeds/proxy.ts). Off: direct.
   */
  proxyFromHost?: boolean;
  /** Trust the operating system's certificate store as well as Node's (a company's own root CA). */
  systemCa?: boolean;
  /** PEM certificates to trust as well (a company's root CA that is not in the OS store). */
  extraCaCerts?: string[];
}

/** What callHandler answers: the result, or an error as data (a message key with ko/en words). */
export type CallResponse = { ok: true; result: unknown } | { ok: false; error: ApiError };

export type ToWorker =
  | { type: 'call'; id: number; method: string; params: unknown }
  /** The host's answer to a 'notify': shown (the outbox marks it) or not (it is retried later). */
  | { type: 'notified'; id: number; shown: boolean; error?: string }
  | { type: 'close' }
  /** The host's answer to a 'resolveProxy': a PAC result string (`PROXY host:port; DIRECT`). */
  | { type: 'proxyResolved'; id: number; result: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'response'; id: number; response: CallResponse }
  | { type: 'event'; event: EngineEvent }
  | { type: 'notify'; id: number; notification: NotificationToShow }
  | { type: 'closed' }
  /** The engine could not start; `code` is SQLite's (SQLITE_NOTADB …) or Node's when there is one. */
  | { type: 'failed'; message: string; code?: string }
  /** A record for the host's log (the desktop shell writes them to its log files). */
  | { type: 'log'; record: LogRecord }
  /** Which proxy does this URL go through? (only with `proxyFromHost`) */
  | { type: 'resolveProxy'; id: number; url: string };

export type LogLevel = 'error' | 'warn' | 'info';

export interface LogRecord {
  level: LogLevel;
  message: string;
}
