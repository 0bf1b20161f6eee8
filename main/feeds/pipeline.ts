import type { NormalizedFeed } from '../../shared/types';
import { decodeFeedBytes } from './decode';
import { normalizeFeed } from './normalize';
import { parseFeed } from './parse';

export interface FeedDocument {
  /** The raw bytes as fetched (or read from a file). */
  body: Uint8Array;
  contentType: string | null;
  /** Where the document came from: relative links resolve against it. */
  url: string;
}

/**
 * decode → parse → normalize: everything between the bytes and the store. CPU-bound and pure,
 * so the poller runs it in worker threads (see pipeline-pool.ts); the CLI's `parse` runs it directly.
 * Throws FeedError only.
 */
export async function processFeedDocument(doc: FeedDocument): Promise<NormalizedFeed> {
  const { text, encoding } = decodeFeedBytes(doc.body, doc.contentType);
  const parsed = await parseFeed(text);
  return normalizeFeed(parsed, { feedUrl: doc.url, encoding });
}
