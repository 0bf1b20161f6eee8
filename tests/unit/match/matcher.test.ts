import { describe, expect, it } from 'vitest';
import { compileWatchlists, mergeSpans, type MatchInput, type WatchlistRule } from '../../../shared/match';

const article = (text: string, title = '', extra: Partial<MatchInput> = {}): MatchInput => ({ title, text, ...extra });

describe('compileWatchlists: many watchlists in one automaton', () => {
  it('finds overlapping keywords of different watchlists in one pass', () => {
    const m = compileWatchlists([
      { id: 1, query: '카카오' },
      { id: 2, query: '카카오브레인' },
      { id: 3, query: '브레인' },
      { id: 4, query: '네이버' },
    ]);
    expect(m.match(article('카카오브레인 대표 사임'))).toEqual([
      { watchlistId: 1, spans: [{ field: 'text', start: 0, end: 3 }] },
      { watchlistId: 2, spans: [{ field: 'text', start: 0, end: 6 }] },
      { watchlistId: 3, spans: [{ field: 'text', start: 3, end: 6 }] },
    ]);
  });

  it('reports watchlists in rule order, whatever order their terms appear in', () => {
    const m = compileWatchlists([
      { id: 30, query: '퇴사' },
      { id: 10, query: '네이버' },
      { id: 20, query: '카카오' },
    ]);
    expect(m.match(article('카카오 네이버 퇴사')).map((r) => r.watchlistId)).toEqual([30, 10, 20]);
  });

  it('gives every watchlist the same answer as when compiled alone (500 watchlists)', () => {
    const words = [
      '카카오',
      '카카오브레인',
      '브레인',
      '네이버',
      '퇴사',
      '퇴근',
      '사임',
      'AI',
      'LLM',
      'KoGPT',
      'GPT-4',
      '삼성',
      'SDS',
      '반도체',
      '클라우드',
    ];
    const rules: WatchlistRule[] = [];
    let seed = 7;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const pick = () => words[Math.floor(rand() * words.length)] as string;
    for (let id = 0; id < 500; id++) {
      const shape = id % 6;
      const query =
        shape === 0
          ? pick()
          : shape === 1
            ? `${pick()} ${pick()}`
            : shape === 2
              ? `${pick()} OR ${pick()}`
              : shape === 3
                ? `${pick()} -${pick()}`
                : shape === 4
                  ? `title:${pick()} (${pick()}|${pick()})`
                  : `"${pick()} ${pick()}"`;
      rules.push({ id, query, muteTerms: id % 7 === 0 ? [pick()] : undefined, feedIds: id % 11 === 0 ? [1] : null });
    }
    const texts = [
      article('카카오브레인 대표가 퇴사했다. AI 반도체 사업은 삼성 SDS와 협력', '카카오 소식', { feedId: 1 }),
      article('네이버 클라우드가 LLMs 시장에 진출, KoGPT와 GPT-4 비교', 'AI 클라우드', { feedId: 2 }),
      article('퇴근 시간에 사임 발표. 반도체 클라우드', '네이버 퇴사', { feedId: 1 }),
      article('관련 없는 기사', '', { feedId: 3 }),
    ];
    const all = compileWatchlists(rules);
    expect(all.errors).toEqual([]);
    for (const input of texts) {
      const together = all.match(input);
      const alone = rules.flatMap((rule) => compileWatchlists([rule]).match(input));
      expect(together).toEqual(alone);
    }
    expect(all.match(texts[0] as MatchInput).length).toBeGreaterThan(20);
  });

  it('is not confused by earlier calls (per-call state is reset)', () => {
    const m = compileWatchlists([
      { id: 1, query: '카카오 퇴사' },
      { id: 2, query: 'AI' },
    ]);
    expect(m.match(article('카카오'))).toEqual([]);
    expect(m.match(article('퇴사'))).toEqual([]);
    expect(m.match(article('카카오 퇴사')).map((r) => r.watchlistId)).toEqual([1]);
    expect(m.match(article('AI'))).toEqual([{ watchlistId: 2, spans: [{ field: 'text', start: 0, end: 2 }] }]);
    expect(m.match(article(''))).toEqual([]);
  });

  it('wakes a watchlist only through its rarest required term, still answering correctly', () => {
    const rules: WatchlistRule[] = [{ id: 0, query: '카카오 (사임 OR 선임)' }];
    for (let id = 1; id < 300; id++) rules.push({ id, query: `회사${id} (사임 OR 선임)` });
    const m = compileWatchlists(rules);
    expect(m.match(article('대표 사임'))).toEqual([]);
    expect(m.match(article('카카오 대표 사임'))).toEqual([
      {
        watchlistId: 0,
        spans: [
          { field: 'text', start: 0, end: 3 },
          { field: 'text', start: 7, end: 9 },
        ],
      },
    ]);
    expect(m.match(article('회사17 대표 선임')).map((r) => r.watchlistId)).toEqual([17]);
  });

  it('matches a long article (beyond the initial buffers) with correct offsets', () => {
    const filler = '정부 기술 발표 시장 기업 서비스 '.repeat(400);
    const text = `${filler}카카오브레인 ${filler}AI`;
    const m = compileWatchlists([{ id: 1, query: '카카오브레인 AI' }]);
    const [result] = m.match(article(text));
    expect(result?.spans.map((s) => text.slice(s.start, s.end))).toEqual(['카카오브레인', 'AI']);
  });

  it('handles the same units compiled with different rules (term, wildcard, phrase)', () => {
    const m = compileWatchlists([
      { id: 1, query: 'LLM' },
      { id: 2, query: '*LLM' },
      { id: 3, query: '"LLM"' },
    ]);
    expect(m.match(article('sLLM')).map((r) => r.watchlistId)).toEqual([2]);
    expect(m.match(article('LLM')).map((r) => r.watchlistId)).toEqual([1, 2, 3]);
  });

  it('returns nothing with no rules', () => {
    expect(compileWatchlists([]).match(article('카카오'))).toEqual([]);
  });
});

describe('scopes', () => {
  it('title: looks only at the title, spans point into the title', () => {
    const m = compileWatchlists([{ id: 1, query: 'title:퇴사 카카오' }]);
    expect(m.match(article('카카오 임원', '임원 퇴사'))).toEqual([
      {
        watchlistId: 1,
        spans: [
          { field: 'title', start: 3, end: 5 },
          { field: 'text', start: 0, end: 3 },
        ],
      },
    ]);
    expect(m.match(article('카카오 임원 퇴사', '임원 소식'))).toEqual([]);
  });

  it('an unscoped term is found in the title or in the text', () => {
    const m = compileWatchlists([{ id: 1, query: '카카오' }]);
    expect(m.match(article('', '카카오'))).toHaveLength(1);
    expect(m.match(article('카카오', ''))).toHaveLength(1);
  });

  it('source: matches the feed name with the same normalization, and is never highlighted', () => {
    const m = compileWatchlists([
      { id: 1, query: 'source:연합뉴스 퇴사' },
      { id: 2, query: 'source:ZDNet AI' },
    ]);
    expect(m.match(article('퇴사', '', { source: '연합뉴스' }))).toEqual([
      { watchlistId: 1, spans: [{ field: 'text', start: 0, end: 2 }] },
    ]);
    expect(m.match(article('AI', '', { source: 'ＺＤＮｅｔ Korea' })).map((r) => r.watchlistId)).toEqual([2]);
    expect(m.match(article('퇴사', '', { source: '뉴시스' }))).toEqual([]);
    expect(m.match(article('퇴사'))).toEqual([]);
    // An unscoped term does not look at the source name.
    expect(compileWatchlists([{ id: 3, query: '연합뉴스' }]).match(article('퇴사', '', { source: '연합뉴스' }))).toEqual([]);
  });

  it('feed scope: only the listed feeds; null or absent means all feeds', () => {
    const m = compileWatchlists([
      { id: 1, query: '카카오', feedIds: [1, 2] },
      { id: 2, query: '카카오', feedIds: null },
      { id: 3, query: '카카오' },
      { id: 4, query: '카카오', feedIds: [] },
    ]);
    expect(m.match(article('카카오', '', { feedId: 2 })).map((r) => r.watchlistId)).toEqual([1, 2, 3]);
    expect(m.match(article('카카오', '', { feedId: 3 })).map((r) => r.watchlistId)).toEqual([2, 3]);
    expect(m.match(article('카카오')).map((r) => r.watchlistId)).toEqual([2, 3]);
  });
});

describe('mute terms', () => {
  it('an article containing any mute term does not match that watchlist only', () => {
    const m = compileWatchlists([
      { id: 1, query: '카카오', muteTerms: ['광고', '협찬'] },
      { id: 2, query: '카카오' },
    ]);
    expect(m.match(article('카카오 신제품 광고')).map((r) => r.watchlistId)).toEqual([2]);
    expect(m.match(article('카카오 협찬 기사')).map((r) => r.watchlistId)).toEqual([2]);
    expect(m.match(article('카카오 신제품')).map((r) => r.watchlistId)).toEqual([1, 2]);
  });

  it('mute terms follow the same rules: phrases, scopes, Latin edges', () => {
    const m = compileWatchlists([{ id: 1, query: '카카오', muteTerms: ['title:광고', '"쿠폰 증정"', 'AD'] }]);
    expect(m.match(article('카카오 광고 효과 분석', '카카오 분석'))).toHaveLength(1);
    expect(m.match(article('카카오', '[광고] 카카오'))).toEqual([]);
    expect(m.match(article('카카오 쿠폰 증정'))).toEqual([]);
    expect(m.match(article('카카오 쿠폰을 증정'))).toHaveLength(1);
    expect(m.match(article('카카오 ADHD 연구'))).toHaveLength(1);
    expect(m.match(article('카카오 AD 캠페인'))).toEqual([]);
  });

  it('a bad mute term is reported with the watchlist id and the term; the watchlist still works', () => {
    const m = compileWatchlists([{ id: 9, query: '카카오', muteTerms: ['"광고', '협찬'] }]);
    expect(m.errors).toHaveLength(1);
    expect(m.errors[0]).toMatchObject({ id: 9, muteTerm: '"광고', error: { key: 'query.unterminated_quote', column: 1 } });
    expect(m.match(article('카카오 협찬'))).toEqual([]);
    expect(m.match(article('카카오 광고'))).toHaveLength(1);
  });
});

describe('invalid queries', () => {
  it('are skipped and reported with their id and a positioned error', () => {
    const m = compileWatchlists([
      { id: 1, query: '(카카오 OR' },
      { id: 2, query: '네이버' },
      { id: 3, query: '-퇴근' },
      { id: 4, query: '/(a+)+$/' },
    ]);
    expect(m.errors.map((e) => [e.id, e.error.key, e.error.column])).toEqual([
      [1, 'query.missing_close_paren', 8],
      [3, 'query.only_negative', 1],
      [4, 'query.regex_unsupported', 1],
    ]);
    expect(m.watchlistIds).toEqual([2]);
    expect(m.match(article('카카오 네이버 퇴근 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')).map((r) => r.watchlistId)).toEqual([2]);
  });
});

describe('mergeSpans', () => {
  it('merges overlapping and touching spans per field, for painting highlights', () => {
    expect(
      mergeSpans([
        { field: 'text', start: 3, end: 6 },
        { field: 'text', start: 0, end: 3 },
        { field: 'title', start: 1, end: 2 },
        { field: 'text', start: 0, end: 6 },
        { field: 'text', start: 10, end: 12 },
      ]),
    ).toEqual([
      { field: 'title', start: 1, end: 2 },
      { field: 'text', start: 0, end: 6 },
      { field: 'text', start: 10, end: 12 },
    ]);
  });
});

describe('many occurrences', () => {
  it('reports every occurrence, sorted, also when there are many', () => {
    const text = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 'AI 반도체' : '카카오 AI')).join(' · ');
    const m = compileWatchlists([{ id: 1, query: 'AI OR 카카오' }]);
    const [result] = m.match(article(text, 'AI 소식'));
    expect(result?.spans).toHaveLength(1 + 200 + 100);
    expect(result?.spans[0]).toEqual({ field: 'title', start: 0, end: 2 });
    const textSpans = result?.spans.slice(1) ?? [];
    for (let i = 1; i < textSpans.length; i++) expect(textSpans[i]!.start).toBeGreaterThan(textSpans[i - 1]!.start);
    expect(textSpans.every((s) => ['AI', '카카오'].includes(text.slice(s.start, s.end)))).toBe(true);
  });
});
