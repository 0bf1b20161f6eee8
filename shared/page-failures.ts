/**
 * Why an article's own page gave no body (full-text monitoring, issue 11). The article keeps its
 * feed text in every case; the reason is recorded on it and shown in the article view and in
 * `nunchi parse --full-text`, in the user's language: the words are the `page.*` messages of
 * shared/messages (`page.too_large` takes the size cap in `mebibytes`, `page.too_old` the age
 * limit in `hours`).
 */
import { translate, type Locale, type MessageArgs, type MessageKey } from './messages';

export const PAGE_FAILURE_CODES = [
  'page.invalid_url',
  'page.robots_disallowed',
  'page.robots_unavailable',
  'page.not_html',
  'page.not_found',
  'page.gone',
  'page.login_required',
  'page.forbidden',
  'page.no_article',
  'page.too_large',
  'page.timeout',
  'page.network',
  'page.server_error',
  'page.rate_limited',
  'page.bad_redirect',
  'page.private_address',
  'page.too_old',
] as const satisfies readonly MessageKey[];

export type PageFailureCode = (typeof PAGE_FAILURE_CODES)[number];

export function pageFailureMessage(code: PageFailureCode, locale: Locale, args?: MessageArgs): string {
  return translate(locale, code, args);
}

export function isPageFailureCode(value: string): value is PageFailureCode {
  return (PAGE_FAILURE_CODES as readonly string[]).includes(value);
}
