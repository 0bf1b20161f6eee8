/**
 * The matching rules, one row per case: query, title/text (and source), whether the watchlist
 * matches, and the exact spans it must report. Spans are written as the highlighted original
 * substrings, field by field in order; their positions are pinned by searching the field from
 * the previous span onwards, so a wrong offset fails the test.
 */
import { describe, expect, it } from 'vitest';
import { compileWatchlists, type MatchSpan } from '../../../shared/match';

interface Case {
  q: string;
  title?: string;
  text?: string;
  source?: string;
  /** Expected spans as 't:…' (title) or 'x:…' (text), in reported order; [] or absent = no match. */
  spans?: string[];
  match: boolean;
  why: string;
}

const CASES: Case[] = [
  // Hangul terms: substrings, so particles and compounds attach.
  { q: '카카오브레인', text: '카카오브레인이 새 모델을 공개했다', match: true, spans: ['x:카카오브레인'], why: 'subject particle 이' },
  { q: '카카오브레인', text: '카카오브레인의 대표가 물러났다', match: true, spans: ['x:카카오브레인'], why: 'possessive particle 의' },
  { q: '퇴사', text: '퇴사자가 크게 늘었다', match: true, spans: ['x:퇴사'], why: 'compound 퇴사자' },
  { q: '카카오', text: '카카오뱅크 실적', match: true, spans: ['x:카카오'], why: 'prefix of a compound' },
  { q: '삼성', text: '삼성전자가 발표했다', match: true, spans: ['x:삼성'], why: 'Hangul matches inside 삼성전자' },
  { q: '퇴근', text: '대표가 퇴사를 결정했다', match: false, why: '퇴근 is not 퇴사' },
  { q: 'Samsung', text: '삼성전자가 발표했다', match: false, why: 'no transliteration' },
  { q: 'OpenAI', text: '오픈AI가 발표했다', match: false, why: 'no transliteration' },

  // A Hangul term without spaces also finds the same syllables with spaces between them.
  { q: '카카오브레인', text: '카카오 브레인 대표가 사임', match: true, spans: ['x:카카오 브레인'], why: 'space inside the name' },
  { q: '카카오브레인', text: '카카오  \n브레인의 연구', match: true, spans: ['x:카카오  \n브레인'], why: 'any white-space run' },
  { q: '카카오브레인', text: '카카오\u00A0브레인', match: true, spans: ['x:카카오\u00A0브레인'], why: 'no-break space' },
  { q: '퇴사', text: '그는 갑자기 퇴 사 의사를 밝혔다', match: true, spans: ['x:퇴 사'], why: 'spaced syllables at a word start' },
  { q: '퇴사', text: '은퇴 사장이 돌아왔다', match: false, why: 'across a space only from the start of a word' },
  { q: '삼성SDS', text: '삼성 SDS는 클라우드를', match: true, spans: ['x:삼성 SDS'], why: 'space between Hangul and Latin' },

  // Quoted phrases match only as written (white space normalized).
  { q: '"카카오브레인"', text: '카카오 브레인 대표가 사임', match: false, why: 'quoted: no space allowed' },
  { q: '"카카오브레인"', text: '카카오브레인이 공개', match: true, spans: ['x:카카오브레인'], why: 'quoted, particle still attaches' },
  { q: '"카카오 브레인"', text: '카카오브레인이 공개', match: false, why: 'quoted with a space: the space is required' },
  { q: '"카카오 브레인"', text: '카카오   브레인이 공개', match: true, spans: ['x:카카오   브레인'], why: 'space run counts as one space' },
  { q: '"machine learning"', text: 'Machine  Learning models', match: true, spans: ['x:Machine  Learning'], why: 'Latin phrase' },
  { q: '"machine learning"', text: 'machinelearning', match: false, why: 'phrase needs its space' },
  { q: '"AI"', text: 'he said so', match: false, why: 'Latin edges apply to phrases too' },

  // Latin and digit terms: whole Latin words, Hangul is an edge, plural/possessive allowed.
  { q: 'AI', text: 'AI반도체 시장이 커진다', match: true, spans: ['x:AI'], why: 'Hangul after' },
  { q: 'AI', text: '오픈AI가 발표했다', match: true, spans: ['x:AI'], why: 'Hangul before' },
  { q: 'AI', text: 'AI, 클라우드, 보안', match: true, spans: ['x:AI'], why: 'punctuation after' },
  { q: 'AI', text: 'AIs are everywhere', match: true, spans: ['x:AIs'], why: 'plural s' },
  { q: 'AI', text: "the AI's answer", match: true, spans: ["x:AI's"], why: 'possessive' },
  { q: 'AI', text: 'AI·반도체 전략', match: true, spans: ['x:AI'], why: 'middle dot' },
  { q: 'AI', text: 'ai is lower case', match: true, spans: ['x:ai'], why: 'case-insensitive' },
  { q: 'ai', text: 'AI 반도체', match: true, spans: ['x:AI'], why: 'case-insensitive query' },
  { q: 'AI', text: 'he said that', match: false, why: 'said' },
  { q: 'AI', text: 'first aid kit', match: false, why: 'aid' },
  { q: 'AI', text: 'MAIN STREET', match: false, why: 'MAIN' },
  { q: 'AI', text: 'Thailand tourism', match: false, why: 'Thailand' },
  { q: 'AI', text: 'A.I. boom', match: false, why: 'A.I. is not AI' },
  { q: 'AI', text: 'AI2 model', match: false, why: 'digit glued after' },
  { q: 'A.I.', text: 'AI boom', match: false, why: 'A.I. query needs the dots' },
  { q: 'A.I.', text: 'the A.I. boom', match: true, spans: ['x:A.I.'], why: 'dotted form as written' },
  { q: 'KoGPT', text: 'Ko-GPT 공개', match: false, why: 'hyphen in between' },
  { q: 'KoGPT', text: 'Ko GPT 공개', match: false, why: 'space between Latin letters' },
  { q: 'KoGPT', text: 'KoGPT를 공개했다', match: true, spans: ['x:KoGPT'], why: 'particle after' },
  { q: 'kogpt', text: 'KOGPT 2.0', match: true, spans: ['x:KOGPT'], why: 'case-insensitive' },
  { q: 'LLM', text: 'sLLM 시장', match: false, why: 'sLLM' },
  { q: 'LLM', text: 'LLMs and agents', match: true, spans: ['x:LLMs'], why: 'plural' },
  { q: 'chipset', text: 'new chipsets', match: true, spans: ['x:chipsets'], why: 'plural s' },
  { q: 'class', text: 'two classes', match: true, spans: ['x:classes'], why: 'plural es' },
  { q: 'Samsung', text: "Samsung's chip", match: true, spans: ["x:Samsung's"], why: "'s" },
  { q: 'Samsung', text: 'Samsung’s chip', match: true, spans: ['x:Samsung’s'], why: '’s' },
  { q: '5G', text: '5G망 구축', match: true, spans: ['x:5G'], why: 'digit term, Hangul after' },
  { q: '5G', text: '25G 이더넷', match: false, why: 'digit glued before' },
  { q: 'LG', text: 'LG에너지솔루션', match: true, spans: ['x:LG'], why: 'Hangul after' },
  { q: 'LG', text: 'LGU+ 요금제', match: false, why: 'Latin letter after' },
  { q: 'C++', text: 'C++로 작성', match: true, spans: ['x:C++'], why: 'punctuation in the term' },

  // Wildcards at the ends of a Latin word.
  { q: '*LLM', text: 'sLLM 시장', match: true, spans: ['x:sLLM'], why: 'leading wildcard' },
  { q: 'GPT*', text: 'GPTs 스토어', match: true, spans: ['x:GPTs'], why: 'trailing wildcard' },
  { q: 'GPT*', text: 'ChatGPT 출시', match: false, why: 'no leading wildcard' },
  { q: '*GPT', text: 'ChatGPT 출시', match: true, spans: ['x:ChatGPT'], why: 'leading wildcard' },
  { q: 'Ko*', text: 'KoGPT 공개', match: true, spans: ['x:KoGPT'], why: 'span covers the whole word' },

  // Mixed Hangul/Latin/digit terms.
  { q: 'GPT-4', text: 'GPT-4 출시', match: true, spans: ['x:GPT-4'], why: 'hyphen and digit' },
  { q: 'GPT-4', text: 'GPT-4와 비교', match: true, spans: ['x:GPT-4'], why: 'particle after' },
  { q: 'GPT-4', text: 'GPT-4o 출시', match: false, why: 'letter glued after' },
  { q: 'GPT-4', text: 'GPT-40 출시', match: false, why: 'digit glued after' },
  { q: '삼성SDS', text: '삼성SDS가 수주', match: true, spans: ['x:삼성SDS'], why: 'mixed term' },
  { q: '삼성SDS', text: '삼성SDSX 출시', match: false, why: 'Latin edge on the right' },

  // Normalization: NFKC, case, invisible characters; spans cover the original characters.
  { q: 'AI', text: 'ＡＩ 반도체', match: true, spans: ['x:ＡＩ'], why: 'full-width letters in the text' },
  { q: 'ＡＩ', text: 'AI 반도체', match: true, spans: ['x:AI'], why: 'full-width letters in the query' },
  { q: 'finance', text: 'ﬁnance news', match: true, spans: ['x:ﬁnance'], why: 'ligature ﬁ' },
  { q: 'café', text: 'CAFE\u0301 opening', match: true, spans: ['x:CAFE\u0301'], why: 'combining accent, upper case' },
  {
    q: '카카오',
    text: '\u110F\u1161\u110F\u1161\u110B\u1169 소식',
    match: true,
    spans: ['x:\u110F\u1161\u110F\u1161\u110B\u1169'],
    why: 'conjoining jamo',
  },
  { q: '카카오', text: 'ㅋㅏㅋㅏㅇㅗ 소식', match: true, spans: ['x:ㅋㅏㅋㅏㅇㅗ'], why: 'compatibility jamo' },
  { q: '카카오브레인', text: '카카\u200B오브레인 연구', match: true, spans: ['x:카카\u200B오브레인'], why: 'zero-width space inside' },
  {
    q: '"카카오브레인"',
    text: '카카\u200D오브레인',
    match: true,
    spans: ['x:카카\u200D오브레인'],
    why: 'zero-width joiner is not a space',
  },
  { q: 'AI', text: 'A\u200BI chips', match: true, spans: ['x:A\u200BI'], why: 'zero-width inside a Latin word' },
  { q: 'AI', text: '\u202EAI\u202C 반도체', match: true, spans: ['x:AI'], why: 'bidi controls dropped' },
  { q: 'AI', text: '🤖AI 시대', match: true, spans: ['x:AI'], why: 'after a surrogate pair' },

  // Boolean structure, scopes.
  { q: '카카오 퇴사', title: '카카오 대표', text: '퇴사 소식', match: true, spans: ['t:카카오', 'x:퇴사'], why: 'AND across fields' },
  { q: '카카오 퇴사', text: '카카오 실적 발표', match: false, why: 'AND needs both' },
  { q: '카카오 OR 네이버', text: '네이버 검색', match: true, spans: ['x:네이버'], why: 'OR' },
  { q: '카카오 -퇴근', text: '카카오 직원 퇴근 시간', match: false, why: 'negated term present' },
  { q: '카카오 -퇴근', text: '카카오 직원 퇴사', match: true, spans: ['x:카카오'], why: 'negated term absent, contributes no span' },
  { q: '카카오 NOT 퇴근', text: '카카오 직원 퇴근 시간', match: false, why: 'NOT keyword' },
  { q: '(카카오 OR 네이버) 퇴사', text: '네이버 임원 퇴사', match: true, spans: ['x:네이버', 'x:퇴사'], why: 'group' },
  { q: '카카오 퇴사|사임', text: '카카오 대표 사임', match: true, spans: ['x:카카오', 'x:사임'], why: 'inline alias' },
  { q: '카카오 퇴사 OR 사임', text: '대표 사임', match: true, spans: ['x:사임'], why: 'AND binds tighter than OR' },
  { q: 'machine learning', text: 'learning machine', match: true, spans: ['x:learning', 'x:machine'], why: 'AND of words in any order' },
  { q: 'title:카카오', title: '카카오 대표 사임', text: '', match: true, spans: ['t:카카오'], why: 'title scope' },
  { q: 'title:카카오', title: '대표 사임', text: '카카오 대표', match: false, why: 'title scope ignores the text' },
  { q: '네이버', title: '네이버 실적', text: '네이버가 발표', match: true, spans: ['t:네이버', 'x:네이버'], why: 'spans in both fields' },
  {
    q: '카카오 OR 카카오브레인',
    text: '카카오브레인 발표',
    match: true,
    spans: ['x:카카오', 'x:카카오브레인'],
    why: 'overlapping keywords both found',
  },
  {
    q: 'source:연합뉴스 퇴사',
    text: '임원 퇴사',
    source: '연합뉴스',
    match: true,
    spans: ['x:퇴사'],
    why: 'source scope, source not highlighted',
  },
  { q: 'source:연합뉴스 퇴사', text: '임원 퇴사', source: '뉴시스', match: false, why: 'other source' },
  { q: '-title:광고 카카오', title: '[광고] 카카오', text: '카카오', match: false, why: 'negated title term' },
  {
    q: '-title:광고 카카오',
    title: '카카오 소식',
    text: '광고 카카오',
    match: true,
    spans: ['t:카카오', 'x:카카오'],
    why: 'negated title term only looks at the title',
  },
];

function expectedSpans(c: Case): MatchSpan[] {
  const cursor = { title: 0, text: 0 };
  const last = { title: '', text: '' };
  return (c.spans ?? []).map((s) => {
    const field = s.startsWith('t:') ? 'title' : 'text';
    const needle = s.slice(2);
    const haystack = (field === 'title' ? c.title : c.text) ?? '';
    // Spans may start at the same place (overlapping keywords), never twice the same span.
    let start = haystack.indexOf(needle, cursor[field]);
    if (start >= 0 && last[field] === `${start}:${needle}`) start = haystack.indexOf(needle, start + 1);
    if (start < 0) throw new Error(`bad test case: ${needle} not in ${field} of ${c.q}`);
    cursor[field] = start;
    last[field] = `${start}:${needle}`;
    return { field, start, end: start + needle.length };
  });
}

describe('matching rules table', () => {
  it('has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES.map((c) => [`${c.q} ⟶ ${JSON.stringify(c.title ?? '')} / ${JSON.stringify(c.text ?? '')} (${c.why})`, c] as const))(
    '%s',
    (_name, c) => {
      const matcher = compileWatchlists([{ id: 7, query: c.q }]);
      expect(matcher.errors).toEqual([]);
      const result = matcher.match({ title: c.title ?? '', text: c.text ?? '', source: c.source });
      if (!c.match) {
        expect(result).toEqual([]);
        return;
      }
      expect(result).toEqual([{ watchlistId: 7, spans: expectedSpans(c) }]);
    },
  );
});
