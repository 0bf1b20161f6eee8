/**
 * Answers in the exact shapes of the two news-search sources, for the local test servers.
 *
 * Google News RSS search (https://news.google.com/rss/search?q=…&hl=ko&gl=KR&ceid=KR:ko): an RSS
 * 2.0 channel titled `"query" - Google 뉴스`; each item's title ends in " - 매체명", its link and
 * guid are Google's article id, its description repeats the headline as a link plus the outlet in
 * a <font>, and `<source url="site">매체명</source>` names the outlet.
 *
 * Naver News search API (https://developers.naver.com/docs/serviceapi/search/news/news.md):
 * `{ lastBuildDate, total, start, display, items: [{ title, originallink, link, description, pubDate }] }`,
 * the query's words wrapped in <b>, text escaped as HTML entities, dates RFC 822 in +0900.
 * Errors: `{ errorMessage, errorCode }` (https://developers.naver.com/docs/common/openapiguide/errorcode.md).
 *
 * Dates are relative to the `now` a test passes in, so nothing depends on the day the tests run.
 */

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** RFC 822 in GMT, as Google writes pubDate. */
export function rfc822Gmt(at: number): string {
  return new Date(at).toUTCString();
}

/** RFC 822 in Seoul time with "+0900", as Naver writes pubDate and lastBuildDate. */
export function rfc822Seoul(at: number): string {
  const d = new Date(at + 9 * 3600_000);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0900`
  );
}

export interface GoogleItemSpec {
  /** Google's article id (the guid, and the last path segment of the link). */
  id: string;
  /** The headline without the outlet suffix; the builder adds " - outlet" as Google does. */
  headline: string;
  outlet: string;
  /** The outlet's site, as in <source url>; omitted = no <source> element. */
  site?: string;
  /** When it was published, in ms before `now`. */
  agoMs: number;
  /** Override the title as Google would send it (suffix and all). */
  rawTitle?: string;
}

export function googleNewsRss(query: string, items: GoogleItemSpec[], now: number): string {
  const searchLink = `https://news.google.com/search?q=${encodeURIComponent(query)}&hl=ko&gl=KR&ceid=KR:ko`;
  const body = items
    .map((item) => {
      const link = `https://news.google.com/rss/articles/${item.id}?oc=5`;
      const title = item.rawTitle ?? `${item.headline} - ${item.outlet}`;
      const description = `<a href="${link}" target="_blank">${xmlEscape(item.headline)}</a>&nbsp;&nbsp;<font color="#6f6f6f">${xmlEscape(item.outlet)}</font>`;
      const source = item.site === undefined ? '' : `<source url="${xmlEscape(item.site)}">${xmlEscape(item.outlet)}</source>`;
      return (
        `<item><title>${xmlEscape(title)}</title><link>${link}</link><guid isPermaLink="false">${item.id}</guid>` +
        `<pubDate>${rfc822Gmt(now - item.agoMs)}</pubDate><description>${xmlEscape(description)}</description>${source}</item>`
      );
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>` +
    `<generator>NFE/5.0</generator><title>"${xmlEscape(query)}" - Google 뉴스</title><link>${xmlEscape(searchLink)}</link>` +
    `<language>ko</language><webMaster>news-webmaster@google.com</webMaster>` +
    `<copyright>Copyright © ${new Date(now).getUTCFullYear()} Google. All rights reserved. This XML feed is made available solely for the purpose of rendering Google News results within a personal feed reader for personal, non-commercial use.</copyright>` +
    `<lastBuildDate>${rfc822Gmt(now)}</lastBuildDate><description>Google 뉴스</description>${body}</channel></rss>`
  );
}

/** Google's "unusual traffic" page (google.com/sorry), in Korean as a Korean IP gets it. */
export const GOOGLE_SORRY_PAGE = `<!DOCTYPE html><html lang="ko"><head><meta http-equiv="content-type" content="text/html; charset=utf-8"><title>https://news.google.com/rss/search</title></head>
<body><div id="captcha-form"><form action="index" method="post"><script src="https://www.google.com/recaptcha/api.js" async defer></script>
<div class="g-recaptcha" data-sitekey="x"></div></form></div><div>컴퓨터 네트워크에서 비정상적인 트래픽이 감지되었습니다. 이 페이지는 요청을 보내는 주체가 로봇이 아닌 사람인지 확인하는 페이지입니다.</div>
<div>IP 주소: 127.0.0.1<br>시간: 2026-01-01T00:00:00Z<br>URL: https://news.google.com/rss/search</div></body></html>`;

export interface NaverItemSpec {
  /** The title as Naver sends it: <b> around the query's words, entities for quotes and ampersands. */
  title: string;
  originallink: string;
  /** Naver's own page; defaults to an n.news.naver.com address. */
  link?: string;
  description: string;
  agoMs: number;
}

let naverArticle = 0;

export function naverNewsJson(items: NaverItemSpec[], now: number, total = items.length): string {
  return JSON.stringify({
    lastBuildDate: rfc822Seoul(now),
    total,
    start: 1,
    display: items.length,
    items: items.map((item) => ({
      title: item.title,
      originallink: item.originallink,
      link: item.link ?? `https://n.news.naver.com/mnews/article/030/${String(3_200_000 + ++naverArticle).padStart(10, '0')}?sid=105`,
      description: item.description,
      pubDate: rfc822Seoul(now - item.agoMs),
    })),
  });
}

export function naverError(errorCode: string, errorMessage: string): string {
  return JSON.stringify({ errorMessage, errorCode });
}
