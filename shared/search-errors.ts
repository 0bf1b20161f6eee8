/**
 * What a person reads when a news-search source fails (Google News search, the Naver News API),
 * in Korean and English. The engine keeps the technical cause next to it (SearchError.detail),
 * never the words alone. Kept apart from the feed errors: these name the search engine and say
 * what to do about a key or a quota, which no feed has.
 */
import type { Locale } from './errors';

export const SEARCH_ERROR_MESSAGES = {
  'search.key_missing': {
    ko: '네이버 검색 API 키가 없습니다. 네이버 개발자 센터에서 받은 Client ID와 Client Secret을 설정에 입력하세요.',
    en: 'No Naver Search API key is set. Enter the Client ID and Client Secret from the Naver Developers console in Settings.',
  },
  'search.bad_key': {
    ko: '네이버가 API 키를 거부했습니다 (401/403). Client ID와 Secret, 그리고 애플리케이션에 ‘검색’ API가 추가되어 있는지 확인하세요.',
    en: 'Naver refused the API key (401/403). Check the Client ID and Secret, and that the Search API is enabled for the application.',
  },
  'search.quota_exhausted': {
    ko: '오늘의 네이버 검색 API 호출 한도(하루 25,000회)를 다 썼습니다. 한국 시간 자정에 다시 검색합니다.',
    en: 'Today’s Naver Search API quota (25,000 calls a day) is used up. Searching resumes at midnight Korea time.',
  },
  'search.rate_limited': {
    ko: '검색 서비스가 요청이 너무 잦다고 응답했습니다. 간격을 늘려 다시 시도합니다.',
    en: 'The search service says there were too many requests. Nunchi will try again, less often.',
  },
  'search.blocked': {
    ko: 'Google 뉴스가 자동 요청으로 보고 검색을 막았습니다 (403 또는 보안 확인 페이지). 한동안 기다렸다가 다시 시도합니다.',
    en: 'Google News blocked the search as automated traffic (403 or a captcha page). Nunchi will wait a while and try again.',
  },
  'search.server_error': {
    ko: '검색 서비스에 내부 오류가 났습니다 (5xx). 나중에 다시 시도합니다.',
    en: 'The search service had an internal error (5xx). Nunchi will try again later.',
  },
  'search.timeout': {
    ko: '검색 서비스가 제시간에 응답하지 않았습니다.',
    en: 'The search service did not answer in time.',
  },
  'search.network': {
    ko: '네트워크 오류로 검색 서비스에 연결하지 못했습니다. 인터넷 연결을 확인하세요.',
    en: 'A network error prevented reaching the search service. Check your internet connection.',
  },
  'search.malformed': {
    ko: '검색 서비스의 응답을 읽을 수 없습니다 (형식이 예상과 다릅니다).',
    en: 'The search service’s answer could not be read (it is not in the expected format).',
  },
  'search.query_rejected': {
    ko: '검색 서비스가 검색어를 거부했습니다 (400). 감시 목록의 검색어를 단순하게 바꿔 보세요.',
    en: 'The search service rejected the query (400). Try a simpler watchlist query.',
  },
  'search.unexpected_status': {
    ko: '검색 서비스가 예상하지 못한 응답을 보냈습니다. 검색 서비스 주소 설정을 확인하세요.',
    en: 'The search service sent an unexpected response. Check the search service address setting.',
  },
  'search.invalid_base_url': {
    ko: '검색 서비스 주소 설정이 올바른 http(s) 주소가 아닙니다.',
    en: 'The search service address setting is not a valid http(s) address.',
  },
  'search.untranslatable': {
    ko: '이 감시 목록의 검색어에는 뉴스 검색으로 찾을 수 있는 단어가 없습니다 (출처 조건이나 제외어만 있습니다).',
    en: 'This watchlist’s query has no words a news search can look for (only source conditions or exclusions).',
  },
  'search.too_many_alternatives': {
    ko: '검색어의 OR 조합이 너무 많아 네이버 검색으로 옮길 수 없습니다. OR로 묶은 단어를 줄여 보세요.',
    en: 'The query has too many OR alternatives to run on Naver search. Try fewer alternatives.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type SearchErrorCode = keyof typeof SEARCH_ERROR_MESSAGES;

export function searchErrorMessage(code: SearchErrorCode, locale: Locale): string {
  return SEARCH_ERROR_MESSAGES[code][locale];
}
