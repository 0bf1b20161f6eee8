/**
 * "Move it aside and start fresh": the database file and its companions (-wal, -shm, -journal)
 * are renamed to `<name>.broken-<UTC time>` in the same folder — nothing is deleted, and the user
 * (or support) can still open the old file. Plain Node; the time is passed in.
 */
import { existsSync, renameSync } from 'node:fs';

const COMPANIONS = ['', '-wal', '-shm', '-journal'];

function stamp(now: number): string {
  return new Date(now)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')
    .replace('T', '-');
}

/** Renames the database and its companions; returns the new name of the database file. */
export function moveDatabaseAside(databasePath: string, now: number): string {
  let target = `${databasePath}.broken-${stamp(now)}`;
  for (let n = 2; COMPANIONS.some((suffix) => existsSync(target + suffix)); n++) target = `${databasePath}.broken-${stamp(now)}-${n}`;
  for (const suffix of COMPANIONS) if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, target + suffix);
  return target;
}
