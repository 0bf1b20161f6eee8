/**
 * How many terminal columns text takes: Hangul, CJK and emoji are two columns wide (Unicode East
 * Asian Width, from get-east-asian-width), combining marks and invisible format characters none.
 * Counting characters instead puts a caret under Korean text in the wrong place.
 */
import { eastAsianWidth } from 'get-east-asian-width';

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;

type Segmenter = { segment(input: string): Iterable<{ segment: string }> };
/** Made on first use: creating it loads ICU's break rules (70 ms), which most commands never need. */
let segmenter: Segmenter | null | undefined;
function graphemeSegmenter(): Segmenter | null {
  const Ctor = (Intl as unknown as { Segmenter?: new (locale: string, options: object) => Segmenter }).Segmenter;
  return (segmenter ??= Ctor ? new Ctor('ko', { granularity: 'grapheme' }) : null);
}

/** The user-perceived characters (grapheme clusters) of text; code points where Intl.Segmenter is missing. */
export function graphemes(text: string): string[] {
  const split = graphemeSegmenter();
  return split ? Array.from(split.segment(text), (s) => s.segment) : Array.from(text);
}

/** Columns one grapheme cluster takes: its widest code point (카 = 2, e + ◌́ = 1, 👩‍💻 = 2). */
function clusterWidth(cluster: string): number {
  let width = 0;
  for (const char of cluster) {
    if (ZERO_WIDTH.test(char)) continue;
    // Ambiguous characters (·, ※, ①) are narrow unless the terminal is set otherwise, as UAX #11 advises.
    width = Math.max(width, eastAsianWidth(char.codePointAt(0)!));
  }
  return width;
}

/** Terminal columns of text. */
export function terminalWidth(text: string): number {
  let width = 0;
  for (const cluster of graphemes(text)) width += clusterWidth(cluster);
  return width;
}

/**
 * A line that puts carets under the characters `column`…`column + length - 1` of text (1-based,
 * counted in grapheme clusters, as query errors count them); one caret when the span is empty.
 */
export function caretUnder(text: string, column: number, length: number): string {
  const clusters = graphemes(text);
  const before = clusters.slice(0, Math.max(0, column - 1)).join('');
  const span = clusters.slice(Math.max(0, column - 1), Math.max(0, column - 1) + length).join('');
  return ' '.repeat(terminalWidth(before)) + '^'.repeat(Math.max(1, terminalWidth(span)));
}
