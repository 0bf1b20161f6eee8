import { describe, expect, it } from 'vitest';
import { capLength, collapseWhitespace, stripInvisible } from '../../../shared/text';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('stripInvisible', () => {
  it.each<[string, string, string]>([
    ['zero-width space, joiner, non-joiner', '카\u200B카\u200C오\u200D', '카카오'],
    ['bidi override and embedding', '\u202E브레인\u202C \u202Aa\u202B', '브레인 a'],
    ['bidi isolates and marks', '\u2066a\u2069\u200E\u200F\u061C', 'a'],
    ['BOM and word joiner', '\uFEFF퇴사\u2060', '퇴사'],
    ['NUL and other C0 controls', 'a\u0000b\u0007c\u001Bd', 'abcd'],
    ['DEL and C1 controls', 'a\u007Fb\u0085c\u009Fd', 'abcd'],
    ['soft hyphen', 'Ka\u00ADkao', 'Kakao'],
    ['tab, newline and carriage return stay', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['ordinary Korean and emoji stay', '카카오브레인 😀 ㄱ', '카카오브레인 😀 ㄱ'],
    ['lone surrogates become U+FFFD', 'a\uD800b\uDC00c', 'a\uFFFDb\uFFFDc'],
  ])('%s', (_name, input, expected) => {
    expect(stripInvisible(input)).toBe(expected);
  });
});

describe('collapseWhitespace', () => {
  it('collapses every kind of white space to one space and trims', () => {
    expect(collapseWhitespace('  a \t\n b\u00A0\u00A0c\u3000d  ')).toBe('a b c d');
    expect(collapseWhitespace('')).toBe('');
  });
});

describe('capLength', () => {
  it('leaves short text alone', () => {
    expect(capLength('카카오', 3)).toBe('카카오');
    expect(capLength('', 10)).toBe('');
  });

  it('cuts long text to the limit, ellipsis included', () => {
    const out = capLength('가'.repeat(1000), 300);
    expect(out.length).toBe(300);
    expect(out.endsWith('가…')).toBe(true);
  });

  it('never splits a surrogate pair, wherever the limit falls', () => {
    for (const text of ['😀'.repeat(200), `a${'😀'.repeat(200)}`]) {
      for (let max = 1; max < 60; max += 1) {
        const out = capLength(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(LONE_SURROGATE);
      }
    }
  });

  it('does not separate a syllable written with conjoining jamo', () => {
    // 한 = U+1112 U+1161 U+11AB; "xx" + three of them, cut in the middle of the second syllable.
    const syllable = '\u1112\u1161\u11AB';
    const out = capLength(`xx${syllable.repeat(3)}`, 8);
    expect(out).toBe(`xx${syllable}…`);
  });

  it('does not strip a variation selector from its emoji', () => {
    const heart = '\u2764\uFE0F';
    const out = capLength(`ab${heart}cdef`, 4);
    expect(out).toBe('ab…');
  });

  it('does not leave half an emoji behind when stepping back over a variation selector', () => {
    const emoji = '\u{1F3F3}\uFE0F'; // white flag + VS16: a surrogate pair then a mark
    const out = capLength(`a${emoji}bcdef`, 4);
    expect(out).toBe('a…');
    expect(out).not.toMatch(LONE_SURROGATE);
  });

  it('returns nothing for a zero limit', () => {
    expect(capLength('abc', 0)).toBe('');
  });
});
