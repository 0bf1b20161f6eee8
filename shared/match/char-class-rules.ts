/**
 * How each UTF-16 code unit is classed for the matcher, derived from Unicode data (regexes,
 * normalize(), toLowerCase()). Deriving both tables takes ~50 ms, paid by every process that
 * matches or searches; so scripts/gen-char-classes.ts runs this once and writes the result to
 * char-class-data.ts, which char-classes.ts reads. tests/unit/match/char-classes.test.ts checks that
 * the written tables are still what this derives.
 */
import {
  CLS_ASCII_UPPER,
  CLS_CONTINUATION,
  CLS_INVISIBLE,
  CLS_SLOW,
  CLS_SPACE,
  CLS_STABLE,
  WORD_DIGIT,
  WORD_HANGUL,
  WORD_LATIN_LETTER,
} from './char-classes';

// Same set as shared/text.ts INVISIBLE, without the global flag (test() on a /g regex is stateful).
const INVISIBLE_ONE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/;
const SPACE_ONE = /[\s\u00A0\u3000]/;
const MARK_ONE = /\p{M}/u;
const LATIN_ONE = /\p{Script=Latin}/u;
const LETTER_ONE = /\p{L}/u;

function isJamoContinuation(c: number): boolean {
  return (
    (c >= 0x1160 && c <= 0x11ff) || // conjoining vowels and finals
    (c >= 0xd7b0 && c <= 0xd7ff) || // Hangul Jamo Extended-B
    (c >= 0x3131 && c <= 0x318e) || // compatibility jamo (NFKC turns them into conjoining jamo)
    (c >= 0xffa0 && c <= 0xffdc) // half-width jamo
  );
}

/** Class of every UTF-16 code unit (see the CLS_* constants), derived from the runtime's Unicode data. */
export function deriveCharClasses(): Uint8Array {
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
  return table;
}

/** Word kind of every normalized code unit (see the WORD_* constants), derived from the runtime's Unicode data. */
export function deriveWordKinds(): Uint8Array {
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
  return table;
}
