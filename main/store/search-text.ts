import { collapseWhitespace, stripInvisible } from '../../shared/text';

/**
 * The form text takes in the search index and in search queries: NFKC (full-width ＡＩ → ai,
 * compatibility jamo folded), invisible characters dropped, lower-cased, spaces collapsed.
 */
export function searchForm(text: string): string {
  return collapseWhitespace(stripInvisible(text.normalize('NFKC')).toLowerCase());
}

/** A space next to a Hangul syllable, with a syllable, Latin letter or digit on its other side. */
const HANGUL_GAP = /(?<=[\uAC00-\uD7A3]) (?=[\uAC00-\uD7A3a-z0-9])|(?<=[a-z0-9]) (?=[\uAC00-\uD7A3])/g;

/**
 * The form of text in the trigram index and of indexed query terms: searchForm, plus the spaces
 * next to Hangul removed. Korean spacing is inconsistent (카카오브레인 / 카카오 브레인, 삼성SDS /
 * 삼성 SDS) and the watchlist matcher treats both as one; the index must find both for either.
 */
export function indexForm(text: string): string {
  return searchForm(text).replace(HANGUL_GAP, '');
}

/**
 * Splits a search box's input into terms: "quoted phrases" stay whole, everything else splits
 * on spaces. Terms are in searchForm. Never throws, whatever the input.
 */
export function searchTerms(query: string): string[] {
  const terms: string[] = [];
  const pattern = /"([^"]*)"?|(\S+)/g;
  for (const match of searchForm(query).matchAll(pattern)) {
    const term = (match[1] ?? match[2] ?? '').replace(/"/g, '').trim();
    if (term) terms.push(term);
  }
  return [...new Set(terms)];
}

/** FTS5's trigram tokenizer indexes 3-character windows: shorter terms need a scan. */
export function isIndexableTerm(term: string): boolean {
  return [...term].length >= 3;
}

/** A term as an FTS5 phrase: user input can never be FTS syntax (`2.0`, `AND`, `"`, `*`). */
export function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}
