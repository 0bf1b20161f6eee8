import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { articleBodyHtml, sanitizeArticleHtml } from '../../../main/feeds/html';
import { normalizeFeed, type NormalizeContext } from '../../../main/feeds/normalize';
import type { ParsedFeed, ParsedItem } from '../../../shared/types';

const CTX: NormalizeContext = { feedUrl: 'https://www.example.co.kr/rss/allArticle.xml', encoding: 'cp949' };
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

const sha1 = (text: string): string => createHash('sha1').update(text, 'utf8').digest('hex');

function feed(items: ParsedItem[], extra: Partial<ParsedFeed> = {}): ParsedFeed {
  return { format: 'rss', title: '예제 뉴스', siteUrl: 'https://www.example.co.kr/', items, ...extra };
}

function one(item: ParsedItem) {
  const result = normalizeFeed(feed([item]), CTX);
  expect(result.items).toHaveLength(1);
  return result.items[0]!;
}

describe('normalizeFeed: one item', () => {
  it('cleans every field of a typical Korean item', () => {
    const item = one({
      guid: '  https://www.example.co.kr/news/articleView.html?idxno=1001  ',
      title: '&lt;단독&gt; <b>카카오브레인</b> 대표 퇴사',
      link: '/news/articleView.html?idxno=1001&utm_source=rss',
      author: '<b>홍길동</b> 기자',
      date: 'Tue, 27 Dec 2005 13:30:33+0900',
      html: '<p>카카오브레인 대표가<br/>\n퇴사했다.</p><img src="/photo/1.jpg"><script>x()</script>',
    });
    expect(item.identity).toBe('https://www.example.co.kr/news/articleView.html?idxno=1001');
    expect(item.title).toBe('<단독> 카카오브레인 대표 퇴사');
    expect(item.link).toBe('https://www.example.co.kr/news/articleView.html?idxno=1001&utm_source=rss');
    expect(item.canonicalLink).toBe('https://www.example.co.kr/news/articleView.html?idxno=1001');
    expect(item.author).toBe('홍길동 기자');
    expect(item.publishedAt).toBe(Date.UTC(2005, 11, 27, 4, 30, 33));
    expect(item.text).toBe('카카오브레인 대표가\n퇴사했다.');
    // The body is kept raw and sanitized when shown, against the item's link.
    expect(item.rawHtml).toBe('<p>카카오브레인 대표가<br/>\n퇴사했다.</p><img src="/photo/1.jpg"><script>x()</script>');
    expect(sanitizeArticleHtml(item.rawHtml, item.link)).toBe(
      '<p>카카오브레인 대표가<br />\n퇴사했다.</p><img src="https://www.example.co.kr/photo/1.jpg" loading="lazy" />',
    );
    expect(item.contentHash).toBe(sha1('<단독> 카카오브레인 대표 퇴사\n카카오브레인 대표가\n퇴사했다.'));
  });

  it('reads a zone-less date as Seoul time', () => {
    expect(one({ title: 't', date: '2004-12-27T11:30:00' }).publishedAt).toBe(Date.UTC(2004, 11, 27, 2, 30));
    expect(one({ title: 't', date: '어제' }).publishedAt).toBeNull();
    expect(one({ title: 't' }).publishedAt).toBeNull();
  });

  it('resolves relative links against the feed URL', () => {
    expect(one({ title: 't', link: 'articleView.html?idxno=7' }).link).toBe('https://www.example.co.kr/rss/articleView.html?idxno=7');
    expect(one({ title: 't', link: '//m.example.co.kr/7' }).link).toBe('https://m.example.co.kr/7');
  });

  it.each(['javascript:alert(1)', 'JAVA\tSCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd'])(
    'refuses the link %j',
    (link) => {
      const item = one({ title: '제목', link });
      expect(item.link).toBeNull();
      expect(item.canonicalLink).toBeNull();
      expect(item.identity).toBe(`sha1:${item.contentHash}`);
    },
  );

  it('falls back to the summary when the body is missing or blank', () => {
    expect(one({ title: 't', html: '   ', summary: '<p>요약</p>' }).text).toBe('요약');
    const summaryOnly = one({ title: 't', summary: '요약만' });
    expect(summaryOnly.text).toBe('요약만');
    expect(articleBodyHtml(summaryOnly.rawHtml, summaryOnly.text)).toBe('<p>요약만</p>');
  });

  it('keeps a body once, as its text, when its only markup is paragraphs and line breaks', () => {
    const plain = one({ title: 't', html: '<p>카카오브레인 &amp; KoGPT</p><P>둘째 줄<br/>셋째 줄<br></p>' });
    expect(plain.text).toBe('카카오브레인 & KoGPT\n둘째 줄\n셋째 줄');
    expect(plain.rawHtml).toBe('');
    expect(sanitizeArticleHtml(articleBodyHtml(plain.rawHtml, plain.text), null)).toBe(
      '<p>카카오브레인 &amp; KoGPT</p><p>둘째 줄</p><p>셋째 줄</p>',
    );
    // Anything more (a link, emphasis, an image, a paragraph with attributes, a bare "<") is kept as the feed gave it.
    for (const html of [
      '<p><a href="https://e.kr/">링크</a></p>',
      '<p><b>속보</b></p>',
      '<img src="a.png">',
      '<p class="x">문단</p>',
      '1 < 2',
    ]) {
      expect(one({ title: 't', html }).rawHtml).toBe(html);
    }
  });

  it('resolves relative URLs inside the body against the item link', () => {
    const item = one({ title: 't', link: 'https://news.example.kr/a/b.html', html: '<a href="c.html">c</a>' });
    expect(sanitizeArticleHtml(item.rawHtml, item.link)).toBe('<a href="https://news.example.kr/a/c.html" rel="noopener noreferrer">c</a>');
  });

  it('removes bidi overrides, zero-width characters and NUL bytes everywhere', () => {
    const item = one({
      guid: 'g-1',
      title: '\u202E카카오\u200B브레인\u0000 \u2066퇴사\u2069',
      author: '홍\u200D길동\u0007',
      html: '<p>카\u200C카오\uFEFF\u202D브레인\u0000</p>',
    });
    expect(item.title).toBe('카카오브레인 퇴사');
    expect(item.author).toBe('홍길동');
    expect(item.text).toBe('카카오브레인');
    for (const value of [item.title, item.author!, item.text, item.rawHtml]) expect(value).not.toMatch(INVISIBLE);
  });

  it.each([
    ['Hangul', '가'.repeat(100_000)],
    ['emoji (surrogate pairs)', '😀'.repeat(50_000)],
    ['markup', '<b>카카오</b>&amp;'.repeat(10_000)],
    ['a 300-char cut landing inside a pair', 'a' + '😀'.repeat(50_000)],
  ])('caps a 100 KB title of %s at 300 characters without splitting one', (_name, title) => {
    const started = performance.now();
    const item = one({ title, link: 'https://example.com/1' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(item.title.length).toBeGreaterThan(250);
    expect(item.title.length).toBeLessThanOrEqual(300);
    expect(item.title).not.toMatch(LONE_SURROGATE);
    expect(item.title.endsWith('…')).toBe(true);
  });

  it('caps the text at 100 000 characters and falls back to escaped text for oversized HTML', () => {
    const html = '<p>카카오브레인 대표 퇴사 소식 <b>속보</b></p>'.repeat(20_000); // ~700 KB
    const item = one({ title: 't', html });
    expect(item.text.length).toBeLessThanOrEqual(100_000);
    expect(item.text.startsWith('카카오브레인 대표 퇴사 소식 속보\n')).toBe(true);
    // Over the cap the body is not kept: the text stands in for it, escaped, one paragraph a line.
    expect(item.rawHtml).toBe('');
    const shown = articleBodyHtml(item.rawHtml, item.text);
    expect(shown.length).toBeLessThanOrEqual(300_000);
    expect(shown.startsWith('<p>카카오브레인 대표 퇴사 소식 속보</p>')).toBe(true);
    expect(shown).not.toContain('<b>');
  });

  it('keeps an empty author as null and a long one capped', () => {
    expect(one({ title: 't', author: '  ' }).author).toBeNull();
    expect(one({ title: 't', author: '김'.repeat(1000) }).author!.length).toBeLessThanOrEqual(200);
  });
});

describe('normalizeFeed: identity', () => {
  it('uses the trimmed guid, else the canonical link, else a hash of title and text', () => {
    const { items } = normalizeFeed(
      feed([
        { guid: ' abc-1 ', title: 'a', link: 'https://e.kr/1' },
        { guid: '   ', title: 'b', link: 'https://E.kr/2?utm_medium=rss#top' },
        { title: 'c', html: '<p>본문</p>' },
      ]),
      CTX,
    );
    expect(items.map((i) => i.identity)).toEqual(['abc-1', 'https://e.kr/2', `sha1:${sha1('c\n본문')}`]);
  });

  it('hashes a guid too long to be an identity', () => {
    const item = one({ guid: 'x'.repeat(5000), title: 't' });
    expect(item.identity).toBe(`guid-sha1:${sha1('x'.repeat(5000))}`);
  });

  it('keeps items that repeat a guid as distinct articles, the same way on every poll', () => {
    const parsed = feed([
      { guid: 'https://e.kr/', title: '첫 기사', link: 'https://e.kr/1' },
      { guid: 'https://e.kr/', title: '둘째 기사', link: 'https://e.kr/2' },
      { guid: 'https://e.kr/', title: '셋째 기사', link: 'https://e.kr/3' },
    ]);
    const first = normalizeFeed(parsed, CTX).items;
    const again = normalizeFeed(structuredClone(parsed), CTX).items;
    expect(first.map((i) => i.identity)).toEqual([
      'https://e.kr/',
      `https://e.kr/#${sha1('둘째 기사\n').slice(0, 12)}`,
      `https://e.kr/#${sha1('셋째 기사\n').slice(0, 12)}`,
    ]);
    expect(again.map((i) => i.identity)).toEqual(first.map((i) => i.identity));
    expect(new Set(first.map((i) => i.identity)).size).toBe(3);
  });

  it('keeps items that repeat a link (no guid) as distinct articles', () => {
    const { items } = normalizeFeed(
      feed([
        { title: '기사 A', link: 'https://e.kr/list' },
        { title: '기사 B', link: 'https://e.kr/list?utm_source=x' },
      ]),
      CTX,
    );
    expect(items.map((i) => i.identity)).toEqual(['https://e.kr/list', `https://e.kr/list#${sha1('기사 B\n').slice(0, 12)}`]);
  });

  it('numbers repeats whose title and text are also equal but whose links differ', () => {
    const { items } = normalizeFeed(
      feed([
        { guid: 'same', title: '오늘의 뉴스', link: 'https://e.kr/1' },
        { guid: 'same', title: '오늘의 뉴스', link: 'https://e.kr/2' },
        { guid: 'same', title: '오늘의 뉴스', link: 'https://e.kr/3' },
      ]),
      CTX,
    );
    const hash = sha1('오늘의 뉴스\n').slice(0, 12);
    expect(items.map((i) => i.identity)).toEqual(['same', `same#${hash}`, `same#${hash}#2`]);
  });

  it('drops an item listed twice with the same guid, link and content', () => {
    const item = { guid: 'g', title: '같은 기사', link: 'https://e.kr/1', html: '<p>본문</p>' };
    const { items } = normalizeFeed(feed([item, { ...item }]), CTX);
    expect(items).toHaveLength(1);
    expect(items[0]!.identity).toBe('g');
  });

  it('drops a repeat of any earlier version of an identity, not only of the one just before', () => {
    const a = { guid: 'g', title: '기사 A', link: 'https://e.kr/1' };
    const b = { guid: 'g', title: '기사 B', link: 'https://e.kr/2' };
    const { items } = normalizeFeed(feed([a, b, { ...a }, { ...b }]), CTX);
    expect(items.map((i) => [i.identity, i.title])).toEqual([
      ['g', '기사 A'],
      [`g#${sha1('기사 B\n').slice(0, 12)}`, '기사 B'],
    ]);
  });

  it('keeps apart an item whose guid is an identity already given to a repeat', () => {
    const repeat = `g#${sha1('기사 B\n').slice(0, 12)}`;
    const { items } = normalizeFeed(
      feed([
        { guid: 'g', title: '기사 A', link: 'https://e.kr/1' },
        { guid: 'g', title: '기사 B', link: 'https://e.kr/2' },
        { guid: repeat, title: '기사 C', link: 'https://e.kr/3' },
      ]),
      CTX,
    );
    expect(items.map((i) => i.identity)).toEqual(['g', repeat, `${repeat}#${sha1('기사 C\n').slice(0, 12)}`]);
  });

  it('drops items with neither title, link nor text, and keeps one with only a link', () => {
    const { items } = normalizeFeed(
      feed([
        {},
        { guid: 'g', title: '  ', html: '<script>x</script>', link: 'javascript:void(0)' },
        { title: '\u200B\u202E' },
        { link: 'https://e.kr/only-link' },
      ]),
      CTX,
    );
    expect(items).toHaveLength(1);
    expect(items[0]!.link).toBe('https://e.kr/only-link');
    expect(items[0]!.title).toBe('');
  });
});

describe('normalizeFeed: the feed', () => {
  it('cleans title and site URL and keeps format and encoding', () => {
    const result = normalizeFeed(feed([], { format: 'atom', title: '<b>예제</b> &amp; 뉴스\u202E', siteUrl: '/', ttlMinutes: 60 }), CTX);
    expect(result).toEqual({
      format: 'atom',
      encoding: 'cp949',
      title: '예제 & 뉴스',
      titleIsFallback: false,
      siteUrl: 'https://www.example.co.kr/',
      ttlMinutes: 60,
      items: [],
    });
  });

  it("falls back to the feed URL's host for a missing title", () => {
    expect(normalizeFeed(feed([], { title: ' \u200B ' }), CTX).title).toBe('www.example.co.kr');
    expect(normalizeFeed(feed([], { title: undefined }), CTX)).toMatchObject({ title: 'www.example.co.kr', titleIsFallback: true });
  });

  it('refuses an unsafe site URL', () => {
    expect(normalizeFeed(feed([], { siteUrl: 'javascript:alert(1)' }), CTX).siteUrl).toBeNull();
    expect(normalizeFeed(feed([], { siteUrl: undefined }), CTX).siteUrl).toBeNull();
  });

  it.each<[number | undefined, number | null]>([
    [undefined, null],
    [0, null],
    [-5, null],
    [1, 1],
    [60, 60],
    [10_080, 10_080],
    [10_081, null],
    [Number.NaN, null],
  ])('ttl %s → %s', (ttlMinutes, expected) => {
    expect(normalizeFeed(feed([], { ttlMinutes }), CTX).ttlMinutes).toBe(expected);
  });
});

describe('normalizeFeed: odd input from the parse stage', () => {
  it('does not throw on fields of the wrong type', () => {
    const odd = {
      guid: 12345,
      title: { _: '제목', $: { type: 'html' } },
      link: ['https://e.kr/1'],
      date: new Date(0),
      html: null,
      summary: '<p>요약</p>',
    } as unknown as ParsedItem;
    const { items } = normalizeFeed(feed([odd]), CTX);
    expect(items).toHaveLength(1);
    expect(items[0]!.identity).toBe('12345');
    expect(items[0]!.title).toBe('');
    expect(items[0]!.link).toBeNull();
    expect(items[0]!.publishedAt).toBeNull();
    expect(items[0]!.text).toBe('요약');
  });
});
