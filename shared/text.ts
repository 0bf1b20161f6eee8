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

/** Cheap test that spares most text (no emoji, no broken pairs) the lone-surrogate pass. */
const ANY_SURROGATE = /[\uD800-\uDFFF]/;

export function stripInvisible(text: string): string {
  const visible = text.replace(INVISIBLE, '');
  return ANY_SURROGATE.test(visible) ? visible.replace(LONE_SURROGATE, '\uFFFD') : visible;
}

/** Collapse every run of white space (including NBSP and ideographic space) to one space. */
export function collapseWhitespace(text: string): string {
  // JavaScript's \s already covers NBSP and U+3000. Lone spaces are not matched: most text has
  // nothing else, and skipping them makes this pass several times cheaper.
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/**
 * Marks that belong to the character before them: combining diacritics, Hangul conjoining medial
 * vowels and final consonants (old-style jamo spelling), variation selectors.
 */
const CLINGS_TO_PREVIOUS = /[\u0300-\u036F\u1160-\u11FF\u20D0-\u20FF\u302E\u302F\uD7B0-\uD7FF\uFE00-\uFE0F\uFE20-\uFE2F]/;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Cut `text` to at most `maxChars` UTF-16 code units without splitting a surrogate pair or a
 * Hangul syllable sequence written with combining jamo; adds an ellipsis when cut.
 */
export function capLength(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars < 1) return '';
  let end = maxChars - 1;
  // Do not end on a high surrogate (would leave half a character).
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  // Do not separate a base character from its combining marks / conjoining jamo.
  while (end > 0 && CLINGS_TO_PREVIOUS.test(text.charAt(end))) end -= 1;
  // Stepping back over marks may have landed inside a pair again (an emoji with a variation selector).
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end).trimEnd() + '…';
}
