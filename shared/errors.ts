/**
 * Every failure a user can see is a message key plus the technical detail, as in Miniflux:
 * the user reads words in their language, the log keeps the cause.
 */
export type Locale = 'ko' | 'en';

export const FEED_ERROR_MESSAGES = {
  'error.invalid_url': {
    ko: '피드 주소가 올바르지 않습니다.',
    en: 'The feed address is not a valid URL.',
  },
  'error.unsupported_scheme': {
    ko: 'http 또는 https 주소만 구독할 수 있습니다.',
    en: 'Only http and https addresses can be followed.',
  },
  'error.network_dns': {
    ko: '서버 이름을 찾을 수 없습니다. 주소나 인터넷 연결을 확인하세요.',
    en: 'The server name could not be found. Check the address or your internet connection.',
  },
  'error.network_refused': {
    ko: '서버가 연결을 거부했습니다.',
    en: 'The server refused the connection.',
  },
  'error.network': {
    ko: '네트워크 오류로 피드를 가져오지 못했습니다.',
    en: 'A network error prevented fetching the feed.',
  },
  'error.tls': {
    ko: '서버의 보안 인증서를 확인할 수 없습니다.',
    en: 'The server’s security certificate could not be verified.',
  },
  'error.timeout': {
    ko: '서버가 제시간에 응답하지 않았습니다 (20초 초과).',
    en: 'The server did not answer in time (over 20 seconds).',
  },
  'error.too_many_redirects': {
    ko: '리디렉션이 너무 많습니다 (순환 리디렉션일 수 있습니다).',
    en: 'Too many redirects (possibly a redirect loop).',
  },
  'error.redirect_unsafe': {
    ko: '서버가 허용되지 않은 주소로 리디렉션했습니다.',
    en: 'The server redirected to an address that is not allowed.',
  },
  'error.http_not_found': {
    ko: '피드를 찾을 수 없습니다 (404). 주소가 바뀌었을 수 있습니다.',
    en: 'The feed was not found (404). Its address may have changed.',
  },
  'error.http_gone': {
    ko: '피드가 영구적으로 삭제되었습니다 (410).',
    en: 'The feed has been removed permanently (410).',
  },
  'error.http_forbidden': {
    ko: '서버가 접근을 거부했습니다 (401/403). User-Agent 설정을 바꿔 보세요.',
    en: 'The server denied access (401/403). Try changing the User-Agent setting.',
  },
  'error.http_too_many_requests': {
    ko: '요청이 너무 많다고 서버가 응답했습니다. 나중에 다시 시도합니다.',
    en: 'The server says there were too many requests. Nunchi will try again later.',
  },
  'error.http_unavailable': {
    ko: '서버를 일시적으로 사용할 수 없습니다. 나중에 다시 시도합니다.',
    en: 'The server is temporarily unavailable. Nunchi will try again later.',
  },
  'error.http_server_error': {
    ko: '서버 내부 오류가 발생했습니다 (5xx).',
    en: 'The server had an internal error (5xx).',
  },
  'error.http_unexpected_status': {
    ko: '서버가 예상하지 못한 응답을 보냈습니다.',
    en: 'The server sent an unexpected response.',
  },
  'error.response_too_large': {
    ko: '피드가 너무 큽니다 (15 MiB 초과).',
    en: 'The feed is too large (over 15 MiB).',
  },
  'error.bad_compression': {
    ko: '서버가 보낸 압축 데이터가 손상되었습니다.',
    en: 'The compressed data sent by the server is corrupt.',
  },
  'error.empty_body': {
    ko: '서버가 빈 응답을 보냈습니다.',
    en: 'The server sent an empty response.',
  },
  'error.not_a_feed': {
    ko: '이 주소는 피드가 아니라 웹 페이지입니다.',
    en: 'This address is a web page, not a feed.',
  },
  'error.malformed_feed': {
    ko: '피드의 XML 형식이 손상되어 읽을 수 없습니다.',
    en: 'The feed’s XML is broken and cannot be read.',
  },
  'error.unsafe_xml': {
    ko: '피드에 허용되지 않는 XML 선언(DTD 엔티티)이 있어 거부했습니다.',
    en: 'The feed contains XML entity declarations that are not allowed, so it was refused.',
  },
  'error.invalid_opml': {
    ko: 'OPML 파일이 아닙니다. 다른 리더에서 내보낸 OPML(.opml, .xml) 파일을 선택하세요.',
    en: 'This is not an OPML file. Choose an OPML (.opml, .xml) file exported from another reader.',
  },
  'error.opml_not_a_feed': {
    ko: '피드가 아니라 웹 페이지나 다른 OPML 파일을 가리키는 항목입니다.',
    en: 'This entry points to a web page or another OPML file, not a feed.',
  },
  'error.file_unreadable': {
    ko: '파일을 읽을 수 없습니다. 경로를 확인하세요.',
    en: 'The file could not be read. Check the path.',
  },
  'error.unknown': {
    ko: '알 수 없는 오류가 발생했습니다.',
    en: 'An unknown error occurred.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type FeedErrorCode = keyof typeof FEED_ERROR_MESSAGES;

export function feedErrorMessage(code: FeedErrorCode, locale: Locale): string {
  return FEED_ERROR_MESSAGES[code][locale];
}
