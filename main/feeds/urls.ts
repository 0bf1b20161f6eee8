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
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  if (trimmed === '' || trimmed.length > MAX_URL_LENGTH) return null;
  const url = parseUrl(trimmed, base);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  if (url.username !== '' || url.password !== '') {
    url.username = '';
    url.password = '';
  }
  return url.href;
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
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'igshid',
  'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'napm',
  'n_media', 'n_query', 'n_rank', 'n_ad_group', 'n_ad', 'n_keyword', 'n_keyword_id', 'n_campaign_type',
]);

function isTrackingParam(rawKey: string): boolean {
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    key = rawKey.toLowerCase();
  }
  return key.startsWith('utm_') || TRACKING_PARAMS.has(key);
}

/**
 * The canonical form of an absolute URL, used to recognise one story across feeds:
 * - scheme and host lower-case, default port dropped (the URL parser does this);
 * - tracking parameters (utm_*, fbclid, gclid, …) dropped;
 * - the remaining parameters sorted by name, stable, so repeated names keep their order; each
 *   `name=value` segment is kept byte for byte (no re-encoding, "+" stays "+");
 * - the fragment dropped, except hash routes ("#/…", "#!…") that single-page sites use to address
 *   the article itself;
 * - path, trailing slash, "www." and http vs https left alone: they can name different pages.
 * Input that does not parse comes back trimmed, unchanged.
 */
export function canonicalizeLink(url: string): string {
  const parsed = parseUrl(url.trim(), null);
  if (parsed === null) return url.trim();

  if (!parsed.hash.startsWith('#/') && !parsed.hash.startsWith('#!')) parsed.hash = '';

  const query = parsed.search.slice(1);
  if (query === '') {
    parsed.search = ''; // also drops a bare trailing "?"
  } else {
    const kept = query
      .split('&')
      .filter((segment) => segment !== '' && !isTrackingParam(segment.split('=', 1)[0]!))
      .map((segment, index) => ({ segment, key: segment.split('=', 1)[0]!, index }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
      .map((entry) => entry.segment);
    parsed.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  }
  return parsed.href;
}
