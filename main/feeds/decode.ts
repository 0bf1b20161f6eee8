/**
 * Pipeline stage 2: the bytes of a feed (or an article page) response → text.
 *
 * Order of evidence (Miniflux `internal/reader/encoding` and the WHATWG/XML rules, adapted to Korea):
 *   1. a byte-order mark (UTF-8, UTF-16 LE/BE) — it cannot be there by accident;
 *   2. UTF-16 without a BOM, when a label says so or the document starts `<\0?\0` / `\0<\0?`;
 *   3. bytes that are valid UTF-8 are UTF-8, whatever the header or the declaration claims
 *      (Korean servers often label UTF-8 feeds `euc-kr` after a CMS migration), and so are bytes
 *      that are at least 80 % well-formed UTF-8 (a stray broken byte must not turn a whole UTF-8
 *      feed into CP949 mojibake; the broken bytes become U+FFFD) — or, when every label says UTF-8,
 *      whose multi-byte sequences are mostly well-formed (a short feed with one damaged title);
 *      C1 controls in Unicode text are read as the windows-1252 punctuation a broken encoder meant;
 *   4. the Content-Type charset, then the document's own label — the XML declaration's `encoding=`
 *      for a feed; for an HTML page `<meta charset>` or `<meta http-equiv="Content-Type">` (then an
 *      XHTML declaration) — a `utf-8` label is skipped here since step 3 proved it false;
 *   5. sniffing: byte pairs that look like EUC-KR/CP949 → cp949; anything else → windows-1252.
 *
 * Every EUC-KR alias decodes as CP949 (a superset) with iconv-lite: Node's TextDecoder garbles the
 * 8 822 syllables only CP949 has (tests/fixtures/feeds/CP949__ricanet.com.xml shows it).
 * Never throws: broken bytes become U+FFFD, NUL characters are dropped.
 */
// node:buffer's isUtf8 (Node ≥ 18.14; package.json requires 20.12) is native SIMD and copies
// nothing: ~4 ms for 20 MB, where a fatal TextDecoder would decode the whole body once more.
import { isAscii, isUtf8, transcode } from 'node:buffer';
import iconv from 'iconv-lite';
import { replaceC1WithWindows1252 } from './cp1252';

export interface DecodedText {
  text: string;
  /** Lower-case canonical name of the encoding the bytes were read as: 'utf-8', 'cp949', … */
  encoding: string;
}

/** Labels of Korean encodings: all of them are read as CP949, the superset that servers really send. */
const KOREAN_LABELS = new Set([
  'euc-kr',
  'euckr',
  'x-euc-kr',
  'ks_c_5601-1987',
  'ks_c_5601-1989',
  'ks_c_5601',
  'ksc5601',
  'ksc_5601',
  'ks_x_1001',
  'korean',
  'csksc56011987',
  'cseuckr',
  'iso-ir-149',
  'cp949',
  'windows-949',
  'x-windows-949',
  'ms949',
  'uhc',
  'x-uhc',
]);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'x-unicode20utf8']);
const UTF16LE_LABELS = new Set(['utf-16le', 'utf16le', 'ucs-2', 'ucs2', 'unicode', 'utf-16', 'utf16', 'iso-10646-ucs-2']);
const UTF16BE_LABELS = new Set(['utf-16be', 'utf16be', 'unicodefffe']);
/** Labels WHATWG reads as windows-1252; servers send them as a default, so they are weak evidence. */
const WESTERN_LABELS = new Set([
  'windows-1252',
  'cp1252',
  'x-cp1252',
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'ansi_x3.4-1968',
  'cp819',
  'ibm819',
  'iso-ir-100',
]);

/**
 * Map a charset label to the canonical name this module reports and decodes with, or null when
 * iconv-lite does not know it (an unknown label is no evidence at all).
 */
export function canonicalEncoding(label: string | null | undefined): string | null {
  if (!label) return null;
  const name = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!name) return null;
  if (UTF8_LABELS.has(name)) return 'utf-8';
  if (KOREAN_LABELS.has(name)) return 'cp949';
  if (UTF16BE_LABELS.has(name)) return 'utf-16be';
  if (UTF16LE_LABELS.has(name)) return 'utf-16le';
  if (WESTERN_LABELS.has(name)) return 'windows-1252';
  return iconv.encodingExists(name) ? name : null;
}

/** The charset parameter of a Content-Type header value, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** The `encoding=` of an XML declaration at the start of ASCII-compatible bytes, if any. */
export function encodingFromXmlDeclaration(bytes: Uint8Array): string | null {
  // The declaration must be at the very start (after a BOM or stray whitespace); 512 bytes is plenty.
  const head = latin1(bytes.subarray(0, 512));
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:+-]+)\s*["']/.exec(head);
  return match?.[1] ?? null;
}

/**
 * The charset an HTML page declares in its head: `<meta charset="euc-kr">` or
 * `<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">`, in either attribute order,
 * outside comments. WHATWG's prescan reads 1 024 bytes; Korean CMS pages often put a long script or
 * style block first, so the first 8 KiB are read (only bytes that are not UTF-8 ever get here).
 */
export function encodingFromHtmlMeta(bytes: Uint8Array): string | null {
  const head = latin1(bytes.subarray(0, 8192)).replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const tag of head.matchAll(/<meta\b([^>]*)>/gi)) {
    const attributes = tag[1] ?? '';
    const charset = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:+-]+)/i.exec(attributes);
    if (charset === null) continue;
    // `charset=` appears either as the attribute itself or inside the http-equiv content.
    const isCharsetAttribute = /(?:^|\s)charset\s*=/i.test(attributes);
    const isHttpEquiv = /\bhttp-equiv\s*=\s*["']?\s*content-type/i.test(attributes);
    if (isCharsetAttribute || isHttpEquiv) return charset[1] ?? null;
  }
  return null;
}

/** Bytes of a feed: the document's own label is its XML declaration. */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  return decodeBytes(bytes, contentType, (buffer) => encodingFromXmlDeclaration(buffer));
}

/** Bytes of an HTML page: the document's own label is its `<meta>` charset, else an XHTML declaration. */
export function decodeHtmlBytes(bytes: Uint8Array, contentType?: string | null): DecodedText {
  return decodeBytes(bytes, contentType, (buffer) => encodingFromHtmlMeta(buffer) ?? encodingFromXmlDeclaration(buffer));
}

function decodeBytes(
  bytes: Uint8Array,
  contentType: string | null | undefined,
  documentLabel: (buffer: Buffer) => string | null,
): DecodedText {
  const buffer = asBuffer(bytes);

  // 1. Byte-order marks.
  if (startsWith(buffer, 0xef, 0xbb, 0xbf)) return finishUnicode(utf8ToString(buffer.subarray(3)), 'utf-8');
  if (startsWith(buffer, 0xff, 0xfe)) return finishUnicode(iconv.decode(buffer.subarray(2), 'utf-16le'), 'utf-16le');
  if (startsWith(buffer, 0xfe, 0xff)) return finishUnicode(iconv.decode(buffer.subarray(2), 'utf-16be'), 'utf-16be');

  const headerEncoding = canonicalEncoding(charsetFromContentType(contentType));
  const documentEncoding = canonicalEncoding(documentLabel(buffer));

  // 2. UTF-16 without a BOM. Checked before UTF-8 validity: ASCII in UTF-16 is full of NUL bytes,
  //    and NUL bytes are valid UTF-8.
  const utf16 = sniffUtf16(buffer, headerEncoding);
  if (utf16) return finishUnicode(iconv.decode(buffer, utf16), utf16);

  // 3. Valid UTF-8 stays UTF-8 whatever the labels say.
  //    So does UTF-8 with a few broken bytes: re-reading it as the labelled CP949 would garble
  //    every correct syllable to save a handful of replacement characters.
  const labelledUtf8 = (headerEncoding ?? documentEncoding) === 'utf-8' && (documentEncoding ?? 'utf-8') === 'utf-8';
  if (isUtf8(buffer)) return finishUnicode(validUtf8ToString(buffer), 'utf-8');
  if (isMostlyUtf8(buffer, labelledUtf8)) return finishUnicode(buffer.toString('utf8'), 'utf-8');

  // 4. The labels, in order; a UTF-8 or UTF-16 label has just been proven wrong.
  const declared = [headerEncoding, documentEncoding].find(
    (name): name is string => name !== null && name !== 'utf-8' && !name.startsWith('utf-16'),
  );
  if (declared) {
    // A Western label on bytes that are plainly Korean is the server's default charset
    // (Apache's AddDefaultCharset ISO-8859-1), not the author's choice.
    const encoding = declared === 'windows-1252' && looksLikeCp949(buffer) ? 'cp949' : declared;
    return finish(iconv.decode(buffer, encoding), encoding);
  }

  // 5. No usable label: sniff.
  const sniffed = looksLikeCp949(buffer) ? 'cp949' : 'windows-1252';
  return finish(iconv.decode(buffer, sniffed), sniffed);
}

/** UTF-8 bytes as text, broken sequences as U+FFFD. */
function utf8ToString(buffer: Buffer): string {
  return isUtf8(buffer) ? validUtf8ToString(buffer) : buffer.toString('utf8');
}

/**
 * Bytes known to be valid UTF-8, as a string: the same string as Buffer#toString('utf8') (a
 * property test holds it), made faster. V8's UTF-8 decoder reads Korean at ~250 MB/s here, a
 * tenth of a cold poll's parse worker (issue 14); ICU's converter (buffer.transcode to UTF-16,
 * then a copy) takes half the time. ASCII needs no decoding: Latin-1 copies it into a one-byte
 * string, which also keeps English text at half the memory of UTF-16. Where ICU is absent or
 * refuses, the plain way.
 */
function validUtf8ToString(buffer: Buffer): string {
  if (isAscii(buffer)) return buffer.toString('latin1');
  try {
    return transcode(buffer, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    return buffer.toString('utf8');
  }
}

/** Text decoded from a Unicode encoding: C1 controls there are a broken encoder's windows-1252 punctuation. */
function finishUnicode(text: string, encoding: string): DecodedText {
  return finish(replaceC1WithWindows1252(text), encoding);
}

function finish(text: string, encoding: string): DecodedText {
  // iconv-lite strips a BOM itself; Buffer#toString does not, so a UTF-8 BOM after a label
  // decision (rare) is removed here too. NUL is never legal in XML or JSON text.
  let clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (clean.includes('\u0000')) clean = clean.replaceAll('\u0000', '');
  return { text: clean, encoding };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function startsWith(buffer: Buffer, ...prefix: number[]): boolean {
  return buffer.length >= prefix.length && prefix.every((byte, i) => buffer[i] === byte);
}

function latin1(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('latin1');
}

/** UTF-16 without a BOM: an explicit label, or `<?` / `<r` written as 16-bit units (XML 1.0 appendix F). */
function sniffUtf16(buffer: Buffer, headerEncoding: string | null): 'utf-16le' | 'utf-16be' | null {
  const b0 = buffer[0];
  const b1 = buffer[1];
  const looksLE = buffer.length >= 4 && b0 !== 0 && b1 === 0 && buffer[2] !== 0 && buffer[3] === 0;
  const looksBE = buffer.length >= 4 && b0 === 0 && b1 !== 0 && buffer[2] === 0 && buffer[3] !== 0;
  if (looksLE) return 'utf-16le';
  if (looksBE) return 'utf-16be';
  if (headerEncoding === 'utf-16le' || headerEncoding === 'utf-16be') {
    // A label alone is not enough: servers say utf-16 for UTF-8 bodies too. Require NUL bytes,
    // which any UTF-16 markup has (the high byte of `<`) and UTF-8 text never should.
    if (buffer.subarray(0, 256).includes(0)) return headerEncoding;
  }
  return null;
}

/**
 * Guess the encoding of bytes that are not valid UTF-8, from the shape of their high bytes
 * (the same evidence decodeFeedBytes uses when no label helps).
 */
export function sniffLegacy(bytes: Uint8Array): 'utf-8' | 'cp949' | 'windows-1252' {
  if (isMostlyUtf8(bytes)) return 'utf-8';
  return looksLikeCp949(bytes) ? 'cp949' : 'windows-1252';
}

/**
 * CP949: a lead byte 81–FE followed by a trail byte 41–5A, 61–7A or 81–FE; EUC-KR proper (the
 * strong signal) uses A1–FE for both. Korean text has its high bytes in such pairs; Western text
 * (é, ü, ©) has them alone between ASCII letters. A plain loop: it only runs on bodies that are
 * not UTF-8, the rare path.
 */
function looksLikeCp949(bytes: Uint8Array): boolean {
  let pairs = 0;
  let eucKrPairs = 0;
  let strays = 0;
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const trail = bytes[i + 1];
    const validPair =
      lead >= 0x81 &&
      lead <= 0xfe &&
      trail !== undefined &&
      ((trail >= 0x41 && trail <= 0x5a) || (trail >= 0x61 && trail <= 0x7a) || (trail >= 0x81 && trail <= 0xfe));
    if (validPair) {
      pairs += 1;
      if (lead >= 0xa1 && trail >= 0xa1) eucKrPairs += 1;
      i += 2;
    } else {
      strays += 1;
      i += 1;
    }
    if (pairs + strays >= 65_536) break; // plenty of evidence; the rest of the body adds nothing
  }
  return eucKrPairs > 0 && eucKrPairs * 2 >= pairs && strays * 20 <= pairs;
}

/**
 * Bytes whose multi-byte sequences are at least 80 % well-formed UTF-8 (and there are a few of
 * them) are UTF-8 with damage, not a legacy encoding. CP949 Hangul almost never forms UTF-8
 * sequences (its lead bytes B0–C8 are mostly UTF-8 continuation bytes), so this cannot mistake it.
 *
 * When every label says UTF-8 (`labelledUtf8`), a majority is enough. The ratio, not the length,
 * is the evidence, so it holds for a feed with ten syllables as for one with ten thousand: EUC-KR
 * and CP949 text forms a well-formed sequence only by accident (a lead C2–DF before a trail
 * A1–BF), at most one for four broken ones in every Korean fixture (tests/fixtures/feeds), while
 * UTF-8 with a damaged title has many more whole characters than broken bytes.
 */
function isMostlyUtf8(bytes: Uint8Array, labelledUtf8 = false): boolean {
  let utf8Sequences = 0;
  let utf8Errors = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      utf8Sequences += 1;
      i += length;
    } else {
      utf8Errors += 1;
      i += 1;
      // Legacy text fails at once and all along: stop as soon as the verdict cannot change much.
      if (utf8Errors >= 256 && utf8Errors * (labelledUtf8 ? 1 : 4) > utf8Sequences) return false;
    }
  }
  if (labelledUtf8) return utf8Sequences > utf8Errors;
  return utf8Sequences >= 4 && utf8Errors * 4 <= utf8Sequences;
}
