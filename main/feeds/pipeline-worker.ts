import { parentPort } from 'node:worker_threads';
import { packFeed, type PackedFeed } from './packed-feed';
import type { PageDocument, PageExtraction } from '../pages/extract';
import type { MessageArgs } from '../../shared/messages';
import { asFeedError } from './feed-error';
import { processFeedDocument, type FeedDocument } from './pipeline';

/**
 * Worker side of pipeline-pool.ts: one document in, one result out. Two kinds of document share
 * the workers: feeds (→ a normalized feed or a FeedError) and article pages (→ the extracted
 * article or why there is none; issue 11). This is the one place the feed pipeline reaches into
 * main/pages/, and only for its worker entry, loaded on the first page so feed-only workers never
 * load the DOM libraries.
 */
export type PipelineRequest = { id: number; kind?: 'feed'; doc: FeedDocument } | { id: number; kind: 'page'; page: PageDocument };
export type PipelineResponse =
  /** A feed's result, laid out for postMessage's copy (see packFeed). */
  | { id: number; ok: true; packedFeed: PackedFeed }
  | { id: number; ok: true; page: PageExtraction }
  | { id: number; ok: false; code: string; detail: string; args?: MessageArgs };

let pages: Promise<typeof import('../pages/extract')> | null = null;

parentPort?.on('message', (request: PipelineRequest) => void answer(request));

async function answer(request: PipelineRequest): Promise<void> {
  let response: PipelineResponse;
  try {
    if (request.kind === 'page') {
      pages ??= import('../pages/extract');
      response = { id: request.id, ok: true, page: (await pages).extractPageDocument(request.page) };
    } else {
      response = { id: request.id, ok: true, packedFeed: packFeed(await processFeedDocument(request.doc)) };
    }
  } catch (error) {
    const feedError = asFeedError(error);
    response = { id: request.id, ok: false, code: feedError.code, detail: feedError.detail, args: feedError.args };
  }
  parentPort!.postMessage(response);
}
