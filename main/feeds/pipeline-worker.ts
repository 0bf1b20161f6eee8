import { parentPort } from 'node:worker_threads';
import { asFeedError } from './feed-error';
import { processFeedDocument, type FeedDocument } from './pipeline';

/** Worker side of pipeline-pool.ts: one document in, one normalized feed (or a FeedError) out. */
export interface PipelineRequest {
  id: number;
  doc: FeedDocument;
}
export type PipelineResponse =
  | { id: number; ok: true; feed: Awaited<ReturnType<typeof processFeedDocument>> }
  | { id: number; ok: false; code: string; detail: string };

parentPort?.on('message', async (request: PipelineRequest) => {
  let response: PipelineResponse;
  try {
    response = { id: request.id, ok: true, feed: await processFeedDocument(request.doc) };
  } catch (error) {
    const feedError = asFeedError(error);
    response = { id: request.id, ok: false, code: feedError.code, detail: feedError.detail };
  }
  parentPort!.postMessage(response);
});
