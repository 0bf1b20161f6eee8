import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  guardsAgainst,
  minSharedFor,
  normalizeTitle,
  SAME_STORY_THRESHOLD,
  sameStory,
  sharedCount,
  titleFeatures,
  titleSimilarity,
} from '../../../main/stories/story-similarity';

interface LabelledPair {
  label: 'same' | 'different';
  a: string;
  b: string;
  hard?: boolean;
  why: string;
}

const { pairs } = JSON.parse(readFileSync(join(__dirname, '../../fixtures/headlines/ko-pairs.json'), 'utf8')) as { pairs: LabelledPair[] };
const same = (a: string, b: string) => sameStory(titleFeatures(a), titleFeatures(b));

describe('normalizeTitle', () => {
  it('drops the outlet tags, suffixes and bylines, keeps the news', () => {
    expect(normalizeTitle('[단독]카카오브레인 김일두 대표 사임')).toBe('카카오브레인 김일두 대표 사임');
    expect(normalizeTitle('(1보) 카카오브레인 대표 사임')).toBe('카카오브레인 대표 사임');
    expect(normalizeTitle('<종합>카카오브레인 대표 사임')).toBe('카카오브레인 대표 사임');
    expect(normalizeTitle('[아이뉴스24 홍길동 기자] 카카오페이, 일본 진출')).toBe('카카오페이 일본 진출');
    expect(normalizeTitle('카카오브레인 대표 사임(종합2보)')).toBe('카카오브레인 대표 사임');
    expect(normalizeTitle('카카오브레인 대표 사임 - 전자신문')).toBe('카카오브레인 대표 사임');
    expect(normalizeTitle('카카오브레인 대표 사임 | ZDNet Korea')).toBe('카카오브레인 대표 사임');
    expect(normalizeTitle('티몬 정산 지연 < 유통 < 기사본문 - 디지털투데이')).toBe('티몬 정산 지연');
    expect(normalizeTitle('카카오브레인 대표 사임 홍길동 기자')).toBe('카카오브레인 대표 사임');
  });

  it('folds width and case (NFKC), turns punctuation into spaces, keeps decimals and content brackets', () => {
    expect(normalizeTitle('ＳＫＴ，　ＡＩ　데이터센터')).toBe('skt ai 데이터센터');
    expect(normalizeTitle('삼성전자 3분기 영업이익 9.1조…"274% 증가"')).toBe('삼성전자 3분기 영업이익 9.1조 274 증가');
    expect(normalizeTitle('매출 2,400억원')).toBe('매출 2400억원');
    expect(normalizeTitle('한글과컴퓨터(주) 신제품')).toBe('한글과컴퓨터 주 신제품');
    expect(normalizeTitle('KT-MS 협력')).toBe('kt ms 협력');
  });
});

describe('titleFeatures and the score', () => {
  it('ignores spacing and particles inside Hangul', () => {
    const a = titleFeatures('카카오브레인이 대표 교체');
    const b = titleFeatures('카카오브레인 대표 교체');
    expect(titleSimilarity(a, b)).toBe(1);
    expect(titleSimilarity(titleFeatures('AI기본법 시행'), titleFeatures('AI 기본법 시행'))).toBe(1);
  });

  it('scores an addition higher than a substitution of the same size', () => {
    const base = titleFeatures('카카오브레인 김일두 대표 사임');
    const added = titleFeatures('카카오브레인 김일두 대표 사임 후임 미정');
    const substituted = titleFeatures('카카오브레인 김일두 대표 후임 미정');
    expect(titleSimilarity(base, added)).toBeGreaterThan(titleSimilarity(base, substituted));
  });

  it('sharedCount counts common items of two ascending arrays', () => {
    expect(sharedCount([1, 3, 4], [1, 2, 3])).toBe(2);
    expect(sharedCount([1, 2, 3, 4, 5, 6], [1, 6, 7, 8, 9, 10])).toBe(2);
    expect(sharedCount(['3', '9.1'], ['3', '4'])).toBe(1);
    expect(sharedCount([], [1])).toBe(0);
    // titleFeatures hands out ascending features, so the merge sees the true overlap.
    const a = titleFeatures('카카오브레인 김일두 대표 사임').features;
    expect(sharedCount(a, a)).toBe(a.length);
    expect(Array.from(a)).toEqual([...a].sort((x, y) => x - y));
  });
});

describe('the look-alikes that must stay apart', () => {
  it.each([
    ['카카오브레인 대표 사임', '카카오뱅크 대표 사임'],
    ['삼성전자 3분기 실적 발표', '삼성전자 4분기 실적 발표'],
    ['네이버 CEO 사임', '네이버 CEO 선임'],
    ['카카오 대표 사임', '카카오브레인 대표 사임'],
    ['갤럭시 S24 국내 출시', '갤럭시 S25 국내 출시'],
    ['카카오, 카카오엔터테인먼트 매각 추진', '카카오, 카카오엔터테인먼트 매각 추진 안 한다'],
    ['쿠팡, 개인정보 유출 사고 공식 사과', 'SK텔레콤, 개인정보 유출 사고 공식 사과'],
  ])('%s ≠ %s', (a, b) => {
    expect(same(a, b)).toBe(false);
  });

  it('names the guard that keeps them apart', () => {
    // Numbers: each side has its own.
    expect(guardsAgainst(titleFeatures('삼성전자 3분기 실적'), titleFeatures('삼성전자 4분기 실적'))).toBe(true);
    expect(guardsAgainst(titleFeatures('삼성전자 3분기 실적'), titleFeatures('삼성전자 실적'))).toBe(false);
    // Direction: a reversal on one side only, or opposite directions.
    expect(guardsAgainst(titleFeatures('KT 노조 파업 돌입'), titleFeatures('KT 노조 파업 철회'))).toBe(true);
    expect(guardsAgainst(titleFeatures('카카오 주가 급등'), titleFeatures('카카오 주가 급락'))).toBe(true);
    expect(guardsAgainst(titleFeatures('대표 사임…후임 내정'), titleFeatures('대표 사임'))).toBe(false);
    // Subject: neither mentions the other's first word; a longer name is not a mention.
    expect(guardsAgainst(titleFeatures('쿠팡, 사과'), titleFeatures('SK텔레콤, 사과'))).toBe(true);
    expect(guardsAgainst(titleFeatures('애플, 아이폰16 출시'), titleFeatures('아이폰16 출시'))).toBe(false);
    expect(guardsAgainst(titleFeatures('카카오 대표'), titleFeatures('카카오브레인 대표'))).toBe(true);
  });
});

describe('tuned on tests/fixtures/headlines/ko-pairs.json', () => {
  const results = pairs.map((pair) => {
    const a = titleFeatures(pair.a);
    const b = titleFeatures(pair.b);
    return { pair, score: titleSimilarity(a, b), predicted: sameStory(a, b) };
  });

  it('has enough realistic pairs of both kinds', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(40);
    expect(pairs.filter((p) => p.label === 'same').length).toBeGreaterThanOrEqual(20);
    expect(pairs.filter((p) => p.label === 'different').length).toBeGreaterThanOrEqual(20);
    // Only a same-story pair may be "hard" (left apart on purpose); a look-alike is never excused.
    expect(pairs.filter((p) => p.hard).every((p) => p.label === 'same')).toBe(true);
  });

  it('gets every labelled pair right, the hard ones on the safe side (apart)', () => {
    const wrong = results
      .filter(({ pair, predicted }) => predicted !== (pair.label === 'same' && !pair.hard))
      .map(({ pair, score }) => `${pair.label}${pair.hard ? ' (hard)' : ''} ${score.toFixed(2)}: ${pair.a} | ${pair.b}`);
    expect(wrong).toEqual([]);
  });

  it('reports precision and recall: precision 1, recall ≥ 0.85', () => {
    const tp = results.filter((r) => r.predicted && r.pair.label === 'same').length;
    const fp = results.filter((r) => r.predicted && r.pair.label === 'different').length;
    const fn = results.filter((r) => !r.predicted && r.pair.label === 'same').length;
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.info(
      `story similarity on ${pairs.length} pairs: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp}/${tp + fn}), threshold ${SAME_STORY_THRESHOLD}`,
    );
    expect(precision).toBe(1);
    expect(recall).toBeGreaterThanOrEqual(0.85);
    expect(pairs.filter((p) => p.hard).length).toBeLessThanOrEqual(5);
  });

  it('minSharedFor never rules out a pair that is the same story (the index relies on it)', () => {
    for (const { pair, predicted } of results) {
      if (!predicted) continue;
      const a = titleFeatures(pair.a);
      const b = titleFeatures(pair.b);
      const shared = sharedCount(a.features, b.features);
      expect(shared).toBeGreaterThanOrEqual(minSharedFor(a.features.length));
      expect(shared).toBeGreaterThanOrEqual(minSharedFor(b.features.length));
    }
  });
});
