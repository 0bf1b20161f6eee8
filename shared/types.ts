/**
 * Domain types shared by the engine (main/) and the React app (renderer/).
 * Pure TypeScript: no Node, no DOM.
 */

/** The syntax a feed document was written in, as detected by the parse stage. */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

/** One entry as the parse stage read it: raw strings, nothing trusted or normalized yet. */
export interface ParsedItem {
  guid?: string;
  title?: string;
  link?: string;
  author?: string;
  /** The date string exactly as the feed wrote it (pubDate, dc:date, published, updated…). */
  date?: string;
  /** The richest HTML body the item offers (content:encoded, Atom content, description…). */
  html?: string;
  /** A shorter summary when the feed has one besides the body. */
  summary?: string;
  /**
   * `html` came from an element meant for the whole article (content:encoded, Atom <content>, JSON
   * Feed content_html/content_text) rather than a summary (<description>, Atom <summary>).
   */
  fromContent?: boolean;
  /**
   * RSS 2.0 `<source url="…">Name</source>`: where the item came from. News aggregators (Google
   * News) use it for the outlet that published the article: its name and its site.
   */
  sourceName?: string;
  sourceUrl?: string;
}

/** A whole feed as the parse stage read it. */
export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  siteUrl?: string;
  description?: string;
  /** RSS <ttl> in minutes, when the feed declares one. */
  ttlMinutes?: number;
  items: ParsedItem[];
}

/** One entry after the normalize stage: identity fixed, text cleaned, HTML sanitized. */
export interface NormalizedItem {
  /** Stable identity within the feed: guid, else canonical link, else a content hash. */
  identity: string;
  /** Absolute http(s) link to the original article, or null when the feed gave none we trust. */
  link: string | null;
  /** The link with tracking noise removed, used to recognise one story across feeds. */
  canonicalLink: string | null;
  title: string;
  author: string | null;
  /** Milliseconds since the epoch (UTC); null when the feed gave no readable date. */
  publishedAt: number | null;
  /** Plain text of the body (tags dropped, entities decoded), the input to matching. */
  text: string;
  /**
   * The body's HTML as the feed gave it, capped: UNTRUSTED. Sanitized when it is shown
   * (main/feeds/html.ts sanitizeArticleHtml, then DOMPurify in the renderer), never stored
   * sanitized: sanitizing costs ~5x the rest of normalizing, most articles are never opened, and
   * a sanitizer fix then applies to every stored article.
   *
   * Empty when the text says it all: a body whose only markup is paragraphs and line breaks (most
   * Korean feeds' descriptions), or one over the size cap, is stored once, as its text, and shown
   * as that text one paragraph a line (main/feeds/html.ts articleBodyHtml). Storing it twice made
   * a 50 000-article poll write 40% more and move it twice between threads.
   */
  rawHtml: string;
  /** Hash of title + text: tells a changed article from an unchanged one. */
  contentHash: string;
  /**
   * The feed carries the whole article (full-text mode 'auto' then fetches no page): its body came
   * from a content element, or is long, and in either case is neither short nor cut off. Absent
   * when unknown (items not made by the normalize stage): read as a summary.
   */
  carriesArticle?: boolean;
}

export interface NormalizedFeed {
  format: FeedFormat;
  /** The character encoding the bytes were decoded from (e.g. "utf-8", "cp949"). */
  encoding: string;
  /** The feed's title, or its address's host when it has none (see titleIsFallback). */
  title: string;
  /** True when the feed has no title of its own: a name the user gave it (OPML) is better than the host. */
  titleIsFallback: boolean;
  siteUrl: string | null;
  ttlMinutes: number | null;
  items: NormalizedItem[];
}

/**
 * Whether Nunchi fetches each article's own page and matches its body (issue 11): 'auto' when the
 * feed's items are summaries, 'always', or 'never'.
 */
export type FullTextMode = 'auto' | 'always' | 'never';
export const FULL_TEXT_MODES: readonly FullTextMode[] = ['auto', 'always', 'never'];

/** A followed feed as the store keeps it, with its health. */
export interface FeedRecord {
  id: number;
  url: string;
  /** The name shown to people: the user's rename, else the feed's own title, else the URL's host. */
  displayTitle: string;
  title: string | null;
  customTitle: string | null;
  siteUrl: string | null;
  folder: string[];
  catalogId: string | null;
  enabled: boolean;
  intervalMinutes: number;
  fullText: FullTextMode;
  format: FeedFormat | null;
  encoding: string | null;
  ttlMinutes: number | null;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: number | null;
  lastSuccessAt: number | null;
  lastStatus: 'ok' | 'not-modified' | 'error' | null;
  lastErrorCode: string | null;
  /** The last error in words a person understands (Korean or English per the app's language). */
  lastError: string | null;
  lastErrorDetail: string | null;
  consecutiveFailures: number;
  nextDueAt: number;
  createdAt: number;
}

/**
 * A feed as lists show it, with how many articles it has. Counting reads the feed's articles, so
 * the poller's reads (FeedStore.enabled, due) leave it out: 500 feeds' counts were a tenth of a
 * warm poll's own work.
 */
export interface ListedFeed extends FeedRecord {
  articleCount: number;
}

/** An article as the store keeps it. */
export interface ArticleRecord {
  id: number;
  feedId: number | null;
  sourceTitle: string;
  identity: string;
  link: string | null;
  canonicalLink: string | null;
  title: string;
  author: string | null;
  publishedAt: number | null;
  firstSeenAt: number;
  /** The time to sort and show by: publishedAt, but never later than when we first saw it. */
  sortAt: number;
  updatedAt: number;
  text: string;
  /** UNTRUSTED body HTML (see NormalizedItem.rawHtml). */
  rawHtml: string;
  storyId: number;
}

/** Which feeds a watchlist looks at: null = every feed. */
export interface FeedScope {
  feedIds: number[];
  /** Folder paths; a feed is in scope when its folder starts with one of them. */
  folders: string[][];
}

export interface Watchlist {
  id: number;
  name: string;
  /** CSS colour of the watchlist's chip, e.g. "#e11d48". */
  color: string;
  query: string;
  enabled: boolean;
  notify: boolean;
  feedScope: FeedScope | null;
  muteTerms: string[];
  revision: number;
  /** True while its query is still being applied to the articles stored before it changed. */
  backfilling: boolean;
  /** The news-search engines it also watches (issue 12); none by default. */
  searchSources: SearchEngineKind[];
  createdAt: number;
  updatedAt: number;
}

/** The news-search engines a watchlist can watch besides the subscribed feeds. */
export const SEARCH_ENGINES = ['google', 'naver'] as const;
export type SearchEngineKind = (typeof SEARCH_ENGINES)[number];

/** One watchlist's search on one engine, with its health (the Feeds and Watchlists views). */
export interface SearchSourceRecord {
  watchlistId: number;
  watchlistName: string;
  engine: SearchEngineKind;
  /** The watchlist is on: its searches run. */
  enabled: boolean;
  nextDueAt: number;
  consecutiveFailures: number;
  lastPolledAt: number | null;
  lastSuccessAt: number | null;
  /** A search.* message key (shared/search-errors.ts) when the last attempt failed. */
  lastErrorCode: string | null;
  lastErrorDetail: string | null;
  /** Results new to Nunchi in the last successful poll. */
  lastFound: number;
}

export interface MatchSpan {
  /** 'body': in the article's page text (full-text monitoring), not in the feed's text. */
  field: 'title' | 'text' | 'body';
  start: number;
  end: number;
}
