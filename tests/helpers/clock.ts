/**
 * Dates for tests that run the product against the real clock (child processes, whose `now` cannot
 * be injected). Everything is relative to the moment the test starts, so the test means the same on
 * any day — and under a shifted clock (`faketime '+400 days'`), which the child processes inherit.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Floors an instant to the whole minute, as feeds that print `HH:MM` do. */
export const floorToMinute = (at: number): number => Math.floor(at / MINUTE) * MINUTE;

/** The instant as a Korean feed writes it, zone-less Seoul time: `2026-11-28 09:05`. */
export function seoulStamp(at: number): string {
  const seoul = new Date(at + 9 * HOUR); // Seoul has had no daylight saving time since 1988
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${seoul.getUTCFullYear()}-${pad(seoul.getUTCMonth() + 1)}-${pad(seoul.getUTCDate())} ${pad(seoul.getUTCHours())}:${pad(seoul.getUTCMinutes())}`;
}
