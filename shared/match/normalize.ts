/**
 * Normalization for matching, with a map back to the original text.
 *
 * Both the watchlist terms and the article text go through `normalizeInto`: NFKC, lower-case,
 * invisible controls (zero-width, bidi, soft hyphen …) dropped, every run of white space turned
 * into one space (none at the ends). The automaton skips those spaces, so a Hangul term written
 * without spaces (카카오브레인) also finds "카카오 브레인", and the hit check then looks at where the
 * spaces actually were (a phrase or a Latin term insists on them being exactly as written).
 *
 * Every output unit knows the original range it came from, so a match found in normalized text
 * is reported as a span of the original text (for highlighting).
 *
 * Speed matters (every article of every poll comes through here): a character that is already
 * NFKC and lower-case costs one table lookup and two array writes; only the rest are normalized,
 * one cluster (a character plus the combining marks / jamo that follow it) at a time.
 */
import { CLS_ASCII_UPPER, CLS_CONTINUATION, CLS_INVISIBLE, CLS_SPACE, CLS_STABLE, charClasses } from './char-classes';

export const SPACE_UNIT = 0x20;
/** Longest run of UTF-16 units normalized as one cluster. */
const MAX_CLUSTER = 32;

/** A reusable buffer holding one normalized text. Grows as needed; never shrinks. */
export class NormalizedText {
  /** Normalized UTF-16 code units; white-space runs are one SPACE_UNIT. */
  codes: Uint16Array;
  /**
   * Where each unit came from: `i >= 0` — the original unit i alone (ends at i + 1; for a space,
   * the run ends where the next unit starts); `-(n + 1)` — cluster n of `clusterStart/clusterEnd`.
   */
  src: Int32Array;
  /** Original ranges of the clusters that went through String.prototype.normalize. */
  clusterStart: number[] = [];
  clusterEnd: number[] = [];
  /** Number of valid units. */
  length = 0;

  constructor(capacity = 512) {
    this.codes = new Uint16Array(capacity);
    this.src = new Int32Array(capacity);
  }

  /** Make room for at least `capacity` units, keeping the first `keep`. */
  reserve(capacity: number, keep: number): void {
    if (capacity <= this.codes.length) return;
    const size = Math.max(capacity, this.codes.length * 2);
    const codes = new Uint16Array(size);
    const src = new Int32Array(size);
    codes.set(this.codes.subarray(0, keep));
    src.set(this.src.subarray(0, keep));
    this.codes = codes;
    this.src = src;
  }

  /** Original start offset of unit k. */
  originalStart(k: number): number {
    const s = this.src[k] as number;
    return s >= 0 ? s : (this.clusterStart[-s - 1] as number);
  }

  /** Original end offset (exclusive) of unit k. */
  originalEnd(k: number): number {
    const s = this.src[k] as number;
    if (s < 0) return this.clusterEnd[-s - 1] as number;
    if (this.codes[k] === SPACE_UNIT && k + 1 < this.length) return this.originalStart(k + 1);
    return s + 1;
  }

  toString(): string {
    let s = '';
    for (let k = 0; k < this.length; k++) s += String.fromCharCode(this.codes[k] as number);
    return s;
  }
}

/** Normalize `text` into `out` (overwriting it). */
export function normalizeInto(text: string, out: NormalizedText): void {
  const cls = charClasses();
  const n = text.length;
  out.clusterStart.length = 0;
  out.clusterEnd.length = 0;
  // Stable characters give one unit each; clusters re-reserve when they expand.
  out.reserve(n + 16, 0);
  let codes = out.codes;
  let src = out.src;
  let o = 0;
  // Start of the last cluster in output and source: a combining mark that follows it is
  // normalized together with it. -1 after a space (nothing to combine with).
  let lastOut = -1;
  let lastSrc = -1;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    // Runs of Hangul syllables, a–z and digits first, by range: cheaper than the table on this
    // hot path, and the cluster bookkeeping is done once per run.
    if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      do {
        codes[o++] = c;
        src[o - 1] = i++;
      } while (i < n && (((c = text.charCodeAt(i)) >= 0xac00 && c <= 0xd7a3) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)));
      lastOut = o - 1;
      lastSrc = i - 1;
      continue;
    }
    const k = cls[c] as number;
    if (k === CLS_STABLE) {
      codes[o] = c;
      src[o] = i;
      lastOut = o;
      lastSrc = i;
      o++;
      i++;
      continue;
    }
    if (k === CLS_ASCII_UPPER) {
      codes[o] = c + 32;
      src[o] = i;
      lastOut = o;
      lastSrc = i;
      o++;
      i++;
      continue;
    }
    if (k === CLS_SPACE) {
      if (o > 0 && codes[o - 1] !== SPACE_UNIT) {
        codes[o] = SPACE_UNIT;
        src[o] = i;
        o++;
      }
      lastOut = -1;
      i++;
      continue;
    }
    if (k === CLS_INVISIBLE) {
      // Nothing merges across an invisible: otherwise "e" + ("\u200B\u0301" × n) would
      // re-normalize a growing cluster n times (quadratic, and feeds are untrusted).
      lastOut = -1;
      i++;
      continue;
    }
    // Slow path: one cluster through NFKC. A continuation re-does the cluster it belongs to.
    let from = i;
    if (k === CLS_CONTINUATION && lastOut >= 0) {
      o = lastOut;
      from = lastSrc;
    }
    let j = i + 1;
    if (c >= 0xd800 && c <= 0xdbff && j < n) {
      const low = text.charCodeAt(j);
      if (low >= 0xdc00 && low <= 0xdfff) j++;
    }
    // Cap the cluster: a run of thousands of combining marks ("Zalgo" text) is cut into pieces
    // instead of being handed to normalize() whole (it reorders marks, which can be quadratic).
    while (j < n && j - from < MAX_CLUSTER && cls[text.charCodeAt(j)] === CLS_CONTINUATION) j++;
    const capped = j < n && cls[text.charCodeAt(j)] === CLS_CONTINUATION;
    const piece = text.slice(from, j).normalize('NFKC').toLowerCase();
    if (o + piece.length + (n - j) + 16 > codes.length) {
      out.reserve(o + piece.length + (n - j) + 16, o);
      codes = out.codes;
      src = out.src;
    }
    const slot = -(out.clusterStart.length + 1);
    out.clusterStart.push(from);
    out.clusterEnd.push(j);
    lastOut = o;
    lastSrc = from;
    for (let p = 0; p < piece.length; p++) {
      const u = piece.charCodeAt(p);
      const uk = cls[u];
      if (uk === CLS_INVISIBLE) continue;
      if (uk === CLS_SPACE) {
        if (o > 0 && codes[o - 1] !== SPACE_UNIT) {
          codes[o] = SPACE_UNIT;
          src[o] = slot;
          o++;
        }
        continue;
      }
      codes[o] = uk === CLS_ASCII_UPPER ? u + 32 : u;
      src[o] = slot;
      o++;
    }
    if (o === lastOut || capped) lastOut = -1; // vanished, or cut: the rest starts afresh
    i = j;
  }
  if (o > 0 && codes[o - 1] === SPACE_UNIT) o--;
  out.length = o;
}

/** A normalized text and, for each of its UTF-16 units, the original range it came from. */
export interface NormalizedWithOffsets {
  /** NFKC, lower-case, invisibles dropped, white-space runs → one space, trimmed. */
  text: string;
  start: number[];
  end: number[];
}

/**
 * The form the matcher sees, as a string with its offset map: for the UI (show what a query
 * looks for) and for tests.
 */
export function normalizeWithOffsets(text: string): NormalizedWithOffsets {
  const buf = new NormalizedText(text.length + 16);
  normalizeInto(text, buf);
  const start: number[] = [];
  const end: number[] = [];
  for (let k = 0; k < buf.length; k++) {
    start.push(buf.originalStart(k));
    end.push(buf.originalEnd(k));
  }
  return { text: buf.toString(), start, end };
}

/** Normalize a short string (a term) to its matching form. */
export function normalizeForMatching(text: string): string {
  const buf = new NormalizedText(text.length + 16);
  normalizeInto(text, buf);
  return buf.toString();
}
