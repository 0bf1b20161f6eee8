/**
 * Highlighting with the spans the engine returns — never by matching again here.
 *
 * Lists get plain strings plus spans (offsets into the title or the snippet): `segments` cuts them.
 *
 * The article view gets the engine's spans as offsets into the article's plain text (`text`,
 * derived from the same HTML by main/feeds/html.ts htmlToText), while it shows sanitized HTML,
 * whose text nodes do not share those offsets (tags, collapsed white space, entities). So each
 * span is mapped by what it covers: the spanned substring S of `text`, and k = how many times S
 * occurs in `text` before the span. In the HTML's text (all text nodes concatenated in document
 * order) the span is the k-th occurrence of S, with any run of white space in S allowed to be any
 * run of white space there. A match may cross element boundaries (카카오<b>브레인</b>); it is then
 * wrapped piecewise, one <mark> per text node. A span whose substring cannot be found (the HTML
 * lost that text) is skipped rather than guessed.
 */
import type { MatchSpan } from '../../../shared/types';

export interface Segment {
  text: string;
  hit: boolean;
}

/** Spans of one field, clamped, sorted and merged where they overlap or touch. */
export function mergeSpans(spans: readonly MatchSpan[], field: MatchSpan['field'], length: number): Array<[number, number]> {
  const ranges = spans
    .filter((s) => s.field === field)
    .map((s): [number, number] => [Math.max(0, Math.min(length, s.start)), Math.max(0, Math.min(length, s.end))])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

export function segments(text: string, spans: readonly MatchSpan[], field: MatchSpan['field']): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of mergeSpans(spans, field, text.length)) {
    if (start > at) out.push({ text: text.slice(at, start), hit: false });
    out.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** S as a pattern: white space runs match any white space run (or none, across a tag edge). */
function patternFor(substring: string): RegExp {
  const parts = substring.trim().split(/\s+/).map(escapeRegExp);
  return new RegExp(parts.join('\\s*'), 'g');
}

function occurrencesBefore(text: string, pattern: RegExp, before: number): number {
  pattern.lastIndex = 0;
  let count = 0;
  for (let m = pattern.exec(text); m && m.index < before; m = pattern.exec(text)) {
    count += 1;
    if (m[0].length === 0) pattern.lastIndex += 1;
  }
  return count;
}

function nthOccurrence(text: string, pattern: RegExp, n: number): [number, number] | null {
  pattern.lastIndex = 0;
  let seen = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex += 1;
      continue;
    }
    if (seen === n) return [m.index, m.index + m[0].length];
    seen += 1;
  }
  return null;
}

/**
 * Wraps the text under the engine's text spans in <mark class="hit"> inside `root` (sanitized
 * article HTML). Returns how many spans were placed.
 */
export function highlightHtml(root: Node, articleText: string, spans: readonly MatchSpan[]): number {
  const doc = root.ownerDocument ?? (root as Document);
  const nodes: Text[] = [];
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  const starts: number[] = [];
  let domText = '';
  for (const node of nodes) {
    starts.push(domText.length);
    domText += node.data;
  }

  const ranges: Array<[number, number]> = [];
  for (const [start, end] of mergeSpans(spans, 'text', articleText.length)) {
    const substring = articleText.slice(start, end);
    if (substring.trim() === '') continue;
    const pattern = patternFor(substring);
    const k = occurrencesBefore(articleText, pattern, start);
    const found = nthOccurrence(domText, pattern, k) ?? nthOccurrence(domText, pattern, 0);
    if (found) ranges.push(found);
  }
  if (ranges.length === 0) return 0;

  // Wrap from the end so earlier offsets stay valid while text nodes are split.
  ranges.sort((a, b) => b[0] - a[0]);
  for (const [from, to] of ranges) {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i]!;
      const nodeStart = starts[i]!;
      const nodeEnd = nodeStart + node.data.length;
      if (nodeEnd <= from || nodeStart >= to) continue;
      const a = Math.max(from, nodeStart) - nodeStart;
      const b = Math.min(to, nodeEnd) - nodeStart;
      if (b <= a) continue;
      const target = node.splitText(a); // node keeps [0,a), target holds [a,…)
      target.splitText(b - a);
      const mark = doc.createElement('mark');
      mark.className = 'hit';
      target.parentNode!.replaceChild(mark, target);
      mark.appendChild(target);
    }
  }
  return ranges.length;
}
