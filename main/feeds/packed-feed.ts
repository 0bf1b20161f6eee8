/**
 * A normalized feed as V8's serialization format in memory of its own, so a worker can move it to
 * the engine's thread instead of having postMessage clone it: postMessage's own structured clone
 * of the same object cost ~7x more in the worker (~1.7 ms against ~0.25 ms for a 100-item feed, a
 * fifth of a cold poll's worker time), for the same bytes.
 */
import { createRequire } from 'node:module';
import type { NormalizedFeed } from '../../shared/types';

/**
 * node:v8, loaded when a feed is first moved: loading it costs ~5 ms, a tenth of what a read
 * command (`nunchi alerts`) does of its own, and a read command never moves a feed.
 */
let v8: typeof import('node:v8') | null = null;
function serializer(): typeof import('node:v8') {
  return (v8 ??= createRequire(import.meta.url)('node:v8') as typeof import('node:v8'));
}

export interface PackedFeed {
  buffer: ArrayBuffer;
  byteOffset: number;
  byteLength: number;
}

/** Serializes a feed; pass `buffer` in postMessage's transfer list. */
export function packFeed(feed: NormalizedFeed): PackedFeed {
  const bytes = serializer().serialize(feed);
  // Only memory that is the serialization's alone may be moved (never a slice of a shared pool).
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Uint8Array.prototype.slice.call(bytes);
  return { buffer: own.buffer, byteOffset: 0, byteLength: own.byteLength };
}

export function unpackFeed(packed: PackedFeed): NormalizedFeed {
  return serializer().deserialize(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength)) as NormalizedFeed;
}
