import { describe, expect, it } from 'vitest';
import { MAX_NAVER_QUERIES, toGoogleNewsQuery, toNaverQueries } from '../../../main/search/query-translate';
import { parseQuery } from '../../../shared/query';

/**
 * The translation table, case by case. The rule under test: a search must find at least what the
 * watchlist matches (Nunchi's matcher narrows afterwards), so whatever an engine cannot say is
 * widened, never guessed. `null` = the query cannot be searched on that engine at all.
 */
type Case = [nunchi: string, google: string | null, naver: string[] | null, why: string];

const CASES: Case[] = [
  ['카카오브레인', '카카오브레인', ['카카오브레인'], 'a plain term is a plain term on both engines'],
  ['"카카오 브레인"', '"카카오 브레인"', ['"카카오 브레인"'], 'a phrase keeps its quotes: both engines search it as written'],
  ['카카오 퇴사', '카카오 퇴사', ['카카오 퇴사'], 'a space is AND on both engines'],
  ['카카오브레인 OR KoGPT', '카카오브레인 OR KoGPT', ['카카오브레인', 'KoGPT'], 'OR: Google has it; Naver gets one call per alternative'],
  [
    '카카오 퇴사|사임',
    '카카오 (퇴사 OR 사임)',
    ['카카오 퇴사', '카카오 사임'],
    'an alias group is an OR inside an AND: Google needs the parentheses',
  ],
  [
    '(카카오 OR 네이버) 퇴사',
    '(카카오 OR 네이버) 퇴사',
    ['카카오 퇴사', '네이버 퇴사'],
    'a parenthesised OR distributes over the AND for Naver',
  ],
  [
    '카카오 퇴사 OR 사임',
    '(카카오 퇴사) OR 사임',
    ['카카오 퇴사', '사임'],
    'Nunchi binds AND tighter than OR; Google the other way round, so the AND is bracketed',
  ],
  ['카카오 -퇴근', '카카오 -퇴근', ['카카오 -퇴근'], 'an exclusion of a plain word is exact on both engines'],
  ['카카오 NOT "카카오 페이"', '카카오 -"카카오 페이"', ['카카오 -"카카오 페이"'], 'NOT is -, and a phrase can be excluded'],
  ['카카오 -(루머 OR 추측)', '카카오 -루머 -추측', ['카카오 -루머 -추측'], 'excluding an OR excludes each of its words (De Morgan)'],
  ['카카오 -(-퇴사)', '카카오 퇴사', ['카카오 퇴사'], 'a double negation is the term itself'],
  ['카카오 -(루머 사설)', '카카오', ['카카오'], '-(a b) = -a OR -b cannot be said: dropped, which only widens'],
  [
    'title:퇴사 카카오',
    'intitle:퇴사 카카오',
    ['퇴사 카카오'],
    'title: is Google intitle:; Naver has no title search, so anywhere (wider)',
  ],
  [
    'title:(퇴사 OR 사임) 카카오',
    '(intitle:퇴사 OR intitle:사임) 카카오',
    ['퇴사 카카오', '사임 카카오'],
    'a scope distributes over its group',
  ],
  [
    '카카오 -title:루머',
    '카카오 -intitle:루머',
    ['카카오'],
    'Google can exclude from titles; on Naver -루머 would exclude too much, so it is dropped',
  ],
  [
    'source:연합뉴스 카카오',
    'site:yna.co.kr 카카오',
    ['카카오'],
    'source: becomes site: through the outlet table; Naver has no site search',
  ],
  [
    'source:조선 카카오',
    '(site:chosun.com OR site:investchosun.com) 카카오',
    ['카카오'],
    'several outlets named 조선: their sites ORed, subdomains (biz., it.) covered by chosun.com',
  ],
  ['source:경제 카카오', '카카오', ['카카오'], 'more than 6 outlets contain 경제: spelling them all out is not worth it, so dropped'],
  ['source:없는매체 카카오', '카카오', ['카카오'], 'no known outlet: dropped, the matcher applies it'],
  ['source:연합뉴스', 'site:yna.co.kr', null, 'a source alone: Google can list the site; Naver would search for nothing'],
  [
    '카카오 OR source:연합뉴스',
    '카카오 OR site:yna.co.kr',
    null,
    'Naver: an OR with an unsearchable side means "anything", which cannot be searched',
  ],
  ['GPT* 오픈AI', 'GPT 오픈AI', ['GPT 오픈AI'], 'no partial-word wildcard on either engine: the bare word is the nearest search'],
  ['카카오 -GPT*', '카카오', ['카카오'], 'excluding only the bare word GPT would also drop GPT4 articles the watchlist keeps: dropped'],
  ['site:x.com', '"site:x.com"', ['site:x.com'], 'a Nunchi word that Google would read as an operator is quoted'],
  [
    '(카카오 OR 네이버) (퇴사 OR 사임) -퇴근',
    '(카카오 OR 네이버) (퇴사 OR 사임) -퇴근',
    ['카카오 퇴사 -퇴근', '카카오 사임 -퇴근', '네이버 퇴사 -퇴근', '네이버 사임 -퇴근'],
    'an exclusion goes into every Naver alternative',
  ],
  [
    '카카오 OR 카카오 퇴사',
    '카카오 OR (카카오 퇴사)',
    ['카카오'],
    'Naver: a narrower alternative already found by a broader one costs no call',
  ],
  [
    '-(루머 OR 추측) 카카오 OR 네이버',
    '(-루머 -추측 카카오) OR 네이버',
    ['카카오 -루머 -추측', '네이버'],
    'Naver queries put words before exclusions',
  ],
  [
    '(a OR b) (c OR d) (e OR f) (g OR h)',
    '(a OR b) (c OR d) (e OR f) (g OR h)',
    ['a c e', 'a c f', 'a d e', 'a d f', 'b c e', 'b c f', 'b d e', 'b d f'],
    'Naver: 16 alternatives; the last group is left out (a superset) to stay within 8 calls',
  ],
  [
    '(a OR b OR c) (d OR e OR f) (g OR h OR i)',
    '(a OR b OR c) (d OR e OR f) (g OR h OR i)',
    ['a', 'b', 'c'],
    'Naver: 27 alternatives; the second and third groups are left out (a superset): 3 calls',
  ],
  [
    '(카카오 a) OR (카카오 b) OR (카카오 c) OR (카카오 d) OR (카카오 e) OR (카카오 f) OR (카카오 g) OR (카카오 h) OR (카카오 i)',
    '(카카오 a) OR (카카오 b) OR (카카오 c) OR (카카오 d) OR (카카오 e) OR (카카오 f) OR (카카오 g) OR (카카오 h) OR (카카오 i)',
    ['카카오'],
    'Naver: 9 alternatives at the top are each widened to their first word, which they share: 1 call',
  ],
  [
    'a OR b OR c OR d OR e OR f OR g OR h OR i',
    'a OR b OR c OR d OR e OR f OR g OR h OR i',
    null,
    'Naver: 9 single words cannot be widened further: refused in words, never a silent truncation',
  ],
];

describe('query translation: the table', () => {
  it('has at least 20 cases, each with a reason', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    for (const [, , , why] of CASES) expect(why.length).toBeGreaterThan(10);
  });

  it.each(CASES)('%s → Google %j, Naver %j (%s)', (nunchi, google, naver) => {
    const g = toGoogleNewsQuery(nunchi);
    if (google === null) expect(g.ok).toBe(false);
    else expect(g.ok ? g.query : g.error.code).toBe(google);

    const n = toNaverQueries(nunchi);
    if (naver === null) expect(n.ok).toBe(false);
    else expect(n.ok ? n.query : n.error.code).toEqual(naver);
    if (n.ok) expect(n.query.length).toBeLessThanOrEqual(MAX_NAVER_QUERIES);
  });
});

describe('query translation: what it says about itself', () => {
  it('names what it left out or widened', () => {
    const g = toGoogleNewsQuery('source:없는매체 GPT* -title:루머');
    expect(g.ok && g.notes).toEqual([
      { what: 'source_dropped', term: '없는매체' },
      { what: 'wildcard_dropped', term: 'GPT*' },
    ]);
    const n = toNaverQueries('source:연합뉴스 title:퇴사 -title:루머');
    expect(n.ok && n.notes).toEqual([
      { what: 'source_dropped', term: '연합뉴스' },
      { what: 'title_scope_dropped', term: '퇴사' },
      { what: 'exclusion_dropped', term: '루머' },
    ]);
  });

  it('refuses an untranslatable query with a key the UI says in words', () => {
    const n = toNaverQueries('source:연합뉴스');
    expect(n.ok).toBe(false);
    if (!n.ok) {
      expect(n.error.code).toBe('search.untranslatable');
      expect(n.error.userMessage('ko')).toContain('검색어');
      expect(n.error.userMessage('en')).toContain('query');
    }
    const many = toNaverQueries('a OR b OR c OR d OR e OR f OR g OR h OR i');
    expect(!many.ok && many.error.code).toBe('search.too_many_alternatives');
  });

  it('refuses a query that does not parse instead of throwing', () => {
    const g = toGoogleNewsQuery('(카카오 OR ');
    expect(!g.ok && g.error.code).toBe('search.untranslatable');
  });

  it('takes a parsed query as well as its text', () => {
    const parsed = parseQuery('카카오 퇴사|사임');
    if (!parsed.ok) throw new Error('test query must parse');
    expect(toGoogleNewsQuery(parsed.query)).toEqual(toGoogleNewsQuery('카카오 퇴사|사임'));
  });
});
