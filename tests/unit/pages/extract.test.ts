import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { PipelinePool } from '../../../main/feeds/pipeline-pool';
import { extractArticle, extractPageDocument, MIN_ARTICLE_CHARS } from '../../../main/pages/extract';
import { classifyAnswer } from '../../../main/pages/page-client';
import { siteRuleFor, SITE_RULES } from '../../../main/pages/site-rules';
import { FEED_CATALOG } from '../../../main/feeds/catalog';
import { buildArticlePage, countOf, DECOY, OUTLET_SITES, sampleArticle, type OutletShape } from '../../helpers/article-pages';

const BODY_SENTENCE = '카카오브레인 김일두 대표가 최근 회사에 퇴사 의사를 밝혔다';

/** The body's own mentions are all there; nothing of the chrome is. */
function expectOnlyTheArticle(text: string, html: string, paragraphs: string[]) {
  expect(text).toContain(BODY_SENTENCE);
  for (const paragraph of paragraphs) expect(text).toContain(paragraph.slice(0, 40));
  expect(countOf(text, '카카오브레인')).toBe(1);
  expect(countOf(text, '퇴사')).toBe(1);
  expect(text).not.toContain('KoGPT');
  expect(text).not.toContain(DECOY);
  expect(html).not.toContain(DECOY);
  expect(html).not.toMatch(/<script|<style|ld\+json/i);
}

describe('site rules: one per catalog outlet, each tested on a page in its shape', () => {
  it('every catalog outlet has a rule for its site', () => {
    for (const feed of FEED_CATALOG) expect(siteRuleFor(feed.siteUrl), feed.id).not.toBeNull();
    expect(siteRuleFor('https://m.etnews.com/20260101000001')?.id).toBe('etnews');
    expect(siteRuleFor('https://notetnews.com/1')).toBeNull();
  });

  for (const site of OUTLET_SITES.filter((s) => s.shape !== 'generic')) {
    it(`${site.shape}: the rule picks the body and the chrome full of decoys stays out`, () => {
      const spec = sampleArticle(11);
      const html = buildArticlePage(site.shape, { ...spec, padToBytes: 90_000 });
      const found = extractArticle(html, `https://${site.host}/news/articleView.html?idxno=1`);
      expect(found.kind).toBe('found');
      if (found.kind !== 'found') return;
      expect(found.body.extractor).toBe('site-rule');
      expect(found.body.rule).toBe(site.shape);
      expectOnlyTheArticle(found.body.text, found.body.html, spec.paragraphs);
    });
  }

  it('each rule names a body that the generated page of its outlet has', () => {
    const shapes = new Set<string>(OUTLET_SITES.map((s) => s.shape));
    for (const rule of SITE_RULES) expect(shapes.has(rule.id), rule.id).toBe(true);
  });
});

describe('Readability after the rules', () => {
  it('finds the article of a site without a rule, decoys left out', () => {
    const spec = sampleArticle(12);
    const found = extractArticle(buildArticlePage('generic', { ...spec, padToBytes: 90_000 }), 'https://news.example.kr/2026/01/01/story');
    expect(found.kind).toBe('found');
    if (found.kind !== 'found') return;
    expect(found.body).toMatchObject({ extractor: 'readability', rule: null });
    expectOnlyTheArticle(found.body.text, found.body.html, spec.paragraphs);
  });

  it('takes over when an outlet changed its template and the rule finds nothing', () => {
    const spec = sampleArticle(13);
    const found = extractArticle(buildArticlePage('generic', spec), 'https://www.etnews.com/20260101000001');
    expect(found.kind).toBe('found');
    if (found.kind === 'found') expect(found.body.extractor).toBe('readability');
  });
});

describe('what is never article text', () => {
  const wrap = (inner: string) => `<html><head><title>t</title></head><body><div id="articleBody">${inner}</div></body></html>`;
  const prose = '업계에 따르면 카카오브레인은 올해 새로운 모델을 공개할 계획이다. 회사 관계자는 준비가 순조롭다고 말했다. '.repeat(3);

  it('drops a headline list without any class (link density), keeps a paragraph with an inline link', () => {
    const html = wrap(`<p>${prose}<a href="/x">관련 링크</a> 뒤 문장도 본문이다.</p>
<ul><li><a href="/1">${DECOY} 퇴사 헤드라인 하나</a></li><li><a href="/2">${DECOY} KoGPT 헤드라인 둘</a></li></ul>`);
    const found = extractArticle(html, 'https://www.etnews.com/1');
    expect(found.kind).toBe('found');
    if (found.kind !== 'found') return;
    expect(found.body.text).toContain('관련 링크 뒤 문장도 본문이다.');
    expect(found.body.text).not.toContain(DECOY);
  });

  it('drops copyright and byline lines written as plain text, keeps a dateline that opens a paragraph', () => {
    const html = wrap(
      `(서울=연합뉴스) 홍길동 기자 = ${prose}<br><br>홍길동 기자 hong@yna.co.kr<br>ⓒ 전자신문, 무단전재 및 재배포 금지 KoGPT<br><p>kogpt@example.com</p>`,
    );
    const found = extractArticle(html, 'https://www.etnews.com/1');
    expect(found.kind).toBe('found');
    if (found.kind !== 'found') return;
    expect(found.body.text).toContain('(서울=연합뉴스) 홍길동 기자 = 업계에 따르면');
    expect(found.body.text).not.toMatch(/hong@|무단전재|KoGPT|kogpt@/);
  });

  it('reads nothing from scripts, JSON-LD, meta keywords or styles even inside the body', () => {
    const html = `<html><head><meta name="keywords" content="KoGPT"><script type="application/ld+json">{"keywords":"KoGPT"}</script></head>
<body><div id="articleBody"><script>var k = "KoGPT";</script><style>.x{content:"KoGPT"}</style><noscript>KoGPT</noscript><p>${prose}</p></div></body></html>`;
    const found = extractArticle(html, 'https://www.etnews.com/1');
    expect(found.kind === 'found' && found.body.text).not.toContain('KoGPT');
  });

  it('keeps a container named like chrome when it holds the article (`has-ads`)', () => {
    const html = `<html><body><div class="article-body has-ads"><p>${prose}</p><p>${prose}</p></div></body></html>`;
    const found = extractArticle(html, 'https://news.example.kr/1');
    expect(found.kind === 'found' && found.body.text).toContain('새로운 모델을 공개할 계획이다');
  });
});

describe('no article: the feed text stays', () => {
  it('a login page gives none, with the reason in words', () => {
    const html =
      '<html><body><header>Nunchi News</header><form><input name="id"><input type="password"></form><p>로그인이 필요합니다.</p></body></html>';
    const found = extractArticle(html, 'https://www.etnews.com/login');
    expect(found.kind).toBe('none');
    if (found.kind === 'none') expect(found.why).toMatch(new RegExp(`at least ${MIN_ARTICLE_CHARS} characters`));
  });

  it('a page body much shorter than the feed’s own text is not taken', () => {
    const spec = sampleArticle(14, 2);
    const page = buildArticlePage('etnews', spec);
    expect(extractArticle(page, 'https://www.etnews.com/1').kind).toBe('found');
    expect(extractArticle(page, 'https://www.etnews.com/1', { feedTextLength: 5_000 }).kind).toBe('none');
  });

  it('bytes that are not a page at all never throw', () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(extractPageDocument({ body: junk, contentType: null, url: 'https://www.etnews.com/1' })).toMatchObject({
      kind: 'failed',
      reason: 'page.no_article',
    });
    expect(extractPageDocument({ body: Buffer.from('<div><p><b><i>'.repeat(5000)), contentType: 'text/html', url: 'x' }).kind).toBe(
      'failed',
    );
  });
});

describe('extractPageDocument: bytes to article', () => {
  it.each([
    ['<meta charset> only', 'euc-kr', 'text/html'],
    ['the header only', undefined, 'text/html; charset=euc-kr'],
  ])('decodes an EUC-KR page labelled by %s without U+FFFD', (_name, metaCharset, contentType) => {
    const spec = sampleArticle(15);
    spec.paragraphs[0] = '보안뉴스 똠방각하 햏 뷁 — CP949에만 있는 음절도 그대로 읽힌다. ' + spec.paragraphs[0];
    const bytes = iconv.encode(buildArticlePage('boannews', { ...spec, metaCharset }), 'cp949');
    const extraction = extractPageDocument({ body: bytes, contentType, url: 'https://www.boannews.com/media/view.asp?idx=1' });
    expect(extraction.kind).toBe('extracted');
    if (extraction.kind !== 'extracted') return;
    expect(extraction.encoding).toBe('cp949');
    expect(extraction.text).toContain('똠방각하 햏 뷁');
    expect(extraction.text).toContain(BODY_SENTENCE);
    expect(extraction.text).not.toContain('\uFFFD');
  });
});

describe('PipelinePool.extractPage: extraction in a worker thread', () => {
  const pool = new PipelinePool(1);
  afterAll(() => pool.close());

  it('gives what extraction on this thread gives', async () => {
    const spec = sampleArticle(16);
    const doc = {
      body: Buffer.from(buildArticlePage('yna', { ...spec, padToBytes: 60_000 })),
      contentType: 'text/html; charset=utf-8',
      url: 'https://www.yna.co.kr/view/AKR20260101000100017',
    };
    const inWorker = await pool.extractPage(doc);
    expect(inWorker).toEqual(extractPageDocument(doc));
    expect(inWorker).toMatchObject({ kind: 'extracted', extractor: 'site-rule', rule: 'yna' });
  });

  it('still parses feeds in the same workers', async () => {
    const feed = await pool.process({
      body: Buffer.from(
        '<rss version="2.0"><channel><title>t</title><item><title>카카오브레인</title><link>https://www.yna.co.kr/1</link></item></channel></rss>',
      ),
      contentType: 'application/rss+xml',
      url: 'https://www.yna.co.kr/rss',
    });
    expect(feed.items[0]?.title).toBe('카카오브레인');
  });
});

describe('classifyAnswer: answers that are not an article page', () => {
  const at = (href: string) => new URL(href);
  const html = Buffer.from('<!DOCTYPE html><html><body><p>기사</p></body></html>');
  const article = at('https://www.etnews.com/20260101000001');

  it('refuses a PDF or an image whatever the label says', () => {
    expect(classifyAnswer(article, article, 'application/pdf', Buffer.from('%PDF-1.7 ...'))?.reason).toBe('page.not_html');
    expect(classifyAnswer(article, article, 'text/html', Buffer.from('%PDF-1.7 ...'))?.reason).toBe('page.not_html');
    expect(classifyAnswer(article, article, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47]))?.reason).toBe('page.not_html');
    expect(classifyAnswer(article, article, null, Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.reason).toBe('page.not_html');
  });

  it('takes HTML sent with a vague type or none', () => {
    expect(classifyAnswer(article, article, 'application/octet-stream', html)).toBeNull();
    expect(classifyAnswer(article, article, null, html)).toBeNull();
    expect(classifyAnswer(article, article, 'text/html;charset=utf-8', html)).toBeNull();
  });

  it('sees a redirect to a login or subscription page, or to the front page', () => {
    expect(classifyAnswer(article, at('https://www.etnews.com/member/login.html?return=/1'), 'text/html', html)?.reason).toBe(
      'page.login_required',
    );
    expect(classifyAnswer(article, at('https://sso.etnews.com/auth?next=1'), 'text/html', html)?.reason).toBe('page.login_required');
    expect(classifyAnswer(article, at('https://www.etnews.com/subscribe'), 'text/html', html)?.reason).toBe('page.login_required');
    expect(classifyAnswer(article, at('https://www.etnews.com/'), 'text/html', html)?.reason).toBe('page.not_found');
    expect(classifyAnswer(article, at('https://www.etnews.com/news/20260101000001'), 'text/html', html)).toBeNull();
  });
});

// Keeps the shape list and the rules table in step: a new outlet needs both.
const _shapes: OutletShape[] = OUTLET_SITES.map((s) => s.shape);
void _shapes;
