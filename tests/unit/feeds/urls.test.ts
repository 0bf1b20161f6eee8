import { describe, expect, it } from 'vitest';
import { canonicalizeLink, toSafeHttpUrl } from '../../../main/feeds/urls';

const FEED = 'https://www.example.co.kr/rss/allArticle.xml';

describe('toSafeHttpUrl', () => {
  it.each<[string | null | undefined, string | null, string | null]>([
    ['https://www.example.co.kr/news/articleView.html?idxno=123', FEED, 'https://www.example.co.kr/news/articleView.html?idxno=123'],
    ['  http://example.com/a  ', null, 'http://example.com/a'],
    ['/news/articleView.html?idxno=1', FEED, 'https://www.example.co.kr/news/articleView.html?idxno=1'],
    ['articleView.html?idxno=1', FEED, 'https://www.example.co.kr/rss/articleView.html?idxno=1'],
    ['../news/1', FEED, 'https://www.example.co.kr/news/1'],
    ['//cdn.example.com/x.jpg', FEED, 'https://cdn.example.com/x.jpg'],
    ['HTTPS://WWW.Example.COM/Path', null, 'https://www.example.com/Path'],
    [
      'https://www.example.com/뉴스/기사?q=카카오',
      null,
      'https://www.example.com/%EB%89%B4%EC%8A%A4/%EA%B8%B0%EC%82%AC?q=%EC%B9%B4%EC%B9%B4%EC%98%A4',
    ],
    ['http://naver.com@evil.example/x', null, 'http://evil.example/x'], // credentials removed
    ['https://example.com/a', 'not a url', 'https://example.com/a'], // a bad base does not hurt an absolute link
    ['javascript:alert(1)', FEED, null],
    ['JaVaScRiPt:alert(1)', FEED, null],
    ['java\tscript:alert(1)', FEED, null],
    [' \njavascript:alert(1)', FEED, null],
    ['data:text/html,<script>alert(1)</script>', FEED, null],
    ['vbscript:msgbox(1)', FEED, null],
    ['file:///etc/passwd', FEED, null],
    ['mailto:desk@example.com', FEED, null],
    ['ftp://example.com/x', FEED, null],
    ['/relative/without/base', null, null],
    ['http://', null, null],
    ['', FEED, null],
    ['   ', FEED, null],
    [null, FEED, null],
    [undefined, FEED, null],
    ['https://example.com/' + 'a'.repeat(10_000), null, null],
  ])('%j against %j gives %j', (raw, base, expected) => {
    expect(toSafeHttpUrl(raw, base)).toBe(expected);
  });
});

describe('canonicalizeLink', () => {
  it.each<[string, string]>([
    ['https://WWW.Example.com:443/a?b=1#section-2', 'https://www.example.com/a?b=1'],
    ['https://example.com/a?utm_source=rss&utm_medium=feed&id=7', 'https://example.com/a?id=7'],
    ['https://example.com/a?UTM_Source=x&id=7', 'https://example.com/a?id=7'],
    ['https://example.com/a?id=7&fbclid=abc&gclid=def&msclkid=1', 'https://example.com/a?id=7'],
    ['https://example.com/a?NaPm=ct%3Dabc&n_media=27758', 'https://example.com/a'],
    ['https://example.com/a?utm_source=rss', 'https://example.com/a'],
    ['https://example.com/a?', 'https://example.com/a'],
    // remaining parameters sorted by name; repeated names keep their order; bytes untouched
    ['https://example.com/a?sid=105&oid=001&aid=0014', 'https://example.com/a?aid=0014&oid=001&sid=105'],
    ['https://example.com/a?t=2&t=1&a=x', 'https://example.com/a?a=x&t=2&t=1'],
    ['https://example.com/a?q=a+b&r=%EC%B9%B4', 'https://example.com/a?q=a+b&r=%EC%B9%B4'],
    // hash routes address the article itself and are kept
    ['https://example.com/#/article/123', 'https://example.com/#/article/123'],
    ['https://example.com/#!/article/123', 'https://example.com/#!/article/123'],
    // left alone: they may name different pages
    ['http://example.com/a/', 'http://example.com/a/'],
    ['https://www.example.com/a', 'https://www.example.com/a'],
    ['not a url', 'not a url'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalizeLink(input)).toBe(expected);
  });

  it('keeps two different articles apart', () => {
    const links = [
      'https://news.example.kr/articleView.html?idxno=1',
      'https://news.example.kr/articleView.html?idxno=2',
      'https://news.example.kr/read.php?aid=1&sid=2',
      'https://news.example.kr/read.php?aid=2&sid=1',
      'https://news.example.kr/#/article/1',
      'https://news.example.kr/#/article/2',
      'https://news.example.kr/news/1',
      'https://news.example.kr/news/1/',
      'http://news.example.kr/news/1',
    ];
    expect(new Set(links.map(canonicalizeLink)).size).toBe(links.length);
  });

  it('brings the same article linked with tracking noise together', () => {
    const a = canonicalizeLink('https://news.example.kr/articleView.html?idxno=1&utm_source=naver#comments');
    const b = canonicalizeLink('https://NEWS.example.kr/articleView.html?fbclid=x&idxno=1');
    expect(a).toBe(b);
  });

  it('is idempotent', () => {
    const once = canonicalizeLink('https://Example.com/a?z=1&utm_campaign=x&a=2#top');
    expect(canonicalizeLink(once)).toBe(once);
  });
});
