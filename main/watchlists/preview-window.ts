import type { QueryNode, TermNode } from '../../shared/query';
import type { Db } from '../store/database';
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

/**
 * The last days of articles in prefilterForm, kept in memory while someone is previewing a query
 * (typing in the watchlist editor). All entries live in one long string, so finding a term is a
 * single `indexOf` sweep (V8 searches long strings with Boyer–Moore–Horspool) instead of 100 000
 * small searches; each term gives a bitmap of the entries that contain it, and the query's
 * AND/OR/NOT combine bitmaps. SQL could not do this for 1–2 character words (퇴사, AI), which a
 * trigram index cannot look up. Built on the first preview, topped up with new articles, dropped
 * after two idle minutes.
 */
export class PreviewWindow {
  private ids: number[] = [];
  private sortAts: number[] = [];
  /** Per entry: where its title starts in `titles`, and its body in `bodies`. */
  private titleStarts: number[] = [];
  private bodyStarts: number[] = [];
  private sourceOf: string[] = [];
  private titleParts: string[] = [];
  private bodyParts: string[] = [];
  private titles = '';
  private bodies = '';
  private dirty = false;
  private maxId = 0; // every article up to this id (and in the window) has been read
  private since = Number.POSITIVE_INFINITY;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly idleMs = 120_000,
  ) {}

  /** Ids of the articles since `since` that may match (a superset of the matcher's), newest first. */
  candidates(node: QueryNode, since: number): number[] {
    this.refresh(since);
    const mask = this.evaluate(node);
    const hits: number[] = [];
    for (let i = 0; i < this.ids.length; i++) if (mask[i] && this.sortAts[i]! >= since) hits.push(i);
    hits.sort((a, b) => this.sortAts[b]! - this.sortAts[a]! || this.ids[b]! - this.ids[a]!);
    return hits.map((i) => this.ids[i]!);
  }

  drop(): void {
    this.ids = [];
    this.sortAts = [];
    this.titleStarts = [];
    this.bodyStarts = [];
    this.sourceOf = [];
    this.titleParts = [];
    this.bodyParts = [];
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
    for (let at = haystack.indexOf(needle); at >= 0; ) {
      // Entries are laid out in order: advance to the one this hit falls in.
      while (entry + 1 < starts.length && starts[entry + 1]! <= at) entry += 1;
      mask[entry] = 1;
      // Skip the rest of this entry: one hit is enough.
      const next = entry + 1 < starts.length ? starts[entry + 1]! : haystack.length;
      at = haystack.indexOf(needle, next);
    }
  }

  private refresh(since: number): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.drop(), this.idleMs);
    this.idleTimer.unref();
    if (since < this.since) {
      this.drop();
      this.since = since;
    }
    // Only articles added since the last read (a rowid range: cheap). An article corrected in the
    // meantime keeps its old text here until the window is rebuilt; the exact matcher still reads
    // the current text, so at worst a corrected article is missing from a preview for a while.
    const rows = this.db
      .prepare(`SELECT id, sort_at, source_title, title, text FROM articles WHERE id > ? AND sort_at >= ?`)
      .all(this.maxId, since) as Array<{ id: number; sort_at: number; source_title: string; title: string; text: string }>;
    for (const row of rows) {
      this.ids.push(row.id);
      this.sortAts.push(row.sort_at);
      this.sourceOf.push(prefilterForm(row.source_title));
      this.titleParts.push(prefilterForm(row.title) + FIELD_END);
      this.bodyParts.push(prefilterForm(row.text) + ENTRY_END);
      if (row.id > this.maxId) this.maxId = row.id;
      this.dirty = true;
    }
    if (this.dirty) this.join();
  }

  private join(): void {
    this.titleStarts = [];
    this.bodyStarts = [];
    let t = 0;
    let b = 0;
    for (let i = 0; i < this.ids.length; i++) {
      this.titleStarts.push(t);
      this.bodyStarts.push(b);
      t += this.titleParts[i]!.length;
      b += this.bodyParts[i]!.length;
    }
    this.titles = this.titleParts.join('');
    this.bodies = this.bodyParts.join('');
    this.dirty = false;
  }
}
