import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../../../shared/types';
import { decodeFeedBytes } from '../../../main/feeds/decode';
import { FeedError } from '../../../main/feeds/feed-error';
import { parseFeed, runRssParser } from '../../../main/feeds/parse';
import { readProlog, repairMarkup, removeIllegalXmlChars } from '../../../main/feeds/xml-repair';

const bytes = (name: string): Buffer => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
/** A fixture through the real decode stage, as the poller does it. */
const text = (name: string): string => decodeFeedBytes(bytes(name)).text;
const parseFixture = (name: string): Promise<ParsedFeed> => parseFeed(text(name));

async function feedError(promise: Promise<unknown>): Promise<FeedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

describe('parseFeed: formats', () => {
  it('RSS 0.92', async () => {
    expect(await parseFixture('rss-0.92.xml')).toEqual({
      format: 'rss',
      title: '전자신문 속보',
      siteUrl: 'https://www.etnews.example/',
      description: 'ICT 뉴스',
      items: [
        {
          title: '카카오브레인 대표 퇴사',
          link: 'https://www.etnews.example/news/1',
          html: '<p>카카오브레인 대표가 회사를 떠났다.</p>',
        },
      ],
    });
  });

  it('RSS 0.91 with the Netscape DOCTYPE (external DTD never fetched, &nbsp; still read)', async () => {
    const feed = await parseFixture('rss-0.91-netscape-doctype.xml');
    expect(feed.format).toBe('rss');
    expect(feed.items).toEqual([{ title: '옛날\u00A0피드', link: 'https://old.example/1' }]);
  });

  it('RSS 1.0 (RDF) with dc:date, dc:creator and content:encoded', async () => {
    expect(await parseFixture('rss-1.0-rdf.xml')).toEqual({
      format: 'rdf',
      title: '지디넷코리아',
      siteUrl: 'https://zdnet.example/',
      description: 'IT 전문 미디어',
      items: [
        {
          guid: 'https://zdnet.example/view/1',
          title: 'KoGPT 2.0 공개',
          link: 'https://zdnet.example/view/1',
          author: '김기자',
          date: '2024-06-23T15:15:00+09:00',
          html: '<p>카카오브레인이 <b>KoGPT</b>를 공개했다.</p>',
          fromContent: true,
          summary: '요약: 초거대 AI 모델',
        },
      ],
    });
  });

  it('RSS 2.0: ttl, guid, padded CDATA titles, comments in channel and item, content:encoded over description', async () => {
    expect(await parseFixture('rss-2.0.xml')).toEqual({
      format: 'rss',
      title: '블로터',
      siteUrl: 'https://www.bloter.example/',
      description: '테크 뉴스',
      ttlMinutes: 30,
      items: [
        {
          guid: 'bloter-100',
          title: '네이버, 하이퍼클로바X 발표',
          link: 'https://www.bloter.example/news/100',
          author: '이기자',
          date: 'Sun, 23 Jun 2024 15:15:00 +0900',
          // the whole body, text after <br/> included (rss-parser's contentSnippet would cut it)
          html: '<p>본문 첫 줄<br/>\n둘째 줄</p>',
          fromContent: true,
          summary: '<p>요약문</p>',
        },
        {
          title: '날짜 없는 기사',
          link: 'https://www.bloter.example/news/101',
          author: 'desk@bloter.example (데스크)',
          html: '본문만 있음',
        },
      ],
    });
  });

  it('Atom: alternate link, published over updated, content over summary, author name', async () => {
    expect(await parseFixture('atom.xml')).toEqual({
      format: 'atom',
      title: '디지털데일리',
      siteUrl: 'https://ddaily.example/',
      description: 'ICT 전문지',
      items: [
        {
          guid: 'tag:ddaily.example,2024:1',
          title: '삼성전자 &lt;갤럭시&gt; 발표', // type="html": HTML source, decoded by normalize
          link: 'https://ddaily.example/news/1',
          author: '박기자',
          date: '2024-06-23T15:15:00+09:00',
          html: '<p>본문 <b>굵게</b></p>',
          fromContent: true,
          summary: '요약',
        },
        {
          guid: 'tag:ddaily.example,2024:2',
          title: '업데이트만 있는 글',
          link: 'https://ddaily.example/news/2',
          date: '2024-06-22T09:00:00Z',
          html: '<p>요약만</p>',
        },
      ],
    });
  });

  it('Atom with dates new Date() cannot read keeps every entry and the raw date strings', async () => {
    // rss-parser alone rejects this whole feed with "Invalid time value".
    const feed = await parseFixture('atom-invalid-published.xml');
    expect(feed.items.map((item) => [item.title, item.date])).toEqual([
      ['한국식 날짜', '2024년 6월 23일 15:15'],
      ['존 없는 날짜', '2024-06-23 15:15'],
    ]);
    expect(feed.siteUrl).toBe('https://broken.example/');
  });

  it('Atom with <link>url</link> (no href) keeps the feed; a rel="self" link is not the article', async () => {
    // rss-parser alone throws "Cannot read properties of undefined (reading 'rel')".
    const feed = await parseFixture('atom-link-without-href.xml');
    expect(feed.siteUrl).toBe('https://textlink.example/');
    expect(feed.items).toEqual([
      { guid: 'textlink-1', title: '텍스트 링크', link: 'https://textlink.example/1', date: '2024-06-23T15:15:00+09:00' },
      { guid: 'textlink-2', title: 'self 링크만' },
    ]);
  });

  it('JSON Feed 1.1 (and 1.0 leftovers: numeric id, single author), lenient about bad entries', async () => {
    expect(await parseFixture('jsonfeed-1.1.json')).toEqual({
      format: 'json',
      title: '아이뉴스24',
      siteUrl: 'https://inews24.example/',
      description: '정보통신 뉴스',
      items: [
        {
          guid: 'i-1',
          title: 'SK텔레콤 AI 전략',
          link: 'https://inews24.example/1',
          author: '최기자',
          date: '2024-06-23T15:15:00+09:00',
          html: '<p>에이닷</p>',
          fromContent: true,
          summary: '요약',
        },
        {
          guid: '2',
          title: '텍스트 본문',
          link: 'https://elsewhere.example/2',
          author: '옛 형식 작성자',
          date: '2024-06-22T00:00:00Z',
          html: 'A &lt; B &amp; C', // content_text escaped, so it stays text
          fromContent: true,
        },
        { guid: 'i-3', html: '<p>제목이 숫자</p>', fromContent: true }, // title 42 ignored, "not an item" skipped
      ],
    });
  });

  it('RSS 2.0 <source url>: the name and the url, each optional (Google News names the outlet with it)', async () => {
    const feed = await parseFeed(
      '<rss version="2.0"><channel><title>검색</title>' +
        '<item><title>카카오브레인 대표 사임 - 전자신문</title><source url="https://www.etnews.com">전자신문</source></item>' +
        '<item><title>b</title><source>블로터</source></item>' +
        '<item><title>c</title><source url=" https://zdnet.co.kr "/></item>' +
        '<item><title>d</title></item>' +
        '</channel></rss>',
    );
    expect(feed.items).toEqual([
      { title: '카카오브레인 대표 사임 - 전자신문', sourceName: '전자신문', sourceUrl: 'https://www.etnews.com' },
      { title: 'b', sourceName: '블로터' },
      { title: 'c', sourceUrl: 'https://zdnet.co.kr' },
      { title: 'd' },
    ]);
  });

  it('ignores the XML declaration encoding of text that is already decoded', async () => {
    const feed = await parseFeed(
      '<?xml version="1.0" encoding="euc-kr"?><rss version="2.0"><channel><title>카카오브레인 녿냩</title></channel></rss>',
    );
    expect(feed.title).toBe('카카오브레인 녿냩');
  });
});

describe('parseFeed: the 12 real Korean feeds (decode → parse)', () => {
  const table: Array<[file: string, feedTitle: string | undefined, items: number, firstTitle: string | undefined]> = [
    ['CP949__ricanet.com.xml', '리카넷', 10, '구라치다 걸리면'],
    [
      'EUC-KR__acnnewswire.net.xml',
      'Asia Corporate Press via ACNNewswire.net',
      8,
      'JCB가 China UnionPay와 ATM 이용 계약을 체결; CUP 카드회원들은 이제 일본에서 최초의 ATM 네트워크를 사용할수 있게된다.',
    ],
    ['EUC-KR__ittrend.egloos.com.xml', 'All about IT Trends', 10, '구글 스토리 그리고 Regulating Search'],
    ['EUC-KR__blog.rss.naver.com.xml', 'alphathinker님의 블로그', 10, '2003년 업 그레이드된 기본강의시리즈 수강 안내'],
    ['EUC-KR__blog.empas.com.xml', 'Astral  Epic', 1, '블로그 옮깁니다'],
    ['EUC-KR__blog.bd-lab.com.xml', 'BDBLOG', 15, '오랜만에 사진찍기'],
    ['EUC-KR__chisato.info.xml', 'ABIMORO.. webLifeSay..', 20, '황우석, 그리고 피디수첩 - 시일야방성대곡(是日也放聲大哭)'],
    ['EUC-KR__console.linuxstudy.pe.kr.xml', 'ㅇ ㅏ ㅁ ㅏ 도 그 건 ㄴ ㅓ 였 을 걸', 10, '이사했습니다.'],
    ['encoding__euc-kr.xml', '년', 0, undefined], // a channel title only: no items in the file
    ['encoding__euc-kr-item.xml', undefined, 1, undefined],
    ['encoding__euc-kr-attribute.xml', undefined, 1, undefined],
    ['illformed__chardet__euckr.xml', undefined, 1, 'EUC-KR 에서 TypeKey 한글닉네임 표시하기'],
  ];

  it.each(table)('%s', async (file, feedTitle, itemCount, firstTitle) => {
    const feed = await parseFixture(file);
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe(feedTitle);
    expect(feed.items).toHaveLength(itemCount);
    expect(feed.items[0]?.title).toBe(firstTitle);
    expect(JSON.stringify(feed)).not.toContain('\uFFFD');
  });

  it('CP949-only syllables survive into the item body (ricanet)', async () => {
    const feed = await parseFixture('CP949__ricanet.com.xml');
    expect(feed.items.some((item) => item.html?.includes('녿ㅌ허내루러니ㅔ냩율'))).toBe(true);
  });

  it('feedparser expectations: 년 in the description, and in an escaped attribute', async () => {
    expect((await parseFixture('encoding__euc-kr-item.xml')).items[0]?.html).toBe('년');
    expect((await parseFixture('encoding__euc-kr-attribute.xml')).items[0]?.html).toBe('<img alt="년" />');
  });

  it('CDATA titles with padding are trimmed (ittrend)', async () => {
    const titles = (await parseFixture('EUC-KR__ittrend.egloos.com.xml')).items.map((item) => item.title);
    expect(titles).toContain('AOL의 구글 선택 그 전략적 제휴의 배경');
    for (const title of titles) expect(title).toBe(title?.trim());
  });

  it('comments inside the channel do not disturb it (naver)', async () => {
    const feed = await parseFixture('EUC-KR__blog.rss.naver.com.xml');
    expect(feed.siteUrl).toBe('http://blog.naver.com/alphathinker');
    expect(feed.items[1]).toMatchObject({
      title: '지혜롭게 화내는 12가지 방법?',
      link: 'http://blog.naver.com/alphathinker/40002563135',
      date: 'Mon, 17 May 2004 22:38:51 +0900',
    });
  });

  it('dc:date-only items keep that date (bd-lab); dateless items have none (linuxstudy)', async () => {
    const bdLab = await parseFixture('EUC-KR__blog.bd-lab.com.xml');
    expect(bdLab.items[0]?.date).toBe('2005-11-21T13:05:42+09:00');
    expect(bdLab.items.every((item) => item.date !== undefined)).toBe(true);
    const linuxstudy = await parseFixture('EUC-KR__console.linuxstudy.pe.kr.xml');
    expect(linuxstudy.items.every((item) => item.date === undefined)).toBe(true);
  });

  it('raw date strings are kept exactly: no zone, odd spacing, no space before the zone', async () => {
    expect((await parseFixture('EUC-KR__blog.empas.com.xml')).items[0]?.date).toBe('2004-12-27T11:30:00');
    expect((await parseFixture('EUC-KR__chisato.info.xml')).items[0]?.date).toBe('Thu,  8 Dec 2005 12:02:45 +0900');
    expect((await parseFixture('EUC-KR__acnnewswire.net.xml')).items[0]?.date).toBe('Tue, 27 Dec 2005 13:30:33+0900');
  });

  it('<rss> without version is read as RSS 2.0 (illformed__chardet__euckr.xml)', async () => {
    const feed = await parseFixture('illformed__chardet__euckr.xml');
    expect(feed.items[0]?.html).toContain('TypeKey 시스템이 UTF-8로 돌아가는데');
  });
});

describe('parseFeed: repairs', () => {
  it('escapes bare & in text, links and attributes, leaves CDATA alone', async () => {
    const feed = await parseFixture('trap-bare-ampersand.xml');
    expect(feed.title).toBe('AT&T 뉴스 & 분석');
    expect(feed.siteUrl).toBe('https://news.example/list.php?a=1&b=2');
    expect(feed.items).toEqual([
      {
        title: 'R&D 투자 확대 & 인력 채용',
        link: 'https://news.example/view.php?id=1&page=2',
        html: '<a href="https://news.example/?x=1&y=2">CDATA 안의 & 는 그대로</a>',
      },
    ]);
  });

  it('decodes HTML-only entities, keeps unknown ones as text, fixes bad numeric references', async () => {
    const feed = await parseFixture('trap-html-entities.xml');
    expect(feed.title).toBe('엔티티\u00A0테스트');
    // &LT;b&GT; stays escaped text, &foo; stays visible, &#146; is windows-1252 ’, &#0; &#x1;
    // &#55296; (a surrogate) and &#x110000; (beyond Unicode) are dropped.
    expect(feed.items[0]?.title).toBe('‘카카오’·“네이버”… <b> &foo; ’95 끝');
    expect(feed.items[0]?.html).toBe('<p>본문&nbsp;</p>\u00A0©');
  });

  it('removes characters illegal in XML, inside CDATA too, and keeps tabs', async () => {
    const feed = await parseFixture('trap-illegal-chars.xml');
    expect(feed.title).toBe('제어문자제거');
    expect(feed.items[0]).toEqual({ title: '탭\t유지', html: 'CDATA 안에서도 제거' });
  });

  it('escapes a < that cannot start markup', async () => {
    const feed = await parseFixture('trap-bare-lt.xml');
    expect(feed.title).toBe('부등호 a < b 와 <3');
    expect(feed.items[0]?.title).toBe('x <= y');
  });

  it('strips a BOM and whitespace before <?xml', async () => {
    expect(text('trap-leading-whitespace.xml')).toMatch(/^\n\n {3}<\?xml/); // decode removed the BOM only
    const feed = await parseFixture('trap-leading-whitespace.xml');
    expect(feed).toMatchObject({ title: '앞에 공백', items: [{ title: '항목' }] });
    // A BOM that reached the text some other way (a string handed in directly) is skipped too.
    const direct = await parseFeed('\uFEFF \r\n<?xml version="1.0"?><rss version="2.0"><channel><title>BOM</title></channel></rss>');
    expect(direct.title).toBe('BOM');
  });

  it('skips a PHP notice printed before the feed', async () => {
    const feed = await parseFixture('trap-junk-before-xml.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'PHP 경고 뒤의 피드', items: [{ title: '항목' }] });
  });

  it('reads <rss> without version as RSS 2.0', async () => {
    expect(await parseFixture('trap-rss-no-version.xml')).toEqual({
      format: 'rss',
      title: '버전 없는 RSS',
      items: [{ title: '항목 하나', date: '2024-06-23 15:15' }],
    });
  });

  it('repairMarkup returns the very same string when there is nothing to fix', () => {
    const clean = '<rss><channel><title>A &amp; B &#39; &#x2019; &#44032; <![CDATA[ & < ]]></title></channel></rss>';
    expect(repairMarkup(clean)).toBe(clean);
    expect(removeIllegalXmlChars(clean)).toBe(clean);
  });

  it('repairMarkup leaves CDATA and comments untouched, even unterminated at the end', () => {
    expect(repairMarkup('<a>&nbsp;<![CDATA[&nbsp; a<b]]><!-- & < --></a>')).toBe('<a>&#160;<![CDATA[&nbsp; a<b]]><!-- & < --></a>');
    expect(repairMarkup('<a>& <![CDATA[ & ')).toBe('<a>&amp; <![CDATA[ & ');
  });

  it('repairs stay linear on pathological input (many unterminated CDATA openers, many ampersands)', () => {
    const nasty = '<a>' + '<![CDATA[ x '.repeat(20_000) + '&'.repeat(200_000) + '<'.repeat(200_000);
    const started = performance.now();
    repairMarkup(nasty);
    repairMarkup('<a>' + '& <'.repeat(300_000) + '</a>');
    expect(performance.now() - started).toBeLessThan(5_000); // quadratic would take minutes
  });
});

describe('parseFeed: security', () => {
  it('refuses a billion-laughs DTD fast, without expanding anything', async () => {
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const error = await feedError(parseFixture('unsafe-billion-laughs.xml'));
    expect(error.code).toBe('error.unsafe_xml');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses an external entity and never reads /etc/passwd', async () => {
    const error = await feedError(parseFixture('unsafe-xxe.xml'));
    expect(error.code).toBe('error.unsafe_xml');
    expect(`${error.message} ${error.detail}`).not.toMatch(/root:/);
  });

  it('refuses a parameter entity that would fetch a remote DTD', async () => {
    expect((await feedError(parseFixture('unsafe-xxe-parameter-entity.xml'))).code).toBe('error.unsafe_xml');
  });

  it('an undeclared entity reference stays visible text, never expanded', async () => {
    const feed = await parseFixture('unsafe-undeclared-entity.xml');
    expect(feed.title).toBe('&xxe;');
    expect(feed.items[0]?.title).toBe('선언 없는 &xxe; 참조');
    expect(JSON.stringify(feed)).not.toMatch(/root:/);
  });

  it('a DOCTYPE slipped in after the root element is an error, not an expansion', async () => {
    const late = '<rss version="2.0"><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><channel><title>&xxe;</title></channel></rss>';
    const result = await parseFeed(late).then(
      (feed) => JSON.stringify(feed),
      (e: unknown) => (e instanceof FeedError ? e.code : 'not a FeedError'),
    );
    expect(result).not.toMatch(/root:/);
    expect(result).toBe('error.malformed_feed');
  });

  it('readProlog sees entity declarations behind comments and processing instructions', () => {
    const prolog = readProlog(
      '\uFEFF <?xml version="1.0"?><!-- x --><?pi y?><!DOCTYPE rss SYSTEM "a]b" [ <!ATTLIST a b CDATA ">"> <!ENTITY e "v"> ]><rss/>',
    );
    expect(prolog).toMatchObject({ rootName: 'rss', doctypeName: 'rss', declaresEntities: true });
    expect(readProlog('<!DOCTYPE rss [ <!ATTLIST rss version CDATA "2.0"> ]><rss/>').declaresEntities).toBe(false);
  });
});

describe('parseFeed: errors', () => {
  it.each(['', '   \n\t ', '\uFEFF\n', '\u0000\u0000'])('empty body %j → error.empty_body', async (body) => {
    expect((await feedError(parseFeed(body))).code).toBe('error.empty_body');
  });

  it.each([
    ['not-a-feed.html', 'an HTML page'],
    ['not-a-feed-xhtml.xml', 'an HTML page'],
    ['not-a-feed-opml.xml', 'root <opml>'],
  ])('%s → error.not_a_feed', async (file, detail) => {
    const error = await feedError(parseFixture(file));
    expect(error.code).toBe('error.not_a_feed');
    expect(error.detail).toContain(detail);
    expect(error.userMessage('ko')).toBe('이 주소는 피드가 아니라 웹 페이지입니다.');
  });

  it.each([
    '<!DOCTYPE html>',
    '<!doctype HTML><title>x</title>',
    '<html><body>503</body></html>',
    'Service Temporarily Unavailable',
    '[{"items": []}]',
    '{"error": "not found"}',
    '{"version": "1.0", "items": []}',
  ])('%j → error.not_a_feed', async (body) => {
    expect((await feedError(parseFeed(body))).code).toBe('error.not_a_feed');
  });

  it('mismatched tags → error.malformed_feed with the parser position in the detail', async () => {
    const error = await feedError(parseFixture('malformed-mismatched.xml'));
    expect(error.code).toBe('error.malformed_feed');
    expect(error.detail).toMatch(/Line: \d+/);
  });

  it('a body cut off mid-item → error.malformed_feed (nothing half-read is returned)', async () => {
    expect((await feedError(parseFixture('truncated.xml'))).code).toBe('error.malformed_feed');
  });

  it('absurdly nested markup ends in a FeedError, whatever the parser does with it', async () => {
    const depth = 100_000;
    const nested = `<rss version="2.0"><channel><item><title>${'<b>'.repeat(depth)}x${'</b>'.repeat(depth)}</title></item></channel></rss>`;
    const outcome = await parseFeed(nested).then(
      (feed) => feed.items.length,
      (e: unknown) => (e instanceof FeedError ? e.code : `not a FeedError: ${String(e)}`),
    );
    expect([1, 'error.malformed_feed']).toContain(outcome);
  });

  it.each([
    '<rss version="2.0"></rss>', // no <channel>: rss-parser throws a TypeError
    '<rss version="2.0"><channel><title>x</title></channel>',
    '<feed><entry><title>x</title></feed>',
    '<?xml version="1.0"?><rss version="2.0"><channel><title><![CDATA[x</title></channel></rss>',
    '{"version": "https://jsonfeed.org/version/1.1", "items": [',
  ])('%j → error.malformed_feed', async (body) => {
    expect((await feedError(parseFeed(body))).code).toBe('error.malformed_feed');
  });
});

describe('parseFeed: an RSS <guid> that is a permalink stands in for a missing <link> (as feedparser reads it)', () => {
  const rssWith = (items: string) =>
    `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><link>https://site.example/</link>${items}</channel></rss>`;

  it('takes the guid as the link when there is no <link> and isPermaLink is absent or true', async () => {
    const feed = await parseFeed(
      rssWith(
        '<item><title>가</title><guid>https://site.example/a/1</guid></item>' +
          '<item><title>나</title><guid isPermaLink="true">http://site.example/a/2</guid></item>',
      ),
    );
    expect(feed.items.map((i) => i.link)).toEqual(['https://site.example/a/1', 'http://site.example/a/2']);
  });

  it('never does when isPermaLink="false", when the guid is not an absolute http(s) URL, or when there is a <link>', async () => {
    const feed = await parseFeed(
      rssWith(
        '<item><title>가</title><guid isPermaLink="false">https://site.example/id/1</guid></item>' +
          '<item><title>나</title><guid>bloter-100</guid></item>' +
          '<item><title>다</title><guid>/a/3</guid></item>' +
          '<item><title>라</title><guid>https://site.example/a/4</guid><link>https://site.example/real/4</link></item>',
      ),
    );
    expect(feed.items.map((i) => i.link)).toEqual([undefined, undefined, undefined, 'https://site.example/real/4']);
    expect(feed.items.map((i) => i.guid)).toEqual(['https://site.example/id/1', 'bloter-100', '/a/3', 'https://site.example/a/4']);
  });
});

describe('rss-parser is not asked for what nunchi never reads (issue 14)', () => {
  const item =
    '<item><title>카카오브레인 퇴사</title><pubDate>Fri, 04 Dec 2026 09:30:00 +0900</pubDate>' +
    '<description>&lt;p&gt;KoGPT &amp;amp; 퇴사&lt;/p&gt;</description></item>';

  it('computes no isoDate and no contentSnippet for RSS or Atom items', async () => {
    const rss = await runRssParser(`<rss version="2.0"><channel><title>t</title>${item}</channel></rss>`, 'rss');
    const atom = await runRssParser(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>가</title>' +
        '<nunchi:published>2026-12-04T09:30:00+09:00</nunchi:published><content type="html">&lt;p&gt;본문&lt;/p&gt;</content></entry></feed>',
      'atom',
    );
    for (const raw of [rss.items[0]!, atom.items[0]!]) {
      expect(raw.isoDate).toBeUndefined();
      expect(raw.contentSnippet).toBeUndefined();
    }
    // What is read stays: the raw date and the description's HTML.
    expect(rss.items[0]).toMatchObject({ pubDate: 'Fri, 04 Dec 2026 09:30:00 +0900', content: '<p>KoGPT &amp; 퇴사</p>' });
  });

  it('still reads every date and body as before', async () => {
    const feed = await parseFeed(`<rss version="2.0"><channel><title>t</title>${item}</channel></rss>`);
    expect(feed.items).toEqual([{ title: '카카오브레인 퇴사', date: 'Fri, 04 Dec 2026 09:30:00 +0900', html: '<p>KoGPT &amp; 퇴사</p>' }]);
  });
});
