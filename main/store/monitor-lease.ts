/**
 * The poller lease (the `monitor_lease` row): which engine polls this database now. The rules —
 * who may take it over, how often to beat — are main/engine/monitor-lease.ts's; here only the
 * reads and the immediate transactions that make taking it atomic between processes.
 */
import type { Db } from './database';

/** Who runs a poller: the desktop app, `nunchi run` or a one-off `nunchi poll`. */
export type MonitorKind = 'app' | 'run' | 'poll';

/** An engine, as other processes see it. */
export interface MonitorIdentity {
  /** A random token per engine: two engines in one process are two owners. */
  owner: string;
  kind: MonitorKind;
  pid: number;
  host: string;
}

export interface LeaseHolder extends MonitorIdentity {
  acquiredAt: number;
  heartbeatAt: number;
}

interface LeaseRow {
  owner: string;
  kind: MonitorKind;
  pid: number;
  host: string;
  acquired_at: number;
  heartbeat_at: number;
}

export type AcquireOutcome = { acquired: true; tookOverFrom: LeaseHolder | null } | { acquired: false; holder: LeaseHolder };

export class MonitorLeaseStore {
  constructor(private readonly db: Db) {}

  /** The current holder, or null (a plain read: never waits for a writer). */
  holder(): LeaseHolder | null {
    const row = this.db.prepare(`SELECT owner, kind, pid, host, acquired_at, heartbeat_at FROM monitor_lease WHERE id = 1`).get() as
      LeaseRow | undefined;
    return row
      ? { owner: row.owner, kind: row.kind, pid: row.pid, host: row.host, acquiredAt: row.acquired_at, heartbeatAt: row.heartbeat_at }
      : null;
  }

  /**
   * Takes the lease if nobody holds it, `me` does already, or `mayTakeOver(holder)` says the holder
   * is gone — read and written in one immediate transaction, so of two processes trying at once
   * exactly one gets it.
   */
  acquire(me: MonitorIdentity, now: number, mayTakeOver: (holder: LeaseHolder) => boolean): AcquireOutcome {
    return this.db
      .transaction((): AcquireOutcome => {
        const holder = this.holder();
        if (holder && holder.owner !== me.owner && !mayTakeOver(holder)) return { acquired: false, holder };
        const acquiredAt = holder?.owner === me.owner ? holder.acquiredAt : now;
        this.db
          .prepare(
            `INSERT INTO monitor_lease (id, owner, kind, pid, host, acquired_at, heartbeat_at) VALUES (1, @owner, @kind, @pid, @host, @acquiredAt, @now)
             ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, kind = excluded.kind, pid = excluded.pid, host = excluded.host,
               acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`,
          )
          .run({ ...me, acquiredAt, now });
        return { acquired: true, tookOverFrom: holder && holder.owner !== me.owner ? holder : null };
      })
      .immediate();
  }

  /** Renews the lease; false when `owner` no longer holds it (another process took it over). */
  heartbeat(owner: string, now: number): boolean {
    return this.db.prepare(`UPDATE monitor_lease SET heartbeat_at = ? WHERE id = 1 AND owner = ?`).run(now, owner).changes === 1;
  }

  /** Gives the lease up (on close), if `owner` still holds it. */
  release(owner: string): void {
    this.db.prepare(`DELETE FROM monitor_lease WHERE id = 1 AND owner = ?`).run(owner);
  }
}
