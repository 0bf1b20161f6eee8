/**
 * Site rules for the Korean outlets of the catalog (`main/feeds/catalog.ts`), tried before
 * Readability, the way PicoFeed's and Miniflux's rules work: `body` names the element that holds
 * the article (the first selector that finds one with enough text wins) and `strip` what to take
 * out of it (ads, bylines, copyright lines, related-article boxes). What every page needs removed
 * anyway (scripts, navigation, link-dense headline lists, chrome named by class) is done by
 * `clean.ts` after the rule, so a rule lists only what is particular to its site.
 *
 * A rule whose selector no longer finds anything (the outlet changed its template) costs nothing
 * but quality: extraction falls through to Readability. Each rule is tested against a page built
 * in its outlet's shape (tests/helpers/article-pages.ts).
 */
export interface SiteRule {
  /** Stable id, recorded with the extracted body ("which rule picked it"). */
  id: string;
  /** Host names the rule applies to; a subdomain of one matches too (m.etnews.com). */
  hosts: readonly string[];
  /** CSS selectors of the article element, most specific first. */
  body: readonly string[];
  /** CSS selectors of what to remove inside it. */
  strip: readonly string[];
}

/** The article template of the ndsoft CMS (news.*.co.kr, /news/articleView.html?idxno=…). */
const NDSOFT_BODY = ['#article-view-content-div'];
const NDSOFT_STRIP = [
  '.view-copyright',
  '.view-editors',
  '.article-copy',
  '.ad-template',
  '.IMGFLOATING',
  '.tag-group',
  '[class*="banner"]',
];

const RULES: SiteRule[] = [
  {
    id: 'etnews',
    hosts: ['etnews.com'],
    body: ['#articleBody', '.article_body'],
    strip: ['.article_ad', '.related_article', '.reporter_info', '.article_copy'],
  },
  {
    id: 'zdnet',
    hosts: ['zdnet.co.kr'],
    body: ['#articleBody', '.view_cont'],
    strip: ['.news_box', '.reporter_info', '.relation_news', '.ad_box'],
  },
  { id: 'bloter', hosts: ['bloter.net'], body: NDSOFT_BODY, strip: NDSOFT_STRIP },
  { id: 'techm', hosts: ['techm.kr'], body: NDSOFT_BODY, strip: NDSOFT_STRIP },
  { id: 'ajunews', hosts: ['ajunews.com'], body: ['#articleBody', '.article_con'], strip: ['.byline', '.relation_news', '.ad_area'] },
  {
    id: 'yna',
    hosts: ['yna.co.kr'],
    body: ['article.story-news', '.story-news'],
    strip: ['.txt-copyright', '.adrs', '.related-zone', '.comp-box', '.aside-box', '.writer-zone'],
  },
  { id: 'inews24', hosts: ['inews24.com'], body: ['#articleBody'], strip: ['.relation', '.byline', '.ad'] },
  {
    id: 'newsis',
    hosts: ['newsis.com'],
    body: ['#textBody', '.viewer .article_txt', '.article_txt'],
    strip: ['.summury', '.relation_news', '.copyright'],
  },
  {
    id: 'hankyung',
    hosts: ['hankyung.com'],
    body: ['#articletxt', '.article-body'],
    strip: ['.ad-area', '.article-ad', '.related-news', '.txt-copyright'],
  },
  {
    id: 'mk',
    hosts: ['mk.co.kr'],
    body: ['.news_cnt_detail_wrap', '[itemprop="articleBody"]'],
    strip: ['.ad_wrap', '.related_news', '.copyright'],
  },
  { id: 'mt', hosts: ['mt.co.kr'], body: ['#textBody'], strip: ['.relate_news', '.ad', '.copyright'] },
  { id: 'byline', hosts: ['byline.network'], body: ['.entry-content'], strip: ['.sharedaddy', '.jp-relatedposts', '.wp-block-buttons'] },
  { id: 'edaily', hosts: ['edaily.co.kr'], body: ['.news_body'], strip: ['.relation_news', '.ad', '.copyright'] },
  { id: 'boannews', hosts: ['boannews.com'], body: ['#news_content'], strip: ['#news_util', '.news_ad', '.copyright'] },
];

export const SITE_RULES: readonly SiteRule[] = Object.freeze(RULES.map((rule) => Object.freeze(rule)));

/** The rule for a page's host, or null. */
export function siteRuleFor(pageUrl: string, rules: readonly SiteRule[] = SITE_RULES): SiteRule | null {
  let host: string;
  try {
    host = new URL(pageUrl).hostname.toLowerCase();
  } catch {
    return null;
  }
  return rules.find((rule) => rule.hosts.some((h) => host === h || host.endsWith(`.${h}`))) ?? null;
}
