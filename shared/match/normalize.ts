/**
 * Normalization for matching, with a map back to the original text.
 *
 * Both the watchlist terms and the article text go through `normalizeInto`: NFKC, lower-case,
 * invisible controls (zero-width, bidi, soft hyphen …) dropped, and white space removed but
 * remembered as a flag on the next unit (`spaceBefore`). Matching on this "compact" form lets a
 * Hangul term written without spaces (카카오브레인) also find "카카오 브레인", while a phrase or a Latin
 * term can still insist on the spaces being exactly where it wrote them.
 *
 * Every output unit records the original range [srcStart, srcEnd) it came from, so a match found
 * in normalized text is reported as a span of the original text (for highlighting).
 *
 * Speed matters (every article of every poll goes through here): characters that are already NFKC
 * and lower-case are copied with one table lookup; only the rest are normalized, one cluster (a
 * character and the combining marks / jamo that follow it) at a time.
 */
import { CLS_ASCII_UPPER, CLS_CONTINUATION, CLS_INVISIBLE, CLS_SPACE, charClasses } from './char-classes';

/** A reusable buffer holding one normalized text. Grows as needed; never shrinks. */
export class NormalizedText {
  /** Normalized UTF-16 code units, white space removed. */
  codes: Uint16Array;
  /** Original start offset (UTF-16) of the character each unit came from. */
  srcStart: Int32Array;
  /** Original end offset (exclusive). */
  srcEnd: Int32Array;
  /** 1 when white space stood between the previous unit and this one. */
  spaceBefore: Uint8Array;
  /** Number of valid units. */
  length = 0;

  constructor(capacity = 512) {
    this.codes = new Uint16Array(capacity);
    this.srcStart = new Int32Array(capacity);
    this.srcEnd = new Int32Array(capacity);
    this.spaceBefore = new Uint8Array(capacity + 1);
  }

  /** Make room for at least `capacity` units, keeping the first `keep` units. */
  reserve(capacity: number, keep: number): void {
    if (capacity <= this.codes.length) return;
    const size = Math.max(capacity, this.codes.length * 2);
    const codes = new Uint16Array(size);
    const srcStart = new Int32Array(size);
    const srcEnd = new Int32Array(size);
    const spaceBefore = new Uint8Array(size + 1);
    codes.set(this.codes.subarray(0, keep));
    srcStart.set(this.srcStart.subarray(0, keep));
    srcEnd.set(this.srcEnd.subarray(0, keep));
    spaceBefore.set(this.spaceBefore.subarray(0, keep));
    this.codes = codes;
    this.srcStart = srcStart;
    this.srcEnd = srcEnd;
    this.spaceBefore = spaceBefore;
  }

  /** The normalized units as a string (white space not included). */
  compactString(): string {
    let s = '';
    for (let k = 0; k < this.length; k++) s += String.fromCharCode(this.codes[k] as number);
    return s;
  }
}

/** Normalize `text` into `out` (overwriting it). */
export function normalizeInto(text: string, out: NormalizedText): void {
  const cls = charClasses();
  const n = text.length;
  // Fast-path characters produce exactly one unit each; clusters re-reserve when they expand.
  out.reserve(n + 16, 0);
  let codes = out.codes;
  let srcStart = out.srcStart;
  let srcEnd = out.srcEnd;
  let spaceBefore = out.spaceBefore;
  let o = 0;
  let pendingSpace = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = cls[c] as number;
    if (k <= CLS_ASCII_UPPER) {
      const nextClass = i + 1 < n ? cls[text.charCodeAt(i + 1)] : 0;
      if (nextClass !== CLS_CONTINUATION) {
        codes[o] = k === CLS_ASCII_UPPER ? c + 32 : c;
        srcStart[o] = i;
        srcEnd[o] = i + 1;
        spaceBefore[o] = pendingSpace;
        pendingSpace = 0;
        o++;
        i++;
        continue;
      }
    } else if (k === CLS_SPACE) {
      pendingSpace = 1;
      i++;
      continue;
    } else if (k === CLS_INVISIBLE) {
      i++;
      continue;
    }
    // Slow path: normalize one cluster (a character, its low surrogate, and what combines with it).
    let j = i + 1;
    if (c >= 0xd800 && c <= 0xdbff && j < n) {
      const low = text.charCodeAt(j);
      if (low >= 0xdc00 && low <= 0xdfff) j++;
    }
    while (j < n && cls[text.charCodeAt(j)] === CLS_CONTINUATION) j++;
    const piece = text.slice(i, j).normalize('NFKC').toLowerCase();
    if (o + piece.length + (n - j) + 16 > codes.length) {
      out.reserve(o + piece.length + (n - j) + 16, o);
      codes = out.codes;
      srcStart = out.srcStart;
      srcEnd = out.srcEnd;
      spaceBefore = out.spaceBefore;
    }
    for (let p = 0; p < piece.length; p++) {
      const u = piece.charCodeAt(p);
      const uk = cls[u];
      if (uk === CLS_SPACE) {
        pendingSpace = 1;
        continue;
      }
      if (uk === CLS_INVISIBLE) continue;
      codes[o] = uk === CLS_ASCII_UPPER ? u + 32 : u;
      srcStart[o] = i;
      srcEnd[o] = j;
      spaceBefore[o] = pendingSpace;
      pendingSpace = 0;
      o++;
    }
    i = j;
  }
  spaceBefore[o] = pendingSpace;
  out.length = o;
}

/** A normalized text with each white-space run shown as one space, and its offset map. */
export interface NormalizedWithOffsets {
  /** NFKC, lower-case, invisibles dropped, white-space runs → one space, trimmed. */
  text: string;
  /** For each UTF-16 unit of `text`, the original [start, end) range it came from. */
  start: number[];
  end: number[];
}

/**
 * The normal form the matcher works on, as a readable string with an offset map: handy for the
 * UI (show what a query sees) and for tests. A space maps to the original gap between its
 * neighbours (the white space and any invisibles there).
 */
export function normalizeWithOffsets(text: string): NormalizedWithOffsets {
  const buf = new NormalizedText(text.length + 16);
  normalizeInto(text, buf);
  let s = '';
  const start: number[] = [];
  const end: number[] = [];
  for (let k = 0; k < buf.length; k++) {
    if (k > 0 && buf.spaceBefore[k] === 1) {
      s += ' ';
      start.push(buf.srcEnd[k - 1] as number);
      end.push(buf.srcStart[k] as number);
    }
    s += String.fromCharCode(buf.codes[k] as number);
    start.push(buf.srcStart[k] as number);
    end.push(buf.srcEnd[k] as number);
  }
  return { text: s, start, end };
}

/** Normalize a short string (a term) to its matching form, white space collapsed to one space. */
export function normalizeForMatching(text: string): string {
  return normalizeWithOffsets(text).text;
}
