/**
 * Text hygiene shared by the engine (normalize stage, matcher) and the renderer (highlighting),
 * so both sides clean text exactly the same way.
 */

/**
 * C0/C1 controls except tab, newline and carriage return; zero-width characters; bidi embeddings,
 * overrides, isolates and marks; the BOM; soft hyphen. Invisible in a headline, but they break
 * matching ("카카\u200B오") and can reorder what a notification shows (U+202E).
 */
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;

/** Lone surrogates cannot be encoded and come from broken feeds; replace them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** Collapse every run of white space (including NBSP and ideographic space) to one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00A0\u3000]+/g, ' ').trim();
}

/**
 * Cut `text` to at most `maxChars` UTF-16 code units without splitting a surrogate pair or a
 * Hangul syllable sequence written with combining jamo; adds an ellipsis when cut.
 */
export function capLength(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = Math.max(0, maxChars - 1);
  // Do not end on a high surrogate (would leave half a character).
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  // Do not separate a base character from its combining marks / conjoining jamo.
  while (end > 0 && /[\u0300-\u036F\u1160-\u11FF\uD7B0-\uD7FF\u302E\u302F]/.test(text.charAt(end))) end -= 1;
  return text.slice(0, end).trimEnd() + '…';
}
