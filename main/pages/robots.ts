/**
 * robots.txt, read once per origin and kept for a day, decides whether Nunchi may fetch an article
 * page and how long to wait between two requests to that site (Crawl-delay).
 *
 * Rules when robots.txt cannot be read, as Google documents them (developers.google.com,
 * "How Google interprets the robots.txt specification"):
 * - 2xx: the rules apply (an empty file allows everything);
 * - 4xx other than 429 (404, 410, even 401/403): there are no rules, everything is allowed;
 * - 429, 5xx, a timeout, a network error: the site is treated as fully disallowed for a while
 *   (`unavailableTtlMs`), then robots.txt is asked again. A copy read earlier, even an expired one,
 *   is used instead while it exists.
 * Rules are matched for the product token `Nunchi` (robots-parser compares the User-agent line
 * with the token before the first "/"), falling back to the `*` group.
 */
import robotsParser from 'robots-parser';
import { fetchFeed, type FetchOptions } from '../feeds/fetch';
import { FeedError } from '../feeds/feed-error';

export const ROBOTS_PRODUCT_TOKEN = 'Nunchi';
export const ROBOTS_TTL_MS = 24 * 60 * 60_000;
export const ROBOTS_UNAVAILABLE_TTL_MS = 60 * 60_000;
/** Google reads the first 500 KiB; a bigger file is not a robots.txt anyone meant. */
const ROBOTS_MAX_BYTES = 512 * 1024;
const ROBOTS_DEADLINE_MS = 10_000;
/** Origins remembered at most; the oldest is forgotten first (it is only read again). */
const DEFAULT_MAX_ORIGINS = 2048;

export type RobotsVerdict =
  | { allowed: true; crawlDelayMs: number | null }
  | { allowed: false; why: 'disallowed'; detail: string }
  | { allowed: false; why: 'unavailable'; detail: string; retryAt: number };

/** What reading one robots.txt came to. */
export type RobotsFetch = { kind: 'rules'; text: string } | { kind: 'no-rules'; detail: string } | { kind: 'unavailable'; detail: string };

type RobotsRules = ReturnType<typeof robotsParser>;

interface Entry {
  /** The rules last read (null inside: "no rules, allow all"); null when robots.txt was never read. */
  answer: { rules: RobotsRules | null } | null;
  /** When robots.txt is to be asked again: a day after a read, a short while after a failure. */
  expiresAt: number;
  /** Why the last read failed, while it did. */
  unavailableDetail: string | null;
}

export interface RobotsCacheOptions {
  /** Reads one robots.txt; default: the feed fetch stage with a 512 KiB cap and a 10 s deadline. */
  load?: (robotsUrl: string) => Promise<RobotsFetch>;
  /** Used by the default loader. */
  fetch?: Pick<FetchOptions, 'fetchImpl' | 'userAgent'>;
  now?: () => number;
  ttlMs?: number;
  unavailableTtlMs?: number;
  productToken?: string;
  maxOrigins?: number;
}

export class RobotsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly load: (robotsUrl: string) => Promise<RobotsFetch>;
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly unavailableTtlMs: number;
  private readonly token: string;
  private readonly maxOrigins: number;

  constructor(options: RobotsCacheOptions = {}) {
    this.load = options.load ?? ((url) => loadRobots(url, options.fetch ?? {}));
    this.now = options.now ?? (() => Date.now());
    this.ttlMs = options.ttlMs ?? ROBOTS_TTL_MS;
    this.unavailableTtlMs = options.unavailableTtlMs ?? ROBOTS_UNAVAILABLE_TTL_MS;
    this.token = options.productToken ?? ROBOTS_PRODUCT_TOKEN;
    this.maxOrigins = options.maxOrigins ?? DEFAULT_MAX_ORIGINS;
  }

  /**
   * May `pageUrl` be fetched, and with what delay between requests to its site? Reads robots.txt
   * when the cached answer is missing or expired; concurrent calls for one origin share one read.
   * Never throws; a URL that cannot be parsed is allowed (the fetch stage refuses it in words).
   */
  async check(pageUrl: string): Promise<RobotsVerdict> {
    let url: URL;
    try {
      url = new URL(pageUrl);
    } catch {
      return { allowed: true, crawlDelayMs: null };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { allowed: true, crawlDelayMs: null };
    const entry = await this.entryFor(url.origin);
    return this.verdict(entry, url);
  }

  private verdict(entry: Entry, url: URL): RobotsVerdict {
    if (entry.answer === null) {
      return {
        allowed: false,
        why: 'unavailable',
        detail: `robots.txt of ${url.origin} could not be read (${entry.unavailableDetail}); the site is treated as disallowed until it can`,
        retryAt: entry.expiresAt,
      };
    }
    const rules = entry.answer.rules;
    if (rules === null) return { allowed: true, crawlDelayMs: null };
    const target = url.href;
    if (rules.isDisallowed(target, this.token) === true) {
      const line = rules.getMatchingLineNumber(target, this.token);
      return {
        allowed: false,
        why: 'disallowed',
        detail: `robots.txt of ${url.origin} disallows ${url.pathname} for ${this.token} (line ${line})`,
      };
    }
    const delay = rules.getCrawlDelay(this.token);
    const crawlDelayMs = typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? Math.round(delay * 1000) : null;
    return { allowed: true, crawlDelayMs };
  }

  private async entryFor(origin: string): Promise<Entry> {
    const cached = this.entries.get(origin);
    if (cached && cached.expiresAt > this.now()) return cached;
    const pending = this.loading.get(origin);
    if (pending) return pending;
    const promise = this.refresh(origin, cached).finally(() => this.loading.delete(origin));
    this.loading.set(origin, promise);
    return promise;
  }

  private async refresh(origin: string, previous: Entry | undefined): Promise<Entry> {
    const robotsUrl = `${origin}/robots.txt`;
    let fetched: RobotsFetch;
    try {
      fetched = await this.load(robotsUrl);
    } catch (error) {
      fetched = { kind: 'unavailable', detail: error instanceof Error ? error.message : String(error) };
    }
    const now = this.now();
    if (fetched.kind === 'rules') {
      return this.remember(origin, {
        answer: { rules: robotsParser(robotsUrl, fetched.text) },
        expiresAt: now + this.ttlMs,
        unavailableDetail: null,
      });
    }
    if (fetched.kind === 'no-rules') {
      return this.remember(origin, { answer: { rules: null }, expiresAt: now + this.ttlMs, unavailableDetail: null });
    }
    // Unreadable: an answer read earlier still holds (Google does the same); with none, refuse.
    // Either way robots.txt is asked again after the short wait, not after a day.
    return this.remember(origin, {
      answer: previous?.answer ?? null,
      expiresAt: now + this.unavailableTtlMs,
      unavailableDetail: fetched.detail,
    });
  }

  private remember(origin: string, entry: Entry): Entry {
    this.entries.delete(origin);
    this.entries.set(origin, entry);
    while (this.entries.size > this.maxOrigins) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry;
  }
}

/** Reads robots.txt with the feed fetch stage and sorts the answer by Google's rules. */
export async function loadRobots(
  robotsUrl: string,
  options: Pick<FetchOptions, 'fetchImpl' | 'userAgent' | 'dispatcher'>,
): Promise<RobotsFetch> {
  try {
    const result = await fetchFeed(robotsUrl, {
      ...options,
      accept: 'text/plain, */*;q=0.5',
      maxBytes: ROBOTS_MAX_BYTES,
      deadlineMs: ROBOTS_DEADLINE_MS,
    });
    if (result.kind === 'not-modified') return { kind: 'no-rules', detail: 'HTTP 304 without a request for one' };
    return { kind: 'rules', text: result.body.toString('utf8') };
  } catch (error) {
    if (error instanceof FeedError) {
      if (error.code === 'error.empty_body') return { kind: 'rules', text: '' };
      const status = error.httpStatus;
      if (status !== null && status >= 400 && status <= 499 && status !== 429) {
        return { kind: 'no-rules', detail: `HTTP ${status}` };
      }
      return { kind: 'unavailable', detail: error.detail };
    }
    return { kind: 'unavailable', detail: error instanceof Error ? error.message : String(error) };
  }
}
