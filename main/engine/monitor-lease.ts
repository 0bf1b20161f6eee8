/**
 * One poller per database. Before it polls, an engine takes the lease (main/store/monitor-lease.ts)
 * and then renews it with a heartbeat; another engine — a second `nunchi run`, the app beside a
 * `nunchi run` — finds it held, says who holds it (the 'monitor.poller' event) and polls nothing
 * until it can take over: when the holder let it go (closed), stopped beating for `ttlMs`
 * (a crash, a machine that slept), or is a process on this host that no longer exists.
 */
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import type { LeaseHolder, MonitorIdentity, MonitorKind, MonitorLeaseStore } from '../store/monitor-lease';
import { logger } from '../logger';
import type { EngineEvents } from './events';

const log = logger('monitor-lease');

/** A holder that has not beaten for this long is gone. */
export const DEFAULT_LEASE_TTL_MS = 60_000;

export type LeaseState = { polling: true } | { polling: false; holder: LeaseHolder };

export interface MonitorLeaseOptions {
  store: MonitorLeaseStore;
  kind: MonitorKind;
  events: EngineEvents;
  now: () => number;
  ttlMs?: number;
  /** Whether a process of this host still exists (injected by tests; default: signal 0). */
  processAlive?: (pid: number) => boolean;
}

/** This engine, as other processes see it: a fresh token, this process, this host. */
export function monitorIdentity(kind: MonitorKind): MonitorIdentity {
  // node:crypto when first asked (~4 ms of start-up): a read command never takes the lease.
  const { randomUUID } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return { owner: randomUUID(), kind, pid: process.pid, host: hostname() };
}

/** Signal 0 checks that a process exists without touching it; EPERM means it exists as another user. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class MonitorLease {
  readonly identity: MonitorIdentity;
  private readonly ttlMs: number;
  private timer: NodeJS.Timeout | null = null;
  /** What was last announced, so the event fires on changes only. */
  private announced: string | null = null;
  private closed = false;

  constructor(private readonly options: MonitorLeaseOptions) {
    this.identity = monitorIdentity(options.kind);
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  }

  /** Who may take over from `holder`: nobody while it beats and (on this host) its process exists. */
  private isGone(holder: LeaseHolder): boolean {
    if (this.options.now() - holder.heartbeatAt > this.ttlMs) return true;
    const alive = this.options.processAlive ?? processExists;
    return holder.host === this.identity.host && holder.pid !== this.identity.pid && !alive(holder.pid);
  }

  /**
   * Before a poll: holds the lease (taking or renewing it) or says who does. The usual case for a
   * waiting engine is one plain read; the write lock is taken only to take the lease.
   */
  ensure(): LeaseState {
    if (this.closed) throw new Error('the engine is closing');
    const { store, now } = this.options;
    const seen = store.holder();
    if (seen && seen.owner !== this.identity.owner && !this.isGone(seen)) return this.announce({ polling: false, holder: seen });
    // Ours and fresh: no write (a poll must not wait for the write lock only to say "still here").
    if (seen?.owner === this.identity.owner && now() - seen.heartbeatAt < this.ttlMs / 4) {
      this.startHeartbeat();
      return this.announce({ polling: true });
    }
    const outcome = store.acquire(this.identity, now(), (holder) => this.isGone(holder));
    if (!outcome.acquired) return this.announce({ polling: false, holder: outcome.holder });
    if (outcome.tookOverFrom) log.info('took over polling', { from: describeHolder(outcome.tookOverFrom) });
    this.startHeartbeat();
    return this.announce({ polling: true });
  }

  /** Renews the lease now; on finding it lost (another took over after a long pause), stops polling. */
  heartbeat(): boolean {
    if (this.closed) return false;
    const kept = this.options.store.heartbeat(this.identity.owner, this.options.now());
    if (!kept) {
      this.stopHeartbeat();
      const holder = this.options.store.holder();
      log.warn('lost the poller lease', { to: holder ? describeHolder(holder) : null });
      if (holder) this.announce({ polling: false, holder });
    }
    return kept;
  }

  /** Gives the lease up so another engine can poll at once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopHeartbeat();
    this.options.store.release(this.identity.owner);
  }

  private startHeartbeat(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.heartbeat();
      } catch (error) {
        // Locked for 10 s, disk full: the next beat tries again; a lease that lapses is taken back before the next poll.
        log.warn('heartbeat failed', {}, error);
      }
    }, this.ttlMs / 4);
    this.timer.unref();
  }

  private stopHeartbeat(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private announce(state: LeaseState): LeaseState {
    const key = state.polling ? 'polling' : `${state.holder.owner}`;
    if (key !== this.announced) {
      this.announced = key;
      this.options.events.emit({
        name: 'monitor.poller',
        payload: state.polling
          ? { polling: true, holder: null }
          : {
              polling: false,
              holder: { kind: state.holder.kind, pid: state.holder.pid, host: state.holder.host, since: state.holder.acquiredAt },
            },
      });
    }
    return state;
  }
}

function describeHolder(holder: LeaseHolder): string {
  return `${holder.kind} pid ${holder.pid} on ${holder.host}`;
}
