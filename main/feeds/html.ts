/**
 * Article HTML from feeds, for display: `sanitizeArticleHtml` keeps an allow-listed subset, safe
 * to show in the app's article view. (The plain text that watchlists are matched against comes
 * from main/text/html-to-text.ts.)
 *
 * Feed HTML is hostile input shown inside an app that has a Node process behind it, so the
 * sanitizer keeps a short allow-list and resolves every link itself instead of trusting a scheme
 * check on the raw attribute (`java\tscript:`, `&#106;avascript:` and relative tricks all go
 * through the WHATWG URL parser first, exactly as a browser would read them).
 */
import { createRequire } from 'node:module';
import type sanitizeHtml from 'sanitize-html';
import { stripInvisible } from '../../shared/text';
import { NON_TEXT_TAGS } from '../text/non-text-tags';
import { parseUrl } from './urls';

/**
 * sanitize-html (with htmlparser2 and postcss) is loaded when the first article is sanitized: a
 * command that shows no article (`nunchi alerts`, `watch list`) must not pay for it at start-up.
 */
let sanitizer: typeof sanitizeHtml | null = null;

const ALLOWED_TAGS = [
  // text formatting
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'mark',
  'small',
  'sub',
  'sup',
  'q',
  'cite',
  'abbr',
  'span',
  'div',
  // structure
  'p',
  'br',
  'hr',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'code',
  // links and media
  'a',
  'img',
  'figure',
  'figcaption',
  // tables
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
];

/** data: images allowed inline; anything else under data: (text/html, image/svg+xml) is dropped. */
const DATA_IMAGE = /^data:image\/(?:png|jpeg|jpg|gif|webp);base64,[a-z0-9+/=\s]*$/i;
/** An inline image bigger than this bloats the database for nothing. */
const MAX_DATA_IMAGE_LENGTH = 128 * 1024;
/** Lazy-loading pages put the real picture here and a blank GIF in src. */
const LAZY_SRC_ATTRIBUTES = ['data-src', 'data-original', 'data-lazy-src'];
const DIMENSION = /^\d{1,5}$/;

/** An absolute http(s) or mailto link, resolved against the base; null when unsafe or unusable. */
function safeHref(raw: string | undefined, baseUrl: string | null): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const url = parseUrl(raw.trim(), baseUrl);
  if (url === null) return null;
  if (url.protocol === 'mailto:') return url.href;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return url.href;
  return null;
}

/** An absolute http(s) image URL or an inline raster data: image; null otherwise. */
function safeImageSrc(raw: string | undefined, baseUrl: string | null): string | null {
  if (raw === undefined) return null;
  const value = raw.trim();
  if (value === '') return null;
  if (/^data:/i.test(value)) {
    return value.length <= MAX_DATA_IMAGE_LENGTH && DATA_IMAGE.test(value) ? value : null;
  }
  const url = parseUrl(value, baseUrl);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  return url.href;
}

function sanitizeOptions(baseUrl: string | null): sanitizeHtml.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'width', 'height', 'loading'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    // The transforms below already resolved and checked every URL; these lists are a second lock.
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
    parser: { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
    transformTags: {
      a: (tagName, attribs) => {
        const out: sanitizeHtml.Attributes = {};
        const href = safeHref(attribs.href, baseUrl);
        if (href !== null) out.href = href;
        if (attribs.title) out.title = attribs.title;
        if (href !== null) out.rel = 'noopener noreferrer';
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const out: sanitizeHtml.Attributes = {};
        let src: string | null = null;
        for (const name of LAZY_SRC_ATTRIBUTES) {
          src = safeImageSrc(attribs[name], baseUrl);
          if (src !== null) break;
        }
        src ??= safeImageSrc(attribs.src, baseUrl);
        if (src !== null) out.src = src;
        if (attribs.alt) out.alt = attribs.alt;
        if (attribs.width !== undefined && DIMENSION.test(attribs.width)) out.width = attribs.width;
        if (attribs.height !== undefined && DIMENSION.test(attribs.height)) out.height = attribs.height;
        out.loading = 'lazy';
        return { tagName, attribs: out };
      },
    },
    // An image without a usable source is only a broken-image icon.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  };
}

/**
 * Allow-listed HTML for display: formatting, paragraphs, lists, quotes, headings, links, images,
 * figures, tables, code. Links become absolute http(s)/mailto with rel="noopener noreferrer";
 * images absolute http(s) or inline raster data: with loading="lazy". No scripts, styles, frames,
 * forms, SVG/MathML, event handlers, style/class/id attributes.
 */
export function sanitizeArticleHtml(html: string, baseUrl: string | null): string {
  if (html === '') return '';
  // Plain text (many Korean feeds send their summary that way) needs no parser, only escaping.
  if (!html.includes('<') && !html.includes('&')) return stripInvisible(escapeHtml(html));
  // Bidi overrides and zero-width characters are removed from the output too (they arrive as raw
  // characters or as entities the sanitizer decodes); they are never part of the markup itself.
  sanitizer ??= createRequire(import.meta.url)('sanitize-html') as typeof sanitizeHtml;
  return stripInvisible(sanitizer(html, sanitizeOptions(baseUrl)));
}

/**
 * The HTML to show for an article from its feed: the body as the feed gave it, or, where that was
 * not kept because the text says it all (NormalizedItem.rawHtml is empty), the text. Untrusted
 * either way: sanitize the result.
 */
export function articleBodyHtml(rawHtml: string, text: string): string {
  return rawHtml === '' ? textToHtml(text) : rawHtml;
}

/** Text as HTML that shows it verbatim, one paragraph a line. */
export function textToHtml(text: string): string {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
