/**
 * Whether another process changed what the compiled matcher depends on (watchlists, feed folders)
 * since we last looked. `PRAGMA data_version` changes only when another connection commits, so the
 * usual answer costs no read of any table; then the `matching` stamp (bumped by triggers, migration
 * 7) tells a watchlist change from a poll's article writes.
 */
import type { Db } from './database';

export class ChangeStamp {
  private dataVersion: number;
  private stamp: number;

  constructor(private readonly db: Db) {
    this.dataVersion = this.readDataVersion();
    this.stamp = this.readStamp();
  }

  /** True once per change committed by another connection since the last call (or since construction). */
  changedElsewhere(): boolean {
    const dataVersion = this.readDataVersion();
    if (dataVersion === this.dataVersion) return false;
    this.dataVersion = dataVersion;
    const stamp = this.readStamp();
    if (stamp === this.stamp) return false;
    this.stamp = stamp;
    return true;
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  private readStamp(): number {
    return (this.db.prepare(`SELECT value FROM change_stamps WHERE name = 'matching'`).pluck().get() as number | undefined) ?? 0;
  }
}
