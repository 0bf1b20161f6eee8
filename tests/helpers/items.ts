import { createHash } from 'node:crypto';
import type { NormalizedItem } from '../../shared/types';

/** A normalized item for store tests, with a content hash that follows its title and text. */
export function makeItem(partial: Partial<NormalizedItem> & { identity: string }): NormalizedItem {
  const title = partial.title ?? `제목 ${partial.identity}`;
  const text = partial.text ?? `본문 ${partial.identity}`;
  return {
    link: null,
    canonicalLink: null,
    author: null,
    publishedAt: null,
    rawHtml: `<p>${text}</p>`,
    ...partial,
    title,
    text,
    contentHash: partial.contentHash ?? createHash('sha1').update(`${title}\n${text}`).digest('hex'),
  };
}
