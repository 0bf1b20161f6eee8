import type { MatchSpan } from '../../shared/types';

/** Marks matched spans for a terminal: bold yellow on a TTY, [brackets] otherwise. */
export function renderHighlighted(text: string, spans: readonly MatchSpan[], field: MatchSpan['field'], tty: boolean): string {
  const own = spans.filter((s) => s.field === field).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of own) {
    if (span.start < at) continue; // overlapping spans (카카오 inside 카카오브레인): the outer one wins
    out += text.slice(at, span.start);
    const word = text.slice(span.start, span.end);
    out += tty ? `\x1b[1;33m${word}\x1b[0m` : `[${word}]`;
    at = span.end;
  }
  return out + text.slice(at);
}
