/**
 * The normalize stage: a parsed feed (raw strings, untrusted) to a normalized feed (stable
 * identities, absolute safe links, UTC dates, plain text for matching, invisible characters
 * removed, every length capped). The body HTML is NOT sanitized here: it is kept raw (capped) and
 * sanitized on the way out, when an article is shown (see NormalizedItem.rawHtml and the README).
 *
 * It runs on every item of every poll (50 000 items on a cold start), so each item costs one HTML
 * parse (the body's text; a title only when it holds markup), one SHA-1 and a few URL parses, and nothing else.
 */
import { hash } from 'node:crypto';
import type { NormalizedFeed, NormalizedItem, ParsedFeed, ParsedItem } from '../../shared/types';
import { capLength, stripInvisible } from '../../shared/text';
import { parseFeedDate } from './dates';
import { htmlToText, inlineHtmlToText } from '../text/html-to-text';
import { canonicalizeUrl, safeHttpUrl, toSafeHttpUrl } from './urls';

export interface NormalizeContext {
  /** The address the feed was fetched from: the base for relative links. */
  feedUrl: string;
  /** The character encoding the decode stage used (e.g. "utf-8", "cp949"). */
  encoding: string;
}

export const NORMALIZE_LIMITS = {
  titleChars: 300,
  authorChars: 200,
  textChars: 100_000,
  /** Body HTML bigger than this is not kept: the escaped text stands in for it. */
  rawHtmlChars: 300_000,
  /** Longer guids are replaced by their hash (a 100 KB guid is garbage, not an identity). */
  guidChars: 1024,
  /** A title/author longer than this many raw characters is cut before any parsing. */
  rawInlineFactor: 20,
  ttlMinutes: { min: 1, max: 7 * 24 * 60 },
} as const;

function sha1(text: string): string {
  // One call, no Hash object: this runs twice per item of every poll.
  return hash('sha1', text, 'hex');
}

/**
 * The field if it is a string. The types promise strings, but a parser handed an odd document
 * (an Atom <title type="html"> read as an object, a number as guid) must not make us throw.
 */
function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function nonBlank(value: unknown): string | undefined {
  const text = str(value);
  return text !== undefined && text.trim() !== '' ? text : undefined;
}

/** Plain one-line text of a title-like field, capped without splitting a character. */
function inlineField(value: unknown, maxChars: number): string {
  const raw = str(value);
  if (raw === undefined || raw === '') return '';
  // Parse no more than could possibly survive the cap (tags and entities shrink, never grow).
  const bounded =
    raw.length > maxChars * NORMALIZE_LIMITS.rawInlineFactor ? raw.slice(0, maxChars * NORMALIZE_LIMITS.rawInlineFactor) : raw;
  return capLength(inlineHtmlToText(bounded), maxChars);
}

/** The guid as an identity: trimmed, invisible characters removed, hashed when absurdly long. */
function guidIdentity(value: unknown): string | null {
  const guid = str(value);
  if (guid === undefined) return null;
  const clean = stripInvisible(guid).trim();
  if (clean === '') return null;
  return clean.length > NORMALIZE_LIMITS.guidChars ? `guid-sha1:${sha1(clean)}` : clean;
}

/** A "<" that opens anything but a paragraph or a line break (or is not a tag at all). */
const OTHER_MARKUP = /<(?!\/?p\s*>|br\s*\/?>)/i;

/**
 * Whether a body's HTML shows nothing its text does not: no markup but paragraphs and line breaks
 * (entities are text too). Such a body is shown from its text, one paragraph a line.
 */
export function textSaysItAll(body: string): boolean {
  return !OTHER_MARKUP.test(body);
}

interface Candidate {
  /** Identity before de-duplication within the document. */
  baseIdentity: string;
  /** The item, its identity still to be given by assignIdentities. */
  item: NormalizedItem;
}

function normalizeItem(raw: ParsedItem, feedUrl: string): Candidate | null {
  const title = inlineField(raw.title, NORMALIZE_LIMITS.titleChars);
  const url = safeHttpUrl(str(raw.link), feedUrl);
  const link = url === null ? null : url.href;
  const canonicalLink = url === null ? null : canonicalizeUrl(url);

  const fromHtml = nonBlank(raw.html);
  const body = fromHtml ?? nonBlank(raw.summary) ?? '';
  const text = capLength(htmlToText(body, NORMALIZE_LIMITS.textChars), NORMALIZE_LIMITS.textChars);
  if (title === '' && link === null && text === '') return null;

  // Kept raw (capped) and sanitized when shown: see NormalizedItem.rawHtml. A body over the cap,
  // or one the text renders as well, is not kept: the text stands in for it.
  const rawHtml = body.length > NORMALIZE_LIMITS.rawHtmlChars || textSaysItAll(body) ? '' : stripInvisible(body);

  const author = inlineField(raw.author, NORMALIZE_LIMITS.authorChars);
  const contentHash = sha1(`${title}\n${text}`);
  const baseIdentity = guidIdentity(raw.guid) ?? canonicalLink ?? `sha1:${contentHash}`;

  return {
    baseIdentity,
    item: {
      identity: '',
      link,
      canonicalLink,
      title,
      author: author === '' ? null : author,
      publishedAt: parseFeedDate(str(raw.date)),
      text,
      rawHtml,
      contentHash,
      carriesArticle: carriesWholeArticle(text, fromHtml !== undefined && raw.fromContent === true),
    },
  };
}

/** Shorter than this, a feed's text is a summary whatever element it came in. */
export const SUMMARY_MAX_CHARS = 300;
/** A <description> at least this long is the article itself (some outlets put it all there). */
export const DESCRIPTION_ARTICLE_CHARS = 1000;
/** How feeds cut a summary short: an ellipsis, "더보기", "(계속)", "Read more" … at the very end. */
const CUT_OFF = /(?:…|\.{3}|\[?더\s?보기\]?|\(계속\)|\[기사\s?전문\]|read more|continue reading|\[\s*…\s*\])\s*$/i;

/**
 * Whether a feed item carries the whole article, for full-text mode 'auto' (issue 11): a body from
 * a content element (content:encoded, Atom content) that is neither short nor cut off, or a
 * summary element long enough to be the article.
 */
export function carriesWholeArticle(text: string, fromContentElement: boolean): boolean {
  const length = text.trim().length;
  if (length < SUMMARY_MAX_CHARS || CUT_OFF.test(text)) return false;
  return fromContentElement || length >= DESCRIPTION_ARTICLE_CHARS;
}

/**
 * Identities unique within one document, the same on every poll of the same document:
 * - the first item with a given identity keeps it;
 * - a later item with the same identity but other content is another article (CMSs that give
 *   every item the site's address as guid): it becomes `${identity}#${first 12 hex of its
 *   content hash}`, and `#2`, `#3`… on top of that in the unlikely case that is taken too;
 * - a later item identical in identity, link and content is the same article listed twice and
 *   is dropped.
 */
function assignIdentities(candidates: Candidate[]): NormalizedItem[] {
  const taken = new Set<string>();
  /**
   * The items kept so far under each base identity. Nearly every identity comes once, so an item
   * is compared with others only when its base identity repeats: a key of identity, link and hash
   * built for every item was ~7% of normalizing (issue 14).
   */
  const keptByBase = new Map<string, NormalizedItem[]>();
  const items: NormalizedItem[] = [];
  for (const { baseIdentity, item } of candidates) {
    const sameBase = keptByBase.get(baseIdentity);
    if (sameBase === undefined) keptByBase.set(baseIdentity, [item]);
    else if (sameBase.some((kept) => kept.link === item.link && kept.contentHash === item.contentHash)) continue;
    else sameBase.push(item);

    let identity = baseIdentity;
    if (taken.has(identity)) {
      const withHash = `${baseIdentity}#${item.contentHash.slice(0, 12)}`;
      identity = withHash;
      for (let n = 2; taken.has(identity); n += 1) identity = `${withHash}#${n}`;
    }
    taken.add(identity);
    item.identity = identity;
    items.push(item);
  }
  return items;
}

/** What to call a feed that has no title of its own: its address's host. */
function fallbackTitle(feedUrl: string): string {
  try {
    return new URL(feedUrl).hostname || feedUrl;
  } catch {
    return capLength(stripInvisible(feedUrl), NORMALIZE_LIMITS.titleChars);
  }
}

function ttl(value: number | undefined): number | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  const minutes = Math.round(value);
  const { min, max } = NORMALIZE_LIMITS.ttlMinutes;
  return minutes >= min && minutes <= max ? minutes : null;
}

/** Normalize one parsed feed document. Pure apart from hashing; never throws on item content. */
export function normalizeFeed(parsed: ParsedFeed, ctx: NormalizeContext): NormalizedFeed {
  const candidates: Candidate[] = [];
  for (const raw of parsed.items) {
    const candidate = normalizeItem(raw, ctx.feedUrl);
    if (candidate !== null) candidates.push(candidate);
  }
  const ownTitle = inlineField(parsed.title, NORMALIZE_LIMITS.titleChars);
  return {
    format: parsed.format,
    encoding: ctx.encoding,
    title: ownTitle || fallbackTitle(ctx.feedUrl),
    titleIsFallback: ownTitle === '',
    siteUrl: toSafeHttpUrl(str(parsed.siteUrl), ctx.feedUrl),
    ttlMinutes: ttl(parsed.ttlMinutes),
    items: assignIdentities(candidates),
  };
}
