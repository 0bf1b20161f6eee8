/**
 * Links from feeds: made absolute, limited to http(s), and reduced to a canonical form so the same
 * story linked by two feeds (one with utm_* noise) is recognised as one.
 */

/** Longer "links" are payloads or garbage, not article addresses. */
const MAX_URL_LENGTH = 8192;

/**
 * An absolute http(s) URL for `raw`, resolved against `base` when relative; null for anything else
 * (javascript:, data:, file:, mailto:, unparseable). Credentials in the authority are removed: an
 * address like "http://naver.com@evil.example/" shows one host and opens another.
 */
export function toSafeHttpUrl(raw: string | undefined | null, base: string | null): string | null {
  return safeHttpUrl(raw, base)?.href ?? null;
}

/** toSafeHttpUrl as a URL object, for callers that go on to canonicalize it (saves a parse). */
export function safeHttpUrl(raw: string | undefined | null, base: string | null): URL | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.length > MAX_URL_LENGTH) return null;
  const url = parseUrl(trimmed, base);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  if (url.username !== '' || url.password !== '') {
    url.username = '';
    url.password = '';
  }
  return url;
}

/** WHATWG URL parsing (it also strips the tabs and newlines of "java\tscript:"); null on failure. */
export function parseUrl(raw: string, base: string | null): URL | null {
  if (base !== null) {
    try {
      return new URL(raw, base);
    } catch {
      // An unusable base must not make an absolute link unreadable: fall through.
    }
  }
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * Query parameters that only say where a click came from. Matched case-insensitively; `utm_` is
 * a prefix. NaPm and n_* are Naver's ad and search trackers. Deliberately short: a parameter not
 * listed here stays, because dropping a meaningful one (`id`, `idxno`, `aid`) would merge two
 * different articles into one.
 */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'napm',
  'n_media',
  'n_query',
  'n_rank',
  'n_ad_group',
  'n_ad',
  'n_keyword',
  'n_keyword_id',
  'n_campaign_type',
]);

function isTrackingParam(rawKey: string): boolean {
  let key = rawKey.toLowerCase();
  if (key.includes('%') || key.includes('+')) {
    try {
      key = decodeURIComponent(key.replace(/\+/g, ' '));
    } catch {
      // A malformed escape is compared as written.
    }
  }
  return key.startsWith('utm_') || TRACKING_PARAMS.has(key);
}

function paramName(segment: string): string {
  const eq = segment.indexOf('=');
  return eq === -1 ? segment : segment.slice(0, eq);
}

/**
 * The query without tracking parameters, the rest sorted by name (stable, so repeated names keep
 * their order), each `name=value` segment kept byte for byte (no re-encoding, "+" stays "+").
 */
function canonicalQuery(query: string): string {
  const kept: Array<{ segment: string; name: string }> = [];
  let sorted = true;
  for (const segment of query.split('&')) {
    if (segment === '') continue;
    const name = paramName(segment);
    if (isTrackingParam(name)) continue;
    const previous = kept[kept.length - 1];
    if (previous !== undefined && previous.name > name) sorted = false;
    kept.push({ segment, name });
  }
  // Array#sort is stable, which keeps repeated names in their original order.
  if (!sorted) kept.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return kept.map((entry) => entry.segment).join('&');
}

/**
 * The canonical form of an absolute URL, used to recognise one story across feeds:
 * - scheme and host lower-case, default port dropped (the URL parser does this);
 * - tracking parameters (utm_*, fbclid, gclid, …) dropped;
 * - the remaining parameters sorted by name: the same article is linked as "?sid=1&aid=2" by one
 *   feed and "?aid=2&sid=1" by another, and no site serves two articles that differ only in
 *   parameter order;
 * - the fragment dropped, except hash routes ("#/…", "#!…") that single-page sites use to address
 *   the article itself;
 * - path, trailing slash, "www." and http vs https left alone: they can name different pages.
 * Input that does not parse comes back trimmed, unchanged.
 */
export function canonicalizeLink(url: string): string {
  const parsed = parseUrl(url.trim(), null);
  return parsed === null ? url.trim() : canonicalizeUrl(parsed);
}

/** canonicalizeLink for an already parsed URL (modifies it). */
export function canonicalizeUrl(parsed: URL): string {
  if (parsed.hash !== '' && !parsed.hash.startsWith('#/') && !parsed.hash.startsWith('#!')) parsed.hash = '';
  const search = parsed.search;
  if (search === '') {
    // URL keeps a bare trailing "?" in href while reporting an empty search.
    if (parsed.href.includes('?')) parsed.search = '';
    return parsed.href;
  }
  const query = canonicalQuery(search.slice(1));
  if (query !== search.slice(1)) parsed.search = query === '' ? '' : `?${query}`;
  return parsed.href;
}
