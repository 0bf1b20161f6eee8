/**
 * A normalized feed as the parse worker hands it to the engine's thread: its head, and its items'
 * fields laid end to end in one array (ITEM_FIELDS order). postMessage copies that with V8's
 * structured clone: one object for the head, one array, and the strings and numbers in it.
 *
 * Why this shape (issue 14, each measured on the bench corpus, 500 feeds of 100 items):
 * - postMessage's clone of the feed as it is, one object per item, cost ~7x more in the worker
 *   than this: Node asks of every object it clones whether it is one of its own (a port, a
 *   handle), and a feed has a hundred of them.
 * - node:v8's `serialize` keeps every object it wrote reachable from a GC root (its identity map)
 *   until the Serializer object itself is collected, a GC or two later: the parse worker then
 *   promoted every feed to its old generation (~75 MB a poll instead of ~9 MB). postMessage's
 *   serializer lives only while postMessage runs.
 * - JSON text (JSON.stringify in the worker, JSON.parse on the engine's thread) escapes and then
 *   scans every character: a round trip of the 500 feeds through a worker took ~600 ms of CPU,
 *   against ~220 ms for this array.
 * Every field of a NormalizedItem is a string, a finite number, a boolean, null or absent
 * (carriesArticle): the clone carries each unchanged, and absent travels as undefined.
 */
import type { NormalizedFeed, NormalizedItem } from '../../shared/types';

/** The order an item's fields travel in. Adding a field to NormalizedItem without adding it here fails to compile. */
const ITEM_FIELDS = [
  'identity',
  'link',
  'canonicalLink',
  'title',
  'author',
  'publishedAt',
  'text',
  'rawHtml',
  'contentHash',
  'carriesArticle',
] as const satisfies readonly (keyof NormalizedItem)[];

type Unlisted = Exclude<keyof NormalizedItem, (typeof ITEM_FIELDS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFieldListed;

type ItemValue = NormalizedItem[keyof NormalizedItem];

export interface PackedFeed {
  head: Omit<NormalizedFeed, 'items'>;
  /** ITEM_FIELDS.length values per item. */
  fields: ItemValue[];
}

export function packFeed(feed: NormalizedFeed): PackedFeed {
  const { items, ...head } = feed;
  const fields: ItemValue[] = [];
  for (const item of items) {
    for (const name of ITEM_FIELDS) fields.push(item[name]);
  }
  return { head, fields };
}

export function unpackFeed({ head, fields }: PackedFeed): NormalizedFeed {
  const items: NormalizedItem[] = [];
  for (let at = 0; at < fields.length; at += ITEM_FIELDS.length) {
    // One object literal: every item gets the same shape, in one allocation.
    const item: NormalizedItem = {
      identity: fields[at] as string,
      link: fields[at + 1] as string | null,
      canonicalLink: fields[at + 2] as string | null,
      title: fields[at + 3] as string,
      author: fields[at + 4] as string | null,
      publishedAt: fields[at + 5] as number | null,
      text: fields[at + 6] as string,
      rawHtml: fields[at + 7] as string,
      contentHash: fields[at + 8] as string,
      carriesArticle: fields[at + 9] as boolean | undefined,
    };
    if (item.carriesArticle === undefined) delete item.carriesArticle;
    items.push(item);
  }
  return { ...head, items };
}
