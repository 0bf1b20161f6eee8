/**
 * Spans to highlight in a search result: the search terms as the watchlist matcher finds them, so
 * highlighting follows the same Korean-aware rules as alerts (particles, spacing, width).
 */
import { compileWatchlists } from '../../shared/match';
import type { ArticleRecord, MatchSpan } from '../../shared/types';

export type Highlighter = (article: Pick<ArticleRecord, 'title' | 'text'>) => MatchSpan[];

export function searchHighlighter(terms: readonly string[]): Highlighter {
  const query = terms.map((t) => `"${t.replace(/"/g, '')}"`).join(' OR ');
  const matcher = compileWatchlists(query ? [{ id: 1, query }] : []);
  return (article) => matcher.match({ title: article.title, text: article.text })[0]?.spans ?? [];
}
