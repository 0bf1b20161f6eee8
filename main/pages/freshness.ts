/**
 * The 48-hour rule of full-text monitoring: an article published more than 48 hours ago is old
 * news for a monitor, so its page is fetched only when the user opens it. A feed's first poll can
 * bring hundreds of such articles; fetching them all would hammer the outlets for nothing.
 */
export const FULL_TEXT_MAX_AGE_MS = 48 * 60 * 60_000;

export interface FreshnessInput {
  /** The article's publication time (epoch ms); null when the feed gave none. */
  publishedAt: number | null;
  /** When Nunchi first stored the article: the age of an undated article. */
  firstSeenAt: number;
  /** The user opened the article (or asked for its page): age does not matter then. */
  requested: boolean;
  now: number;
  maxAgeMs?: number;
}

/**
 * Whether the page may be fetched now. A date in the future (a wrong clock at the outlet, a KST
 * time read as UTC) counts as fresh.
 */
export function isPageFetchDue(input: FreshnessInput): boolean {
  if (input.requested) return true;
  const born = input.publishedAt ?? input.firstSeenAt;
  return input.now - born <= (input.maxAgeMs ?? FULL_TEXT_MAX_AGE_MS);
}
