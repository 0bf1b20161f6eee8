/**
 * A normalized feed as JSON text: how a worker hands it to the engine's thread. postMessage copies
 * one string in one piece, and the engine parses it back.
 *
 * Why not V8's own serialization (issue 14, each measured on a cold poll of 500 feeds):
 * - postMessage's structured clone of the object cost ~7x more in the worker (~1.7 ms against
 *   ~0.25 ms for a 100-item feed).
 * - node:v8's `serialize` keeps every object it wrote reachable from a GC root (its identity map)
 *   until the Serializer object itself is collected, a GC or two later. Each feed then outlived
 *   the scavenges that should have freed it and was copied, then promoted: the parse worker moved
 *   ~75 MB to its old generation instead of ~9 MB, and its scavenges took ~2x as long.
 * JSON.stringify holds nothing after it returns, and it and JSON.parse are each faster than
 * serialize and deserialize for these feeds (~0.18 and ~0.11 ms against ~0.34 and ~0.13 ms).
 * Every field of a NormalizedFeed is a string, a finite number, a boolean, null or an array of
 * items of those: JSON carries it unchanged.
 */
import type { NormalizedFeed } from '../../shared/types';

export type PackedFeed = string;

export function packFeed(feed: NormalizedFeed): PackedFeed {
  return JSON.stringify(feed);
}

export function unpackFeed(packed: PackedFeed): NormalizedFeed {
  return JSON.parse(packed) as NormalizedFeed;
}
