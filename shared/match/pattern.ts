/**
 * One searchable form of a query term, and the checks a raw automaton hit must pass.
 *
 * The automaton finds the term's normalized, space-free units anywhere; whether that hit counts
 * depends on the rules of the term (see README "Matching rules"):
 *  - spaces inside the hit: a phrase needs them exactly where it has them; an unquoted term allows
 *    optional spaces next to Hangul (카카오브레인 ↔ 카카오 브레인) but none between Latin letters
 *    (KoGPT ≠ Ko GPT);
 *  - a side that is a Latin letter or digit must sit at a Latin word edge (Hangul, punctuation and
 *    space are edges): AI ≠ said, MAIN; AI = AI반도체, 오픈AI; a plural/possessive ending (s, es, 's)
 *    may follow; `*` on that side lets the word go on, and the span covers the whole word;
 *  - Hangul sides match inside words, so particles attach (카카오브레인이) — but when an optional
 *    space was used, the hit must start a word, or "은퇴 사장" would contain 퇴사.
 */
import type { TermNode } from '../query/ast';
import { WORD_LATIN_LETTER, WORD_HANGUL, WORD_NONE, isLatinWordUnit, wordKinds } from './char-classes';
import { NormalizedText, normalizeInto } from './normalize';

const GAP_FORBIDDEN = 0;
const GAP_REQUIRED = 1;
const GAP_OPTIONAL = 2;

export interface PatternVariant {
  /** Identity: equal keys behave identically, so they are compiled once. */
  key: string;
  /** Normalized units, spaces removed: what the automaton looks for. */
  units: string;
  /** For each unit k ≥ 1, what may stand between units k-1 and k; null = no space allowed anywhere. */
  gaps: Uint8Array | null;
  checkLeft: boolean;
  checkRight: boolean;
  extendLeft: boolean;
  extendRight: boolean;
  /** The last unit is a Latin letter: s / es / 's may follow. */
  allowSuffix: boolean;
}

/** Build the variant for a term; null if nothing searchable remains after normalization. */
export function buildVariant(term: TermNode): PatternVariant | null {
  const buf = new NormalizedText(term.text.length + 16);
  normalizeInto(term.text, buf);
  const len = buf.length;
  if (len === 0) return null;
  const kinds = wordKinds();
  let gaps: Uint8Array | null = null;
  let gapKey = '';
  for (let k = 1; k < len; k++) {
    let gap = GAP_FORBIDDEN;
    if (buf.spaceBefore[k] === 1) gap = GAP_REQUIRED;
    else if (!term.phrase) {
      const left = kinds[buf.codes[k - 1] as number];
      const right = kinds[buf.codes[k] as number];
      if (left === WORD_HANGUL || right === WORD_HANGUL) gap = GAP_OPTIONAL;
    }
    if (gap !== GAP_FORBIDDEN) {
      gaps ??= new Uint8Array(len);
      gaps[k] = gap;
    }
    gapKey += gap;
  }
  const first = buf.codes[0] as number;
  const last = buf.codes[len - 1] as number;
  const firstLatin = isLatinWordUnit(kinds, first);
  const lastLatin = isLatinWordUnit(kinds, last);
  const prefix = !term.phrase && term.prefixWildcard;
  const suffix = !term.phrase && term.suffixWildcard;
  const variant: PatternVariant = {
    key: '',
    units: buf.compactString(),
    gaps,
    checkLeft: firstLatin && !prefix,
    checkRight: lastLatin && !suffix,
    extendLeft: firstLatin && prefix,
    extendRight: lastLatin && suffix,
    allowSuffix: lastLatin && !suffix && kinds[last] === WORD_LATIN_LETTER,
  };
  variant.key = [
    variant.units,
    gapKey,
    +variant.checkLeft,
    +variant.checkRight,
    +variant.extendLeft,
    +variant.extendRight,
    +variant.allowSuffix,
  ].join('\u0000');
  return variant;
}

/** Result slots of `verifyHit` (normalized offsets), to avoid allocating per hit. */
export interface HitRange {
  start: number;
  end: number;
}

const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;
const LOWER_S = 0x73;
const LOWER_E = 0x65;

/** A Latin word ends before normalized offset `p`. */
function latinEdgeAt(text: NormalizedText, kinds: Uint8Array, p: number): boolean {
  return p >= text.length || text.spaceBefore[p] === 1 || !isLatinWordUnit(kinds, text.codes[p] as number);
}

/**
 * Does the automaton hit of `v` ending at normalized offset `end` count? On success writes the
 * span (wildcard and plural endings included) to `out` and returns true.
 */
export function verifyHit(v: PatternVariant, text: NormalizedText, end: number, out: HitRange): boolean {
  const kinds = wordKinds();
  const len = v.units.length;
  let start = end - len;
  const spaceBefore = text.spaceBefore;
  const codes = text.codes;
  let usedOptionalSpace = false;
  const gaps = v.gaps;
  if (gaps === null) {
    for (let k = 1; k < len; k++) if (spaceBefore[start + k] === 1) return false;
  } else {
    for (let k = 1; k < len; k++) {
      const gap = gaps[k];
      const space = spaceBefore[start + k] === 1;
      if (gap === GAP_FORBIDDEN) {
        if (space) return false;
      } else if (gap === GAP_REQUIRED) {
        if (!space) return false;
      } else if (space) usedOptionalSpace = true;
    }
  }
  if (v.checkLeft && start > 0 && spaceBefore[start] !== 1 && isLatinWordUnit(kinds, codes[start - 1] as number)) {
    return false;
  }
  if (usedOptionalSpace && start > 0 && spaceBefore[start] !== 1 && kinds[codes[start - 1] as number] !== WORD_NONE) {
    return false;
  }
  if (v.extendLeft) {
    while (start > 0 && spaceBefore[start] !== 1 && isLatinWordUnit(kinds, codes[start - 1] as number)) start--;
  }
  let stop = end;
  if (v.extendRight) {
    while (stop < text.length && spaceBefore[stop] !== 1 && isLatinWordUnit(kinds, codes[stop] as number)) stop++;
  } else if (v.checkRight) {
    const next = stop < text.length && spaceBefore[stop] !== 1 ? (codes[stop] as number) : -1;
    if (
      (next === APOSTROPHE || next === RIGHT_SINGLE_QUOTE) &&
      v.allowSuffix &&
      codes[stop + 1] === LOWER_S &&
      stop + 1 < text.length &&
      spaceBefore[stop + 1] !== 1 &&
      latinEdgeAt(text, kinds, stop + 2)
    ) {
      stop += 2;
    } else if (!latinEdgeAt(text, kinds, stop)) {
      if (!v.allowSuffix) return false;
      if (next === LOWER_S && latinEdgeAt(text, kinds, stop + 1)) stop += 1;
      else if (
        next === LOWER_E &&
        codes[stop + 1] === LOWER_S &&
        stop + 1 < text.length &&
        spaceBefore[stop + 1] !== 1 &&
        latinEdgeAt(text, kinds, stop + 2)
      ) {
        stop += 2;
      } else return false;
    }
  }
  out.start = start;
  out.end = stop;
  return true;
}
