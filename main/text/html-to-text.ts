/**
 * Plain text from HTML (or from text that may hold a little markup): what watchlists are matched
 * against, and what notifications show. Used by the feed pipeline (main/feeds/normalize.ts) and by
 * the notification text (main/alerts/notification-text.ts).
 */
import { createRequire } from 'node:module';
import type { Parser as HtmlParser } from 'htmlparser2';
import { collapseWhitespace, stripInvisible } from '../../shared/text';
import { NON_TEXT_TAGS } from './non-text-tags';

export { NON_TEXT_TAGS };

/**
 * htmlparser2, loaded on the first text that has markup in it: most notification and search-result
 * text has none, and loading the package (~45 ms, many files) was a sixth of a warm `nunchi poll`
 * that never needed it (issue 14).
 */
let ParserClass: typeof HtmlParser | null = null;
function htmlParser(...args: ConstructorParameters<typeof HtmlParser>): HtmlParser {
  ParserClass ??= (createRequire(import.meta.url)('htmlparser2') as typeof import('htmlparser2')).Parser;
  return new ParserClass(...args);
}

/** Elements that end a line: text on either side of them must not run together. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
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
  const parser = htmlParser(
    {
      ontext: (chunk) => {
        out += chunk;
      },
    },
    { decodeEntities: true },
  );
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
  const lineText = readLineMarkup(html);
  if (lineText !== null) return lineText;
  const parts: string[] = [];
  let collected = 0;
  let skipDepth = 0;
  let preDepth = 0;

  const parser = htmlParser(
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
 * Character kinds for readLineMarkup, taken from stripInvisible and JavaScript's \s themselves (so
 * the two paths cannot drift apart) and remembered per UTF-16 code unit on first sight.
 */
const enum Kind {
  Unknown = 0,
  /** Shown as it is. */
  Plain,
  /** White space other than a line break in the source (which is white space too). */
  Space,
  /** Removed, as stripInvisible removes it. */
  Invisible,
  HighSurrogate,
  LowSurrogate,
  /** "<", "&" and anything else readLineMarkup leaves to the parser. */
  Markup,
}
const kinds = new Uint8Array(0x10000);

function kindOf(code: number): Kind {
  const known = kinds[code] as Kind;
  if (known !== Kind.Unknown) return known;
  const char = String.fromCharCode(code);
  let kind: Kind;
  if (code === 0x3c /* < */ || code === 0x26 /* & */) kind = Kind.Markup;
  else if (code >= 0xd800 && code <= 0xdbff) kind = Kind.HighSurrogate;
  else if (code >= 0xdc00 && code <= 0xdfff) kind = Kind.LowSurrogate;
  else if (stripInvisible(char) === '') kind = Kind.Invisible;
  else if (/\s/.test(char)) kind = Kind.Space;
  else kind = Kind.Plain;
  kinds[code] = kind;
  return kind;
}

/** A paragraph or line-break tag, read where a "<" is. */
const LINE_TAG_AT = /<(?:\/?p|br\s*\/?)\s*>/iy;
/** Longer bodies go to the parser, which can stop reading once it has enough text. */
const LINE_MARKUP_MAX_CHARS = 65_536;

/**
 * htmlToText in one pass for text whose only markup is paragraphs and line breaks, with no entity
 * and not huge (most Korean feeds' descriptions), or null for anything else. The parser is not
 * needed for such text (it cost a third of normalizing a feed), and neither are the six
 * whole-string passes of tidyText (a third of what was left): a tag is a line break, a source
 * newline is a space, invisible characters go, a lone surrogate becomes U+FFFD, and between two
 * pieces of text the white space is one line break if it holds one, else one space.
 */
function readLineMarkup(html: string): string | null {
  if (html.length > LINE_MARKUP_MAX_CHARS) return null;
  let out = '';
  /** What separates the text so far from the next character: none, a space, a line break. */
  let gap: 0 | 1 | 2 = 0;
  /** Where the current run of plain characters (copied as one slice) began, or -1. */
  let run = -1;
  /** A high surrogate seen and not yet written: its pair may follow, past invisible characters. */
  let high = -1;
  for (let i = 0; i < html.length; i++) {
    const code = html.charCodeAt(i);
    const kind = code === 0x0a ? Kind.Space : kindOf(code);
    if (kind === Kind.Plain && high < 0) {
      if (run < 0) {
        if (gap !== 0 && out !== '') out += gap === 2 ? '\n' : ' ';
        gap = 0;
        run = i;
      }
      continue;
    }
    // A lone space between two plain characters stays in the run (most spaces are that).
    if (code === 0x20 && run >= 0 && i + 1 < html.length && kindOf(html.charCodeAt(i + 1)) === Kind.Plain) continue;
    if (run >= 0) out += html.slice(run, i);
    run = -1;
    if (kind === Kind.Invisible) continue;
    if (kind === Kind.Markup) {
      LINE_TAG_AT.lastIndex = i;
      if (code !== 0x3c || !LINE_TAG_AT.test(html)) return null;
      i = LINE_TAG_AT.lastIndex - 1;
    }
    // Text to write now: a surrogate pair, or U+FFFD for a lone surrogate (a high one is written
    // when what follows it turns out not to be its pair).
    let text = '';
    if (kind === Kind.LowSurrogate) {
      text = high >= 0 ? String.fromCharCode(high, code) : '\uFFFD';
      high = -1;
    } else if (high >= 0) {
      text = '\uFFFD';
      high = -1;
    }
    if (text !== '') {
      if (gap !== 0 && out !== '') out += gap === 2 ? '\n' : ' ';
      gap = 0;
      out += text;
    }
    if (kind === Kind.Plain) run = i;
    else if (kind === Kind.HighSurrogate) high = code;
    else if (kind === Kind.Space) gap = gap === 2 ? 2 : 1;
    else if (kind === Kind.Markup) gap = 2;
  }
  if (run >= 0) out += html.slice(run);
  if (high >= 0) {
    if (gap !== 0 && out !== '') out += gap === 2 ? '\n' : ' ';
    out += '\uFFFD';
  }
  return out;
}

/**
 * Invisible characters removed, white space collapsed within each line, empty lines dropped.
 * Whole-string passes rather than per-line work: this runs on every item of every poll.
 */
function tidyText(raw: string): string {
  // Invisible characters first: JavaScript's \s counts U+FEFF as white space.
  const visible = stripInvisible(raw);
  return (
    visible
      // Runs of white space other than line breaks become one space (a lone space is left alone).
      .replace(/[^\S\n]{2,}|[^\S\n ]/g, ' ')
      // A line break with the spaces and empty lines around it becomes one line break.
      .replace(/ ?\n[ \n]*/g, '\n')
      .trim()
  );
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
