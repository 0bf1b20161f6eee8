/**
 * Query errors a user sees while typing a watchlist: a message (its words are the `query.*`
 * entries of shared/messages) and where (1-based column counted in characters as the user sees
 * them, i.e. grapheme clusters, so 카 is one column and an emoji with a skin tone is one column).
 */
import type { Message, MessageKey } from '../messages';

export type QueryErrorKey = Extract<MessageKey, `query.${string}`>;

export interface QueryError extends Message<QueryErrorKey> {
  /** What the message fills in: the column, the offending token, the length limit. */
  args: { column: number; token: string; max: number };
  /** 1-based column where the problem is; one past the last character for "missing …" at the end. */
  column: number;
  /** Columns the problem covers (0 for a point, e.g. the end of the query). */
  length: number;
}

type Segmenter = { segment(input: string): Iterable<unknown> };
let segmenter: Segmenter | null | undefined;

function graphemeSegmenter(): Segmenter | null {
  if (segmenter === undefined) {
    const Ctor = (Intl as unknown as { Segmenter?: new (locale: string, options: object) => Segmenter }).Segmenter;
    segmenter = Ctor ? new Ctor('ko', { granularity: 'grapheme' }) : null;
  }
  return segmenter;
}

/** Number of user-perceived characters in `s` (code points where Intl.Segmenter is missing). */
export function graphemeCount(s: string): number {
  const seg = graphemeSegmenter();
  return seg ? [...seg.segment(s)].length : [...s].length;
}

/** A positioned error; `offset`/`end` are UTF-16 offsets into `src`. */
export function queryError(
  key: QueryErrorKey,
  src: string,
  offset: number,
  end: number,
  params: { token?: string; max?: number } = {},
): QueryError {
  const column = graphemeCount(src.slice(0, offset)) + 1;
  const length = graphemeCount(src.slice(offset, end));
  return { key, args: { column, token: params.token ?? '', max: params.max ?? 0 }, column, length };
}
