/**
 * Article HTML from feeds, two ways:
 * - `sanitizeArticleHtml`: an allow-listed subset, safe to show in the app's article view;
 * - `htmlToText`: the plain text that watchlists are matched against.
 *
 * Feed HTML is hostile input shown inside an app that has a Node process behind it, so the
 * sanitizer keeps a short allow-list and resolves every link itself instead of trusting a scheme
 * check on the raw attribute (`java\tscript:`, `&#106;avascript:` and relative tricks all go
 * through the WHATWG URL parser first, exactly as a browser would read them).
 */
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import { collapseWhitespace, stripInvisible } from '../../shared/text';
import { parseUrl } from './urls';

// --- sanitizing ------------------------------------------------------------------------------------

const ALLOWED_TAGS = [
  // text formatting
  'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'q',
  'cite', 'abbr', 'span', 'div',
  // structure
  'p', 'br', 'hr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'code',
  // links and media
  'a', 'img', 'figure', 'figcaption',
  // tables
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];

/**
 * Disallowed elements whose *content* goes too (for other disallowed tags the text is kept).
 * Their content is code, a plug-in fallback or foreign markup (SVG/MathML), never article prose.
 */
const NON_TEXT_TAGS = [
  'script', 'style', 'textarea', 'option', 'select', 'noscript', 'template', 'title', 'head',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'xmp', 'noembed',
  'noframes', 'canvas', 'audio', 'video', 'button',
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
  return stripInvisible(sanitizeHtml(html, sanitizeOptions(baseUrl)));
}

// --- plain text ----------------------------------------------------------------------------------

/** Elements that end a line: text on either side of them must not run together. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
/** Table cells sit on one line but must not glue their words together. */
const CELL_TAGS = new Set(['td', 'th']);
/** Elements whose content is not prose (code, plug-in fallbacks, foreign markup). */
const SKIPPED_TAGS = new Set(NON_TEXT_TAGS);

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i;
/** Input is fed to the parser in slices so a huge body can stop early once enough text is read. */
const SLICE = 64 * 1024;

/** Decode HTML entities in text that holds no markup (every "<" is text). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  const parser = new Parser({ ontext: (chunk) => { out += chunk; } }, { decodeEntities: true });
  parser.write(text.replace(/</g, '&lt;'));
  parser.end();
  return out;
}

/**
 * Plain text of an HTML fragment, for matching: tags dropped, entities decoded, block elements and
 * <br> turned into line breaks (so the text after "<br/>" or "</p>" is kept), script/style content
 * dropped, white space collapsed within each line, empty lines dropped, invisible characters
 * (zero-width, bidi, controls) removed. Text that was escaped twice ("&amp;lt;b&amp;gt;") is decoded
 * once more and comes out as the literal text "<b>", never as markup.
 *
 * `maxChars` lets a caller that will cut the text anyway stop parsing a huge body early.
 */
export function htmlToText(html: string, maxChars = Number.POSITIVE_INFINITY): string {
  if (html === '') return '';
  const parts: string[] = [];
  let collected = 0;
  let skipDepth = 0;
  let preDepth = 0;

  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED_TAGS.has(name)) skipDepth += 1;
        else if (name === 'pre') preDepth += 1;
        if (BLOCK_TAGS.has(name)) parts.push('\n');
        else if (CELL_TAGS.has(name)) parts.push(' ');
      },
      onclosetag(name) {
        if (SKIPPED_TAGS.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (BLOCK_TAGS.has(name)) parts.push('\n');
        else if (CELL_TAGS.has(name)) parts.push(' ');
      },
      ontext(text) {
        if (skipDepth > 0) return;
        // "\n" marks line breaks from here on. Outside <pre> a newline in the source is only white
        // space (HTML rules); inside it, it is a line break.
        let chunk = text;
        if (preDepth > 0) {
          if (chunk.includes('\r')) chunk = chunk.replace(/\r\n?/g, '\n');
        } else if (chunk.includes('\n')) {
          chunk = chunk.replace(/\n/g, ' ');
        }
        parts.push(chunk);
        collected += chunk.length;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  for (let start = 0; start < html.length && collected <= maxChars; start += SLICE) {
    parser.write(html.slice(start, start + SLICE));
  }
  parser.end();

  let text = tidyText(parts.join(''));
  // Feeds that escape their HTML twice: decode the leftover entities once more, as text.
  if (text.includes('&') && ENTITY.test(text)) text = tidyText(decodeEntities(text));
  return text;
}

/**
 * Invisible characters removed, white space collapsed within each line, empty lines dropped.
 * Whole-string passes rather than per-line work: this runs on every item of every poll.
 */
function tidyText(raw: string): string {
  // Invisible characters first: JavaScript's \s counts U+FEFF as white space.
  const visible = stripInvisible(raw);
  return visible
    // Runs of white space other than line breaks become one space (a lone space is left alone).
    .replace(/[^\S\n]{2,}|[^\S\n ]/g, ' ')
    // A line break with the spaces and empty lines around it becomes one line break.
    .replace(/ ?\n[ \n]*/g, '\n')
    .trim();
}

/**
 * Names of real HTML elements, for text that may or may not be markup (titles, author names).
 * Korean headlines use angle brackets as punctuation ("<단독>", "<KT> 신규 요금제"); only a "<"
 * that opens one of these is read as a tag, every other "<" is text.
 */
const INLINE_MARKUP = new RegExp(
  '<(?!!--|/?(?:' +
    'a|abbr|acronym|address|article|aside|audio|b|base|bdi|bdo|big|blink|blockquote|body|br|button|' +
    'canvas|caption|center|cite|code|col|colgroup|dd|del|details|dfn|div|dl|dt|em|embed|fieldset|' +
    'figcaption|figure|font|footer|form|frame|frameset|h[1-6]|head|header|hr|html|i|iframe|img|input|' +
    'ins|kbd|label|legend|li|link|main|mark|marquee|math|meta|nav|nobr|noembed|noframes|noscript|' +
    'object|ol|option|p|param|picture|pre|q|s|samp|script|section|select|small|source|span|strike|' +
    'strong|style|sub|summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|' +
    'tt|u|ul|var|video|wbr|xmp' +
    ')(?=[\\s/>]))',
  'gi',
);

/**
 * One line of plain text from a field that may hold text, entities or a little markup (a title,
 * an author): tags that are real HTML dropped, other angle brackets kept, entities decoded,
 * invisible characters removed, all white space collapsed to single spaces.
 */
export function inlineHtmlToText(raw: string): string {
  if (raw === '') return '';
  if (!raw.includes('<') && !raw.includes('&')) return collapseWhitespace(stripInvisible(raw));
  return collapseWhitespace(htmlToText(raw.replace(INLINE_MARKUP, '&lt;')));
}

/** Text as HTML that shows it verbatim, one paragraph a line (the fallback for oversized bodies). */
export function textToHtml(text: string): string {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
