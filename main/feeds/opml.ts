/**
 * OPML import and export: the subscription list every feed reader (Feedly, Inoreader, NetNewsWire,
 * Fluent Reader …) can write and read. Import reads OPML 1.0 and 2.0; export writes OPML 2.0 with
 * folders as nested outlines, and the two round-trip.
 *
 * The file is untrusted: htmlparser2 in xmlMode never expands DTD entities (no XXE, no billion
 * laughs), and only http(s) feed addresses are kept.
 */
import { Parser } from 'htmlparser2';
import { collapseWhitespace, stripInvisible } from '../../shared/text';
import { FULL_TEXT_MODES, type FullTextMode } from '../../shared/types';
import { FeedError } from './feed-error';

export interface OpmlFeed {
  url: string;
  title: string | null;
  siteUrl: string | null;
  /** Path of the enclosing folder titles, outermost first; [] = top level. */
  folder: string[];
  /**
   * Nunchi's full-text mode (issue 11), kept in a namespaced attribute (`nunchi:fullText`, see
   * OPML_NAMESPACE) that other readers ignore. Absent: the reader's default ('auto').
   */
  fullText?: FullTextMode;
}

/** The namespace of Nunchi's own outline attributes. */
export const OPML_NAMESPACE = 'https://nunchi.app/ns/opml/1.0';

/** `nunchi:fullText` under whatever prefix the file bound to our namespace (or `nunchi` if it bound none). */
function fullTextAttribute(attrs: Map<string, string>, prefixes: ReadonlySet<string>): FullTextMode | undefined {
  for (const prefix of prefixes) {
    const value = attrs.get(`${prefix}:fulltext`)?.trim();
    if (value !== undefined && (FULL_TEXT_MODES as readonly string[]).includes(value)) return value as FullTextMode;
  }
  return undefined;
}

/** An outline that names an address but was not imported, and why (a message key of shared/errors). */
export interface OpmlSkipped {
  url: string;
  title: string | null;
  code: 'error.unsupported_scheme' | 'error.invalid_url' | 'error.opml_not_a_feed';
}

/**
 * Outline types that are explicitly something other than a subscription (OPML 2.0: a link to a
 * web page, or another OPML file to include). rss, atom, a missing type and anything else that
 * carries an xmlUrl are read as feeds: exporters disagree on the spelling.
 */
const NON_FEED_TYPES = new Set(['link', 'include']);

/** Attribute names differ in case between exporters (xmlUrl, xmlurl, XMLURL): look them up case-insensitively. */
function lowerCaseKeys(attribs: Record<string, string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of Object.entries(attribs)) {
    const key = name.toLowerCase();
    if (!map.has(key)) map.set(key, value);
  }
  return map;
}

function cleanText(value: string | undefined): string | null {
  if (value === undefined) return null;
  const text = collapseWhitespace(stripInvisible(value));
  return text === '' ? null : text;
}

/** The address as a canonical http(s) URL string, or null for anything else (feed:, file:, javascript:, junk). */
function httpUrl(value: string | undefined): string | null {
  const checked = checkUrl(value);
  return typeof checked === 'string' ? checked : null;
}

/** The canonical http(s) URL, or why the address cannot be followed. */
function checkUrl(value: string | undefined): string | { code: 'error.unsupported_scheme' | 'error.invalid_url' } {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return { code: 'error.invalid_url' };
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : { code: 'error.unsupported_scheme' };
  } catch {
    return { code: 'error.invalid_url' };
  }
}

interface OpenOutline {
  /** The folder title this outline adds to the path, or null when it adds none (a feed, an untitled group). */
  folder: string | null;
}

/** The feeds of an OPML document (see parseOpmlDocument). */
export function parseOpml(text: string): OpmlFeed[] {
  return parseOpmlDocument(text).feeds;
}

/**
 * The feeds of an OPML document in document order, each with its folder path, and the outlines
 * with an address that cannot be imported (a `file:` or `javascript:` URL, junk, a `type="link"`
 * page) with the reason, so an import can say what it left out. A repeated feed address keeps its
 * first occurrence (its folder and title).
 *
 * Throws FeedError `error.invalid_opml` when the text is not OPML (an RSS feed, a web page, empty),
 * and `error.malformed_feed` when it is OPML but broken (cut off, unclosed elements).
 */
export function parseOpmlDocument(text: string): { feeds: OpmlFeed[]; skipped: OpmlSkipped[] } {
  const source = text.replace(/^\uFEFF/, '');
  const feeds: OpmlFeed[] = [];
  const skipped: OpmlSkipped[] = [];
  const seen = new Set<string>();
  const open: OpenOutline[] = [];
  // Assigned in the parser's callbacks, which TypeScript's narrowing does not follow.
  let rootName = null as string | null;
  let rootClosed = false;
  let bodyDepth = 0; // > 0 while inside <body>
  let depth = 0;
  let malformed = null as string | null;
  const ourPrefixes = new Set<string>(['nunchi']);

  const folderPath = (): string[] => open.flatMap((o) => (o.folder === null ? [] : [o.folder]));

  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const tag = name.toLowerCase();
        depth += 1;
        if (rootName === null) {
          rootName = tag;
          for (const [attr, value] of Object.entries(attribs)) {
            if (attr.toLowerCase().startsWith('xmlns:') && value.trim() === OPML_NAMESPACE) ourPrefixes.add(attr.slice(6).toLowerCase());
          }
          return;
        }
        if (rootClosed || rootName !== 'opml') return;
        if (tag === 'body' && depth === 2) {
          bodyDepth = depth;
          return;
        }
        if (bodyDepth === 0) return;
        if (tag !== 'outline') {
          // Unknown elements inside <body> add no folder level but must be balanced on close.
          open.push({ folder: null });
          return;
        }
        const attrs = lowerCaseKeys(attribs);
        const title = cleanText(attrs.get('text')) ?? cleanText(attrs.get('title'));
        const xmlUrl = attrs.get('xmlurl');
        const type = (attrs.get('type') ?? '').trim().toLowerCase();
        if (xmlUrl === undefined) {
          // Without an xmlUrl it is a folder if it has children; an empty one simply contributes nothing.
          open.push({ folder: title });
          return;
        }
        open.push({ folder: null });
        const rawUrl = cleanText(xmlUrl) ?? '';
        if (NON_FEED_TYPES.has(type)) {
          skipped.push({ url: rawUrl, title, code: 'error.opml_not_a_feed' });
          return;
        }
        const url = checkUrl(xmlUrl);
        if (typeof url !== 'string') {
          skipped.push({ url: rawUrl, title, code: url.code });
          return;
        }
        if (seen.has(url)) return;
        seen.add(url);
        const feed: OpmlFeed = { url, title, siteUrl: httpUrl(attrs.get('htmlurl')), folder: folderPath() };
        const fullText = fullTextAttribute(attrs, ourPrefixes);
        if (fullText !== undefined) feed.fullText = fullText;
        feeds.push(feed);
      },
      onclosetag(name, isImplied) {
        if (isImplied && malformed === null) {
          // htmlparser2 reports a self-closing tag as an implied close at its own position;
          // anything else implied is a missing end tag (a truncated or hand-broken file).
          const raw = source.slice(parser.startIndex, parser.endIndex + 1);
          const selfClosing = raw.startsWith('<') && !raw.startsWith('</') && raw.endsWith('/>');
          if (!selfClosing && !rootClosed) malformed = `<${name}> is never closed (at offset ${parser.startIndex})`;
        }
        depth -= 1;
        if (rootClosed) return;
        if (depth === 0) {
          rootClosed = true;
          return;
        }
        if (bodyDepth === 0) return;
        if (depth + 1 === bodyDepth) {
          bodyDepth = 0;
          return;
        }
        open.pop();
      },
    },
    { xmlMode: true },
  );
  parser.end(source);

  if (rootName === null) throw new FeedError('error.invalid_opml', 'no XML element found');
  if (rootName !== 'opml') {
    const hint = rootName === 'rss' || rootName === 'feed' || rootName === 'rdf:rdf' ? ' (this is a feed, not a subscription list)' : '';
    throw new FeedError('error.invalid_opml', `root element is <${rootName}>, not <opml>${hint}`);
  }
  if (malformed !== null) throw new FeedError('error.malformed_feed', `broken OPML: ${malformed}`);
  return { feeds, skipped };
}

/** Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for a double-quoted attribute or element content; tab/LF/CR as references so attribute normalisation keeps them. */
export function escapeXml(value: string): string {
  return value.replace(XML_ILLEGAL, '').replace(/[&<>"'\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#${c.charCodeAt(0)};`;
    }
  });
}

interface FolderNode {
  title: string;
  children: Array<FolderNode | OpmlFeed>;
}

function isFolder(node: FolderNode | OpmlFeed): node is FolderNode {
  return 'children' in node;
}

/**
 * Groups feeds into a folder tree. A folder appears where its first feed appears; later feeds of
 * the same folder join it there, so every folder is written once. (Hence parse(export(x)) equals x
 * whenever x lists each folder's feeds together — which every parseOpml result does.)
 */
function buildTree(feeds: readonly OpmlFeed[]): FolderNode {
  const root: FolderNode = { title: '', children: [] };
  const index = new Map<FolderNode, Map<string, FolderNode>>();
  for (const feed of feeds) {
    let node = root;
    for (const name of feed.folder) {
      let byName = index.get(node);
      if (byName === undefined) index.set(node, (byName = new Map<string, FolderNode>()));
      let child = byName.get(name);
      if (child === undefined) {
        child = { title: name, children: [] };
        byName.set(name, child);
        node.children.push(child);
      }
      node = child;
    }
    node.children.push(feed);
  }
  return root;
}

/** OPML 2.0 for the given feeds, folders as nested `<outline text>` elements. */
export function exportOpml(feeds: readonly OpmlFeed[], opts: { title?: string; now?: Date } = {}): string {
  const now = opts.now ?? new Date();
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // Our namespace only when a feed needs it: an export of default settings stays plain OPML.
    feeds.some((f) => f.fullText !== undefined && f.fullText !== 'auto')
      ? `<opml version="2.0" xmlns:nunchi="${OPML_NAMESPACE}">`
      : '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(opts.title ?? 'Nunchi')}</title>`,
    // RFC 822, as OPML 2.0 asks; toUTCString() writes exactly that form ("Sun, 23 Jun 2024 06:15:00 GMT").
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
  ];
  const write = (node: FolderNode, indent: string): void => {
    for (const child of node.children) {
      if (isFolder(child)) {
        const title = escapeXml(child.title);
        lines.push(`${indent}<outline text="${title}" title="${title}">`);
        write(child, indent + '  ');
        lines.push(`${indent}</outline>`);
      } else {
        // text is required by OPML 2.0; an unknown title is written empty (and read back as null).
        const title = escapeXml(child.title ?? '');
        const site = child.siteUrl === null ? '' : ` htmlUrl="${escapeXml(child.siteUrl)}"`;
        const mode = child.fullText === undefined || child.fullText === 'auto' ? '' : ` nunchi:fullText="${child.fullText}"`;
        lines.push(`${indent}<outline type="rss" text="${title}" title="${title}" xmlUrl="${escapeXml(child.url)}"${site}${mode}/>`);
      }
    }
  };
  write(buildTree(feeds), '    ');
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
