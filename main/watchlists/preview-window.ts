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

/** `doc` is the title, a separator and the body in prefilterForm; the title is its first `titleLength` characters. */
type Predicate = (doc: string, titleLength: number, source: string) => boolean;

/** A cheap yes/maybe test from a query: every article the matcher accepts passes it. */
export function prefilterPredicate(node: QueryNode): Predicate {
  switch (node.type) {
    case 'term':
      return termPredicate(node);
    case 'not':
      return () => true; // an absent word cannot be tested by presence: decide in the matcher
    case 'and': {
      const parts = node.children.map(prefilterPredicate);
      return (d, t, s) => parts.every((p) => p(d, t, s));
    }
    case 'or': {
      const parts = node.children.map(prefilterPredicate);
      return (d, t, s) => parts.some((p) => p(d, t, s));
    }
  }
}

function termPredicate(term: TermNode): Predicate {
  const needle = prefilterForm(term.text.replace(/\*/g, ''));
  if (!needle) return () => true;
  if (term.field === 'source') return (_d, _t, s) => s.includes(needle);
  if (term.field === 'title') {
    return (d, t) => {
      const at = d.indexOf(needle);
      return at >= 0 && at + needle.length <= t;
    };
  }
  return (d) => d.includes(needle);
}

interface Entry {
  id: number;
  sortAt: number;
  feedId: number | null;
  doc: string;
  titleLength: number;
  source: string;
}

/**
 * The last days of articles in prefilterForm, kept in memory while someone is previewing a query
 * (typing in the watchlist editor): a substring scan of 100 000 short strings takes milliseconds,
 * where SQL cannot look up 1–2 character words (퇴사, AI) in a trigram index. Built on the first
 * preview, topped up with what changed since, dropped after two idle minutes.
 */
export class PreviewWindow {
  private entries: Entry[] = [];
  private maxId = 0; // every article up to this id (and in the window) has been read
  private since = Number.POSITIVE_INFINITY;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly idleMs = 120_000,
  ) {}

  /** Ids of the articles since `since` that may match, newest first. */
  candidates(node: QueryNode, since: number): number[] {
    this.refresh(since);
    const test = prefilterPredicate(node);
    const ids: number[] = [];
    for (const e of this.entries) {
      if (e.sortAt < since) break;
      if (test(e.doc, e.titleLength, e.source)) ids.push(e.id);
    }
    return ids;
  }

  drop(): void {
    this.entries = [];
    this.maxId = 0;
    this.since = Number.POSITIVE_INFINITY;
  }

  private refresh(since: number): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.drop(), this.idleMs);
    this.idleTimer.unref();
    const rebuild = since < this.since;
    if (rebuild) this.drop();
    // Only articles added since the last read (a rowid range: cheap). An article corrected in the
    // meantime keeps its old text here until the window is rebuilt; the exact matcher still reads
    // the current text, so at worst a corrected article is missing from a preview for a while.
    const rows = this.db
      .prepare(`SELECT id, sort_at, feed_id, source_title, title, text FROM articles WHERE id > ? AND sort_at >= ?`)
      .all(this.maxId, since) as Array<{ id: number; sort_at: number; feed_id: number | null; source_title: string; title: string; text: string }>;
    if (rebuild) this.since = since;
    if (rows.length === 0) return;
    for (const row of rows) {
      const title = prefilterForm(row.title);
      // A separator no folded text contains keeps a match from spanning title and body.
      const entry: Entry = { id: row.id, sortAt: row.sort_at, feedId: row.feed_id, doc: `${title}\u0000${prefilterForm(row.text)}`, titleLength: title.length, source: prefilterForm(row.source_title) };
      this.entries.push(entry);
      if (row.id > this.maxId) this.maxId = row.id;
    }
    this.entries.sort((a, b) => b.sortAt - a.sortAt || b.id - a.id);
  }
}
