import type { QueryNode, TermNode } from '../../shared/query';
import { ftsPhrase, indexForm, isIndexableTerm, searchForm } from '../store/search-text';

/**
 * A cheap SQL pre-filter for a watchlist query: the articles that MIGHT match, found through the
 * trigram index, so the exact matcher (shared/match) only runs on a few rows instead of every
 * stored article. It must never drop an article the matcher would accept: anything it cannot
 * express (negation, a term too short for trigrams inside an OR) widens to "every article".
 *
 * Articles still queued for the indexer are always candidates.
 */
export type Prefilter = { kind: 'all' } | { kind: 'sql'; sql: string; params: string[] };

const ALL: Prefilter = { kind: 'all' };

function termPrefilter(term: TermNode): Prefilter {
  const bare = term.text.replace(/\*/g, '');
  if (term.field === 'source') {
    return { kind: 'sql', sql: `instr(lower(a.source_title), ?) > 0`, params: [searchForm(bare)] };
  }
  const folded = indexForm(bare);
  if (isIndexableTerm(folded)) {
    const column = term.field === 'title' ? 'title : ' : '';
    return {
      kind: 'sql',
      sql: `(a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) OR a.id IN (SELECT article_id FROM fts_pending))`,
      params: [`${column}${ftsPhrase(folded)}`],
    };
  }
  // 1–2 characters (퇴사, AI): no trigram; a substring scan still narrows what the matcher sees.
  const needle = searchForm(bare);
  if (!needle) return ALL;
  return term.field === 'title'
    ? { kind: 'sql', sql: `instr(lower(a.title), ?) > 0`, params: [needle] }
    : {
        kind: 'sql',
        // The body of the article's own page counts too (full-text monitoring); the trigram index above holds it already.
        sql: `(instr(lower(a.title), ?) > 0 OR instr(lower(a.text), ?) > 0
          OR instr(lower(coalesce((SELECT pg.text FROM article_pages pg WHERE pg.article_id = a.id), '')), ?) > 0)`,
        params: [needle, needle, needle],
      };
}

export function prefilterFor(node: QueryNode): Prefilter {
  switch (node.type) {
    case 'term':
      return termPrefilter(node);
    case 'not':
      return ALL;
    case 'and': {
      const parts = node.children.map(prefilterFor).filter((p): p is Extract<Prefilter, { kind: 'sql' }> => p.kind === 'sql');
      if (parts.length === 0) return ALL;
      return { kind: 'sql', sql: parts.map((p) => `(${p.sql})`).join(' AND '), params: parts.flatMap((p) => p.params) };
    }
    case 'or': {
      const parts = node.children.map(prefilterFor);
      if (parts.some((p) => p.kind === 'all')) return ALL;
      const sqlParts = parts as Array<Extract<Prefilter, { kind: 'sql' }>>;
      return { kind: 'sql', sql: sqlParts.map((p) => `(${p.sql})`).join(' OR '), params: sqlParts.flatMap((p) => p.params) };
    }
  }
}
