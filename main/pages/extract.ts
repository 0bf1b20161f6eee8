/**
 * Page bytes → the article's text and HTML, in Miniflux's order: the site rule of the outlet, then
 * Readability, then nothing (the caller keeps the feed text). CPU-bound and synchronous: it runs in
 * the pipeline workers (`main/feeds/pipeline-worker.ts`), never on the thread that serves the UI.
 * Never throws: a page it cannot read is `page.no_article`.
 */
import { Readability } from '@mozilla/readability';
import { decodeHtmlBytes } from '../feeds/decode';
import { htmlToText } from '../text/html-to-text';
import { cleanArticle, removeChromeBoxes, removeLinkDenseBlocks, removeNonContent } from './clean';
import { findFirst, innerHtml, outerHtml, parseBrowserDocument, parseHtml, type Document, type Element } from './dom';
import type { PageBody } from './outcome';
import { siteRuleFor, SITE_RULES, type SiteRule } from './site-rules';

/** What the pipeline worker receives: the bytes as fetched, so decoding runs off the engine thread too. */
export interface PageDocument {
  body: Uint8Array;
  contentType: string | null;
  /** The page's final URL (after redirects): it picks the site rule. */
  url: string;
  /** Length of the feed's own text of the article: a "body" much shorter than it is not the article. */
  feedTextLength?: number;
}

export type PageExtraction =
  ({ kind: 'extracted'; encoding: string } & PageBody) | { kind: 'failed'; reason: 'page.no_article'; detail: string; encoding: string };

/** Shorter than this, an extracted "article" is a teaser, a login box or an error page. */
export const MIN_ARTICLE_CHARS = 100;
/** Readability's threshold is 500 characters for English; Korean says as much in far fewer. */
const READABILITY_CHAR_THRESHOLD = 200;

export function extractPageDocument(doc: PageDocument, rules: readonly SiteRule[] = SITE_RULES): PageExtraction {
  const { text, encoding } = decodeHtmlBytes(doc.body, doc.contentType);
  try {
    const found = extractArticle(text, doc.url, { feedTextLength: doc.feedTextLength, rules });
    if (found.kind === 'found') return { kind: 'extracted', encoding, ...found.body };
    return { kind: 'failed', reason: 'page.no_article', detail: found.why, encoding };
  } catch (error) {
    // A parser or Readability bug on one hostile page must not cost more than that page.
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'failed', reason: 'page.no_article', detail: `extraction failed: ${detail}`, encoding };
  }
}

/** Turns article page bytes into the extracted article; `PipelinePool` does it in its worker threads. */
export interface PageExtractor {
  extractPage(doc: PageDocument): Promise<PageExtraction>;
}

/** Extraction on the calling thread: for tests, the CLI's one-off `parse --full-text`, and pool size 0. */
export const inProcessPageExtractor: PageExtractor = {
  extractPage: (doc) => Promise.resolve().then(() => extractPageDocument(doc)),
};

export type ArticleSearch = { kind: 'found'; body: PageBody } | { kind: 'none'; why: string };

/** The article in a decoded HTML page: site rule, then Readability. */
export function extractArticle(
  html: string,
  url: string,
  options: { feedTextLength?: number; rules?: readonly SiteRule[] } = {},
): ArticleSearch {
  // A page that repeats the feed's full text must give at least most of it; a summary is shorter.
  const minChars = Math.max(MIN_ARTICLE_CHARS, Math.floor((options.feedTextLength ?? 0) * 0.8));
  const doc = parseHtml(html);
  removeNonContent(doc);

  const tried: string[] = [];
  const rule = siteRuleFor(url, options.rules ?? SITE_RULES);
  if (rule) {
    const element = ruleBody(doc, rule);
    if (element) {
      // Cleaned as a copy: if the rule's element is not the article, Readability gets the page intact.
      const copy = element.cloneNode(true);
      cleanArticle(copy, rule.strip);
      const body = bodyOf(innerHtml(copy), 'site-rule', rule.id);
      if (body.text.length >= minChars) return { kind: 'found', body };
      tried.push(`site rule ${rule.id}: ${body.text.length} characters`);
    } else {
      tried.push(`site rule ${rule.id}: no element matches ${rule.body.join(', ')}`);
    }
  }

  const html2 = readabilityHtml(doc);
  if (html2 !== null) {
    const article = parseHtml(html2);
    cleanArticle(article);
    const body = bodyOf(innerHtml(article), 'readability', null);
    if (body.text.length >= minChars) return { kind: 'found', body };
    tried.push(`readability: ${body.text.length} characters`);
  } else {
    tried.push('readability: nothing found');
  }
  return { kind: 'none', why: `no article of at least ${minChars} characters (${tried.join('; ')})` };
}

/** The first selector of the rule that finds an element. */
function ruleBody(doc: Document, rule: SiteRule): Element | null {
  for (const selector of rule.body) {
    const element = findFirst(selector, doc);
    if (element) return element;
  }
  return null;
}

/**
 * Readability on the page without its chrome: headline lists and boxes named like chrome go
 * before Readability scores anything, and the browser-like DOM it needs is built from what is left,
 * a fraction of the page.
 */
function readabilityHtml(doc: Document): string | null {
  removeLinkDenseBlocks(doc);
  removeChromeBoxes(doc);
  const browserDoc = parseBrowserDocument(outerHtml(doc));
  // Readability's types name the DOM library's Document; linkedom's document is one in all it uses.
  const reader = new Readability(browserDoc as never, {
    charThreshold: READABILITY_CHAR_THRESHOLD,
    keepClasses: true, // clean.ts reads class names to find chrome left inside the article
    disableJSONLD: true,
  });
  return reader.parse()?.content ?? null;
}

function bodyOf(html: string, extractor: PageBody['extractor'], rule: string | null): PageBody {
  const trimmed = html.trim();
  return { text: htmlToText(trimmed), html: trimmed, extractor, rule };
}
