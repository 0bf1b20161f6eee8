import { describe, expect, it } from 'vitest';
import { AhoCorasick, HitBuffer } from '../../../shared/match';
import { toUnits } from '../../../shared/match/aho-corasick';

const SKIP = 0x20;

/** Every (pattern, end) by brute force, over the text with the skipped unit removed. */
function bruteForce(patterns: string[], text: string): string[] {
  const kept: Array<{ ch: string; at: number }> = [];
  [...text].forEach((ch, at) => {
    if (ch.charCodeAt(0) !== SKIP) kept.push({ ch, at });
  });
  const compact = kept.map((k) => k.ch).join('');
  const out: string[] = [];
  for (let end = 1; end <= compact.length; end++) {
    patterns.forEach((p, index) => {
      if (p.length > 0 && end >= p.length && compact.slice(end - p.length, end) === p) {
        out.push(`${index}@${(kept[end - 1] as { at: number }).at + 1}`);
      }
    });
  }
  return out.sort();
}

function scan(ac: AhoCorasick, text: string): string[] {
  const hits = new HitBuffer(2);
  ac.scan(toUnits(text), text.length, hits);
  const out: string[] = [];
  for (let h = 0; h < hits.count; h++) out.push(`${hits.patterns[h]}@${hits.ends[h]}`);
  return out.sort();
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('AhoCorasick', () => {
  it('reports overlapping and nested patterns, each with its end', () => {
    const ac = new AhoCorasick(['카카오', '카카오브레인', '브레인', '오브'].map(toUnits));
    expect(scan(ac, '카카오브레인')).toEqual(['0@3', '1@6', '2@6', '3@4'].sort());
  });

  it('reports duplicate patterns under each index', () => {
    const ac = new AhoCorasick(['ai', 'ai', 'i'].map(toUnits));
    expect(scan(ac, 'xai')).toEqual(['0@3', '1@3', '2@3']);
  });

  it('steps over skipped units, so patterns are found across them', () => {
    const ac = new AhoCorasick(['카카오브레인'].map(toUnits), [SKIP]);
    expect(scan(ac, '카카오 브레인')).toEqual(['0@7']);
    expect(() => new AhoCorasick(['a b'].map(toUnits), [SKIP])).toThrow();
  });

  it('never reports an empty pattern and handles no patterns at all', () => {
    expect(scan(new AhoCorasick([toUnits(''), toUnits('a')]), 'aa')).toEqual(['1@1', '1@2']);
    expect(scan(new AhoCorasick([]), 'anything')).toEqual([]);
  });

  it('agrees with brute force on random small-alphabet patterns (dense rows, bisection, failure chains)', () => {
    const rand = rng(42);
    const letters = 'abcdefghijklmnop가나다'; // enough children per state to use dense rows and bisection
    for (let round = 0; round < 40; round++) {
      const patterns: string[] = [];
      const count = 1 + Math.floor(rand() * 120);
      for (let i = 0; i < count; i++) {
        let p = '';
        const len = 1 + Math.floor(rand() * 5);
        for (let k = 0; k < len; k++) p += letters[Math.floor(rand() * (round % 2 === 0 ? 4 : letters.length))];
        patterns.push(p);
      }
      const ac = new AhoCorasick(patterns.map(toUnits), [SKIP]);
      for (let t = 0; t < 10; t++) {
        let text = '';
        const len = Math.floor(rand() * 80);
        for (let k = 0; k < len; k++) {
          text += rand() < 0.1 ? ' ' : rand() < 0.05 ? 'z' : letters[Math.floor(rand() * (round % 2 === 0 ? 4 : letters.length))];
        }
        expect(scan(ac, text)).toEqual(bruteForce(patterns, text));
      }
    }
  });
});
