import { describe, expect, it } from 'vitest';
import { parseQuery, printQuery, MAX_QUERY_DEPTH, type QueryNode, type TermNode } from '../../../shared/query';
import { CATALOGUES, formatMessage } from '../../../shared/messages';

function term(text: string, extra: Partial<TermNode> = {}): TermNode {
  return { type: 'term', text, phrase: false, field: 'all', prefixWildcard: false, suffixWildcard: false, ...extra };
}

function parsed(src: string): QueryNode {
  const r = parseQuery(src);
  if (!r.ok) throw new Error(`expected ${src} to parse, got ${r.error.key} at ${r.error.column}`);
  return r.query;
}

function failure(src: string) {
  const r = parseQuery(src);
  if (r.ok) throw new Error(`expected ${src} to fail, got ${printQuery(r.query)}`);
  return r.error;
}

describe('parseQuery: structure', () => {
  it('reads a single Hangul term', () => {
    expect(parsed('카카오브레인')).toEqual(term('카카오브레인'));
  });

  it('reads a quoted phrase, collapsing white space, with ASCII or typographic quotes', () => {
    expect(parsed('"카카오   브레인"')).toEqual(term('카카오 브레인', { phrase: true }));
    expect(parsed('“카카오 브레인”')).toEqual(term('카카오 브레인', { phrase: true }));
    expect(parsed('"카카오브레인"')).toEqual(term('카카오브레인', { phrase: true }));
  });

  it('treats a space as AND, and AND as an explicit no-op', () => {
    const expected = { type: 'and', children: [term('카카오'), term('퇴사')] };
    expect(parsed('카카오 퇴사')).toEqual(expected);
    expect(parsed('카카오 AND 퇴사')).toEqual(expected);
    expect(parsed('카카오　퇴사')).toEqual(expected); // ideographic space
  });

  it('binds AND tighter than OR, and | (inline alias) tighter than AND', () => {
    expect(parsed('카카오 퇴사 OR 사임')).toEqual({
      type: 'or',
      children: [{ type: 'and', children: [term('카카오'), term('퇴사')] }, term('사임')],
    });
    expect(parsed('카카오 퇴사|사임')).toEqual({
      type: 'and',
      children: [term('카카오'), { type: 'or', children: [term('퇴사'), term('사임')] }],
    });
    expect(parsed('카카오 퇴사 | 사임')).toEqual(parsed('카카오 퇴사|사임'));
  });

  it('only treats upper-case OR / AND / NOT as operators', () => {
    expect(parsed('rock or roll')).toEqual({ type: 'and', children: [term('rock'), term('or'), term('roll')] });
    expect(parsed('a ORACLE')).toEqual({ type: 'and', children: [term('a'), term('ORACLE')] });
  });

  it('reads negation with - and NOT', () => {
    const expected = { type: 'and', children: [term('카카오'), { type: 'not', child: term('퇴근') }] };
    expect(parsed('카카오 -퇴근')).toEqual(expected);
    expect(parsed('카카오 NOT 퇴근')).toEqual(expected);
    expect(parsed('카카오 -"칼 퇴근"')).toEqual({
      type: 'and',
      children: [term('카카오'), { type: 'not', child: term('칼 퇴근', { phrase: true }) }],
    });
  });

  it('keeps a hyphen inside a word as part of the word', () => {
    expect(parsed('GPT-4 Ko-GPT')).toEqual({ type: 'and', children: [term('GPT-4'), term('Ko-GPT')] });
  });

  it('flattens parentheses and nested operators of the same kind', () => {
    expect(parsed('((카카오))')).toEqual(term('카카오'));
    expect(parsed('a (b c) (d (e f))')).toEqual({ type: 'and', children: ['a', 'b', 'c', 'd', 'e', 'f'].map((t) => term(t)) });
    expect(parsed('a OR (b OR c)')).toEqual({ type: 'or', children: [term('a'), term('b'), term('c')] });
  });

  it('reads scopes, their Korean names, case-insensitively, and distributes them over groups', () => {
    expect(parsed('title:퇴사')).toEqual(term('퇴사', { field: 'title' }));
    expect(parsed('Title:퇴사')).toEqual(term('퇴사', { field: 'title' }));
    expect(parsed('제목:퇴사')).toEqual(term('퇴사', { field: 'title' }));
    expect(parsed('intitle:퇴사')).toEqual(term('퇴사', { field: 'title' }));
    expect(parsed('source:연합뉴스')).toEqual(term('연합뉴스', { field: 'source' }));
    expect(parsed('출처:연합뉴스')).toEqual(term('연합뉴스', { field: 'source' }));
    expect(parsed('title:"카카오 브레인"')).toEqual(term('카카오 브레인', { field: 'title', phrase: true }));
    expect(parsed('title:(퇴사 OR 사임)')).toEqual({
      type: 'or',
      children: [term('퇴사', { field: 'title' }), term('사임', { field: 'title' })],
    });
    expect(parsed('-title:광고 카카오')).toEqual({
      type: 'and',
      children: [{ type: 'not', child: term('광고', { field: 'title' }) }, term('카카오')],
    });
  });

  it('reads a colon that is not a known scope as part of the word', () => {
    expect(parsed('10:30')).toEqual(term('10:30'));
    expect(parsed('foo:bar')).toEqual(term('foo:bar'));
  });

  it('reads leading and trailing wildcards', () => {
    expect(parsed('*LLM')).toEqual(term('LLM', { prefixWildcard: true }));
    expect(parsed('GPT*')).toEqual(term('GPT', { suffixWildcard: true }));
    expect(parsed('*GPT*')).toEqual(term('GPT', { prefixWildcard: true, suffixWildcard: true }));
  });

  it('accepts a double negation that still needs a positive term', () => {
    expect(parsed('-(-카카오)')).toEqual({ type: 'not', child: { type: 'not', child: term('카카오') } });
  });
});

describe('parseQuery: errors are positioned, in Korean and English, and never thrown', () => {
  const cases: Array<{ src: string; key: string; column: number; length: number }> = [
    // The example. Columns count characters as the user sees them: "(카카오 OR" has 7,
    // so the missing ) belongs at column 8, just past the end.
    { src: '(카카오 OR', key: 'query.missing_close_paren', column: 8, length: 0 },
    { src: '(카카오 퇴사', key: 'query.missing_close_paren', column: 8, length: 0 },
    { src: '((a)', key: 'query.missing_close_paren', column: 5, length: 0 },
    { src: '', key: 'query.empty', column: 1, length: 0 },
    { src: '   ', key: 'query.empty', column: 1, length: 0 },
    { src: 'OR', key: 'query.operator_missing_left', column: 1, length: 2 },
    { src: 'OR 카카오', key: 'query.operator_missing_left', column: 1, length: 2 },
    { src: '카카오 OR', key: 'query.operator_missing_right', column: 5, length: 2 },
    { src: '카카오 OR OR 네이버', key: 'query.operator_missing_right', column: 5, length: 2 },
    { src: '카카오 AND', key: 'query.operator_missing_right', column: 5, length: 3 },
    { src: '| 카카오', key: 'query.operator_missing_left', column: 1, length: 1 },
    { src: '카카오 |', key: 'query.operator_missing_right', column: 5, length: 1 },
    { src: '-', key: 'query.negation_missing_term', column: 1, length: 1 },
    { src: '카카오 - 퇴근', key: 'query.negation_missing_term', column: 5, length: 1 },
    { src: '카카오 NOT', key: 'query.negation_missing_term', column: 5, length: 3 },
    { src: '"카카오 브레인', key: 'query.unterminated_quote', column: 1, length: 8 },
    { src: '카카오 "브레인', key: 'query.unterminated_quote', column: 5, length: 4 },
    { src: '카카오 ""', key: 'query.empty_phrase', column: 5, length: 2 },
    { src: 'title:', key: 'query.scope_missing_term', column: 1, length: 6 },
    { src: '카카오 title: 퇴사', key: 'query.scope_missing_term', column: 5, length: 6 },
    { src: 'title:source:연합', key: 'query.scope_nested', column: 7, length: 7 },
    { src: '()', key: 'query.empty_group', column: 1, length: 2 },
    { src: '카카오)', key: 'query.unexpected_close_paren', column: 4, length: 1 },
    { src: 'G*T', key: 'query.wildcard_misplaced', column: 2, length: 1 },
    { src: '*', key: 'query.wildcard_misplaced', column: 1, length: 1 },
    { src: '/(a+)+$/', key: 'query.regex_unsupported', column: 1, length: 8 },
    { src: '카카오 /브레인/i', key: 'query.regex_unsupported', column: 5, length: 6 },
    // Regex syntax without slashes would otherwise be searched for as text and match nothing.
    { src: '^카카오$', key: 'query.regex_unsupported', column: 1, length: 5 },
    { src: '[카카오]', key: 'query.regex_unsupported', column: 1, length: 5 },
    { src: 'Ko\\w+', key: 'query.regex_unsupported', column: 1, length: 5 },
    { src: '퇴사 title:^카카오', key: 'query.regex_unsupported', column: 10, length: 4 },
    { src: '카카오.* OR 네이버', key: 'query.regex_unsupported', column: 1, length: 5 },
    { src: '-퇴근', key: 'query.only_negative', column: 1, length: 3 },
    { src: '카카오 OR -퇴근', key: 'query.only_negative', column: 1, length: 10 },
    { src: '-(카카오 -퇴근)', key: 'query.only_negative', column: 1, length: 10 },
    { src: '\u200B', key: 'query.term_empty', column: 1, length: 1 },
    // Grapheme clusters: a flag or a skin-toned emoji is one column.
    { src: '👍🏽 OR', key: 'query.operator_missing_right', column: 3, length: 2 },
    { src: '🇰🇷 (카카오', key: 'query.missing_close_paren', column: 7, length: 0 },
  ];

  it.each(cases)('$src → $key at column $column', ({ src, key, column, length }) => {
    const error = failure(src);
    expect(error.key).toBe(key);
    expect(error.column).toBe(column);
    expect(error.length).toBe(length);
    expect(formatMessage('ko', error).length).toBeGreaterThan(0);
    expect(formatMessage('en', error).length).toBeGreaterThan(0);
    if (CATALOGUES.en[error.key].includes('{column}')) {
      expect(formatMessage('en', error)).toContain(`column ${column}`);
      expect(formatMessage('ko', error)).toContain(`${column}번째`);
    }
  });

  it('says "Missing ) at column N" for an unclosed group', () => {
    expect(formatMessage('en', failure('(카카오 OR'))).toBe('Missing ) at column 8.');
    expect(formatMessage('ko', failure('(카카오 OR'))).toBe('8번째 글자에 닫는 괄호 )가 빠졌습니다.');
  });

  it('names the offending operator in the message', () => {
    expect(formatMessage('en', failure('카카오 OR'))).toBe('OR at column 5 has no term after it.');
    expect(formatMessage('en', failure('title: 퇴사'))).toContain('title:');
  });

  it('refuses a catastrophic-backtracking regex at once instead of running it', () => {
    const started = performance.now();
    const error = failure('/(a+)+$/ aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!');
    expect(error.key).toBe('query.regex_unsupported');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('limits nesting instead of overflowing the stack', () => {
    const deep = '('.repeat(MAX_QUERY_DEPTH + 5) + 'a' + ')'.repeat(MAX_QUERY_DEPTH + 5);
    expect(failure(deep).key).toBe('query.too_deep');
    expect(failure('-'.repeat(5000) + 'a').key).toMatch(/query\.(too_deep|too_long)/);
    expect(failure('-'.repeat(MAX_QUERY_DEPTH + 2) + 'a').key).toBe('query.too_deep');
    const ok = '('.repeat(MAX_QUERY_DEPTH - 1) + 'a' + ')'.repeat(MAX_QUERY_DEPTH - 1);
    expect(parsed(ok)).toEqual(term('a'));
  });

  it('refuses an overly long query', () => {
    expect(failure('카카오 '.repeat(600)).key).toBe('query.too_long');
  });

  it('never throws, whatever the input (deterministic fuzz)', () => {
    const alphabet = [
      '카',
      '오',
      'a',
      'I',
      ' ',
      '(',
      ')',
      '"',
      '“',
      '-',
      '|',
      '*',
      ':',
      'OR',
      'AND',
      'NOT',
      'title:',
      'source:',
      '/',
      '\\',
      '\u200B',
      '👍🏽',
      '\u3000',
    ];
    let seed = 12345;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let n = 0; n < 3000; n++) {
      let src = '';
      const len = Math.floor(rand() * 12);
      for (let i = 0; i < len; i++) src += alphabet[Math.floor(rand() * alphabet.length)];
      const r = parseQuery(src);
      if (r.ok) {
        // Whatever parses must round-trip through the printer.
        expect(parseQuery(printQuery(r.query))).toEqual(r);
      } else {
        expect(r.error.column).toBeGreaterThanOrEqual(1);
        expect(r.error.column).toBeLessThanOrEqual([...src].length + 1);
        expect(r.error.length).toBeGreaterThanOrEqual(0);
        expect(CATALOGUES.en[r.error.key]).toBeDefined();
      }
    }
  });
});

describe('printQuery', () => {
  it.each([
    ['카카오브레인', '카카오브레인'],
    ['카카오   퇴사', '카카오 퇴사'],
    ['카카오 AND 퇴사', '카카오 퇴사'],
    ['카카오 퇴사 OR 사임', '(카카오 퇴사) OR 사임'],
    ['카카오 퇴사|사임', '카카오 (퇴사 OR 사임)'],
    ['a | b', 'a OR b'],
    ['((a))', 'a'],
    ['“카카오   브레인”', '"카카오 브레인"'],
    ['카카오 NOT 퇴근', '카카오 -퇴근'],
    ['카카오 -(퇴근 OR 야근)', '카카오 -(퇴근 OR 야근)'],
    ['카카오 -(퇴근 야근)', '카카오 -(퇴근 야근)'],
    ['title:(퇴사 OR 사임) 카카오', '(title:퇴사 OR title:사임) 카카오'],
    ['제목:퇴사 출처:연합뉴스', 'title:퇴사 source:연합뉴스'],
    ['*LLM GPT* *a*', '*LLM GPT* *a*'],
    ['-(-카카오)', '--카카오'],
    ['-title:"칼 퇴근" 카카오', '-title:"칼 퇴근" 카카오'],
  ])('%s → %s', (src, printed) => {
    expect(printQuery(parsed(src))).toBe(printed);
  });

  const roundTrip = [
    '카카오브레인',
    '"카카오 브레인"',
    '카카오 퇴사',
    '카카오 OR 네이버',
    '카카오 퇴사 OR 사임',
    '카카오 퇴사|사임|해임',
    '(카카오 OR 네이버) (퇴사 OR 사임) -퇴근',
    '카카오 NOT (퇴근 OR "칼 퇴근")',
    'title:퇴사 source:연합뉴스',
    'title:(퇴사 OR 사임) -source:광고',
    '*LLM OR GPT* OR *GPT*',
    'AI -"A.I." KoGPT GPT-4 삼성SDS',
    'a (b OR (c d) OR (e (f OR g)))',
    '-(-(a))',
    '((a OR b) (c OR d)) OR (e f)',
    '“curly” "straight"',
    '10:30 foo:bar C++ .NET',
    'or and not Or',
    '*-x *title:x',
  ];

  it.each(roundTrip)('round-trips %s', (src) => {
    const first = parseQuery(src);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const printed = printQuery(first.query);
    expect(parseQuery(printed)).toEqual(first);
    // Printing is canonical: printing the re-parsed query gives the same text.
    const second = parseQuery(printed);
    if (second.ok) expect(printQuery(second.query)).toBe(printed);
  });
});

describe('parseQuery: words that only look a little like regex syntax stay words', () => {
  it.each(['C++', 'Node.js', '$AAPL', 'A.I.', '"^카카오$"', '"[단독]" 카카오', 'ko-GPT', '10%'])('%s parses', (src) => {
    expect(parseQuery(src).ok).toBe(true);
  });
});
