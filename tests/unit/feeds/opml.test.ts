import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../main/feeds/feed-error';
import { escapeXml, exportOpml, parseOpml, parseOpmlDocument, type OpmlFeed } from '../../../main/feeds/opml';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/opml/${name}`, import.meta.url)), 'utf8');

/** Runs `fn` and returns the FeedError it throws (failing the test if it throws anything else or nothing). */
function feedErrorOf(fn: () => unknown): FeedError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FeedError);
    return error as FeedError;
  }
  throw new Error('expected a FeedError, nothing was thrown');
}

const opml = (body: string, version = '2.0'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="${version}"><head><title>t</title></head><body>${body}</body></opml>`;

describe('parseOpml: a Feedly-style OPML 1.0 export', () => {
  const feeds = parseOpml(fixture('feedly-1.0.opml'));

  it('reads every http(s) feed in document order with its folder, once', () => {
    expect(feeds).toEqual<OpmlFeed[]>([
      { url: 'https://rss.etnews.com/Section901.xml', title: '전자신문', siteUrl: 'https://www.etnews.com/', folder: ['IT'] },
      { url: 'https://feeds.feedburner.com/zdkorea', title: 'ZDNet Korea', siteUrl: 'https://zdnet.co.kr/', folder: ['IT'] },
      // lower-case xmlurl/htmlurl, no type, only a title attribute
      { url: 'https://cdn.bloter.net/rss/gns_allArticle.xml', title: '블로터', siteUrl: 'https://www.bloter.net/', folder: ['IT'] },
      { url: 'https://www.hankyung.com/feed/it', title: '한국경제 IT', siteUrl: 'https://www.hankyung.com/it', folder: ['경제'] },
      { url: 'https://www.mk.co.kr/rss/30000001/', title: '매일경제 : 전체뉴스', siteUrl: null, folder: ['경제'] },
      { url: 'https://www.yna.co.kr/rss/news.xml', title: '연합뉴스 최신기사', siteUrl: 'https://www.yna.co.kr/', folder: [] },
    ]);
  });

  it('skips the feed:// outline and keeps the first of two outlines with the same address', () => {
    expect(feeds.some((f) => f.url.includes('podcast'))).toBe(false);
    const etnews = feeds.filter((f) => f.url === 'https://rss.etnews.com/Section901.xml');
    expect(etnews).toHaveLength(1);
    expect(etnews[0]?.folder).toEqual(['IT']);
    expect(etnews[0]?.title).toBe('전자신문');
  });
});

describe('parseOpml: an Inoreader-style OPML 2.0 export with nested Korean folders', () => {
  const feeds = parseOpml(fixture('inoreader-2.0.opml'));
  const byTitle = (title: string): OpmlFeed | undefined => feeds.find((f) => f.title === title);

  it('keeps the folder path at any depth', () => {
    expect(byTitle('ZDNet Korea')?.folder).toEqual(['IT 뉴스', '국내']);
    expect(byTitle('아이뉴스24')?.folder).toEqual(['IT 뉴스', '국내']);
    expect(byTitle('보안뉴스')?.folder).toEqual(['IT 뉴스', '국내', '보안']);
    // back in 국내 after the nested 보안 folder closed
    expect(byTitle('바이라인네트워크')?.folder).toEqual(['IT 뉴스', '국내']);
    expect(byTitle('The Verge')?.folder).toEqual(['IT 뉴스', '해외']);
    expect(byTitle('연합뉴스 산업')?.folder).toEqual([]);
  });

  it('decodes entities in folder and feed titles and in addresses', () => {
    expect(byTitle('머니투데이')?.folder).toEqual(['경제 & 산업']);
    const google = feeds.find((f) => f.url.startsWith('https://news.google.com/rss/search'));
    expect(google?.title).toBe('"카카오브레인" - Google 뉴스');
    expect(google?.url).toBe(
      'https://news.google.com/rss/search?q=%22%EC%B9%B4%EC%B9%B4%EC%98%A4%EB%B8%8C%EB%A0%88%EC%9D%B8%22&hl=ko&gl=KR&ceid=KR:ko',
    );
    expect(google?.folder).toEqual(['키워드 알림']);
  });

  it('reads type="atom" and plain http feeds, and ignores link outlines and empty folders', () => {
    expect(byTitle('The Verge')?.url).toBe('https://www.theverge.com/rss/index.xml');
    expect(byTitle('머니투데이')?.url).toBe('http://rss.mt.co.kr/mt_news.xml');
    expect(byTitle('Inoreader 블로그')).toBeUndefined();
    expect(feeds.some((f) => f.folder.includes('나중에 읽기'))).toBe(false);
    expect(feeds.map((f) => f.title)).toEqual([
      'ZDNet Korea',
      '아이뉴스24',
      '보안뉴스',
      '바이라인네트워크',
      'The Verge',
      'Hacker News',
      '머니투데이',
      '이데일리',
      '"카카오브레인" - Google 뉴스',
      '연합뉴스 산업',
    ]);
  });
});

describe('parseOpml: odd but valid input', () => {
  it('accepts upper-case element and attribute names, a BOM and a missing type', () => {
    const text =
      '\uFEFF<OPML version="1.1"><BODY><OUTLINE TEXT="뉴시스" XMLURL="https://www.newsis.com/RSS/sokbo.xml" HTMLURL="https://www.newsis.com/"/></BODY></OPML>';
    expect(parseOpml(text)).toEqual([
      { url: 'https://www.newsis.com/RSS/sokbo.xml', title: '뉴시스', siteUrl: 'https://www.newsis.com/', folder: [] },
    ]);
  });

  it('prefers text over title, falls back to title, and gives null when both are missing or blank', () => {
    const feeds = parseOpml(
      opml(
        '<outline text="내 이름" title="피드 제목" xmlUrl="https://a.example/1"/>' +
          '<outline text="  " title="제목만" xmlUrl="https://a.example/2"/>' +
          '<outline xmlUrl="https://a.example/3"/>',
      ),
    );
    expect(feeds.map((f) => f.title)).toEqual(['내 이름', '제목만', null]);
  });

  it('cleans titles: collapses white space and removes invisible characters', () => {
    const [feed] = parseOpml(opml('<outline text="  카카\u200B오\n  브레인&#9;소식 " xmlUrl="https://a.example/"/>'));
    expect(feed?.title).toBe('카카오 브레인 소식');
  });

  it('accepts only http and https feed addresses and site links', () => {
    const feeds = parseOpml(
      opml(
        '<outline text="ok" xmlUrl="  https://a.example/feed  " htmlUrl="javascript:alert(1)"/>' +
          '<outline text="feed scheme" xmlUrl="feed://b.example/rss"/>' +
          '<outline text="file" xmlUrl="file:///etc/passwd"/>' +
          '<outline text="js" xmlUrl="javascript:alert(1)"/>' +
          '<outline text="relative" xmlUrl="/rss.xml"/>' +
          '<outline text="empty" xmlUrl=""/>',
      ),
    );
    expect(feeds).toEqual([{ url: 'https://a.example/feed', title: 'ok', siteUrl: null, folder: [] }]);
  });

  it('treats the same address written differently as a duplicate', () => {
    const feeds = parseOpml(
      opml('<outline text="first" xmlUrl="HTTPS://WWW.ETNEWS.COM/rss"/><outline text="second" xmlUrl="https://www.etnews.com:443/rss"/>'),
    );
    expect(feeds).toEqual([{ url: 'https://www.etnews.com/rss', title: 'first', siteUrl: null, folder: [] }]);
  });

  it('does not add a level for an untitled folder, and does not nest feeds under a feed', () => {
    const feeds = parseOpml(
      opml(
        '<outline text="IT"><outline><outline text="a" xmlUrl="https://a.example/"/></outline></outline>' +
          '<outline text="b" xmlUrl="https://b.example/"><outline text="c" xmlUrl="https://c.example/"/></outline>',
      ),
    );
    expect(feeds.map((f) => [f.title, f.folder])).toEqual([
      ['a', ['IT']],
      ['b', []],
      ['c', []],
    ]);
  });

  it('ignores outlines in <head> and returns [] for an empty body', () => {
    expect(parseOpml('<opml version="2.0"><head><outline text="x" xmlUrl="https://x.example/"/></head><body/></opml>')).toEqual([]);
    expect(parseOpml(opml(''))).toEqual([]);
  });

  it('never expands DTD entities (no XXE, no billion laughs)', () => {
    const text = `<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<opml version="2.0"><body><outline text="&xxe;&lol2;" xmlUrl="https://a.example/"/></body></opml>`;
    const [feed] = parseOpml(text);
    expect(feed?.title).toBe('&xxe;&lol2;');
    expect(feed?.title).not.toContain('root:');
  });
});

describe('parseOpml: rejects what is not OPML or is broken', () => {
  it('says an RSS feed is a feed, not a subscription list', () => {
    const error = feedErrorOf(() => parseOpml('<?xml version="1.0"?><rss version="2.0"><channel><title>전자신문</title></channel></rss>'));
    expect(error.code).toBe('error.invalid_opml');
    expect(error.detail).toContain('<rss>');
    expect(error.userMessage('ko')).toContain('OPML');
    expect(error.userMessage('en')).toContain('OPML');
  });

  it('rejects a web page, an empty string and plain text', () => {
    for (const text of ['<!doctype html><html><body><p>hi</p></body></html>', '', '   ', '그냥 텍스트']) {
      expect(feedErrorOf(() => parseOpml(text)).code).toBe('error.invalid_opml');
    }
  });

  it('rejects a truncated download as malformed rather than importing half of it', () => {
    const full = fixture('inoreader-2.0.opml');
    const cut = full.slice(0, full.indexOf('<outline text="경제'));
    const error = feedErrorOf(() => parseOpml(cut));
    expect(error.code).toBe('error.malformed_feed');
    expect(error.detail).toMatch(/never closed/);
  });

  it('rejects an outline closed by the wrong end tag', () => {
    const text = '<opml version="2.0"><body><outline text="IT"><outline text="a" xmlUrl="https://a.example/"></body></opml>';
    expect(feedErrorOf(() => parseOpml(text)).code).toBe('error.malformed_feed');
  });
});

describe('exportOpml', () => {
  const sample: OpmlFeed[] = [
    { url: 'https://rss.etnews.com/Section901.xml', title: '전자신문', siteUrl: 'https://www.etnews.com/', folder: ['IT 뉴스', '국내'] },
    { url: 'https://feeds.feedburner.com/zdkorea', title: 'ZDNet Korea', siteUrl: null, folder: ['IT 뉴스', '국내'] },
    {
      url: 'https://www.theverge.com/rss/index.xml',
      title: 'The Verge',
      siteUrl: 'https://www.theverge.com/',
      folder: ['IT 뉴스', '해외'],
    },
    {
      url: 'https://www.boannews.com/media/news_rss.xml',
      title: '보안뉴스 <속보> & "단독" \'특집\'',
      siteUrl: null,
      folder: ['R&D "연구"', '<보안>'],
    },
    {
      url: 'https://news.google.com/rss/search?q=%EC%B9%B4%EC%B9%B4%EC%98%A4&hl=ko&gl=KR&ceid=KR:ko',
      title: null,
      siteUrl: 'https://news.google.com/search?q=a&hl=ko',
      folder: [],
    },
  ];
  const now = new Date(Date.UTC(2026, 7, 4, 1, 12, 9));

  it('writes an OPML 2.0 document with a head and a dateCreated in RFC 822 form', () => {
    const xml = exportOpml(sample, { title: '눈치 구독 목록', now });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')).toBe(true);
    expect(xml).toContain('<title>눈치 구독 목록</title>');
    expect(xml).toContain('<dateCreated>Tue, 04 Aug 2026 01:12:09 GMT</dateCreated>');
  });

  it('nests folders as <outline text> elements and writes each folder once', () => {
    const xml = exportOpml(sample, { now });
    expect(xml.match(/<outline text="IT 뉴스"/g)).toHaveLength(1);
    expect(xml.match(/<outline text="국내"/g)).toHaveLength(1);
    const it = xml.indexOf('<outline text="IT 뉴스"');
    const domestic = xml.indexOf('<outline text="국내"');
    const etnews = xml.indexOf('xmlUrl="https://rss.etnews.com/Section901.xml"');
    expect(it).toBeGreaterThan(-1);
    expect(it).toBeLessThan(domestic);
    expect(domestic).toBeLessThan(etnews);
    expect(xml).toMatch(
      /<outline type="rss" text="전자신문" title="전자신문" xmlUrl="https:\/\/rss\.etnews\.com\/Section901\.xml" htmlUrl="https:\/\/www\.etnews\.com\/"\/>/,
    );
  });

  it('escapes &, <, >, quotes and apostrophes in titles, folders and addresses', () => {
    const xml = exportOpml(sample, { now });
    expect(xml).toContain('text="보안뉴스 &lt;속보&gt; &amp; &quot;단독&quot; &apos;특집&apos;"');
    expect(xml).toContain('text="R&amp;D &quot;연구&quot;"');
    expect(xml).toContain('xmlUrl="https://news.google.com/rss/search?q=%EC%B9%B4%EC%B9%B4%EC%98%A4&amp;hl=ko&amp;gl=KR&amp;ceid=KR:ko"');
    // Nothing unescaped slipped through: every & starts an entity.
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)/);
  });

  it('escapes the head title and drops characters XML cannot carry', () => {
    const xml = exportOpml([], { title: 'A & B <\u0001구독>', now });
    expect(xml).toContain('<title>A &amp; B &lt;구독&gt;</title>');
    expect(escapeXml('줄\n바꿈\t탭\uFFFF\uD800')).toBe('줄&#10;바꿈&#9;탭');
  });

  it('round-trips: parse(export(x)) deep-equals x', () => {
    expect(parseOpml(exportOpml(sample, { now }))).toEqual(sample);
  });

  it('round-trips both fixtures, and export is stable from then on', () => {
    for (const name of ['feedly-1.0.opml', 'inoreader-2.0.opml']) {
      const feeds = parseOpml(fixture(name));
      const xml = exportOpml(feeds, { now });
      expect(parseOpml(xml)).toEqual(feeds);
      expect(exportOpml(parseOpml(xml), { now })).toBe(xml);
    }
  });

  it('gathers a folder whose feeds were listed apart into one outline, at its first place', () => {
    const a: OpmlFeed = { url: 'https://a.example/', title: 'a', siteUrl: null, folder: ['IT'] };
    const b: OpmlFeed = { url: 'https://b.example/', title: 'b', siteUrl: null, folder: [] };
    const c: OpmlFeed = { url: 'https://c.example/', title: 'c', siteUrl: null, folder: ['IT'] };
    const xml = exportOpml([a, b, c], { now });
    expect(xml.match(/<outline text="IT"/g)).toHaveLength(1);
    expect(parseOpml(xml)).toEqual([a, c, b]);
  });

  it('writes an empty list as a valid document that parses to []', () => {
    expect(parseOpml(exportOpml([], { now }))).toEqual([]);
  });
});

describe('parseOpmlDocument: what was not imported, and why', () => {
  it('lists outlines with an address that cannot be followed, in document order, with a message key', () => {
    const { feeds, skipped } = parseOpmlDocument(`<opml version="2.0"><body>
      <outline text="좋은 피드" xmlUrl="https://ok.example/rss"/>
      <outline text="파일" xmlUrl="file:///etc/passwd"/>
      <outline title="스크립트" xmlUrl="javascript:alert(1)"/>
      <outline text="망가진 주소" xmlUrl="http://"/>
      <outline text="빈 주소" xmlUrl=""/>
      <outline text="페이지" type="link" xmlUrl="https://page.example/"/>
      <outline text="좋은 피드 또" xmlUrl="https://ok.example/rss"/>
    </body></opml>`);
    expect(feeds.map((f) => f.url)).toEqual(['https://ok.example/rss']);
    expect(skipped).toEqual([
      { url: 'file:///etc/passwd', title: '파일', code: 'error.unsupported_scheme' },
      { url: 'javascript:alert(1)', title: '스크립트', code: 'error.unsupported_scheme' },
      { url: 'http://', title: '망가진 주소', code: 'error.invalid_url' },
      { url: '', title: '빈 주소', code: 'error.invalid_url' },
      { url: 'https://page.example/', title: '페이지', code: 'error.opml_not_a_feed' },
    ]);
  });
});
