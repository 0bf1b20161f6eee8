import type { ArticleRecord, NormalizedItem } from '../../shared/types';
import type { QueryNode } from '../../shared/query';
import { STORY_WINDOW_MS, StoryIndex } from '../stories/story-index';
import { titleFeatures } from '../stories/story-similarity';
import { toArticleRecord, type ArticleRow } from './article-record';
import type { Db } from './database';
import { prefilterFor } from './watchlist-candidates';

/** How far ahead of "now" a feed may date an article before we stop believing it. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** The order people see: the feed's date, but a date in the future counts as "when we saw it". */
export function sortTime(publishedAt: number | null, firstSeenAt: number): number {
  if (publishedAt === null) return firstSeenAt;
  return publishedAt > firstSeenAt + FUTURE_TOLERANCE_MS ? firstSeenAt : publishedAt;
}

/** An article the store just inserted or changed, handed to the matcher inside the same transaction. */
export interface StoredArticle {
  id: number;
  isNew: boolean;
  /** Null for an article found by news search. */
  feedId: number | null;
  storyId: number;
  item: NormalizedItem;
  sortAt: number;
}

export interface StoreOptions {
  /** Runs for each new or changed article inside the transaction (the matcher writes alerts there). */
  onStored?: (article: StoredArticle) => void;
  /** Which new articles take part in grouping by title (see storeFeedItems). */
  groupByTitle?: (item: NormalizedItem) => boolean;
  /** The retention cut-off (see storeFeedItems). */
  retainSince?: number;
  /** Runs last inside the same transaction (see storeFeedItems). */
  alsoInTransaction?: () => void;
}

export interface StoreItemsResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** New items dated before the retention period: not stored (retention would delete them at once). */
  tooOld: number;
}

/**
 * Writes one feed's items in one transaction: insert by identity, update when the content
 * changed, leave unchanged ones alone. `onStored` runs for each new or changed article inside
 * the same transaction (the matcher writes alerts there), so an article and its alerts land
 * together or not at all.
 */
export class ArticleStore {
  private readonly findExisting;
  private readonly findExistingSearch;
  private readonly feedHasArticles;
  private readonly lastId;
  private readonly insert;
  private readonly updateContent;
  private readonly storyByLink;
  private readonly queueIndex;
  private readonly byId;
  private readonly countInserted;

  private storyIndex: StoryIndex | (() => StoryIndex) | undefined;

  /**
   * `stories` (optional): near-identical titles of the last 48 h join one story too (see
   * main/stories/story-index.ts). Given as a function, it is built when an article is first stored:
   * a poll where every feed answers 304 never reads it.
   */
  constructor(
    private readonly db: Db,
    stories?: StoryIndex | (() => StoryIndex),
  ) {
    this.storyIndex = stories;
    // One lookup per feed for all its items, not one per item.
    this.findExisting = db.prepare(
      `SELECT identity, id, content_hash, first_seen_at, story_id FROM articles
       WHERE feed_id = ? AND identity IN (SELECT value FROM json_each(?))`,
    );
    this.feedHasArticles = db.prepare(`SELECT EXISTS (SELECT 1 FROM articles WHERE feed_id = ?)`).pluck();
    this.findExistingSearch = db.prepare(
      `SELECT identity, id, content_hash, first_seen_at, story_id FROM articles
       WHERE search_engine = ? AND identity IN (SELECT value FROM json_each(?))`,
    );
    this.lastId = db.prepare(`SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0)`).pluck();
    // Positional parameters: binding 18 named ones looks each up on an object, ~15% of the
    // statement's cost, and a first poll runs it 50 000 times (issue 14).
    this.insert = db.prepare(
      `INSERT INTO articles (id, feed_id, search_engine, outlet, source_title, identity, link, canonical_link, title, author, published_at,
         first_seen_at, sort_at, updated_at, text, raw_html, content_hash, story_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateContent = db.prepare(
      `UPDATE articles SET link = @link, canonical_link = @canonicalLink, title = @title, author = @author,
         published_at = @publishedAt, sort_at = @sortAt, updated_at = @now, text = @text, raw_html = @rawHtml,
         content_hash = @contentHash
       WHERE id = @id`,
    );
    this.storyByLink = db.prepare(`SELECT story_id FROM articles WHERE canonical_link = ? AND story_id <> 0 ORDER BY id LIMIT 1`).pluck();
    // feeds.article_count (migration 9): inserts are counted here, a batch at a time; deletes by a trigger.
    this.countInserted = db.prepare(`UPDATE feeds SET article_count = article_count + ? WHERE id = ?`);
    this.byId = db.prepare(`SELECT * FROM articles WHERE id = ?`);
    this.queueIndex = db.prepare(
      `INSERT INTO fts_pending (article_id, reindex) VALUES (?, ?)
       ON CONFLICT (article_id) DO UPDATE SET reindex = max(reindex, excluded.reindex)`,
    );
  }

  private get stories(): StoryIndex | undefined {
    if (typeof this.storyIndex === 'function') this.storyIndex = this.storyIndex();
    return this.storyIndex;
  }

  storeFeedItems(
    feed: {
      id: number;
      title: string;
      /** The outlet key of an item (see `outlet` in migration 8): the engine names it from the item's link. */
      outletOf?: (item: NormalizedItem) => string | null;
    },
    items: readonly NormalizedItem[],
    now: number,
    onStored?: (article: StoredArticle) => void,
    /**
     * Which new articles take part in grouping by title (default: all). The engine passes "those
     * that raise an alert": grouping is what the inbox and notifications need, and comparing every
     * title of a 50 000-article cold poll with every other would cost more than the poll itself.
     */
    groupByTitle: (item: NormalizedItem) => boolean = () => true,
    /**
     * The retention cut-off (epoch ms): a new item sorted before it is not stored nor counted —
     * stored, it looked new and was gone at the next retention pass. Known articles still update.
     */
    retainSince = Number.NEGATIVE_INFINITY,
    /**
     * More writes for the same transaction, after the items (the poller records the feed's outcome
     * here): one commit per feed instead of two, and the articles and the fetch they came from land
     * together.
     */
    alsoInTransaction?: () => void,
  ): StoreItemsResult {
    return this.writeItems(
      { feedId: feed.id, searchEngine: null },
      items.map((item) => ({ item, sourceTitle: feed.title, outlet: feed.outletOf?.(item) ?? null })),
      now,
      { onStored, groupByTitle, retainSince, alsoInTransaction },
    );
  }

  /**
   * Writes the fresh results of one news search (issue 12) in one transaction, by the same rules
   * as a feed's items: an article is unique per engine (it has no feed), carries its outlet's name
   * as its source title, and joins the story of the same canonical link (Naver's `originallink`
   * is the outlet's own URL) or of a near-identical recent title, whichever outlet or feed had it.
   */
  storeSearchItems(
    engine: string,
    items: ReadonlyArray<{ item: NormalizedItem; sourceTitle: string; outlet: string | null }>,
    now: number,
    options: StoreOptions = {},
  ): StoreItemsResult {
    return this.writeItems({ feedId: null, searchEngine: engine }, items, now, options);
  }

  private writeItems(
    origin: { feedId: number | null; searchEngine: string | null },
    entries: ReadonlyArray<{ item: NormalizedItem; sourceTitle: string; outlet: string | null }>,
    now: number,
    options: StoreOptions,
  ): StoreItemsResult {
    const { onStored, groupByTitle = () => true, retainSince = Number.NEGATIVE_INFINITY } = options;
    const result: StoreItemsResult = { inserted: 0, updated: 0, unchanged: 0, tooOld: 0 };
    const stories = this.stories;
    const indexed: number[] = [];
    const write = this.db.transaction(() => {
      type Existing = { identity: string; id: number; content_hash: string; first_seen_at: number; story_id: number };
      const identities = () => JSON.stringify(entries.map((e) => e.item.identity));
      // A feed's first poll has nothing to look up: one probe of the index instead of matching
      // every identity against it (~150 µs a feed, 500 feeds in a first poll).
      const existingRows = (
        origin.searchEngine !== null
          ? this.findExistingSearch.all(origin.searchEngine, identities())
          : this.feedHasArticles.get(origin.feedId)
            ? this.findExisting.all(origin.feedId, identities())
            : []
      ) as Existing[];
      const known = new Map(existingRows.map((row) => [row.identity, row]));
      // Ids are assigned here so a new article's story id (its own id) is written with it.
      let nextId = (this.lastId.get() as number) + 1;
      for (const { item, sourceTitle, outlet } of entries) {
        const existing = known.get(item.identity);
        if (existing && existing.content_hash === item.contentHash) {
          result.unchanged += 1;
          continue;
        }
        const sortAt = sortTime(item.publishedAt, existing?.first_seen_at ?? now);
        if (!existing && sortAt < retainSince) {
          result.tooOld += 1;
          continue;
        }
        let id: number;
        let storyId: number;
        if (existing) {
          id = existing.id;
          storyId = existing.story_id;
          this.updateContent.run({
            id,
            link: item.link,
            canonicalLink: item.canonicalLink,
            title: item.title,
            author: item.author,
            publishedAt: item.publishedAt,
            sortAt,
            now,
            text: item.text,
            rawHtml: item.rawHtml,
            contentHash: item.contentHash,
          });
          result.updated += 1;
        } else {
          // The same canonical link from another feed is the same story; else a near-identical recent title.
          const sameStory = item.canonicalLink ? (this.storyByLink.get(item.canonicalLink) as number | undefined) : undefined;
          // Features only for the few articles that take part (computing them for every item of a
          // cold poll cost 0.5 s of CPU).
          const title = stories?.inWindow(sortAt, now) && groupByTitle(item) ? titleFeatures(item.title) : undefined;
          id = nextId++;
          storyId = sameStory ?? (title && stories?.find(title, sortAt, now)?.storyId) ?? id;
          if (title) {
            stories?.add(id, storyId, title, sortAt, now);
            indexed.push(id);
          }
          // Arguments in the statement's order, no row object (see the statement); a spread row
          // object per article once made V8 promote each one (~100 MB of a cold poll's peak).
          this.insert.run(
            id,
            origin.feedId,
            origin.searchEngine,
            outlet,
            sourceTitle,
            item.identity,
            item.link,
            item.canonicalLink,
            item.title,
            item.author,
            item.publishedAt,
            now,
            sortAt,
            now,
            item.text,
            item.rawHtml,
            item.contentHash,
            storyId,
          );
          result.inserted += 1;
        }
        this.queueIndex.run(id, existing ? 1 : 0);
        onStored?.({ id, isNew: !existing, feedId: origin.feedId, storyId, item, sortAt });
      }
      if (origin.feedId !== null && result.inserted > 0) this.countInserted.run(result.inserted, origin.feedId);
      options.alsoInTransaction?.();
    });
    try {
      write.immediate();
    } catch (error) {
      // Rolled back: the title index must not remember articles the database does not have.
      for (const id of indexed) stories?.remove(id);
      throw error;
    }
    return result;
  }

  /**
   * An article about to raise its first alert later than its poll (its page's body matched): it
   * took no part in grouping by title then (only alerting articles do), so it joins the story of a
   * near-identical recent title now, if it is still alone in its own story. Call it in the
   * transaction that writes the alerts, before them. Returns the article's story id.
   */
  joinStoryByTitle(id: number, now: number): number {
    const row = this.db
      .prepare(
        `SELECT a.title, a.sort_at AS sortAt, a.story_id AS storyId,
                EXISTS (SELECT 1 FROM articles o WHERE o.story_id = a.story_id AND o.id <> a.id) AS shared,
                EXISTS (SELECT 1 FROM alerts al WHERE al.article_id = a.id) AS alerted
         FROM articles a WHERE a.id = ?`,
      )
      .get(id) as { title: string; sortAt: number; storyId: number; shared: number; alerted: number } | undefined;
    if (!row) return id;
    const stories = this.stories;
    if (row.storyId !== id || row.shared || row.alerted || !stories?.inWindow(row.sortAt, now)) return row.storyId;
    const title = titleFeatures(row.title);
    const storyId = stories.find(title, row.sortAt, now)?.storyId ?? id;
    stories.add(id, storyId, title, row.sortAt, now);
    if (storyId !== id) this.db.prepare(`UPDATE articles SET story_id = ? WHERE id = ?`).run(storyId, id);
    return storyId;
  }

  get(id: number): ArticleRecord | undefined {
    const row = this.byId.get(id) as ArticleRow | undefined;
    return row && toArticleRecord(row);
  }

  listByFeed(feedId: number, limit = 100): ArticleRecord[] {
    return (
      this.db.prepare(`SELECT * FROM articles WHERE feed_id = ? ORDER BY sort_at DESC, id DESC LIMIT ?`).all(feedId, limit) as ArticleRow[]
    ).map(toArticleRecord);
  }

  /** Every article of a story (the same news from several outlets), oldest first. */
  listByStory(storyId: number): ArticleRecord[] {
    return (this.db.prepare(`SELECT * FROM articles WHERE story_id = ? ORDER BY first_seen_at, id`).all(storyId) as ArticleRow[]).map(
      toArticleRecord,
    );
  }

  count(): number {
    return this.db.prepare(`SELECT count(*) FROM articles`).pluck().get() as number;
  }

  /**
   * The next articles after `afterId` (id order) that a watchlist query may match, for applying a
   * new or edited watchlist to stored articles: the trigram pre-filter (watchlist-candidates.ts)
   * narrows them, the matcher decides.
   */
  backfillCandidates(query: QueryNode, afterId: number, limit: number): MatchableArticle[] {
    const filter = prefilterFor(query);
    const where = filter.kind === 'sql' ? `AND (${filter.sql})` : '';
    const rows = this.db
      .prepare(
        `SELECT a.id, a.title, a.text, ${PAGE_BODY} AS body, a.source_title, a.feed_id, a.story_id, a.sort_at FROM articles a
         WHERE a.id > ? ${where} ORDER BY a.id LIMIT ?`,
      )
      .all(afterId, ...(filter.kind === 'sql' ? filter.params : []), limit) as Array<{
      id: number;
      title: string;
      text: string;
      body: string | null;
      source_title: string;
      feed_id: number | null;
      story_id: number;
      sort_at: number;
    }>;
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      text: r.text,
      body: r.body,
      sourceTitle: r.source_title,
      feedId: r.feed_id,
      storyId: r.story_id,
      sortAt: r.sort_at,
    }));
  }

  /** Up to `limit` articles after `afterId` (id order) with a sort time since `since`: the preview window's reads. */
  readAfter(afterId: number, since: number, limit: number): VersionedArticle[] {
    return (
      this.db
        .prepare(`SELECT ${VERSIONED_COLUMNS} FROM articles a WHERE a.id > ? AND a.sort_at >= ? ORDER BY a.id LIMIT ?`)
        .all(afterId, since, limit) as VersionedRow[]
    ).map(toVersioned);
  }

  /**
   * The current version of each of these articles that still exists: when the article or its
   * page (full-text monitoring) last changed.
   */
  versions(ids: readonly number[]): Map<number, number> {
    const check = this.db.prepare(`SELECT a.id, ${VERSION} AS updated_at FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`);
    const versions = new Map<number, number>();
    for (let at = 0; at < ids.length; at += 1000) {
      for (const row of check.all(JSON.stringify(ids.slice(at, at + 1000))) as Array<{ id: number; updated_at: number }>)
        versions.set(row.id, row.updated_at);
    }
    return versions;
  }

  /** One article as the matcher reads it, with its version. */
  readOne(id: number): VersionedArticle | undefined {
    const row = this.db.prepare(`SELECT ${VERSIONED_COLUMNS} FROM articles a WHERE a.id = ?`).get(id) as VersionedRow | undefined;
    return row && toVersioned(row);
  }
}

/** The body extracted from an article's own page (full-text monitoring), or null, for a query over `articles a`. */
const PAGE_BODY = `(SELECT pg.text FROM article_pages pg WHERE pg.article_id = a.id)`;
/**
 * An article's version for the preview window: it changes when the article is rewritten and when
 * its page is fetched, so a body that arrived after the window read the article is read too.
 */
const VERSION = `max(a.updated_at, coalesce((SELECT pg.fetched_at FROM article_pages pg WHERE pg.article_id = a.id), 0))`;
const VERSIONED_COLUMNS = `a.id, a.sort_at, ${VERSION} AS updated_at, a.source_title, a.title, a.text, ${PAGE_BODY} AS body, a.feed_id`;

/** What the watchlist matcher reads of a stored article. */
export interface MatchableArticle {
  id: number;
  title: string;
  text: string;
  /** The text of its own page when one was extracted (full-text monitoring): matched where the feed text is not. */
  body?: string | null;
  sourceTitle: string;
  feedId: number | null;
  storyId: number;
  sortAt: number;
}

export type VersionedArticle = Omit<MatchableArticle, 'storyId'> & { updatedAt: number };

interface VersionedRow {
  id: number;
  sort_at: number;
  updated_at: number;
  source_title: string;
  title: string;
  text: string;
  body: string | null;
  feed_id: number | null;
}

function toVersioned(r: VersionedRow): VersionedArticle {
  return {
    id: r.id,
    title: r.title,
    text: r.text,
    body: r.body,
    sourceTitle: r.source_title,
    feedId: r.feed_id,
    sortAt: r.sort_at,
    updatedAt: r.updated_at,
  };
}

/**
 * The title index for grouping, rebuilt from the database: the recent titles that take part in
 * grouping, i.e. those of articles with an alert (see storeFeedItems' `groupByTitle`).
 */
export function storyIndexFromDatabase(db: Db, now: number, windowMs = STORY_WINDOW_MS): StoryIndex {
  const rows = db
    .prepare(
      `SELECT id, story_id AS storyId, title, sort_at AS sortAt FROM articles
       WHERE sort_at >= ? AND story_id <> 0 AND id IN (SELECT article_id FROM alerts) ORDER BY id`,
    )
    .all(now - windowMs) as Array<{ id: number; storyId: number; title: string; sortAt: number }>;
  return StoryIndex.fromTitles(rows, now, windowMs);
}
