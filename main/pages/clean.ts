/**
 * What is never article text, whichever step picked the article element. A keyword in a page's
 * chrome raising an alert is a bug, so this errs on the side of removing:
 *
 * - code and embedded objects: scripts (JSON-LD included), styles, frames, forms, SVG, `<meta>`;
 * - chrome by element: nav, aside, footer, header, [role=navigation|complementary|banner|contentinfo];
 * - chrome by class or id: ads, banners, related / popular ("많이 본 뉴스") / recommended boxes,
 *   comments, share buttons, bylines and reporter boxes, copyright lines, tags and keywords;
 * - link-dense blocks: a block whose text is mostly link text is a list of other headlines;
 * - copyright and byline lines written as plain text ("ⓒ 전자신문 무단전재 및 재배포 금지",
 *   "홍길동 기자 hong@etnews.com").
 *
 * Works on htmlparser2's tree (dom.ts), each pass one walk.
 */
import { findAll, isElement, isText, remove, type AnyNode, type Element } from './dom';

/** Elements whose content is code or an embedded object, never prose. */
const NON_CONTENT_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'link',
  'meta',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'dialog',
]);
/** Page chrome by element. */
const CHROME_TAGS = new Set(['nav', 'aside', 'footer', 'header', 'menu']);
const CHROME_ROLES = new Set(['navigation', 'complementary', 'banner', 'contentinfo', 'menu', 'menubar', 'search']);

/**
 * Class or id words that name chrome. A word is delimited by start/end, white space, "-" or "_"
 * (digits may follow), so `article_ad`, `ad-box` and `AD300` match but `head`, `lead` or
 * `shadow` do not.
 */
const CHROME_WORDS = [
  'ad',
  'ads',
  'adv',
  'advert',
  'advertisement',
  'banner',
  'sponsor',
  'sponsored',
  'promo',
  'promotion',
  'related',
  'relation',
  'relate',
  'recommend',
  'popular',
  'ranking',
  'rank',
  'most',
  'mostview',
  'mostread',
  'hot',
  'trend',
  'comment',
  'comments',
  'reply',
  'cmt',
  'disqus',
  'share',
  'sns',
  'social',
  'byline',
  'reporter',
  'writer',
  'author',
  'editors',
  'copyright',
  'copy',
  'tag',
  'tags',
  'keyword',
  'keywords',
  'subscribe',
  'newsletter',
  'nav',
  'navi',
  'menu',
  'gnb',
  'lnb',
  'snb',
  'breadcrumb',
  'footer',
  'sidebar',
  'aside',
  'toolbar',
  'util',
  'sitemap',
];
const CHROME_PATTERN = new RegExp(`(?:^|[\\s_-])(?:${CHROME_WORDS.join('|')})(?=$|[\\s_-]|\\d)`, 'i');

const COPYRIGHT = /ⓒ|©|\(c\)\s*\d{4}|copyright|저작권자|무단\s*전재|무단\s*복제|재배포\s*금지|AI\s*학습\s*(?:및\s*)?활용\s*금지/i;
/** A whole line naming reporters; "[서울=뉴시스]홍길동 기자 = …" opens a paragraph and stays. */
const BYLINE =
  /^[\s([]*(?:[가-힣]{2,4}\s?(?:기자|특파원|선임기자|객원기자|전문기자|에디터)[\s,·/]*)+(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?[\s)\]]*$/;
const EMAIL_ONLY = /^[\s([]*[\w.+-]+@[\w-]+(?:\.[\w-]+)+[\s)\]]*$/;
/** Lines longer than this are prose even if they mention a copyright or a reporter. */
const SHORT_LINE = 160;

/** Blocks that are dropped when most of their text is link text. */
const BLOCK_TAGS = new Set(['ul', 'ol', 'dl', 'div', 'section', 'table', 'tbody', 'tr', 'p', 'li', 'dd', 'td', 'article', 'span']);
const MAX_LINK_DENSITY = 0.5;

/**
 * Removes code, embedded objects and chrome elements (nav, aside, header, footer, chrome roles)
 * from a whole page: nothing in them is ever the article.
 */
export function removeNonContent(root: AnyNode): void {
  walkElements(root, (element) => NON_CONTENT_TAGS.has(element.name) || isChromeElement(element));
}

/**
 * Cleans a chosen article element in place: the rule's own `strip` selectors, then what every
 * page has, then link-dense blocks, then copyright and byline lines. The element itself stays even
 * if its own class looks like chrome: it was chosen.
 */
export function cleanArticle(root: AnyNode, strip: readonly string[] = []): void {
  for (const selector of strip) for (const element of findAll(selector, root)) remove(element);
  walkElements(root, (element) => NON_CONTENT_TAGS.has(element.name) || isChromeElement(element));
  // A class name is weaker evidence than an element: a wrapper that holds most of the article's
  // text is the article even if its class says `font-size17` or `ad-free`.
  const total = measure(root, true, false).text;
  walkElements(root, (element) => hasChromeName(element) && measure(element, true, false).text <= total / 2);
  removeLinkDenseBlocks(root);
  removeCopyrightAndBylines(root);
}

/**
 * Drops elements named like chrome (`ad`, `related`, `reporter` …) from a whole page, before
 * Readability sees it: Readability rewrites some elements and the class names are lost with
 * linkedom, so its output cannot be cleaned by name afterwards. An element with more than
 * `CHROME_BOX_MAX_CHARS` characters of text outside links, or most of the page's, is kept whatever
 * its name: that is prose, maybe the article's own container (`article-body has-ads`).
 */
export function removeChromeBoxes(root: AnyNode): void {
  const page = measure(root, true, false);
  const pageProse = page.text - page.link;
  walkElements(root, (element) => {
    if (!hasChromeName(element)) return false;
    const { text, link } = measure(element, true, false);
    const prose = text - link;
    return prose <= CHROME_BOX_MAX_CHARS && prose <= pageProse / 2;
  });
}
const CHROME_BOX_MAX_CHARS = 400;

/** Drops link-dense blocks anywhere under `root`, innermost first, in one walk. */
export function removeLinkDenseBlocks(root: AnyNode): void {
  measure(root, true, true);
}

function isChromeElement(element: Element): boolean {
  if (CHROME_TAGS.has(element.name)) return true;
  const role = element.attribs.role;
  if (role !== undefined && CHROME_ROLES.has(role.trim().toLowerCase())) return true;
  return element.attribs['aria-hidden'] === 'true';
}

function hasChromeName(element: Element): boolean {
  const names = `${element.attribs.id ?? ''} ${element.attribs.class ?? ''}`;
  return names.length > 1 && CHROME_PATTERN.test(names);
}

/** Removes every element under `root` (not `root`) for which `doomed` says so; does not look inside removed ones. */
function walkElements(root: AnyNode, doomed: (element: Element) => boolean): void {
  const children = 'children' in root ? root.children : [];
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i]!;
    if (!isElement(child)) continue;
    if (doomed(child)) remove(child);
    else walkElements(child, doomed);
  }
}

interface Lengths {
  text: number;
  link: number;
}

/**
 * Visible (non-space) characters of text and of link text under a node; with `prune`, removes
 * link-dense blocks on the way up (innermost first), so what is counted is what is left.
 */
function measure(node: AnyNode, isRoot: boolean, prune: boolean): Lengths {
  if (isText(node)) return { text: visibleLength(node.data), link: 0 };
  if (!('children' in node)) return { text: 0, link: 0 };
  let text = 0;
  let link = 0;
  const children = node.children;
  for (let i = children.length - 1; i >= 0; i--) {
    const lengths = measure(children[i]!, false, prune);
    text += lengths.text;
    link += lengths.link;
  }
  if (isElement(node)) {
    if (node.name === 'a') link = text;
    if (prune && !isRoot && text > 0 && BLOCK_TAGS.has(node.name) && link > text * MAX_LINK_DENSITY) {
      remove(node);
      return { text: 0, link: 0 };
    }
  }
  return { text, link };
}

function removeCopyrightAndBylines(root: AnyNode): void {
  const children = 'children' in root ? root.children : [];
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i]!;
    if (isText(child)) {
      if (isChromeLine(child.data)) remove(child);
    } else if (isElement(child)) {
      const text = shortText(child, SHORT_LINE);
      if (text !== null && isChromeLine(text)) remove(child);
      else removeCopyrightAndBylines(child);
    }
  }
}

/** The text under a node if it has at most `limit` characters, else null (without building the rest). */
function shortText(node: AnyNode, limit: number): string | null {
  let out = '';
  const visit = (n: AnyNode): boolean => {
    if (isText(n)) {
      out += n.data;
      return out.length <= limit * 2; // white space is collapsed later; leave room for it
    }
    if ('children' in n) for (const child of n.children) if (!visit(child)) return false;
    return true;
  };
  return visit(node) ? out : null;
}

/** A short line that is a copyright notice, a byline or a bare e-mail address. */
export function isChromeLine(raw: string): boolean {
  const line = raw.replace(/\s+/g, ' ').trim();
  if (line === '' || line.length > SHORT_LINE) return false;
  return COPYRIGHT.test(line) || BYLINE.test(line) || EMAIL_ONLY.test(line);
}

function visibleLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 32 && c !== 160 && c !== 0x3000) count += 1;
  }
  return count;
}
