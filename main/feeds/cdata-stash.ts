/**
 * Takes CDATA sections out of an XML document before rss-parser reads it, and puts them back
 * after.
 *
 * Why: rss-parser reads XML with sax, which walks every character of a CDATA section one
 * `charAt` at a time — and for Hangul each of those is a fresh one-character string. Article
 * bodies are CDATA in most RSS feeds (전자신문, 연합뉴스, 블로터 …): on the benchmark corpus the
 * stash takes a fifth off the parse stage. A CDATA section is literal text by definition, so handing sax a short
 * placeholder instead and restoring the text afterwards changes nothing about the result.
 *
 * Placeholders are `<![CDATA[` U+E000 n U+E001 `]]>`, private-use characters: a document that
 * already contains either is left as it is (nothing stashed), so a restore can never touch text
 * that was not a placeholder. Comments and processing instructions are skipped over whole, as an
 * XML parser would, so a `<![CDATA[` written inside a comment is never mistaken for a section.
 */

const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
/** Short sections cost sax less than the bookkeeping would save. */
const MIN_STASHED_LENGTH = 32;

const MARKUP_WITH_LITERAL_CONTENT = /<!--|<!\[CDATA\[|<\?/g;
const END_OF: Record<string, string> = { '<!--': '-->', '<![CDATA[': ']]>', '<?': '?>' };

export interface StashedXml {
  /** The document with long CDATA sections replaced by placeholders. */
  xml: string;
  /** Puts the stashed text back into a string that came out of the parser. */
  restore(text: string): string;
  /** How many sections were stashed. */
  count: number;
}

export function stashCdata(xml: string): StashedXml {
  const sections: string[] = [];
  if (xml.includes(OPEN) || xml.includes(CLOSE)) return { xml, restore: (text) => text, count: 0 };

  const out: string[] = [];
  let copied = 0;
  MARKUP_WITH_LITERAL_CONTENT.lastIndex = 0;
  for (let match = MARKUP_WITH_LITERAL_CONTENT.exec(xml); match; match = MARKUP_WITH_LITERAL_CONTENT.exec(xml)) {
    const token = match[0];
    const contentStart = match.index + token.length;
    const end = xml.indexOf(END_OF[token]!, contentStart);
    if (end < 0) break; // unterminated: left for the parser to report
    MARKUP_WITH_LITERAL_CONTENT.lastIndex = end + END_OF[token]!.length;
    if (token !== '<![CDATA[' || end - contentStart < MIN_STASHED_LENGTH) continue;
    out.push(xml.slice(copied, contentStart), OPEN, String(sections.length), CLOSE);
    sections.push(xml.slice(contentStart, end));
    copied = end;
  }
  if (sections.length === 0) return { xml, restore: (text) => text, count: 0 };
  out.push(xml.slice(copied));
  return {
    xml: out.join(''),
    count: sections.length,
    restore: (text) =>
      text.includes(OPEN) ? text.replace(PLACEHOLDER, (whole, n: string) => sections[Number(n)] ?? whole) : text,
  };
}
