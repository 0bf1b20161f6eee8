/**
 * The Naver Search API's daily quota (25 000 calls a day per application), counted here so the
 * user sees how much is used and so Nunchi stops asking before Naver starts refusing. The day
 * is Seoul's (Korea has no daylight saving time: UTC+9 all year), as Naver counts it. The count
 * is a small serialisable state so the engine can keep it across restarts.
 */

export const NAVER_DAILY_QUOTA = 25_000;
const SEOUL_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 24 * 3600_000;

export interface NaverQuotaState {
  /** The Seoul calendar day the count is for, "YYYY-MM-DD". */
  day: string;
  used: number;
}

export interface NaverQuotaUsage extends NaverQuotaState {
  limit: number;
  remaining: number;
  /** Next Seoul midnight, epoch ms: when the count starts again. */
  resetsAt: number;
}

/** The Seoul calendar day of an instant, "YYYY-MM-DD". */
export function seoulDay(at: number): string {
  return new Date(at + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** The next Seoul midnight after an instant, epoch ms. */
export function nextSeoulMidnight(at: number): number {
  return Math.floor((at + SEOUL_OFFSET_MS) / DAY_MS) * DAY_MS + DAY_MS - SEOUL_OFFSET_MS;
}

export class NaverQuota {
  private current: NaverQuotaState;
  private readonly now: () => number;
  readonly limit: number;

  constructor(options: { now?: () => number; limit?: number; state?: NaverQuotaState | null } = {}) {
    this.now = options.now ?? Date.now;
    this.limit = options.limit ?? NAVER_DAILY_QUOTA;
    const saved = options.state;
    const valid = saved && /^\d{4}-\d{2}-\d{2}$/.test(saved.day) && Number.isInteger(saved.used) && saved.used >= 0;
    this.current = valid ? { day: saved.day, used: saved.used } : { day: seoulDay(this.now()), used: 0 };
  }

  /** Today's use; a new Seoul day starts from zero. */
  usage(): NaverQuotaUsage {
    const now = this.now();
    this.roll(now);
    const used = Math.min(this.current.used, this.limit);
    return { day: this.current.day, used, limit: this.limit, remaining: this.limit - used, resetsAt: nextSeoulMidnight(now) };
  }

  /** Counts one call if today's quota allows it; false (nothing counted) when it is used up. */
  tryTake(): boolean {
    this.roll(this.now());
    if (this.current.used >= this.limit) return false;
    this.current = { ...this.current, used: this.current.used + 1 };
    return true;
  }

  /** Naver said the quota is used up (429): believe it until the day ends, whatever we counted. */
  markExhausted(): void {
    this.roll(this.now());
    this.current = { ...this.current, used: this.limit };
  }

  /** The state to keep across restarts. */
  state(): NaverQuotaState {
    this.roll(this.now());
    return { ...this.current };
  }

  private roll(now: number): void {
    const day = seoulDay(now);
    if (day !== this.current.day) this.current = { day, used: 0 };
  }
}
