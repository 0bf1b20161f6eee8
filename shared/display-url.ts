/**
 * A link as a person reads it: percent-encoded UTF-8 after the host is shown as the characters it
 * encodes (https://news.example/뉴스/카카오 rather than …/%EB%89%B4%EC%8A%A4/…). For display only:
 * the link that is opened stays the URL as given.
 *
 * Decoded is only what cannot change the link's meaning or disguise it:
 * - a complete, well-formed UTF-8 sequence for a non-ASCII character; ASCII escapes stay as they
 *   are, so reserved characters keep their escapes (%2F, %3F, %23, %26, %25, %20);
 * - a visible character: controls, format characters (bidi overrides, zero-width), separators
 *   (no-break and ideographic spaces), unassigned and private-use code points stay escaped;
 * - broken bytes (a lone continuation byte, a truncated or overlong sequence, a surrogate) stay
 *   escaped.
 * The scheme and host are left alone (a host is already punycode or plain ASCII).
 */

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
const ESCAPE_RUN = /(?:%[0-9a-f]{2})+/gi;
const NOT_SHOWN = /[\p{C}\p{Z}]/u;

export function displayUrl(url: string): string {
  const origin = ORIGIN.exec(url)?.[0] ?? '';
  return origin + url.slice(origin.length).replace(ESCAPE_RUN, decodeEscapes);
}

/** One run of %XX escapes: decode what is safe, keep the rest of the escapes as written. */
function decodeEscapes(run: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < run.length; i += 3) bytes.push(parseInt(run.slice(i + 1, i + 3), 16));
  const escaped = (from: number, to: number) => run.slice(from * 3, to * 3);
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const decoded = utf8At(bytes, i);
    if (decoded && !NOT_SHOWN.test(decoded.char)) {
      out += decoded.char;
      i += decoded.length;
    } else {
      const length = decoded?.length ?? 1;
      out += escaped(i, i + length);
      i += length;
    }
  }
  return out;
}

/** The non-ASCII character of the well-formed UTF-8 sequence starting at `i`, or null. */
function utf8At(bytes: readonly number[], i: number): { char: string; length: number } | null {
  const lead = bytes[i]!;
  let length: number;
  let min: number;
  let codePoint: number;
  if (lead >= 0xc2 && lead <= 0xdf) [length, min, codePoint] = [2, 0x80, lead & 0x1f];
  else if (lead >= 0xe0 && lead <= 0xef) [length, min, codePoint] = [3, 0x800, lead & 0x0f];
  else if (lead >= 0xf0 && lead <= 0xf4) [length, min, codePoint] = [4, 0x10000, lead & 0x07];
  else return null; // ASCII, a continuation byte, or a byte UTF-8 never uses
  if (i + length > bytes.length) return null;
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k]!;
    if ((next & 0xc0) !== 0x80) return null;
    codePoint = (codePoint << 6) | (next & 0x3f);
  }
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
  if (codePoint < min || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return null;
  return { char: String.fromCodePoint(codePoint), length };
}
