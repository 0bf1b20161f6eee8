/**
 * Query errors a user sees while typing a watchlist: a message key, the message in Korean and
 * English, and where (1-based column counted in characters as the user sees them, i.e. grapheme
 * clusters, so 카 is one column and an emoji with a skin tone is one column).
 */
import type { Locale } from '../errors';

export interface QueryError {
  key: QueryErrorKey;
  message: Record<Locale, string>;
  /** 1-based column where the problem is; one past the last character for "missing …" at the end. */
  column: number;
  /** Columns the problem covers (0 for a point, e.g. the end of the query). */
  length: number;
}

export const QUERY_ERROR_MESSAGES = {
  'query.empty': {
    ko: '검색어를 입력하세요.',
    en: 'The query is empty.',
  },
  'query.too_long': {
    ko: '검색어가 너무 깁니다 ({max}자까지).',
    en: 'The query is too long (at most {max} characters).',
  },
  'query.too_deep': {
    ko: '{column}번째 글자: 괄호가 너무 깊게 중첩되었습니다.',
    en: 'Parentheses are nested too deeply at column {column}.',
  },
  'query.unterminated_quote': {
    ko: '{column}번째 글자에서 연 따옴표가 닫히지 않았습니다.',
    en: 'The quote opened at column {column} is never closed.',
  },
  'query.empty_phrase': {
    ko: '{column}번째 글자의 따옴표 안이 비어 있습니다.',
    en: 'The quotes at column {column} are empty.',
  },
  'query.missing_close_paren': {
    ko: '{column}번째 글자에 닫는 괄호 )가 빠졌습니다.',
    en: 'Missing ) at column {column}.',
  },
  'query.unexpected_close_paren': {
    ko: '{column}번째 글자의 )에 짝이 되는 (가 없습니다.',
    en: 'The ) at column {column} has no matching (.',
  },
  'query.empty_group': {
    ko: '{column}번째 글자의 괄호 안이 비어 있습니다.',
    en: 'The parentheses at column {column} are empty.',
  },
  'query.operator_missing_left': {
    ko: '{column}번째 글자의 {token} 앞에 검색어가 없습니다.',
    en: '{token} at column {column} has no term before it.',
  },
  'query.operator_missing_right': {
    ko: '{column}번째 글자의 {token} 뒤에 검색어가 없습니다.',
    en: '{token} at column {column} has no term after it.',
  },
  'query.negation_missing_term': {
    ko: '{column}번째 글자의 {token} 뒤에 제외할 검색어가 없습니다 (예: -퇴근, NOT 퇴근).',
    en: '{token} at column {column} has no term to exclude after it (e.g. -퇴근, NOT 퇴근).',
  },
  'query.scope_missing_term': {
    ko: '{column}번째 글자의 {token} 바로 뒤에 검색어를 붙여 쓰세요 (예: title:퇴사).',
    en: 'Write the term right after {token} at column {column}, without a space (e.g. title:퇴사).',
  },
  'query.scope_nested': {
    ko: '{column}번째 글자의 {token}는 다른 범위 지정 안에 쓸 수 없습니다.',
    en: '{token} at column {column} cannot be used inside another scope.',
  },
  'query.wildcard_misplaced': {
    ko: '{column}번째 글자: *는 영문 단어의 맨 앞이나 맨 뒤에만 쓸 수 있습니다.',
    en: 'At column {column}: * can only stand at the start or the end of a word.',
  },
  'query.regex_unsupported': {
    ko: '{column}번째 글자: 정규식(/…/, ^…$, […], \\w 등)은 지원하지 않습니다. 글자 그대로 찾으려면 따옴표로 감싸세요.',
    en: 'At column {column}: regular expressions (/…/, ^…$, […], \\w …) are not supported; put the text in quotes to find it as written.',
  },
  'query.only_negative': {
    ko: '제외할 검색어만으로는 알림을 만들 수 없습니다. 찾을 검색어를 하나 이상 넣으세요.',
    en: 'A query needs at least one term to look for, not only terms to exclude.',
  },
  'query.term_empty': {
    ko: '{column}번째 글자의 검색어에는 찾을 수 있는 글자가 없습니다.',
    en: 'The term at column {column} has no characters that can be searched for.',
  },
  'query.unexpected_token': {
    ko: '{column}번째 글자의 {token}는 여기에 올 수 없습니다.',
    en: '{token} is not expected at column {column}.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type QueryErrorKey = keyof typeof QUERY_ERROR_MESSAGES;

type Segmenter = { segment(input: string): Iterable<unknown> };
let segmenter: Segmenter | null | undefined;

function graphemeSegmenter(): Segmenter | null {
  if (segmenter === undefined) {
    const Ctor = (Intl as unknown as { Segmenter?: new (locale: string, options: object) => Segmenter }).Segmenter;
    segmenter = Ctor ? new Ctor('ko', { granularity: 'grapheme' }) : null;
  }
  return segmenter;
}

/** Number of user-perceived characters in `s` (code points where Intl.Segmenter is missing). */
export function graphemeCount(s: string): number {
  const seg = graphemeSegmenter();
  let n = 0;
  if (seg) for (const _ of seg.segment(s)) n++;
  else for (const _ of s) n++;
  return n;
}

/** A positioned error; `offset`/`end` are UTF-16 offsets into `src`. */
export function queryError(
  key: QueryErrorKey,
  src: string,
  offset: number,
  end: number,
  params: { token?: string; max?: number } = {},
): QueryError {
  const column = graphemeCount(src.slice(0, offset)) + 1;
  const length = graphemeCount(src.slice(offset, end));
  const template = QUERY_ERROR_MESSAGES[key];
  const fill = (t: string): string =>
    t
      .replaceAll('{column}', String(column))
      .replaceAll('{token}', params.token ?? '')
      .replaceAll('{max}', String(params.max ?? ''));
  return { key, message: { ko: fill(template.ko), en: fill(template.en) }, column, length };
}
