import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locale } from '../../shared/errors';
import { displayUrl } from '../../shared/display-url';
import { pointsToPrivateNetwork } from '../../shared/private-address';
import { formatMessage, translate } from '../../shared/messages';
import type { NormalizedFeed } from '../../shared/types';
import { FeedError } from '../feeds/feed-error';
import { fetchFeed } from '../feeds/fetch';
import { articleBodyHtml, sanitizeArticleHtml } from '../feeds/html';
import { processFeedDocument } from '../feeds/pipeline';
import type { DispatcherFor } from '../feeds/proxy';
import { inProcessPageExtractor } from '../pages/extract';
import type { PageOutcome } from '../pages/outcome';
import { PageClient } from '../pages/page-client';
import { fetchArticlePage } from '../pages/page-queue';
import { pageReasonMessage } from '../pages/reason-message';

/** What `--full-text` adds to an item: the text extracted from its page, or why there is none. */
export type ParsePageJson =
  { ok: true; url: string; extractor: string; text: string; html: string } | { ok: false; reason: string; error: string; detail: string };

/** The stable JSON shape of `nunchi parse --json` (documented in the README). */
export interface ParseJson {
  title: string;
  format: string;
  encoding: string;
  items: Array<{
    id: string;
    title: string;
    link: string | null;
    published: string | null;
    text: string;
    html: string;
    page?: ParsePageJson;
  }>;
}

/** Each item's page outcome, by identity (`parse --full-text`); items without a link have none. */
export type ParsedPages = ReadonlyMap<string, PageOutcome>;

export function toParseJson(feed: NormalizedFeed, pages?: ParsedPages, locale: Locale = 'ko'): ParseJson {
  return {
    title: feed.title,
    format: feed.format,
    encoding: feed.encoding,
    items: feed.items.map((item) => {
      const outcome = pages?.get(item.identity);
      return {
        id: item.identity,
        title: item.title,
        link: item.link,
        published: item.publishedAt === null ? null : new Date(item.publishedAt).toISOString(),
        text: item.text,
        html: sanitizeArticleHtml(articleBodyHtml(item.rawHtml, item.text), item.link),
        ...(outcome ? { page: pageJson(outcome, locale) } : {}),
      };
    }),
  };
}

function pageJson(outcome: PageOutcome, locale: Locale): ParsePageJson {
  if (outcome.kind === 'extracted') {
    return {
      ok: true,
      url: outcome.finalUrl,
      extractor: outcome.rule ?? outcome.extractor,
      text: outcome.text,
      html: sanitizeArticleHtml(outcome.html, outcome.finalUrl),
    };
  }
  // A 304 cannot happen without validators; it would mean "no body to show".
  const failure = outcome.kind === 'failed' ? outcome : { reason: 'page.no_article' as const, detail: 'not modified' };
  return { ok: false, reason: failure.reason, error: formatMessage(locale, pageReasonMessage(failure.reason)), detail: failure.detail };
}

/**
 * Fetches and extracts the page of every item that has a link, with the same polite client as the
 * engine (robots.txt, two requests at most per host, a gap between them, each fetch bounded).
 * Extraction runs on this thread: a one-off command has no UI to keep responsive. The pages go
 * through the feed's proxy (`dispatcher`), as in the engine. As there, a page on the user's own
 * machine or network is fetched only when the feed is too: a file (the user's own) or an address
 * on a private host (`source`, as given to loadAndParse).
 */
export async function extractPages(feed: NormalizedFeed, source: string, dispatcher?: DispatcherFor): Promise<ParsedPages> {
  const privateHostsAllowed = !/^https?:\/\//i.test(source) || pointsToPrivateNetwork(source);
  const client = new PageClient({ dispatcher });
  const pages = new Map<string, PageOutcome>();
  await Promise.all(
    feed.items.map(async (item) => {
      if (!item.link) return;
      const outcome = await fetchArticlePage(
        { key: item.identity, url: item.link, feedTextLength: item.text.length, privateHostsAllowed },
        { client, extractor: inProcessPageExtractor },
      );
      pages.set(item.identity, outcome);
    }),
  );
  return pages;
}

/** Reads a feed from a file or an http(s) URL and runs the whole pipeline on it, storing nothing. */
export async function loadAndParse(source: string, userAgent?: string, dispatcher?: DispatcherFor): Promise<NormalizedFeed> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source)) {
    const fetched = await fetchFeed(source, { userAgent, dispatcher });
    if (fetched.kind !== 'ok') throw new FeedError('error.http_unexpected_status', 'unexpected 304 without validators');
    return processFeedDocument({ body: fetched.body, contentType: fetched.contentType, url: fetched.finalUrl });
  }
  const path = resolve(source);
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch (error) {
    throw new FeedError('error.file_unreadable', `${path}: ${(error as Error).message}`, { cause: error });
  }
  return processFeedDocument({ body, contentType: null, url: pathToFileURL(path).href });
}

export function formatFeedSummary(feed: NormalizedFeed, locale: Locale, pages?: ParsedPages): string {
  const lines = [`${feed.title}  (${feed.format}, ${feed.encoding}, ${translate(locale, 'cli.parseItems', { n: feed.items.length })})`];
  for (const item of feed.items) {
    const when = item.publishedAt === null ? '—' : new Date(item.publishedAt).toISOString().slice(0, 16).replace('T', ' ');
    lines.push(`  ${when}  ${item.title}`);
    if (item.link) lines.push(`                    ${displayUrl(item.link)}`);
    const outcome = pages?.get(item.identity);
    if (!outcome) continue;
    if (outcome.kind === 'extracted') {
      lines.push(translate(locale, 'cli.parsePage', { chars: outcome.text.length }));
      for (const paragraph of outcome.text.split('\n').filter((p) => p.trim())) lines.push(`      ${paragraph.trim()}`);
    } else {
      const page = pageJson(outcome, locale);
      if (!page.ok) lines.push(translate(locale, 'cli.parsePageFailed', { reason: page.error }));
    }
  }
  return lines.join('\n');
}
