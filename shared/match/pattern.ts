/**
 * One searchable form of a query term, and the checks a raw automaton hit must pass.
 *
 * The automaton finds the term's normalized, space-free units anywhere (it steps over the
 * single spaces of the normalized text); whether that hit counts depends on the term:
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
import { NormalizedText, SPACE_UNIT, normalizeInto } from './normalize';

const GAP_FORBIDDEN = 0;
const GAP_REQUIRED = 1;
const GAP_OPTIONAL = 2;

export interface PatternVariant {
  /** Identity: equal keys behave identically, so they are compiled once. */
  key: string;
  /** Normalized units, spaces removed: what the automaton looks for. */
  units: string;
  /** For each unit k ≥ 1, whether a space may/must stand between units k-1 and k; null = never. */
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
  const kinds = wordKinds();
  // Units without the spaces, and what stands before each of them (from the second on).
  const units: number[] = [];
  const gapList: number[] = [];
  let spaced = false;
  for (let k = 0; k < buf.length; k++) {
    const u = buf.codes[k] as number;
    if (u === SPACE_UNIT) {
      spaced = true;
      continue;
    }
    if (units.length > 0) {
      let gap = GAP_FORBIDDEN;
      if (spaced) gap = GAP_REQUIRED;
      else if (!term.phrase) {
        const left = kinds[units[units.length - 1] as number];
        if (left === WORD_HANGUL || kinds[u] === WORD_HANGUL) gap = GAP_OPTIONAL;
      }
      gapList.push(gap);
    }
    units.push(u);
    spaced = false;
  }
  const len = units.length;
  if (len === 0) return null;
  let gaps: Uint8Array | null = null;
  if (gapList.some((g) => g !== GAP_FORBIDDEN)) {
    gaps = new Uint8Array(len);
    gapList.forEach((g, k) => (gaps![k + 1] = g));
  }
  const first = units[0] as number;
  const last = units[len - 1] as number;
  const firstLatin = isLatinWordUnit(kinds, first);
  const lastLatin = isLatinWordUnit(kinds, last);
  const prefix = !term.phrase && term.prefixWildcard;
  const suffix = !term.phrase && term.suffixWildcard;
  const variant: PatternVariant = {
    key: '',
    units: String.fromCharCode(...units),
    gaps,
    checkLeft: firstLatin && !prefix,
    checkRight: lastLatin && !suffix,
    extendLeft: firstLatin && prefix,
    extendRight: lastLatin && suffix,
    allowSuffix: lastLatin && !suffix && kinds[last] === WORD_LATIN_LETTER,
  };
  variant.key = [
    variant.units,
    gapList.join(''),
    +variant.checkLeft,
    +variant.checkRight,
    +variant.extendLeft,
    +variant.extendRight,
    +variant.allowSuffix,
  ].join('\u0000');
  return variant;
}

/** Result slots of `VariantTable.verify` (normalized offsets), to avoid allocating per hit. */
export interface HitRange {
  start: number;
  end: number;
}

const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;
const LOWER_S = 0x73;
const LOWER_E = 0x65;

const F_CHECK_LEFT = 1;
const F_CHECK_RIGHT = 2;
const F_EXTEND_LEFT = 4;
const F_EXTEND_RIGHT = 8;
const F_ALLOW_SUFFIX = 16;
const F_GAPS = 32;

/**
 * All variants of a compiled matcher, as flat typed arrays: the hit check runs for every raw
 * automaton hit, and reading a few bytes from small arrays beats chasing one object per variant
 * through memory (measured: the object read was the costliest line of the check).
 */
export class VariantTable {
  /** Units per variant. */
  readonly length: Int32Array;
  readonly flags: Uint8Array;
  /** Start of each variant's gap codes in `gapCodes` (gap k at gapStart + k). */
  private readonly gapStart: Int32Array;
  private readonly gapCodes: Uint8Array;

  constructor(variants: readonly PatternVariant[]) {
    this.length = Int32Array.from(variants, (v) => v.units.length);
    this.flags = Uint8Array.from(
      variants,
      (v) =>
        (v.checkLeft ? F_CHECK_LEFT : 0) |
        (v.checkRight ? F_CHECK_RIGHT : 0) |
        (v.extendLeft ? F_EXTEND_LEFT : 0) |
        (v.extendRight ? F_EXTEND_RIGHT : 0) |
        (v.allowSuffix ? F_ALLOW_SUFFIX : 0) |
        (v.gaps ? F_GAPS : 0),
    );
    this.gapStart = new Int32Array(variants.length);
    let total = 0;
    variants.forEach((v, i) => {
      if (v.gaps) {
        this.gapStart[i] = total;
        total += v.gaps.length;
      }
    });
    this.gapCodes = new Uint8Array(total);
    variants.forEach((v, i) => {
      if (v.gaps) this.gapCodes.set(v.gaps, this.gapStart[i]);
    });
  }

  /**
   * Length of variant `v` when a hit preceded by a Latin letter can be dropped at once (it needs
   * a Latin edge on the left and allows no space inside), else 0.
   */
  quickLeft(v: number): number {
    const f = this.flags[v] as number;
    return (f & F_CHECK_LEFT) !== 0 && (f & F_GAPS) === 0 ? (this.length[v] as number) : 0;
  }

  /**
   * Does the automaton hit of variant `v` whose last unit is at normalized offset `end - 1`
   * count? The automaton skipped spaces, so the hit may contain single spaces between its units.
   * On success writes the span (wildcard and plural endings included) to `out`.
   */
  verify(v: number, text: NormalizedText, end: number, out: HitRange, kinds: Uint8Array): boolean {
    const codes = text.codes;
    const length = text.length;
    const len = this.length[v] as number;
    const flags = this.flags[v] as number;
    // Walk back over the hit, checking each gap against what the term allows there.
    let p = end - 1;
    let usedOptionalSpace = false;
    if ((flags & F_GAPS) === 0) {
      for (let k = len - 1; k >= 1; k--) {
        p--;
        if (codes[p] === SPACE_UNIT) return false;
      }
    } else {
      const gapCodes = this.gapCodes;
      const base = this.gapStart[v] as number;
      for (let k = len - 1; k >= 1; k--) {
        p--;
        const space = codes[p] === SPACE_UNIT;
        if (space) p--;
        const gap = gapCodes[base + k];
        if (gap === GAP_FORBIDDEN) {
          if (space) return false;
        } else if (gap === GAP_REQUIRED) {
          if (!space) return false;
        } else if (space) usedOptionalSpace = true;
      }
    }
    let start = p;
    // Latin edges: a space is not a Latin word unit, so it counts as an edge by itself.
    if ((flags & F_CHECK_LEFT) !== 0 && start > 0 && isLatinWordUnit(kinds, codes[start - 1] as number)) return false;
    // A term matched across a space must begin a word, or "은퇴 사장" would contain 퇴사.
    if (usedOptionalSpace && start > 0 && kinds[codes[start - 1] as number] !== WORD_NONE) return false;
    if ((flags & F_EXTEND_LEFT) !== 0) {
      while (start > 0 && isLatinWordUnit(kinds, codes[start - 1] as number)) start--;
    }
    let stop = end;
    if ((flags & F_EXTEND_RIGHT) !== 0) {
      while (stop < length && isLatinWordUnit(kinds, codes[stop] as number)) stop++;
    } else if ((flags & F_CHECK_RIGHT) !== 0 && stop < length) {
      const next = codes[stop] as number;
      const allowSuffix = (flags & F_ALLOW_SUFFIX) !== 0;
      if (
        allowSuffix &&
        (next === APOSTROPHE || next === RIGHT_SINGLE_QUOTE) &&
        stop + 1 < length &&
        codes[stop + 1] === LOWER_S &&
        (stop + 2 >= length || !isLatinWordUnit(kinds, codes[stop + 2] as number))
      ) {
        stop += 2; // possessive: AI's
      } else if (isLatinWordUnit(kinds, next)) {
        if (!allowSuffix) return false;
        if (next === LOWER_S && (stop + 1 >= length || !isLatinWordUnit(kinds, codes[stop + 1] as number))) stop += 1;
        else if (
          next === LOWER_E &&
          stop + 1 < length &&
          codes[stop + 1] === LOWER_S &&
          (stop + 2 >= length || !isLatinWordUnit(kinds, codes[stop + 2] as number))
        ) {
          stop += 2;
        } else return false;
      }
    }
    out.start = start;
    out.end = stop;
    return true;
  }
}
