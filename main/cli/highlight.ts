import type { MatchSpan } from '../../shared/types';

/** Marks matched spans for a terminal in bold yellow; piped output stays plain text. */
export function renderHighlighted(text: string, spans: readonly MatchSpan[], field: MatchSpan['field'], tty: boolean): string {
  if (!tty) return text;
  const own = spans.filter((s) => s.field === field).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of own) {
    if (span.start < at) continue; // overlapping spans (카카오 inside 카카오브레인): the first one painted wins
    out += text.slice(at, span.start);
    const word = text.slice(span.start, span.end);
    out += `\x1b[1;33m${word}\x1b[0m`;
    at = span.end;
  }
  return out + text.slice(at);
}
