import {
  guardsAgainst,
  minSharedFor,
  SAME_STORY_THRESHOLD,
  scoreFromCounts,
  sharedCount,
  titleFeatures,
  type TitleFeatures,
} from './story-similarity';

/** Two articles are one story by title only when their sort times are at most this far apart. */
export const STORY_WINDOW_MS = 48 * 3600_000;
/** Expired entries are swept this long after they leave the window (queries check the window exactly). */
const SWEEP_SLACK_MS = 3600_000;
/**
 * A feature carried by more than this share of the indexed titles (and by more than STOP_MIN_TITLES)
 * is too common to find candidates with ("대표", "출시", "ai"): its posting list is not scanned, which
 * keeps a query's cost bounded on a big cold poll. A candidate must then share enough of the rarer
 * features; a title made only of very common pieces finds nothing and stays its own story (the safe side).
 */
const STOP_SHARE = 0.01;
const STOP_MIN_TITLES = 64;

export interface StoryMatch {
  storyId: number;
  articleId: number;
  score: number;
}

interface Entry {
  articleId: number;
  /** -1 once removed (rolled back); swept with the expired ones. */
  storyId: number;
  sortAt: number;
  title: TitleFeatures;
}

/**
 * The titles of the last 48 hours (by the article's sort time), answering "which recent story is
 * this headline a near-duplicate of?" fast enough for a cold poll of 50 000 articles.
 *
 * An inverted index from feature (see story-similarity.ts) to the titles carrying it. A query counts,
 * per title, the features it shares with the query over the posting lists of its features (skipping
 * the very common ones), keeps the titles that share at least `minSharedFor(size)` of them (fewer
 * cannot reach the threshold), and checks only those with the exact score and the guards.
 *
 * Articles older than 48 hours before "now" are neither indexed nor matched by title: grouping is
 * for the news arriving now (an old backlog does not notify), and the index stays bounded.
 */
export class StoryIndex {
  private entries: Entry[] = [];
  private readonly slotByArticle = new Map<number, number>();
  private counts = new Int32Array(1024);
  private oldestSortAt = Infinity;
  private live = 0;
  // Posting lists as linked lists in flat typed arrays (newest first): no array object per feature,
  // so 50 000 titles with a quarter of a million distinct features stay light for the garbage collector.
  private listOf = new FeatureTable(); // feature → list number
  private listHead = new Int32Array(1024); // list number → first posting (-1: none)
  private listLength = new Int32Array(1024);
  private postingSlot = new Int32Array(16384); // posting → entry slot
  private postingNext = new Int32Array(16384); // posting → next posting of the same list (-1: end)
  private postings = 0;

  constructor(private readonly windowMs = STORY_WINDOW_MS) {}

  /**
   * Rebuilds the index from stored titles (the store reads them: the recent articles that raised an
   * alert, see ArticleStore.recentGroupedTitles); entries outside the window are skipped by `add`.
   */
  static fromTitles(
    rows: Iterable<{ id: number; storyId: number; title: string; sortAt: number }>,
    now: number,
    windowMs = STORY_WINDOW_MS,
  ): StoryIndex {
    const index = new StoryIndex(windowMs);
    for (const row of rows) index.add(row.id, row.storyId, titleFeatures(row.title), row.sortAt, now);
    return index;
  }

  get size(): number {
    return this.live;
  }

  /** Whether an article with this sort time takes part in title grouping at all. */
  inWindow(sortAt: number, now: number): boolean {
    return sortAt >= now - this.windowMs;
  }

  /** The story this title is a near-duplicate of (the best-scoring recent title; the earliest on a tie). */
  find(title: TitleFeatures, sortAt: number, now: number): StoryMatch | undefined {
    const size = title.features.length;
    if (!this.inWindow(sortAt, now) || size === 0 || this.live === 0) return undefined;
    this.sweep(now);
    const oldest = Math.max(now - this.windowMs, sortAt - this.windowMs);
    const newest = sortAt + this.windowMs;
    const stopAt = Math.max(STOP_MIN_TITLES, STOP_SHARE * this.live);

    let skipped = 0;
    const touched: number[] = [];
    const counts = this.counts;
    for (let f = 0; f < size; f++) {
      const list = this.listOf.get(title.features[f]!);
      if (list === undefined) continue;
      if (this.listLength[list]! > stopAt) {
        skipped++;
        continue;
      }
      for (let p = this.listHead[list]!; p >= 0; p = this.postingNext[p]!) {
        const slot = this.postingSlot[p]!;
        const count = counts[slot]!;
        if (count === 0) touched.push(slot);
        counts[slot] = count + 1;
      }
    }
    // A candidate needs minShared features in common; the skipped common ones may supply some.
    const need = Math.max(1, minSharedFor(size) - skipped);
    let best: StoryMatch | undefined;
    for (const slot of touched) {
      const count = counts[slot]!;
      counts[slot] = 0;
      if (count < need) continue;
      const entry = this.entries[slot]!;
      if (entry.storyId < 0 || entry.sortAt < oldest || entry.sortAt > newest) continue;
      // The counted overlap is exact unless common features were skipped; bound the score before paying for it.
      const other = entry.title.features.length;
      const upper = scoreFromCounts(size, other, Math.min(count + skipped, size, other));
      if (upper < SAME_STORY_THRESHOLD) continue;
      const score = skipped === 0 ? upper : scoreFromCounts(size, other, sharedCount(title.features, entry.title.features));
      if (score < SAME_STORY_THRESHOLD || guardsAgainst(title, entry.title)) continue;
      if (!best || score > best.score || (score === best.score && entry.articleId < best.articleId)) {
        best = { storyId: entry.storyId, articleId: entry.articleId, score };
      }
    }
    return best;
  }

  /** Indexes an article's title under its story (no-op when its sort time is outside the window). */
  add(articleId: number, storyId: number, title: TitleFeatures, sortAt: number, now: number): void {
    if (!this.inWindow(sortAt, now) || title.features.length === 0) return;
    this.remove(articleId);
    const slot = this.entries.length;
    this.entries.push({ articleId, storyId, sortAt, title });
    this.slotByArticle.set(articleId, slot);
    this.live++;
    if (sortAt < this.oldestSortAt) this.oldestSortAt = sortAt;
    if (slot >= this.counts.length) this.counts = grow(this.counts, 0);
    for (const feature of title.features) {
      let list = this.listOf.get(feature);
      if (list === undefined) {
        list = this.listOf.size;
        this.listOf.set(feature, list);
        if (list >= this.listHead.length) {
          this.listHead = grow(this.listHead, -1);
          this.listLength = grow(this.listLength, 0);
        }
        this.listHead[list] = -1;
      }
      const p = this.postings++;
      if (p >= this.postingSlot.length) {
        this.postingSlot = grow(this.postingSlot, 0);
        this.postingNext = grow(this.postingNext, -1);
      }
      this.postingSlot[p] = slot;
      this.postingNext[p] = this.listHead[list]!;
      this.listHead[list] = p;
      this.listLength[list] = this.listLength[list]! + 1;
    }
  }

  /** Forgets an article (its transaction rolled back). */
  remove(articleId: number): void {
    const slot = this.slotByArticle.get(articleId);
    if (slot === undefined) return;
    this.entries[slot]!.storyId = -1;
    this.slotByArticle.delete(articleId);
    this.live--;
  }

  /** Drops expired and removed entries once the oldest is well past the window: O(indexed features). */
  private sweep(now: number): void {
    const limit = now - this.windowMs;
    const removed = this.entries.length - this.live;
    if (this.oldestSortAt >= limit - SWEEP_SLACK_MS && removed <= Math.max(64, this.live)) return;
    const kept = this.entries.filter((e) => e.storyId >= 0 && e.sortAt >= limit);
    this.entries = [];
    this.slotByArticle.clear();
    this.listOf = new FeatureTable();
    this.postings = 0;
    this.oldestSortAt = Infinity;
    this.live = 0;
    for (const e of kept) this.add(e.articleId, e.storyId, e.title, e.sortAt, now);
  }
}

function grow(array: Int32Array<ArrayBuffer>, fill: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2).fill(fill, array.length);
  grown.set(array);
  return grown;
}

/**
 * feature → list number, open addressing over typed arrays: a quarter of a million keys in a Map
 * cost a cache miss and more per lookup, and every stored article looks up 20–40 features twice.
 * Features are non-negative integers below 2³⁰ (see story-similarity.ts); -1 marks an empty cell.
 */
class FeatureTable {
  size = 0;
  private bits = 12;
  private keys = new Int32Array(1 << 12).fill(-1);
  private values = new Int32Array(1 << 12);

  get(key: number): number | undefined {
    const mask = (1 << this.bits) - 1;
    for (let i = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key) return this.values[i]!;
      if (k === -1) return undefined;
    }
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.resize();
    const mask = (1 << this.bits) - 1;
    for (let i = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; i = (i + 1) & mask) {
      const k = this.keys[i]!;
      if (k === key || k === -1) {
        if (k === -1) this.size++;
        this.keys[i] = key;
        this.values[i] = value;
        return;
      }
    }
  }

  private resize(): void {
    const { keys, values } = this;
    this.bits++;
    this.keys = new Int32Array(1 << this.bits).fill(-1);
    this.values = new Int32Array(1 << this.bits);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== -1) this.set(keys[i]!, values[i]!);
  }
}
