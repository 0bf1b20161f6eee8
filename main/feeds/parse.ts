/**
 * Pipeline stage 3: feed text → ParsedFeed (raw strings, nothing trusted or normalized yet).
 *
 * XML feeds (RSS 0.9x, RSS 1.0/RDF, RSS 2.0, Atom) go through rss-parser's `parseString` after the
 * light repairs of ./xml-repair; JSON Feed (1.0/1.1) through JSON.parse. The text is already
 * decoded (./decode), so an XML declaration's `encoding=` is ignored: sax reads JavaScript strings.
 *
 * rss-parser 3.13.0 traps worked around here:
 * - an Atom `<published>`/`<updated>` that `new Date()` cannot read throws inside its callback and
 *   rejects the whole feed; an Atom `<link>` without attributes does the same. For Atom documents
 *   those elements are renamed before rss-parser sees them (an xml2js tagNameProcessor) and read
 *   raw through customFields;
 * - `<rss>` without `version` is "not recognized" unless `defaultRSS` is set;
 * - its `isoDate` reads zone-less dates in the machine's zone and `contentSnippet` drops text after
 *   `<br/>`: neither is used, so neither is computed (withoutUnusedFields). Dates stay raw strings
 *   for the normalize stage.
 *
 * Long CDATA sections (article bodies) are stashed before sax reads the document and put back
 * when the result is read (./cdata-stash): the same result, 11% fewer instructions.
 *
 * Security: sax never expands DTD entities nor fetches anything, and a DOCTYPE that declares
 * entities is refused before parsing (error.unsafe_xml), so a billion-laughs or XXE document costs
 * nothing.
 */
import { createRequire } from 'node:module';
import Parser from 'rss-parser';
import type { FeedFormat, ParsedFeed, ParsedItem } from '../../shared/types';
import { stashCdata } from './cdata-stash';
import { FeedError } from './feed-error';
import { isFeedRoot, readProlog, repairXml, type Prolog } from './xml-repair';

export interface ParseOptions {
  /** Default true. Off only where tests prove the stash changes nothing (./cdata-stash). */
  stashCdata?: boolean;
}

export async function parseFeed(text: string, options: ParseOptions = {}): Promise<ParsedFeed> {
  try {
    return await parseDocument(text, options.stashCdata ?? true);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    // Anything else (a stack overflow on absurdly nested markup, a shape nobody foresaw) is still
    // this document's fault, and the poller stores only FeedErrors.
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new FeedError('error.malformed_feed', detail, { cause: error });
  }
}

async function parseDocument(text: string, stashSections: boolean): Promise<ParsedFeed> {
  const start = firstSignificant(text);
  if (start >= text.length) throw new FeedError('error.empty_body', 'the body is empty or only whitespace');
  if (text.charCodeAt(start) === 0x7b /* { */) return parseJsonFeed(text.slice(start));

  const prolog = readProlog(text);
  const format = classify(prolog, text);
  const xml = repairXml(text, prolog);
  const stash = stashSections ? stashCdata(xml) : { xml, restore: (s: string) => s };
  const raw = await runRssParser(stash.xml, format);
  const read = new RawReader(stash.restore);
  return format === 'atom' ? mapAtom(raw, read) : mapRss(raw, format, read);
}

function firstSignificant(text: string): number {
  const match = /[^\s\uFEFF\u0000]/.exec(text);
  return match ? match.index : text.length;
}

/** Decide from the prolog alone whether this is a feed, which kind, and whether it is safe. */
function classify(prolog: Prolog, text: string): Exclude<FeedFormat, 'json'> {
  if (prolog.declaresEntities) {
    throw new FeedError('error.unsafe_xml', 'the DOCTYPE declares entities (<!ENTITY); refused without expanding them');
  }
  const root = prolog.rootName;
  if (root === null) {
    const doctype = prolog.doctypeName?.toLowerCase();
    if (doctype === 'html') throw new FeedError('error.not_a_feed', 'the body is an HTML page (<!DOCTYPE html>)');
    const sample = JSON.stringify(text.slice(prolog.start, prolog.start + 60));
    throw new FeedError('error.not_a_feed', `no XML root element or JSON object; the body starts ${sample}`);
  }
  if (!isFeedRoot(root)) {
    const what = root.toLowerCase() === 'html' ? 'an HTML page' : `XML with root <${root}>`;
    throw new FeedError('error.not_a_feed', `the body is ${what}, not RSS, Atom or JSON Feed`);
  }
  if (root === 'feed') return 'atom';
  if (root === 'rss') return 'rss';
  return 'rdf';
}

// ---------------------------------------------------------------------------------------------
// rss-parser

/** xml2js node values: a string, or an object with `_` (text) and `$` (attributes) and children. */
type XmlNode = string | { _?: string; $?: Record<string, string>; [child: string]: unknown };
type RawRecord = Record<string, unknown>;
interface RawFeed extends RawRecord {
  items: RawRecord[];
}

/** Atom elements rss-parser mishandles, hidden from it under names it does not know. */
const ATOM_HIDDEN: Record<string, string> = {
  published: 'nunchi:published',
  updated: 'nunchi:updated',
  link: 'nunchi:link',
};

function hideAtomTraps(name: string): string {
  return ATOM_HIDDEN[name] ?? name;
}

/** The two hooks of rss-parser 3.13.0 (pinned) that make the fields nothing here reads. */
interface RssParserHooks {
  setISODate: (item: RawRecord) => void;
}
interface RssParserUtils {
  getSnippet: (html: string) => string | undefined;
}
let snippetsOff = false;

/**
 * rss-parser works out `isoDate` (`new Date()` on the item's date) and `contentSnippet` (its
 * description stripped of tags by regex, then entity-decoded) for every item, and nothing here
 * reads either: 3–6% of parsing the benchmark's 50 000 articles, on every poll (issue 14). Both
 * are switched off: the date by the parser's own method on this instance, the snippet in
 * rss-parser's utils module, which only rss-parser uses. Everything read from its result is as before.
 */
function withoutUnusedFields(parser: Parser<RawRecord, RawRecord>): Parser<RawRecord, RawRecord> {
  (parser as unknown as RssParserHooks).setISODate = () => undefined;
  if (!snippetsOff) {
    (createRequire(import.meta.url)('rss-parser/lib/utils') as RssParserUtils).getSnippet = () => undefined;
    snippetsOff = true;
  }
  return parser;
}

function createParser(format: Exclude<FeedFormat, 'json'>): Parser<RawRecord, RawRecord> {
  const atom = format === 'atom';
  // A parser per document: xml2js keeps per-parse state on the instance, and creating one is cheap.
  const parser = new Parser<RawRecord, RawRecord>({
    // `<rss>` without a version attribute (feedparser's illformed/chardet/euckr.xml) is RSS 2.0 in practice.
    defaultRSS: 2,
    xml2js: atom ? { tagNameProcessors: [hideAtomTraps] } : {},
    customFields: atom
      ? {
          feed: [['nunchi:link', 'rawLinks', { keepArray: true }], 'subtitle'] as never,
          item: [
            ['nunchi:published', 'rawPublished'],
            ['nunchi:updated', 'rawUpdated'],
            ['nunchi:link', 'rawLinks', { keepArray: true }],
            // Copied raw first; rss-parser then overwrites it with <author><name> when there is one,
            // so a bare <author>Name</author> (wrong, but seen) is kept too.
            'author',
          ] as never,
        }
      : {
          // RSS 2.0 <source url>: kept raw (text + attribute); aggregators name the outlet with it.
          // <guid>: rss-parser keeps only its text; isPermaLink is read from the raw element.
          // keepArray: without it rss-parser flattens an element to its text and drops its attributes.
          item: [
            ['source', 'rawSource', { keepArray: true }],
            ['guid', 'rawGuid', { keepArray: true }],
          ] as never,
        },
  });
  return withoutUnusedFields(parser);
}

/** rss-parser's raw result (exported for the tests of what it is asked to compute). */
export async function runRssParser(xml: string, format: Exclude<FeedFormat, 'json'>): Promise<RawFeed> {
  try {
    return await createParser(format).parseString(xml);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);
    if (/not recognized/i.test(detail)) {
      throw new FeedError('error.not_a_feed', `rss-parser: ${detail}`, { cause: error });
    }
    // sax errors (an unclosed tag, a body cut mid-item) and rss-parser's TypeErrors on a missing
    // <channel> alike: the document cannot be read, and nothing from it should be stored.
    throw new FeedError('error.malformed_feed', `XML: ${detail}`, { cause: error });
  }
}

function mapRss(raw: RawFeed, format: 'rss' | 'rdf', read: RawReader): ParsedFeed {
  const feed: ParsedFeed = { format, items: raw.items.map((item) => mapRssItem(item, read)) };
  assign(feed, 'title', read.text(raw.title));
  assign(feed, 'siteUrl', read.text(raw.link));
  assign(feed, 'description', read.text(raw.description));
  const ttl = format === 'rss' ? positiveInteger(read.text(raw.ttl)) : undefined;
  if (ttl !== undefined) feed.ttlMinutes = ttl;
  return feed;
}

function mapRssItem(raw: RawRecord, read: RawReader): ParsedItem {
  const item: ParsedItem = {};
  assign(item, 'guid', read.text(raw.guid) ?? read.text(raw['rdf:about']));
  assign(item, 'title', read.text(raw.title));
  assign(item, 'link', read.text(raw.link) ?? read.permalinkGuid(raw.rawGuid));
  // rss-parser's `creator` is dc:creator, else <author>.
  assign(item, 'author', read.text(raw.creator) ?? read.text(raw.author));
  assign(item, 'date', read.text(raw.pubDate) ?? read.text(raw.date));
  const encoded = read.html(raw['content:encoded']);
  const description = read.html(raw.content); // rss-parser puts <description> in `content`
  const html = encoded ?? description;
  if (html !== undefined) item.html = html;
  if (encoded !== undefined) item.fromContent = true;
  if (encoded !== undefined && description !== undefined) item.summary = description;
  const source = Array.isArray(raw.rawSource) ? (raw.rawSource as unknown[])[0] : undefined;
  assign(item, 'sourceName', read.text(source));
  assign(item, 'sourceUrl', read.attribute(source, 'url'));
  return item;
}

function mapAtom(raw: RawFeed, read: RawReader): ParsedFeed {
  const feed: ParsedFeed = { format: 'atom', items: raw.items.map((entry) => mapAtomEntry(entry, read)) };
  assign(feed, 'title', read.text(raw.title));
  assign(feed, 'siteUrl', read.alternateLink(raw.rawLinks));
  assign(feed, 'description', read.text(raw.subtitle));
  return feed;
}

function mapAtomEntry(raw: RawRecord, read: RawReader): ParsedItem {
  const item: ParsedItem = {};
  assign(item, 'guid', read.text(raw.id));
  assign(item, 'title', read.text(raw.title));
  assign(item, 'link', read.alternateLink(raw.rawLinks));
  assign(item, 'author', read.text(raw.author));
  assign(item, 'date', read.text(raw.rawPublished) ?? read.text(raw.rawUpdated));
  const content = read.html(raw.content);
  const summary = read.html(raw.summary);
  const html = content ?? summary;
  if (html !== undefined) item.html = html;
  if (content !== undefined) item.fromContent = true;
  if (content !== undefined && summary !== undefined) item.summary = summary;
  return item;
}

/**
 * Reads values out of rss-parser's result: text trimmed and empty as undefined, with the text
 * stashed before parsing put back (./cdata-stash) — only in the fields actually read.
 */
class RawReader {
  constructor(private readonly restore: (text: string) => string) {}

  /**
   * The text of an xml2js value, trimmed, or undefined when empty. An element with attributes is
   * `{ _: text, $: attrs }`; one with child elements (a title holding unescaped HTML, Atom
   * type="xhtml") has its text gathered from the children in document order as far as xml2js kept it.
   */
  text(value: unknown): string | undefined {
    const text = this.gatherText(value).replace(/^\s+|\s+$/g, '');
    return text === '' ? undefined : text;
  }

  /** An HTML body as rss-parser gave it (already a string: it serializes child elements itself). */
  html(value: unknown): string | undefined {
    const html = typeof value === 'string' ? this.restore(value) : this.text(value);
    return html !== undefined && html.trim() !== '' ? html : undefined;
  }

  /** An attribute of an element read as `{ _: text, $: attrs }`, trimmed; undefined when absent or empty. */
  attribute(value: unknown, name: string): string | undefined {
    if (value === null || typeof value !== 'object') return undefined;
    const attrs = (value as { $?: unknown }).$;
    if (attrs === null || typeof attrs !== 'object') return undefined;
    const raw = (attrs as Record<string, unknown>)[name];
    const text = typeof raw === 'string' ? this.restore(raw).trim() : '';
    return text === '' ? undefined : text;
  }

  /**
   * RSS 2.0: a `<guid>` is the item's permalink unless it says `isPermaLink="false"`; as feedparser
   * does, an item without `<link>` takes it as its link — when it is an absolute http(s) URL (a
   * guid like `bloter-100` is an identity, never an address).
   */
  permalinkGuid(value: unknown): string | undefined {
    const element = Array.isArray(value) ? (value[0] as unknown) : value;
    if (this.attribute(element, 'isPermaLink')?.toLowerCase() === 'false') return undefined;
    const text = this.text(element);
    return text !== undefined && /^https?:\/\/[^\s/]/i.test(text) ? text : undefined;
  }

  /** Atom: the first `rel="alternate"` link, or the first link with no rel (alternate by default). */
  alternateLink(links: unknown): string | undefined {
    if (!Array.isArray(links)) return undefined;
    for (const link of links as XmlNode[]) {
      if (typeof link === 'string') {
        const text = this.restore(link).trim();
        if (text) return text; // <link>url</link>: wrong, but unambiguous
        continue;
      }
      const rel = link.$?.rel?.trim().toLowerCase();
      const href = link.$?.href?.trim();
      if (href && (rel === undefined || rel === '' || rel === 'alternate')) return href;
    }
    return undefined;
  }

  /** Each piece of text restored on its own: a stashed run is always a whole xml2js string. */
  private gatherText(value: unknown): string {
    if (typeof value === 'string') return this.restore(value);
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) return value.map((v) => this.gatherText(v)).join(' ');
    if (value === null || typeof value !== 'object') return '';
    const node = value as Record<string, unknown>;
    let text = typeof node._ === 'string' ? this.restore(node._) : '';
    for (const [key, child] of Object.entries(node)) {
      if (key !== '_' && key !== '$') text += ' ' + this.gatherText(child);
    }
    return text;
  }
}

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,7}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

// ---------------------------------------------------------------------------------------------
// JSON Feed (https://jsonfeed.org/version/1.1, and 1.0 which differs only in `author`)

function parseJsonFeed(json: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FeedError('error.malformed_feed', `JSON: ${detail}`, { cause: error });
  }
  if (!isRecord(data) || !Array.isArray(data.items)) {
    throw new FeedError('error.not_a_feed', 'JSON without an "items" array is not a JSON Feed');
  }
  if (typeof data.version === 'string' && !/jsonfeed\.org\/version\//i.test(data.version)) {
    throw new FeedError('error.not_a_feed', `JSON with version ${JSON.stringify(data.version)} is not a JSON Feed`);
  }
  const feed: ParsedFeed = {
    format: 'json',
    // Lenient like the XML path: an entry that is not an object is skipped, a field of the wrong
    // type is ignored, the rest of the feed still counts.
    items: data.items.filter(isRecord).map(mapJsonItem),
  };
  assign(feed, 'title', jsonString(data.title));
  assign(feed, 'siteUrl', jsonString(data.home_page_url));
  assign(feed, 'description', jsonString(data.description));
  return feed;
}

function mapJsonItem(raw: Record<string, unknown>): ParsedItem {
  const item: ParsedItem = {};
  // JSON Feed 1.0 allowed numeric ids; the spec says to read them as strings.
  assign(item, 'guid', typeof raw.id === 'number' ? String(raw.id) : jsonString(raw.id));
  assign(item, 'title', jsonString(raw.title));
  assign(item, 'link', jsonString(raw.url) ?? jsonString(raw.external_url));
  assign(item, 'author', jsonAuthor(raw.authors) ?? jsonAuthor(raw.author));
  assign(item, 'date', jsonString(raw.date_published) ?? jsonString(raw.date_modified));
  const contentHtml = jsonString(raw.content_html);
  const contentText = jsonString(raw.content_text);
  const html = contentHtml ?? (contentText !== undefined ? escapeHtml(contentText) : undefined);
  if (html !== undefined) item.html = html;
  if (html !== undefined) item.fromContent = true;
  assign(item, 'summary', jsonString(raw.summary));
  return item;
}

function jsonAuthor(value: unknown): string | undefined {
  const first: unknown = Array.isArray(value) ? value.find(isRecord) : value;
  return isRecord(first) ? jsonString(first.name) : undefined;
}

function jsonString(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
