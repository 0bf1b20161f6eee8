/**
 * Issue 14: in the system's zone (the user chose none) calendar days and clock times come from
 * Date's own getters, not from Intl's date formatter (~25 ms to start). They must be the numbers
 * Intl gives for that zone, DST changes and half-hour offsets included.
 *
 * The zone of a process is fixed at its start (TZ), so each zone is checked in a child process of
 * its own; this process's zone is not touched.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatShortDateTime } from '../../../shared/datetime';
import { dayKey, dayStart, zonedParts } from '../../../shared/time-zone';

const ROOT = resolve(__dirname, '../../..');

/**
 * Runs in a child under TZ=zone: every hour of 2026 and the hours around each DST change, through
 * the system-zone path (undefined) and the named path (Intl); prints the instants that differ.
 */
const COMPARE = `
import { dayKey, dayStart, minuteOfDay, zonedParts } from './shared/time-zone.ts';
const zone = process.env.TZ;
const differs = [];
const start = Date.UTC(2026, 0, 1), end = Date.UTC(2027, 0, 1);
for (let at = start; at < end; at += 3600_000 + 7 * 60_000 + 13_000) {
  const local = JSON.stringify(zonedParts(at)), named = JSON.stringify(zonedParts(at, zone));
  if (local !== named) differs.push(['parts', at, local, named]);
  if (minuteOfDay(at) !== minuteOfDay(at, zone)) differs.push(['minute', at]);
  const day = dayKey(at, zone);
  if (dayKey(at) !== day) differs.push(['day', at]);
  if (dayStart(day) !== dayStart(day, zone)) differs.push(['dayStart', day, dayStart(day), dayStart(day, zone)]);
}
const canonical = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
process.stdout.write(JSON.stringify({ canonical, resolved: Intl.DateTimeFormat().resolvedOptions().timeZone, differs: differs.slice(0, 5), count: differs.length }));
`;

describe('the system zone without Intl', () => {
  it.each(['Asia/Seoul', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'])(
    'gives the numbers Intl gives for %s (child process with TZ set)',
    (zone) => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', COMPARE], {
        cwd: ROOT,
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      const result = JSON.parse(run.stdout) as { canonical: string; resolved: string; differs: unknown[]; count: number };
      // The child really ran in that zone (a typo in TZ would silently be UTC); ICU may spell it
      // its own way (Asia/Katmandu).
      expect(result.resolved).toBe(result.canonical);
      expect(result.differs).toEqual([]);
      expect(result.count).toBe(0);
    },
    30_000,
  );

  it('reads the local numbers as Date does', () => {
    const at = Date.UTC(2026, 10, 28, 6, 15, 42);
    const local = new Date(at);
    expect(zonedParts(at)).toEqual({
      year: local.getFullYear(),
      month: local.getMonth() + 1,
      day: local.getDate(),
      hour: local.getHours(),
      minute: local.getMinutes(),
      second: local.getSeconds(),
    });
    expect(dayStart(dayKey(at))).toBe(new Date(local.getFullYear(), local.getMonth(), local.getDate()).getTime());
  });
});

describe("English short date and time, put together from the clock's numbers", () => {
  it('is what Intl en-GB writes, for every hour of a year in three zones', () => {
    for (const zone of ['Asia/Seoul', 'America/New_York', 'UTC']) {
      const intl = new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: zone });
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 3600_000 + 11 * 60_000) {
        expect(formatShortDateTime(at, 'en', zone), `${zone} ${at}`).toBe(intl.format(at));
      }
    }
  });
});
