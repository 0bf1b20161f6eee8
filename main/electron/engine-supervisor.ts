/**
 * Keeps the engine worker alive for the desktop shell: when the worker dies it is started again
 * after the restart policy's delay (restart-policy.ts); when starting keeps failing the supervisor
 * stops trying and reports "stopped" with the reason in words (engine-failure.ts), which the shell
 * shows in the window's banner and the tray. The user can ask for another try (restartNow).
 *
 * To the rest of the shell it looks like one long-lived engine: calls go to whichever worker is
 * current (or answer "monitoring stopped" as data), event listeners survive restarts.
 * Plain Node (no electron import): the boot test (tests/electron/boot) drives it inside the built
 * shell; tests/electron/engine-supervisor.test.ts drives it directly with real workers.
 */
import type { ApiError, ApiMethod, ApiParams, ApiResult, EngineEvent } from '../../shared/api';
import { EngineCallError, EngineStartError, type CallResponse, type EngineHost } from '../host/engine-host';
import { describeEngineFailure, type EngineFailure } from './engine-failure';
import { afterEngineFailure, RESTART_POLICY, type RestartPolicy } from './restart-policy';

export type MonitorStatus =
  | { state: 'running' }
  | { state: 'restarting'; attempt: number; reason: EngineFailure['reason']; detail: string }
  | { state: 'stopped'; reason: EngineFailure['reason']; detail: string };

export interface SupervisorOptions {
  /** Starts one engine worker; rejects (EngineStartError) when it cannot start. */
  start: () => Promise<EngineHost>;
  /** Every change of the monitor's state: running, restarting (with the attempt), stopped. */
  onStatus: (status: MonitorStatus) => void;
  log: (level: 'error' | 'warn' | 'info', message: string) => void;
  policy?: RestartPolicy;
  now?: () => number;
}

function stoppedError(status: MonitorStatus): ApiError {
  const reason = status.state === 'running' ? null : status.reason;
  return {
    code: 'engine.stopped',
    message: reason ? { key: 'engine.notRunning', args: { reason } } : { key: 'engine.notRunningUnknown' },
    ...(status.state === 'running' ? {} : { detail: status.detail }),
  };
}

export class EngineSupervisor {
  private host: EngineHost | null = null;
  private current: MonitorStatus = { state: 'running' };
  private failures = 0;
  private startedAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly policy: RestartPolicy;
  private readonly now: () => number;

  constructor(private readonly options: SupervisorOptions) {
    this.policy = options.policy ?? RESTART_POLICY;
    this.now = options.now ?? Date.now;
  }

  /** The first start. Rejects with the EngineStartError when the engine cannot start at all. */
  async start(): Promise<void> {
    this.adopt(await this.options.start());
  }

  get status(): MonitorStatus {
    return this.current;
  }

  get running(): boolean {
    return this.host?.running === true;
  }

  /** One API call to the current engine, answered as data; "monitoring stopped" while there is none. */
  call(method: string, params: unknown): Promise<CallResponse> {
    if (!this.host?.running) return Promise.resolve({ ok: false, error: stoppedError(this.current) });
    return this.host.call(method, params);
  }

  async invoke<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
    const response = await this.call(method, params);
    if (!response.ok) throw new EngineCallError(response.error);
    return response.result as ApiResult<M>;
  }

  /** Engine events from whichever worker is current; survives restarts. */
  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The user asked to try again (tray or banner): start now, with a fresh count. */
  restartNow(): void {
    if (this.closed || this.host?.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.failures = 0;
    void this.attempt();
  }

  /** Stops restarting and closes the current engine (it finishes its write and closes the database). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const host = this.host;
    this.host = null;
    await host?.close();
  }

  private adopt(host: EngineHost): void {
    if (this.closed) {
      void host.close();
      return;
    }
    this.host = host;
    this.startedAt = this.now();
    host.subscribe((event) => {
      for (const listener of this.listeners) listener(event);
    });
    host.onExit((reason) => this.died(host, reason));
    this.setStatus({ state: 'running' });
  }

  private died(host: EngineHost, reason: string): void {
    if (this.host !== host || this.closed) return;
    this.host = null;
    this.options.log('error', `the engine stopped: ${reason}`);
    this.failed(describeEngineFailure({ message: reason }), this.startedAt);
  }

  private failed(failure: EngineFailure, startedAt: number | null): void {
    const decision = afterEngineFailure({ failures: this.failures, startedAt }, this.now(), this.policy);
    this.failures = decision.failures;
    if (decision.action === 'give-up') {
      this.options.log('error', `monitoring stopped after ${decision.failures} failed starts: ${failure.detail}`);
      this.setStatus({ state: 'stopped', reason: failure.reason, detail: failure.detail });
      return;
    }
    this.options.log('warn', `restarting the engine in ${decision.delayMs} ms (attempt ${decision.attempt})`);
    this.setStatus({ state: 'restarting', attempt: decision.attempt, reason: failure.reason, detail: failure.detail });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.attempt();
    }, decision.delayMs);
  }

  private async attempt(): Promise<void> {
    try {
      const host = await this.options.start();
      this.adopt(host);
      if (!this.closed) this.options.log('info', 'the engine was restarted');
    } catch (error) {
      if (this.closed) return;
      const cause =
        error instanceof EngineStartError
          ? { code: error.code, message: error.reason }
          : { message: error instanceof Error ? error.message : String(error) };
      this.options.log('error', `the engine could not be restarted: ${cause.message}`);
      this.failed(describeEngineFailure(cause), null);
    }
  }

  private setStatus(status: MonitorStatus): void {
    this.current = status;
    this.options.onStatus(status);
  }
}
