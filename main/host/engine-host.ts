/**
 * Runs the engine in a worker thread and talks to it over a small typed RPC (protocol.ts): the
 * process that owns windows (Electron's main) stays free while the engine parses, writes and
 * matches. Plain Node — the tests and the benchmark use it exactly as the desktop shell does.
 */
import { Worker } from 'node:worker_threads';
import type { ApiError, ApiMethod, ApiParams, ApiResult, EngineEvent } from '../../shared/api';
import type { CallResponse, FromWorker, HostOptions, LogRecord, NotificationToShow, ToWorker } from './protocol';

export type { CallResponse, HostOptions, LogRecord, NotificationToShow } from './protocol';

/** A call that came back `{ ok: false }`: the ApiError (key + ko/en words) travels with it. */
export class EngineCallError extends Error {
  constructor(readonly apiError: ApiError) {
    super(`${apiError.code}${apiError.detail ? `: ${apiError.detail}` : ''}`);
    this.name = 'EngineCallError';
  }
}

/** The engine did not start: why, with SQLite's (or Node's) error code when there is one. */
export class EngineStartError extends Error {
  constructor(
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`engine worker did not start: ${reason}`);
    this.name = 'EngineStartError';
  }
}

/** Answers like Electron's `session.resolveProxy`: `PROXY host:port; DIRECT`, or `DIRECT`. */
export type ProxyResolver = (url: string) => string | Promise<string>;

/** Resolving (or returning) means shown; throwing means not shown — retried later. */
export type NotificationHandler = (notification: NotificationToShow) => void | Promise<void>;

const HOST_GONE: ApiError = {
  code: 'api.internal',
  message: { key: 'api.engine_stopped' },
};

/** How long close() waits for the engine to finish its transaction before terminating the thread. */
const CLOSE_GRACE_MS = 10_000;

function workerEntry(): { url: URL; fromSource: boolean } {
  // From source (tsx, vitest) this module is .ts; in the built app it is .js next to engine-worker.js.
  const fromSource = import.meta.url.endsWith('.ts');
  return { url: new URL(`./engine-worker${fromSource ? '.ts' : '.js'}`, import.meta.url), fromSource };
}

/**
 * The worker's young generation at 12 MB instead of V8's 48: after a burst of work (a poll, the
 * search index catch-up) V8 keeps the young generation at the size the burst grew it to, and an
 * idle engine then holds ~15 MB it does not use (issue 14: the worker idle ≤ 100 MiB). Its work
 * allocates little that lives long, so the smaller nursery costs it nothing measurable.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 12 };

function spawn(options: HostOptions): Worker {
  const { url, fromSource } = workerEntry();
  if (fromSource) {
    // Teach the worker TypeScript before loading the module (same as main/feeds/pipeline-pool.ts).
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
    return new Worker(bootstrap, { eval: true, workerData: options, resourceLimits: RESOURCE_LIMITS });
  }
  return new Worker(url, { workerData: options, resourceLimits: RESOURCE_LIMITS });
}

export class EngineHost {
  private readonly pending = new Map<number, (response: CallResponse) => void>();
  private readonly eventListeners = new Set<(event: EngineEvent) => void>();
  private notificationHandler: NotificationHandler | null = null;
  private readonly exitListeners = new Set<(reason: string) => void>();
  private readonly logListeners = new Set<(record: LogRecord) => void>();
  private proxyResolver: ProxyResolver | null = null;
  private nextId = 1;
  private state: 'running' | 'closing' | 'exited' = 'running';
  private closedPromise: Promise<void> | null = null;

  private constructor(private readonly worker: Worker) {}

  /** Starts the worker and resolves once the engine has opened the database (or rejects why not). */
  static start(
    options: HostOptions,
    notificationHandler?: NotificationHandler,
    onLog?: (record: LogRecord) => void,
    resolveProxy?: ProxyResolver,
  ): Promise<EngineHost> {
    const worker = spawn(options);
    const host = new EngineHost(worker);
    host.proxyResolver = resolveProxy ?? null;
    // Set before the worker runs: it dispatches leftovers from a previous run right at start, and
    // may log before it is ready.
    host.notificationHandler = notificationHandler ?? null;
    if (onLog) host.logListeners.add(onLog);
    return new Promise((resolve, reject) => {
      const early = (why: string, code?: string) => reject(new EngineStartError(why, code));
      worker.on('error', (error) => {
        early(error.message);
        host.exited(`error: ${error.message}`);
      });
      worker.on('exit', (code) => {
        early(`exit code ${code}`);
        host.exited(`exit code ${code}`);
      });
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve(host);
        else if (message.type === 'failed') early(message.message, message.code);
        else host.receive(message);
      });
    });
  }

  /**
   * One API call, answered as data ({ ok, result } or { ok: false, error }); this is what the IPC
   * relay hands to the renderer. Params are validated in the worker by the contract's zod schemas.
   */
  call(method: string, params: unknown): Promise<CallResponse> {
    if (this.state !== 'running') return Promise.resolve({ ok: false, error: HOST_GONE });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ type: 'call', id, method, params });
    });
  }

  /** A typed call for code in the host process (tray, tests): the result, or an EngineCallError. */
  async invoke<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
    const response = await this.call(method, params);
    if (!response.ok) throw new EngineCallError(response.error);
    return response.result as ApiResult<M>;
  }

  /** Engine events (alerts.new, feeds.changed, poll.progress …); returns the unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /**
   * Shows the notifications the engine decided on (start the host with `notifications: true`).
   * Returning (or resolving) means shown; throwing means not shown — the engine keeps it and
   * tries again later. Without a handler nothing counts as shown.
   */
  setNotificationHandler(handler: NotificationHandler | null): void {
    this.notificationHandler = handler;
  }

  /** Called once if the worker stops without close() (a crash): the shell can tell the user or restart. */
  onExit(listener: (reason: string) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** The engine's log records (errors in background work, failed polls …). */
  onLog(listener: (record: LogRecord) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** Lets the engine finish its current transaction, closes the database, and ends the thread. */
  close(): Promise<void> {
    if (this.closedPromise) return this.closedPromise;
    if (this.state === 'exited') return (this.closedPromise = Promise.resolve());
    this.state = 'closing';
    this.closedPromise = new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate(), CLOSE_GRACE_MS);
      this.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.send({ type: 'close' });
    });
    return this.closedPromise;
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'response': {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        resolve?.(message.response);
        return;
      }
      case 'event':
        for (const listener of this.eventListeners) listener(message.event);
        return;
      case 'notify':
        void this.showNotification(message.id, message.notification);
        return;
      case 'log':
        for (const listener of this.logListeners) listener(message.record);
        return;
      case 'resolveProxy':
        void this.resolveProxy(message.id, message.url);
        return;
      default:
        return; // 'closed' is followed by the thread's exit, handled there
    }
  }

  /** A resolver that fails (or none) means DIRECT: a feed is still tried rather than not at all. */
  private async resolveProxy(id: number, url: string): Promise<void> {
    let result = 'DIRECT';
    try {
      if (this.proxyResolver) result = await this.proxyResolver(url);
    } catch (error) {
      for (const listener of this.logListeners)
        listener({
          level: 'warn',
          message: `proxy lookup failed for ${url}, going direct: ${error instanceof Error ? error.message : String(error)}`,
        });
    }
    if (this.state !== 'exited') this.send({ type: 'proxyResolved', id, result });
  }

  private async showNotification(id: number, notification: NotificationToShow): Promise<void> {
    let reply: ToWorker;
    try {
      if (!this.notificationHandler) throw new Error('no notification handler');
      await this.notificationHandler(notification);
      reply = { type: 'notified', id, shown: true };
    } catch (error) {
      reply = { type: 'notified', id, shown: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (this.state !== 'exited') this.send(reply);
  }

  private exited(reason: string): void {
    if (this.state === 'exited') return;
    const unexpected = this.state === 'running';
    this.state = 'exited';
    for (const resolve of this.pending.values()) resolve({ ok: false, error: { ...HOST_GONE, detail: reason } });
    this.pending.clear();
    if (unexpected) for (const listener of this.exitListeners) listener(reason);
  }
}
