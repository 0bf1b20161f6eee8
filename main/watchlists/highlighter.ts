/**
 * Spans to highlight in a search result: the search terms as the watchlist matcher finds them, so
 * highlighting follows the same Korean-aware rules as alerts (particles, spacing, width).
 *
 * A result shows its title and a snippet of its text around the first match (snippet.ts), so the
 * text is matched only as far as that snippet can reach. A feed that carries whole articles gives
 * texts of thousands of characters (up to 100 000): matching all of each was most of a search's
 * time there, ~20 ms for 50 results of 5 000 characters in a new process (issue 14).
 */
import { compileWatchlists } from '../../shared/match';
import type { ArticleRecord, MatchSpan } from '../../shared/types';
import { SNIPPET_CHARS } from './snippet';

export type Highlighter = (article: Pick<ArticleRecord, 'title' | 'text'>) => MatchSpan[];

/** The text is matched a piece at a time, until the snippet's reach past the first match is covered. */
export const PIECE_CHARS = 1024;

/**
 * The title's spans, and the text's from its first match to SNIPPET_CHARS past it (all that
 * snippetAround can show), at least; spans further on may be left out.
 */
export function searchHighlighter(terms: readonly string[]): Highlighter {
  const query = terms.map((t) => `"${t.replace(/"/g, '')}"`).join(' OR ');
  const matcher = compileWatchlists(query ? [{ id: 1, query }] : []);
  const spansIn = (title: string, text: string) => matcher.match({ title, text })[0]?.spans ?? [];
  // Each piece is matched with this much of the text on either side, so that a term across its
  // edge, and what decides a match at the edge (the letter before a Latin word, the particle after
  // a Korean one), are read whole. Only spans that start inside the piece are its own.
  const context = 64 + 2 * Math.max(0, ...terms.map((term) => term.length));
  return ({ title, text }) => {
    if (text.length <= PIECE_CHARS) return spansIn(title, text);
    const spans = spansIn(title, '');
    let reach = text.length;
    for (let from = 0; from < reach; from += PIECE_CHARS) {
      const to = Math.min(text.length, from + PIECE_CHARS);
      const offset = Math.max(0, from - context);
      for (const span of spansIn('', text.slice(offset, Math.min(text.length, to + context)))) {
        const start = span.start + offset;
        if (start >= from && start < to) spans.push({ field: 'text', start, end: span.end + offset });
      }
      const first = spans.find((span) => span.field === 'text');
      if (first) reach = Math.min(reach, first.start + SNIPPET_CHARS);
    }
    return spans;
  };
}
