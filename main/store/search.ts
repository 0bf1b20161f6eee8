import type { ArticleRecord } from '../../shared/types';
import type { Db } from './database';
import { ftsPhrase, indexForm, isIndexableTerm, searchTerms } from './search-text';

export interface SearchOptions {
  query: string;
  sort?: 'relevance' | 'date';
  limit?: number;
  offset?: number;
}

/**
 * What a search result shows (`summarize` in main/api/views.ts): no HTML body, identity or story.
 * An outlet's body HTML runs to tens of kilobytes an article (up to 300 000 characters), and a
 * page of results read it whole for nothing (issue 14: read what a command uses).
 */
export type SearchHit = Pick<ArticleRecord, 'id' | 'feedId' | 'sourceTitle' | 'title' | 'link' | 'sortAt' | 'publishedAt' | 'text'>;

export interface SearchResult {
  total: number;
  terms: string[];
  items: SearchHit[];
}

type SearchHitRow = [number, number | null, string, string, string | null, number, number | null, string];

/** A term as the scan path checks it: in the title, the text or the extracted page body, case-folded like the index. */
function scanCondition(param: string): string {
  return `(instr(lower(a.title), @${param}) > 0 OR instr(lower(a.text), @${param}) > 0
    OR instr(lower(coalesce((SELECT pg.text FROM article_pages pg WHERE pg.article_id = a.id), '')), @${param}) > 0)`;
}

/**
 * Full-text search over every stored article.
 *
 * Terms of 3+ characters go through the FTS5 trigram index as quoted phrases; 1–2 character
 * terms (퇴사, AI) cannot use a trigram index, so they are checked by scanning. Articles still
 * waiting for the indexer are checked by scanning too, so a search right after a poll is complete.
 */
export function searchArticles(db: Db, options: SearchOptions): SearchResult {
  const terms = searchTerms(options.query);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const offset = Math.max(options.offset ?? 0, 0);
  if (terms.length === 0) return { total: 0, terms, items: [] };

  const params: Record<string, string | number> = {};
  terms.forEach((term, i) => (params[`t${i}`] = term));
  const allTermsScan = terms.map((_, i) => scanCondition(`t${i}`)).join(' AND ');
  const indexed = terms.filter(isIndexableTerm);

  let hits: string;
  if (indexed.length > 0) {
    // CROSS JOIN keeps the queue as the outer loop: with a plain JOIN SQLite scanned every stored
    // article (1.5 s on 50 000) to find the few, or none, still waiting for the indexer.
    params.match = indexed.map((term) => ftsPhrase(indexForm(term))).join(' AND ');
    const shortScan = terms
      .map((term, i) => (isIndexableTerm(term) ? null : scanCondition(`t${i}`)))
      .filter(Boolean)
      .join(' AND ');
    // The index alone names the hits when no short term needs each article's text: reading every
    // hit's row (1 253 for 삼성전자 among 50 000) was most of a search's time in a new process (~28 ms
    // of page reads, issue 14). The index holds only stored articles: deleting one unindexes it.
    const indexHits = `SELECT rowid AS id, bm25(articles_fts, 2.0, 1.0) AS score FROM articles_fts WHERE articles_fts MATCH @match`;
    hits = `
      ${shortScan ? `SELECT a.id, f.score FROM (${indexHits}) f JOIN articles a ON a.id = f.id WHERE ${shortScan} AND` : `SELECT f.id, f.score FROM (${indexHits}) f WHERE`}
        f.id NOT IN (SELECT article_id FROM fts_pending)
      UNION ALL
      SELECT a.id, 0 AS score FROM fts_pending p CROSS JOIN articles a ON a.id = p.article_id WHERE ${allTermsScan}`;
  } else {
    hits = `SELECT a.id, 0 AS score FROM articles a WHERE ${allTermsScan}`;
  }

  // One pass over the hits ranks them and counts them all (the window's count is taken before
  // LIMIT); only the page's articles are then read whole. Sorting every hit's whole row (text and
  // HTML), and finding the hits twice, was ~15 ms of a search among 50 000 articles.
  // By relevance, equal scores go newest first by id (the order articles arrived in), which needs
  // no article row; by date every hit's sort time is read.
  const ranking =
    options.sort === 'date'
      ? `FROM (${hits}) h JOIN articles a ON a.id = h.id ORDER BY a.sort_at DESC, a.id DESC`
      : `FROM (${hits}) h ORDER BY h.score, h.id DESC`;
  const ranked = db
    .prepare(`SELECT h.id, count(*) OVER () AS total ${ranking} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset }) as Array<{ id: number; total: number }>;
  // A page past the end has no row to carry the count.
  const total = ranked[0]?.total ?? (offset > 0 ? (db.prepare(`SELECT count(*) FROM (${hits})`).pluck().get(params) as number) : 0);
  const page = db
    .prepare(
      `SELECT a.id, a.feed_id, a.source_title, a.title, a.link, a.sort_at, a.published_at, a.text
       FROM articles a WHERE a.id IN (SELECT value FROM json_each(@ids))`,
    )
    .raw()
    .all({ ids: JSON.stringify(ranked.map((r) => r.id)) }) as SearchHitRow[];
  const byId = new Map(page.map((row) => [row[0], row]));
  return { total, terms, items: ranked.flatMap((r) => (byId.has(r.id) ? [toSearchHit(byId.get(r.id)!)] : [])) };
}

/** By position, not destructured: run cold, as in a new process, destructuring walks an iterator per column. */
function toSearchHit(row: SearchHitRow): SearchHit {
  return {
    id: row[0],
    feedId: row[1],
    sourceTitle: row[2],
    title: row[3],
    link: row[4],
    sortAt: row[5],
    publishedAt: row[6],
    text: row[7],
  };
}
