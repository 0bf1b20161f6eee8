import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locale } from '../../shared/errors';
import { displayUrl } from '../../shared/display-url';
import { translate } from '../../shared/messages';
import type { NormalizedFeed } from '../../shared/types';
import { FeedError } from '../feeds/feed-error';
import { fetchFeed } from '../feeds/fetch';
import { sanitizeArticleHtml } from '../feeds/html';
import { processFeedDocument } from '../feeds/pipeline';

/** The stable JSON shape of `nunchi parse --json` (documented in the README). */
export interface ParseJson {
  title: string;
  format: string;
  encoding: string;
  items: Array<{ id: string; title: string; link: string | null; published: string | null; text: string; html: string }>;
}

export function toParseJson(feed: NormalizedFeed): ParseJson {
  return {
    title: feed.title,
    format: feed.format,
    encoding: feed.encoding,
    items: feed.items.map((item) => ({
      id: item.identity,
      title: item.title,
      link: item.link,
      published: item.publishedAt === null ? null : new Date(item.publishedAt).toISOString(),
      text: item.text,
      html: sanitizeArticleHtml(item.rawHtml, item.link),
    })),
  };
}

/** Reads a feed from a file or an http(s) URL and runs the whole pipeline on it, storing nothing. */
export async function loadAndParse(source: string, userAgent?: string): Promise<NormalizedFeed> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) && !/^[a-z]:[\\/]/i.test(source)) {
    const fetched = await fetchFeed(source, { userAgent });
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

export function formatFeedSummary(feed: NormalizedFeed, locale: Locale): string {
  const lines = [
    `${feed.title}  (${feed.format}, ${feed.encoding}, ${translate(locale, 'cli.parseItems', { n: feed.items.length })})`,
  ];
  for (const item of feed.items) {
    const when = item.publishedAt === null ? '—' : new Date(item.publishedAt).toISOString().slice(0, 16).replace('T', ' ');
    lines.push(`  ${when}  ${item.title}`);
    if (item.link) lines.push(`                    ${displayUrl(item.link)}`);
  }
  return lines.join('\n');
}
