/**
 * Per-code-unit lookup tables for the matcher's hot loops, so the per-character work while
 * matching is one array read instead of a regex or a normalize() call. The tables are derived from
 * Unicode data by char-class-rules.ts at build time (~50 ms, once) and stored as runs in
 * char-class-data.ts; here they are unpacked when first needed (well under a millisecond). Pure
 * TS: shared by the engine and the renderer.
 */
import { CHAR_CLASS_RUNS, WORD_KIND_RUNS } from './char-class-data';

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

/** Word-character kinds of a normalized code unit. */
export const WORD_NONE = 0;
/** Latin letter (any accent) — a Latin term must not be glued to one. */
export const WORD_LATIN_LETTER = 1;
/** ASCII digit — part of a Latin/digit word ("5G", "GPT4"). */
export const WORD_DIGIT = 2;
/** Hangul (syllable or jamo) — a letter, but an edge for Latin terms. */
export const WORD_HANGUL = 3;

let classTable: Uint8Array | null = null;
let wordTable: Uint8Array | null = null;

/**
 * A table from its runs, as scripts/gen-char-classes.ts writes them: "<value><length in base 36>"
 * per run, comma-separated, covering all 65 536 code units.
 */
export function unpackRuns(runs: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  let at = 0;
  for (const run of runs.split(',')) {
    const length = parseInt(run.slice(1), 36);
    table.fill(run.charCodeAt(0) - 48, at, at + length);
    at += length;
  }
  if (at !== 0x10000) throw new Error(`char-class-data.ts covers ${at} code units, not 65536: regenerate it`);
  return table;
}

/** The inverse of unpackRuns (the generator's half). */
export function packRuns(table: Uint8Array): string {
  const runs: string[] = [];
  let start = 0;
  for (let c = 1; c <= table.length; c++) {
    if (c === table.length || table[c] !== table[start]) {
      runs.push(`${table[start]}${(c - start).toString(36)}`);
      start = c;
    }
  }
  return runs.join(',');
}

/** Class of every UTF-16 code unit; see the CLS_* constants. */
export function charClasses(): Uint8Array {
  return (classTable ??= unpackRuns(CHAR_CLASS_RUNS));
}

/** Word kind of every normalized code unit; see the WORD_* constants. */
export function wordKinds(): Uint8Array {
  return (wordTable ??= unpackRuns(WORD_KIND_RUNS));
}

/** True for a Latin letter or an ASCII digit: the characters a Latin/digit word is made of. */
export function isLatinWordUnit(kinds: Uint8Array, c: number): boolean {
  const k = kinds[c];
  return k === WORD_LATIN_LETTER || k === WORD_DIGIT;
}
