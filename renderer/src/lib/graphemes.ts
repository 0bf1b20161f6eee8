/**
 * The query parser counts columns in grapheme clusters (what a person sees as one character:
 * 카, or an emoji with a skin tone); the textarea counts UTF-16 units. Convert between them.
 */
export function graphemeOffsets(text: string): number[] {
  const offsets: number[] = [];
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { index } of segmenter.segment(text)) offsets.push(index);
  offsets.push(text.length);
  return offsets;
}

/** The UTF-16 range of a 1-based grapheme column and a length in graphemes. */
export function columnRange(text: string, column: number, length: number): [number, number] {
  const offsets = graphemeOffsets(text);
  const at = (i: number) => offsets[Math.max(0, Math.min(offsets.length - 1, i))]!;
  const start = at(column - 1);
  return [start, Math.max(start, at(column - 1 + length))];
}
