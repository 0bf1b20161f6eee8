/**
 * Article pages built in the shapes of the catalog's Korean outlets, for the extraction tests and
 * the full-text benchmark. Each page has the outlet's body element (the one its site rule names)
 * and, around and inside it, the chrome real pages have: navigation, "많이 본 뉴스", related
 * articles, comments, bylines, copyright lines, ad banners, scripts, JSON-LD and meta keywords.
 *
 * Every piece of chrome carries the watched words (카카오브레인, 퇴사, KoGPT) next to the marker
 * `DECOY`, so a test can assert that no chrome reached the text: no `DECOY`, no `KoGPT` (the body
 * never says it) and exactly the body's own mentions of 카카오브레인 and 퇴사.
 */

export type OutletShape =
  | 'etnews'
  | 'zdnet'
  | 'bloter'
  | 'techm'
  | 'ajunews'
  | 'yna'
  | 'inews24'
  | 'newsis'
  | 'hankyung'
  | 'mk'
  | 'mt'
  | 'byline'
  | 'edaily'
  | 'boannews'
  | 'generic';

export interface OutletSite {
  shape: OutletShape;
  /** The host the outlet's rule is written for. */
  host: string;
}

export const OUTLET_SITES: readonly OutletSite[] = [
  { shape: 'etnews', host: 'www.etnews.com' },
  { shape: 'zdnet', host: 'zdnet.co.kr' },
  { shape: 'bloter', host: 'www.bloter.net' },
  { shape: 'techm', host: 'www.techm.kr' },
  { shape: 'ajunews', host: 'www.ajunews.com' },
  { shape: 'yna', host: 'www.yna.co.kr' },
  { shape: 'inews24', host: 'www.inews24.com' },
  { shape: 'newsis', host: 'www.newsis.com' },
  { shape: 'hankyung', host: 'www.hankyung.com' },
  { shape: 'mk', host: 'www.mk.co.kr' },
  { shape: 'mt', host: 'news.mt.co.kr' },
  { shape: 'byline', host: 'byline.network' },
  { shape: 'edaily', host: 'www.edaily.co.kr' },
  { shape: 'boannews', host: 'www.boannews.com' },
  { shape: 'generic', host: 'news.example.kr' },
];

export interface ArticleSpec {
  title: string;
  /** The article's paragraphs, as plain text. */
  paragraphs: string[];
  /** Filler chrome added until the page is at least this many UTF-8 bytes (real pages are 50–150 KB). */
  padToBytes?: number;
  /** `<meta charset>` to declare, e.g. 'euc-kr'; none by default. */
  metaCharset?: string;
  /** Seed for the filler. */
  seed?: number;
}

export const DECOY = 'DECOY';
/** What every piece of chrome says. */
const decoy = (where: string) => `${DECOY} ${where}: 카카오브레인 임원 퇴사, KoGPT 후속 모델 공개`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SYLLABLES =
  '가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호구누두루무부수우주추기니디리미비시이지치';

/** Korean-looking filler prose that never contains a watched word. */
export function fillerSentence(rand: () => number, words = 14): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const length = 2 + Math.floor(rand() * 3);
    let word = '';
    for (let k = 0; k < length; k++) word += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    out.push(word);
  }
  return `${out.join(' ')}다.`;
}

/** The chrome around an article: enough of it to make the page heavy, all of it decoys. */
function headChrome(spec: ArticleSpec): string {
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: spec.title,
    keywords: decoy('json-ld'),
    author: { '@type': 'Person', name: `${DECOY} 퇴사 기자` },
  });
  return `<head>
${spec.metaCharset ? `<meta charset="${spec.metaCharset}">` : ''}
<title>${esc(spec.title)}</title>
<meta name="keywords" content="${esc(decoy('meta keywords'))}">
<meta name="description" content="${esc(decoy('meta description'))}">
<meta property="og:title" content="${esc(decoy('og title'))}">
<script type="application/ld+json">${jsonLd}</script>
<script>var dataLayer = [{ section: "${decoy('script')}" }]; window.__ad = "KoGPT 퇴사";</script>
<style>.decoy::after { content: "${decoy('style')}"; }</style>
</head>`;
}

function navigation(rand: () => number): string {
  const items = Array.from(
    { length: 24 },
    (_, i) => `<li><a href="/section/${i}">${i === 3 ? decoy('nav') : fillerSentence(rand, 2)}</a></li>`,
  );
  return `<header id="header"><div class="gnb"><ul>${items.join('')}</ul></div>
<div class="search"><form action="/search"><input name="q" value="${esc(decoy('search box'))}"><button>검색 ${DECOY} 퇴사</button></form></div></header>
<nav class="breadcrumb"><a href="/">홈</a> &gt; <a href="/it">${decoy('breadcrumb')}</a></nav>`;
}

function mostRead(rand: () => number, count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<li><a href="/news/${1000 + i}"><span class="num">${i + 1}</span>${i % 3 === 0 ? decoy('많이 본 뉴스') : fillerSentence(rand, 6)}</a></li>`,
  );
  return `<div class="most_read_box"><h3>많이 본 뉴스</h3><ol>${items.join('')}</ol></div>`;
}

function comments(rand: () => number): string {
  const items = Array.from(
    { length: 6 },
    (_, i) => `<li class="cmt-item"><span class="nick">독자${i}</span><p>${i === 2 ? decoy('comment') : fillerSentence(rand, 10)}</p></li>`,
  );
  return `<section id="comment-area"><h3>댓글</h3><ul>${items.join('')}</ul></section>`;
}

function footer(): string {
  return `<footer id="footer"><p>${decoy('footer')}</p><p>Copyright ⓒ 뉴스 All rights reserved. 무단 전재 및 재배포 금지. ${DECOY} 카카오브레인</p></footer>`;
}

/** A list of other headlines, the way outlets put it inside the article body. */
function relatedLinks(rand: () => number, className: string): string {
  const items = Array.from(
    { length: 5 },
    (_, i) => `<li><a href="/news/${2000 + i}">${i === 1 ? decoy('related') : fillerSentence(rand, 6)}</a></li>`,
  );
  return `<div class="${className}"><strong>관련기사</strong><ul>${items.join('')}</ul></div>`;
}

/** A headline list without any class name: only its link density gives it away. */
function anonymousHeadlineList(rand: () => number): string {
  const items = Array.from(
    { length: 4 },
    (_, i) => `<li><a href="/news/${3000 + i}">${i === 0 ? decoy('anonymous list') : fillerSentence(rand, 6)}</a></li>`,
  );
  return `<ul>${items.join('')}</ul>`;
}

const ad = (className: string) =>
  `<div class="${className}"><a href="https://ads.example/"><img src="/ad.gif" alt="${esc(decoy('ad alt'))}"></a><span>${decoy('ad banner')}</span></div>`;
const paragraphs = (spec: ArticleSpec) => spec.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');
const brText = (spec: ArticleSpec) => spec.paragraphs.map((p) => esc(p)).join('<br><br>\n');

/** The body element of each outlet, with the chrome it puts inside it. */
function articleBody(shape: OutletShape, spec: ArticleSpec, rand: () => number): string {
  const byline = `홍길동 기자 ${DECOY.toLowerCase()}@news.example`;
  switch (shape) {
    case 'etnews':
      return `<div class="article_body" id="articleBody" itemprop="articleBody">${brText(spec)}<br><br>
${ad('article_ad')}${relatedLinks(rand, 'related_article')}<div class="reporter_info">${decoy('reporter')}</div></div>`;
    case 'zdnet':
      return `<div id="articleBody" class="view_cont">${paragraphs(spec)}
<div class="news_box">${decoy('news box')}</div>${relatedLinks(rand, 'relation_news')}<p class="reporter_info">${byline}</p></div>`;
    case 'bloter':
    case 'techm':
      return `<article id="article-view-content-div" class="article-veiw-body view-page font-size17" itemprop="articleBody">
${paragraphs(spec)}<div class="IMGFLOATING">${decoy('floating image')}</div><div class="ad-template">${decoy('ad template')}</div>
<div class="view-editors">${decoy('editors')}</div><div class="view-copyright">${decoy('copyright')}</div></article>`;
    case 'ajunews':
      return `<div id="articleBody" class="article_con">${paragraphs(spec)}<p class="byline">${decoy('byline')}</p>${relatedLinks(rand, 'relation_news')}</div>`;
    case 'yna':
      return `<article class="story-news article">${paragraphs(spec)}<p class="adrs">${byline}</p>
<p class="txt-copyright adrs">${decoy('copyright')}</p><div class="related-zone">${relatedLinks(rand, 'list')}</div><div class="comp-box">${decoy('comp box')}</div></article>`;
    case 'inews24':
      return `<article id="articleBody">${paragraphs(spec)}<div class="relation">${decoy('relation')}</div><p>${byline}</p></article>`;
    case 'newsis':
      return `<div class="viewer"><div class="summury">${decoy('summary box')}</div><article id="textBody">${brText(spec)}<br><br>${byline}<br>
<div class="copyright">${decoy('copyright')}</div></article></div>`;
    case 'hankyung':
      return `<div class="article-body" id="articletxt" itemprop="articleBody">${brText(spec)}<br>${ad('ad-area')}<br>${byline}<br>ⓒ 한경닷컴, 무단전재 및 재배포 금지 ${DECOY} 퇴사</div>`;
    case 'mk':
      return `<div class="news_cnt_detail_wrap" itemprop="articleBody">${paragraphs(spec)}${ad('ad_wrap')}${anonymousHeadlineList(rand)}</div>`;
    case 'mt':
      return `<div id="textBody">${brText(spec)}<br>${relatedLinks(rand, 'relate_news')}<br>${byline}</div>`;
    case 'byline':
      return `<div class="entry-content">${paragraphs(spec)}<div class="sharedaddy">${decoy('share')}</div><div class="jp-relatedposts">${decoy('related posts')}</div></div>`;
    case 'edaily':
      return `<div class="news_body">${brText(spec)}<br>${relatedLinks(rand, 'relation_news')}${ad('ad')}</div>`;
    case 'boannews':
      return `<div id="news_content">${brText(spec)}<br><br>[${byline}]<br><div id="news_util">${decoy('util')}</div>
<div class="copyright">&lt;저작권자: 보안뉴스(www.boannews.com) 무단전재-재배포금지&gt; ${DECOY}</div></div>`;
    case 'generic':
      return `<div class="post"><h1>${esc(spec.title)}</h1><div class="post-content">${paragraphs(spec)}</div>
<div class="related-posts">${relatedLinks(rand, 'related')}</div></div>`;
  }
}

/** A whole page of `shape`, padded with chrome filler (never with article text) to `padToBytes`. */
export function buildArticlePage(shape: OutletShape, spec: ArticleSpec): string {
  const rand = seeded(spec.seed ?? 7);
  const top = `<!DOCTYPE html>\n<html lang="ko">\n${headChrome(spec)}\n<body>\n${navigation(rand)}\n<div id="container"><div id="content">
<h1 class="headline">${esc(spec.title)}</h1><div class="info"><span class="date">입력 2026.01.01 09:00</span></div>\n`;
  const body = articleBody(shape, spec, rand);
  let side = `</div><aside id="sidebar">${mostRead(rand, 10)}${ad('side_banner')}</aside>\n${comments(rand)}`;
  const bottom = `\n</div>\n${footer()}\n</body>\n</html>\n`;
  const target = spec.padToBytes ?? 0;
  let size = Buffer.byteLength(top + body + side + bottom);
  // Heavy chrome like the real pages: more headline boxes and inline scripts, never article text.
  for (let i = 0; size < target; i++) {
    const chunk =
      i % 2 === 0
        ? `<div class="ranking_news">${mostRead(rand, 20)}</div>`
        : `<script>window.__state${i} = ${JSON.stringify({ items: Array.from({ length: 20 }, () => fillerSentence(rand, 6)) })};</script>`;
    side += chunk;
    size += Buffer.byteLength(chunk);
  }
  return top + body + side + bottom;
}

/** A realistic article: paragraphs of prose with the watched words where a real story has them. */
export function sampleArticle(seed: number, paragraphCount = 8): ArticleSpec {
  const rand = seeded(seed);
  const paragraphs = Array.from({ length: paragraphCount }, () => `${fillerSentence(rand, 18)} ${fillerSentence(rand, 14)}`);
  paragraphs[Math.min(2, paragraphs.length - 1)] =
    `업계에 따르면 카카오브레인 김일두 대표가 최근 회사에 퇴사 의사를 밝혔다. ${fillerSentence(rand, 10)}`;
  return { title: `${fillerSentence(rand, 5)} (${seed})`, paragraphs, seed };
}

/** How often `needle` occurs in `text`. */
export function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
