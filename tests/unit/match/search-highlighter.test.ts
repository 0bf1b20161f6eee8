/**
 * Search highlighting reads an article's text only as far as its snippet can reach (issue 14): a
 * text of thousands of characters is matched a piece at a time, from the start to SNIPPET_CHARS
 * past the first match. What a result shows must be exactly what matching the whole text gave.
 */
import { describe, expect, it } from 'vitest';
import { compileWatchlists } from '../../../shared/match';
import type { MatchSpan } from '../../../shared/types';
import { PIECE_CHARS, searchHighlighter } from '../../../main/watchlists/highlighter';
import { SNIPPET_CHARS, snippetAround } from '../../../main/watchlists/snippet';

/** The spans of every match in the whole title and text, as highlighting did before. */
function wholeTextSpans(terms: string[], article: { title: string; text: string }): MatchSpan[] {
  const query = terms.map((t) => `"${t}"`).join(' OR ');
  return compileWatchlists([{ id: 1, query }]).match(article)[0]?.spans ?? [];
}

/** What a result shows: the title's spans and the snippet with its spans. */
function shown(article: { text: string }, spans: readonly MatchSpan[]) {
  return snippetAround(article.text, spans);
}

/** A deterministic stream of numbers in [0, 1) (a seeded LCG), so every run checks the same cases. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const FILLER = [
  '반도체',
  '시장',
  '투자',
  '발표',
  'AI',
  'chip',
  '클라우드',
  '에서',
  '는',
  '의',
  '2026년',
  '(',
  ')',
  '—',
  'ＡＩ',
  '　',
  '\n',
];

describe('search highlighting', () => {
  it('shows the same snippet and spans as matching the whole text, on long texts with matches anywhere', () => {
    const next = random(14);
    const terms = [['삼성전자'], ['AI'], ['삼성전자', '반도체'], ['카카오브레인', 'KoGPT']];
    for (let round = 0; round < 300; round++) {
      const words: string[] = [];
      const length = Math.floor(next() * 3 * PIECE_CHARS);
      for (let written = 0; written < length; written += words[words.length - 1]!.length + 1) {
        const r = next();
        // Now and then a term, with a particle, glued to a letter, or in full width.
        if (r < 0.01) words.push('삼성전자가');
        else if (r < 0.015) words.push('xAI');
        else if (r < 0.02) words.push('ＫｏＧＰＴ');
        else if (r < 0.025) words.push('카카오브레인은');
        else words.push(FILLER[Math.floor(next() * FILLER.length)]!);
      }
      const article = { title: next() < 0.5 ? '삼성전자 AI 발표' : '오늘의 소식', text: words.join(next() < 0.5 ? ' ' : '') };
      const chosen = terms[round % terms.length]!;
      const windowed = searchHighlighter(chosen)(article);
      const whole = wholeTextSpans(chosen, article);
      expect(shown(article, windowed)).toEqual(shown(article, whole));
      expect(windowed.filter((s) => s.field === 'title')).toEqual(whole.filter((s) => s.field === 'title'));
    }
  });

  it('does not match the text past what the snippet can show', () => {
    const text = `${'가'.repeat(100)} 삼성전자 ${'나'.repeat(90_000)} 삼성전자 끝`;
    const spans = searchHighlighter(['삼성전자'])({ title: '제목', text });
    expect(spans).toEqual([{ field: 'text', start: 101, end: 105 }]);
    // Matching the whole text finds the second one too; no snippet shows it.
    expect(wholeTextSpans(['삼성전자'], { title: '제목', text })).toHaveLength(2);
  });

  it('finds the first match however far into the text it is, and reads on as far as the snippet reaches', () => {
    // Near the end of a piece, so that the next match the snippet shows is in the piece after.
    const start = 6 * PIECE_CHARS - 30;
    const text = `${'다'.repeat(start)}삼성전자 ${'라'.repeat(SNIPPET_CHARS - 20)} 삼성전자 ${'마'.repeat(3 * PIECE_CHARS)}`;
    const spans = searchHighlighter(['삼성전자'])({ title: '', text });
    expect(spans.slice(0, 2)).toEqual([
      { field: 'text', start, end: start + 4 },
      { field: 'text', start: start + SNIPPET_CHARS - 14, end: start + SNIPPET_CHARS - 10 },
    ]);
  });

  it('reads a term across the edge of a piece whole, with its particle, and only once', () => {
    for (let shift = -6; shift <= 2; shift++) {
      const start = PIECE_CHARS + shift;
      const text = `${'바'.repeat(start)}삼성전자가 ${'사'.repeat(100)}`;
      expect(searchHighlighter(['삼성전자'])({ title: '', text })).toEqual([{ field: 'text', start, end: start + 4 }]);
    }
  });

  it('keeps the word rule at the edge of a piece: a Latin term glued to a letter before it is no match', () => {
    const text = `${'아'.repeat(PIECE_CHARS - 1)}xAI ${'자'.repeat(10)} AI`;
    expect(searchHighlighter(['AI'])({ title: '', text })).toEqual([{ field: 'text', start: PIECE_CHARS + 14, end: PIECE_CHARS + 16 }]);
  });
});
