import type { MatchSpan } from '../../shared/types';

/** How much of an article's text a list shows. */
export const SNIPPET_CHARS = 160;

/**
 * A short window of an article's text around its first match, with the text spans moved to the
 * window's offsets, for lists (inbox rows, previews, search results).
 */
export function snippetAround(text: string, spans: readonly MatchSpan[]): { snippet: string; spans: MatchSpan[] } {
  const textSpans = spans.filter((s) => s.field === 'text');
  const titleSpans = spans.filter((s) => s.field === 'title');
  const first = textSpans[0];
  let start = 0;
  if (first && first.start > SNIPPET_CHARS / 3) {
    start = first.start - Math.floor(SNIPPET_CHARS / 3);
    // Do not start inside a surrogate pair; prefer a word start.
    const space = text.lastIndexOf(' ', first.start - 1);
    if (space >= start - 20 && space < first.start) start = space + 1;
    if (/[\uDC00-\uDFFF]/.test(text.charAt(start))) start += 1;
  }
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  if (/[\uDC00-\uDFFF]/.test(text.charAt(end))) end -= 1;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const snippet = prefix + text.slice(start, end) + suffix;
  const moved = textSpans
    .filter((s) => s.start >= start && s.end <= end)
    .map((s) => ({ field: 'text' as const, start: s.start - start + prefix.length, end: s.end - start + prefix.length }));
  return { snippet, spans: [...titleSpans, ...moved] };
}
