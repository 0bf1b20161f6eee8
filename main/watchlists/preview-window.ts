import type { QueryNode, TermNode } from '../../shared/query';
import type { ArticleStore, VersionedArticle } from '../store/articles';
import { searchForm } from '../store/search-text';

/**
 * The text a pre-filter compares: searchForm (NFKC, lower case, invisible characters dropped) with
 * every white space removed. The matcher accepts 카카오 브레인 for 카카오브레인 and 삼성 SDS for
 * 삼성SDS; with all spaces gone on both sides, a plain substring test never rejects what it accepts.
 */
export function prefilterForm(text: string): string {
  return searchForm(text).replace(/\s+/g, '');
}

/** Separators no folded text contains (stripInvisible removes C0 controls): a hit never spans two fields. */
const FIELD_END = '\u0001';
const ENTRY_END = '\u0002';

/** What the matcher reads of a candidate article. */
export type PreviewArticle = Omit<VersionedArticle, 'sortAt' | 'updatedAt'>;

/** Where the window reads articles from (main/store/articles.ts). */
export type PreviewSource = Pick<ArticleStore, 'readAfter' | 'versions' | 'readOne'>;

/**
 * The last days of articles, kept in memory while someone is previewing a query (typing in the
 * watchlist editor): in prefilterForm for finding candidates, and as read for the matcher.
 *
 * All prefilter entries live in one long string, so finding a term is a single `indexOf` sweep
 * (V8 searches long strings with Boyer–Moore–Horspool) instead of 100 000 small searches; each term
 * gives a bitmap of the entries that contain it, and the query's AND/OR/NOT combine bitmaps. SQL
 * could not do this for 1–2 character words (퇴사, AI), which a trigram index cannot look up.
 *
 * The text as read is kept too: reading 5 000 candidates back from SQLite cost more than the
 * rest of a preview together (turning UTF-8 Korean into JavaScript strings), while checking that
 * they are unchanged costs a rowid lookup each (see `current`). Built on the first preview in
 * slices that yield to other work, topped up with new articles, dropped after two idle minutes.
 */
export class PreviewWindow {
  private ids: number[] = [];
  private sortAts: number[] = [];
  /** Per entry: where its title starts in `titles`, and its body in `bodies`. */
  private titleStarts: number[] = [];
  private bodyStarts: number[] = [];
  private sourceOf: string[] = [];
  private articles: PreviewArticle[] = [];
  private updatedAts: number[] = [];
  /** Entries whose text changed after they were read: candidates for every query from then on. */
  private changed = new Set<number>();
  /** Entries deleted from the database: never candidates again. */
  private deleted = new Set<number>();
  private titles = '';
  private bodies = '';
  private maxId = 0; // every article up to this id (and in the window) has been read
  private since = Number.POSITIVE_INFINITY;
  private idleTimer: NodeJS.Timeout | null = null;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly source: PreviewSource,
    private readonly idleMs = 120_000,
  ) {}

  /**
   * The articles since `since` that may match (a superset of the matcher's), newest first, as
   * they are in the database now. Call `ready` first: this reads only what is still missing.
   */
  candidates(node: QueryNode, since: number): PreviewArticle[] {
    // Whatever arrived after `ready` resolved (a poll's transaction in between): a few rows.
    this.touch(since);
    while (this.readNew(since, READ_SLICE) === READ_SLICE);
    const mask = this.evaluate(node);
    for (const i of this.changed) mask[i] = 1;
    for (const i of this.deleted) mask[i] = 0;
    const hits: number[] = [];
    for (let i = 0; i < this.ids.length; i++) if (mask[i] && this.sortAts[i]! >= since) hits.push(i);
    hits.sort((a, b) => this.sortAts[b]! - this.sortAts[a]! || this.ids[b]! - this.ids[a]!);
    return this.current(hits);
  }

  /**
   * An article this engine rewrote (a corrected article from a poll, or its page's body arrived): from now on a candidate for
   * every query, read again when it comes up. Rewrites by another process are seen when the
   * article comes up as a candidate (`current`), so at worst one that only its new text would
   * match is missing from previews until the window is read again.
   */
  noteChanged(id: number): void {
    const entry = this.entryOf(id);
    if (entry === undefined) return;
    this.changed.add(entry);
    // Read again when it comes up, whatever its version says: a change within one clock tick (or a
    // page's body, which leaves the article's row alone) would otherwise look like no change.
    this.updatedAts[entry] = Number.NaN;
  }

  /** Entries are appended in id order: a binary search finds one. */
  private entryOf(id: number): number | undefined {
    let low = 0;
    let high = this.ids.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = this.ids[mid]!;
      if (at === id) return mid;
      if (at < id) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  drop(): void {
    this.ids = [];
    this.sortAts = [];
    this.titleStarts = [];
    this.bodyStarts = [];
    this.sourceOf = [];
    this.articles = [];
    this.updatedAts = [];
    this.changed = new Set();
    this.deleted = new Set();
    this.titles = '';
    this.bodies = '';
    this.maxId = 0;
    this.since = Number.POSITIVE_INFINITY;
  }

  /** 1 for each entry that may match `node`. */
  private evaluate(node: QueryNode): Uint8Array {
    const n = this.ids.length;
    switch (node.type) {
      case 'term':
        return this.termMask(node);
      case 'not':
        return new Uint8Array(n).fill(1); // an absent word cannot be tested by presence: the matcher decides
      case 'and': {
        const [first, ...rest] = node.children.map((c) => this.evaluate(c));
        for (const m of rest) for (let i = 0; i < n; i++) first![i]! &= m[i]!;
        return first!;
      }
      case 'or': {
        const [first, ...rest] = node.children.map((c) => this.evaluate(c));
        for (const m of rest) for (let i = 0; i < n; i++) first![i]! |= m[i]!;
        return first!;
      }
    }
  }

  private termMask(term: TermNode): Uint8Array {
    const n = this.ids.length;
    const mask = new Uint8Array(n);
    const needle = prefilterForm(term.text.replace(/\*/g, ''));
    if (!needle) return mask.fill(1);
    if (term.field === 'source') {
      for (let i = 0; i < n; i++) if (this.sourceOf[i]!.includes(needle)) mask[i] = 1;
      return mask;
    }
    this.sweep(this.titles, this.titleStarts, needle, mask);
    if (term.field !== 'title') this.sweep(this.bodies, this.bodyStarts, needle, mask);
    return mask;
  }

  /** Marks every entry whose part of `haystack` contains `needle`. */
  private sweep(haystack: string, starts: number[], needle: string, mask: Uint8Array): void {
    let entry = 0;
    for (let at = haystack.indexOf(needle); at >= 0;) {
      // Entries are laid out in order: advance to the one this hit falls in.
      while (entry + 1 < starts.length && starts[entry + 1]! <= at) entry += 1;
      mask[entry] = 1;
      // Skip the rest of this entry: one hit is enough.
      const next = entry + 1 < starts.length ? starts[entry + 1]! : haystack.length;
      at = haystack.indexOf(needle, next);
    }
  }

  /**
   * The entries as they are in the database now: one rowid lookup each tells whether an article
   * was deleted (feed removed, retention) or rewritten (a corrected article, by this process or
   * another) since it was read; only rewritten ones are read again.
   */
  private current(entries: number[]): PreviewArticle[] {
    const versions = this.source.versions(entries.map((i) => this.ids[i]!));
    const current: PreviewArticle[] = [];
    for (const i of entries) {
      const version = versions.get(this.ids[i]!);
      if (version === undefined) {
        this.deleted.add(i);
        continue;
      }
      if (version !== this.updatedAts[i]) {
        const row = this.source.readOne(this.ids[i]!);
        if (!row) continue;
        this.articles[i] = {
          id: row.id,
          title: row.title,
          text: row.text,
          body: row.body,
          sourceTitle: row.sourceTitle,
          feedId: row.feedId,
        };
        this.updatedAts[i] = row.updatedAt;
        this.sortAts[i] = row.sortAt; // a corrected date orders it from the next preview on
        // Its prefilter form in the joined strings is stale: let the matcher decide from now on.
        this.changed.add(i);
      }
      current.push(this.articles[i]!);
    }
    return current;
  }

  /**
   * Reads what the window lacks in slices of a few thousand rows, yielding between them, so the
   * first preview on a large database (seconds of work) never holds up polls and other calls.
   * Concurrent callers share one read.
   */
  async ready(since: number): Promise<void> {
    this.touch(since);
    while (this.loading) await this.loading;
    if (this.readNew(since, READ_SLICE) < READ_SLICE) return;
    this.loading = (async () => {
      do await yieldToEvents();
      while (this.readNew(since, READ_SLICE) === READ_SLICE);
    })().finally(() => {
      this.loading = null;
    });
    await this.loading;
  }

  private touch(since: number): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.drop(), this.idleMs);
    this.idleTimer.unref();
    if (since < this.since) {
      this.drop();
      this.since = since;
    }
  }

  /**
   * Appends up to `limit` articles added since the last read (a rowid range: cheap); returns how
   * many. Changed and deleted ones are found when they come up as candidates (see `current`).
   */
  private readNew(since: number, limit: number): number {
    const rows = this.source.readAfter(this.maxId, since, limit);
    if (rows.length === 0) return 0;
    const titleParts: string[] = [];
    const bodyParts: string[] = [];
    let t = this.titles.length;
    let b = this.bodies.length;
    for (const row of rows) {
      const title = prefilterForm(row.title) + FIELD_END;
      // The feed's text and, once extracted, the article's own page (full-text monitoring).
      const body = prefilterForm(row.text) + (row.body ? FIELD_END + prefilterForm(row.body) : '') + ENTRY_END;
      this.ids.push(row.id);
      this.sortAts.push(row.sortAt);
      this.updatedAts.push(row.updatedAt);
      this.sourceOf.push(prefilterForm(row.sourceTitle));
      this.articles.push({
        id: row.id,
        title: row.title,
        text: row.text,
        body: row.body,
        sourceTitle: row.sourceTitle,
        feedId: row.feedId,
      });
      this.titleStarts.push(t);
      this.bodyStarts.push(b);
      titleParts.push(title);
      bodyParts.push(body);
      t += title.length;
      b += body.length;
      this.maxId = row.id;
    }
    this.titles += titleParts.join('');
    this.bodies += bodyParts.join('');
    return rows.length;
  }
}

/** Rows read per slice while the window is built: ~100 ms of work on this machine. */
const READ_SLICE = 2_000;

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
