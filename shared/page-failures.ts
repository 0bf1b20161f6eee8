/**
 * Why an article's own page gave no body (full-text monitoring, issue 11). The article keeps its
 * feed text in every case; the reason is recorded on it and shown in the article view and in
 * `nunchi parse --full-text`, in the user's language, like the feed errors of `errors.ts`.
 */
import type { Locale } from './errors';

export const PAGE_FAILURE_MESSAGES = {
  'page.invalid_url': {
    ko: '기사 주소가 올바른 http(s) 주소가 아닙니다.',
    en: 'The article address is not a valid http(s) URL.',
  },
  'page.robots_disallowed': {
    ko: '사이트의 robots.txt가 이 페이지를 가져오지 못하게 합니다.',
    en: 'The site’s robots.txt does not allow fetching this page.',
  },
  'page.robots_unavailable': {
    ko: '사이트의 robots.txt를 읽을 수 없어 잠시 뒤에 다시 시도합니다.',
    en: 'The site’s robots.txt could not be read; Nunchi will try again later.',
  },
  'page.not_html': {
    ko: '기사 주소가 웹 페이지가 아니라 다른 파일(PDF, 이미지 등)입니다.',
    en: 'The article address is not a web page but another kind of file (PDF, image …).',
  },
  'page.not_found': {
    ko: '기사 페이지를 찾을 수 없습니다 (404). 삭제되었거나 주소가 바뀌었을 수 있습니다.',
    en: 'The article page was not found (404). It may have been removed or moved.',
  },
  'page.gone': {
    ko: '기사 페이지가 삭제되었습니다 (410).',
    en: 'The article page has been removed (410).',
  },
  'page.login_required': {
    ko: '기사 페이지가 로그인 또는 유료 구독 페이지로 이동합니다.',
    en: 'The article page leads to a login or subscription page.',
  },
  'page.forbidden': {
    ko: '사이트가 기사 페이지 접근을 거부했습니다 (401/403).',
    en: 'The site denied access to the article page (401/403).',
  },
  'page.no_article': {
    ko: '페이지에서 기사 본문을 찾지 못했습니다. 피드의 글을 그대로 씁니다.',
    en: 'No article text could be found on the page; the feed’s text is kept.',
  },
  'page.too_large': {
    ko: '기사 페이지가 너무 큽니다 (5 MiB 초과).',
    en: 'The article page is too large (over 5 MiB).',
  },
  'page.timeout': {
    ko: '기사 페이지가 제시간에 응답하지 않았습니다.',
    en: 'The article page did not answer in time.',
  },
  'page.network': {
    ko: '네트워크 오류로 기사 페이지를 가져오지 못했습니다.',
    en: 'A network error prevented fetching the article page.',
  },
  'page.server_error': {
    ko: '기사 페이지의 서버에 오류가 있습니다. 나중에 다시 시도합니다.',
    en: 'The article page’s server had an error; Nunchi will try again later.',
  },
  'page.rate_limited': {
    ko: '요청이 너무 많다고 사이트가 응답했습니다. 나중에 다시 시도합니다.',
    en: 'The site says there were too many requests; Nunchi will try again later.',
  },
  'page.bad_redirect': {
    ko: '기사 페이지가 허용되지 않은 주소로 이동하거나 리디렉션이 너무 많습니다.',
    en: 'The article page redirects to a refused address or redirects too often.',
  },
  'page.too_old': {
    ko: '48시간보다 오래된 기사라 원문을 가져오지 않았습니다. 기사를 열면 가져옵니다.',
    en: 'The article is older than 48 hours, so its page was not fetched; opening it fetches it.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type PageFailureCode = keyof typeof PAGE_FAILURE_MESSAGES;

export function pageFailureMessage(code: PageFailureCode, locale: Locale): string {
  return PAGE_FAILURE_MESSAGES[code][locale];
}

export function isPageFailureCode(value: string): value is PageFailureCode {
  return Object.hasOwn(PAGE_FAILURE_MESSAGES, value);
}
