/**
 * Per-code-unit lookup tables for the matcher's hot loops. Built once, lazily (about 25 ms), so
 * the per-character work while matching is one array read instead of a regex or a normalize()
 * call. Pure TS: shared by the engine and the renderer.
 */

/** The code unit is already NFKC and lower-case: copy it as it is. */
export const CLS_STABLE = 0;
/** ASCII A–Z: add 32. */
export const CLS_ASCII_UPPER = 1;
/** White space (including NBSP and the ideographic space): a word gap. */
export const CLS_SPACE = 2;
/** Zero-width, bidi and other invisible controls: dropped (same set as shared/text.ts). */
export const CLS_INVISIBLE = 3;
/** Needs String.prototype.normalize: compatibility forms, upper-case non-ASCII, surrogates. */
export const CLS_SLOW = 4;
/**
 * Combines with what comes before it under NFKC (combining marks, Hangul vowel/final jamo,
 * compatibility and half-width jamo): the preceding character and this one are normalized
 * together as one cluster.
 */
export const CLS_CONTINUATION = 5;

// Same set as shared/text.ts INVISIBLE, without the global flag (test() on a /g regex is stateful).
const INVISIBLE_ONE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/;
const SPACE_ONE = /[\s\u00A0\u3000]/;
const MARK_ONE = /\p{M}/u;
const LATIN_ONE = /\p{Script=Latin}/u;
const LETTER_ONE = /\p{L}/u;

let classTable: Uint8Array | null = null;
let wordTable: Uint8Array | null = null;

function isJamoContinuation(c: number): boolean {
  return (
    (c >= 0x1160 && c <= 0x11ff) || // conjoining vowels and finals
    (c >= 0xd7b0 && c <= 0xd7ff) || // Hangul Jamo Extended-B
    (c >= 0x3131 && c <= 0x318e) || // compatibility jamo (NFKC turns them into conjoining jamo)
    (c >= 0xffa0 && c <= 0xffdc) // half-width jamo
  );
}

/** Class of every UTF-16 code unit; see the CLS_* constants. */
export function charClasses(): Uint8Array {
  if (classTable) return classTable;
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if (c >= 0xd800 && c <= 0xdfff) table[c] = CLS_SLOW;
    else if (INVISIBLE_ONE.test(ch)) table[c] = CLS_INVISIBLE;
    else if (SPACE_ONE.test(ch)) table[c] = CLS_SPACE;
    else if (MARK_ONE.test(ch) || isJamoContinuation(c)) table[c] = CLS_CONTINUATION;
    else if (c >= 0x41 && c <= 0x5a) table[c] = CLS_ASCII_UPPER;
    else if (ch.normalize('NFKC') === ch && ch.toLowerCase() === ch) table[c] = CLS_STABLE;
    else table[c] = CLS_SLOW;
  }
  classTable = table;
  return table;
}

/** Word-character kinds of a normalized code unit. */
export const WORD_NONE = 0;
/** Latin letter (any accent) — a Latin term must not be glued to one. */
export const WORD_LATIN_LETTER = 1;
/** ASCII digit — part of a Latin/digit word ("5G", "GPT4"). */
export const WORD_DIGIT = 2;
/** Hangul (syllable or jamo) — a letter, but an edge for Latin terms. */
export const WORD_HANGUL = 3;

/** Word kind of every normalized code unit; see the WORD_* constants. */
export function wordKinds(): Uint8Array {
  if (wordTable) return wordTable;
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0x30 && c <= 0x39) table[c] = WORD_DIGIT;
    else if (
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0x1100 && c <= 0x11ff) ||
      (c >= 0x3131 && c <= 0x318e) ||
      (c >= 0xa960 && c <= 0xa97f) ||
      (c >= 0xd7b0 && c <= 0xd7ff)
    )
      table[c] = WORD_HANGUL;
    else if (c < 0xd800 || c > 0xdfff) {
      const ch = String.fromCharCode(c);
      if (LATIN_ONE.test(ch) && LETTER_ONE.test(ch)) table[c] = WORD_LATIN_LETTER;
    }
  }
  wordTable = table;
  return table;
}

/** True for a Latin letter or an ASCII digit: the characters a Latin/digit word is made of. */
export function isLatinWordUnit(kinds: Uint8Array, c: number): boolean {
  const k = kinds[c];
  return k === WORD_LATIN_LETTER || k === WORD_DIGIT;
}
