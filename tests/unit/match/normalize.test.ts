import { describe, expect, it } from 'vitest';
import { NormalizedText, normalizeForMatching, normalizeInto, normalizeWithOffsets } from '../../../shared/match';

/** The original substring each normalized unit maps back to. */
function sources(original: string): string[] {
  const n = normalizeWithOffsets(original);
  return Array.from({ length: n.text.length }, (_, k) => original.slice(n.start[k], n.end[k]));
}

describe('normalizeWithOffsets', () => {
  it('lower-cases ASCII and keeps Hangul, one unit per character', () => {
    const n = normalizeWithOffsets('KoGPT 카카오');
    expect(n.text).toBe('kogpt 카카오');
    expect(n.start).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(n.end).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('applies NFKC: full-width letters, ligatures, circled and squared forms', () => {
    expect(normalizeForMatching('ＡＩ반도체')).toBe('ai반도체');
    expect(normalizeForMatching('ﬁnance')).toBe('finance');
    expect(normalizeForMatching('㈜카카오')).toBe('(주)카카오');
    expect(normalizeForMatching('㎞')).toBe('km');
    expect(normalizeForMatching('Ⅻ')).toBe('xii');
  });

  it('maps every unit of an expansion back to the character it came from', () => {
    const original = '㈜카카오';
    expect(sources(original)).toEqual(['㈜', '㈜', '㈜', '카', '카', '오']);
  });

  it('composes conjoining and compatibility jamo into syllables', () => {
    expect(normalizeForMatching('\u110F\u1161\u110F\u1161\u110B\u1169')).toBe('카카오');
    expect(normalizeForMatching('ㅋㅏㅋㅏㅇㅗ')).toBe('카카오');
    // A final consonant written as a separate conjoining jamo joins the syllable before it.
    expect(normalizeForMatching('카\u11AB')).toBe('칸');
    expect(sources('오카\u11AB')).toEqual(['오', '카\u11AB']);
  });

  it('composes a combining accent with its base letter, mapping to both', () => {
    const n = normalizeWithOffsets('CAFE\u0301!');
    expect(n.text).toBe('café!');
    expect(sources('CAFE\u0301!')).toEqual(['C', 'A', 'F', 'E\u0301', '!']);
  });

  it('drops zero-width and bidi controls, keeping offsets of what remains', () => {
    const original = '카카\u200B오\u202E브레인\u202C';
    const n = normalizeWithOffsets(original);
    expect(n.text).toBe('카카오브레인');
    expect(n.start).toEqual([0, 1, 3, 5, 6, 7]);
  });

  it('turns each white-space run into one space, trimmed, and maps it to the whole run', () => {
    const original = '  카카오 \t\n\u00A0\u3000브레인  ';
    const n = normalizeWithOffsets(original);
    expect(n.text).toBe('카카오 브레인');
    expect(original.slice(n.start[3], n.end[3])).toBe(' \t\n\u00A0\u3000');
  });

  it('keeps surrogate pairs whole', () => {
    const n = normalizeWithOffsets('🤖AI');
    expect(n.text).toBe('🤖ai');
    expect(sources('🤖AI')).toEqual(['🤖', '🤖', 'A', 'I']);
  });

  it('lower-cases non-ASCII letters', () => {
    expect(normalizeForMatching('ÉCOLE ΣΟΦΊΑ Straße')).toBe('école σοφία straße');
  });

  it('stays linear on hostile input: marks interleaved with invisibles, endless combining marks', () => {
    const started = performance.now();
    const interleaved = 'e' + '\u200B\u0301'.repeat(50_000);
    expect(normalizeWithOffsets(interleaved).text.startsWith('e\u0301')).toBe(true);
    const zalgo = 'a' + '\u0301\u0316\u0300\u0317'.repeat(50_000) + 'b';
    const z = normalizeWithOffsets(zalgo);
    expect(z.text.slice(0, 4).normalize('NFD').startsWith('a')).toBe(true);
    expect(z.text.endsWith('b')).toBe(true);
    expect(z.end[z.text.length - 1]).toBe(zalgo.length);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('gives an empty result for text made only of invisibles and spaces', () => {
    expect(normalizeWithOffsets('\u200B \u200D\u2060 ').text).toBe('');
  });
});

describe('NormalizedText buffer reuse', () => {
  it('grows for long or expanding input and gives the same result as a fresh buffer', () => {
    const buf = new NormalizedText(4);
    const long = '㈜'.repeat(300) + 'AI'.repeat(500);
    normalizeInto(long, buf);
    expect(buf.length).toBe(900 + 1000);
    expect(buf.toString()).toBe('(주)'.repeat(300) + 'ai'.repeat(500));
    normalizeInto('짧은 글', buf);
    expect(buf.toString()).toBe('짧은 글');
    expect(buf.originalStart(2)).toBe(2);
    expect(buf.originalEnd(2)).toBe(3);
  });
});
