/**
 * The light, linear-time repairs that let a strict XML parser read the feeds real servers send,
 * plus a look at the prolog to tell a feed from an HTML page or an unsafe DTD before parsing.
 *
 * Everything here runs on every poll over ~36 MB, so each step is a single regular-expression
 * scan (no backtracking across the document) and returns the input string itself, uncopied,
 * when it has nothing to fix — the common case.
 */
import { windows1252ForC1 } from './cp1252';

/** What the start of a document says about it, read without parsing the body. */
export interface Prolog {
  /** Index of the first `<` of the document proper (leading BOM, whitespace or junk skipped). */
  start: number;
  /** The root element's name as written (`rss`, `rdf:RDF`, `feed`, `html` …), or null. */
  rootName: string | null;
  /** The name after `<!DOCTYPE`, or null when there is none. */
  doctypeName: string | null;
  /** True when a DOCTYPE's internal subset declares entities (`<!ENTITY`): the XXE / billion-laughs vector. */
  declaresEntities: boolean;
}

const FEED_ROOTS = /^(?:rss|feed|[A-Za-z_][\w.-]*:RDF|RDF)$/;
/** Where a document proper may start after junk a server printed first (a PHP notice, a blank line). */
const DOCUMENT_START = /<\?xml\s|<rss[\s>]|<feed[\s>]|<rdf:RDF[\s>]/g;
/** How far to look for that start: junk is a warning or two, never a page. */
const JUNK_LIMIT = 4096;

export function isFeedRoot(name: string | null): boolean {
  return name !== null && FEED_ROOTS.test(name);
}

/**
 * Read the prolog: XML declaration, comments, processing instructions, DOCTYPE, up to the root tag.
 * If the root is not a feed element, a feed that starts a little later (after a PHP warning a
 * server printed first) is looked for and, if found, read instead.
 */
export function readProlog(text: string): Prolog {
  const first = readPrologAt(text, skipBomAndSpace(text, 0));
  if (isFeedRoot(first.rootName) || first.declaresEntities) return first;
  DOCUMENT_START.lastIndex = first.start + 1;
  const later = DOCUMENT_START.exec(text);
  if (later && later.index < JUNK_LIMIT) {
    const retry = readPrologAt(text, later.index);
    if (isFeedRoot(retry.rootName)) return retry;
  }
  return first;
}

function skipBomAndSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0xfeff || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i += 1;
    else break;
  }
  return i;
}

function readPrologAt(text: string, start: number): Prolog {
  const prolog: Prolog = { start, rootName: null, doctypeName: null, declaresEntities: false };
  let i = start;
  for (;;) {
    i = skipBomAndSpace(text, i);
    if (text.charCodeAt(i) !== 0x3c /* < */) return prolog;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return prolog;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return prolog;
      i = end + 3;
    } else if (/^<!DOCTYPE\s/i.test(text.slice(i, i + 10))) {
      const end = doctypeEnd(text, i + 9);
      const doctype = text.slice(i, end);
      prolog.doctypeName = /^<!DOCTYPE\s+([^\s[>]+)/i.exec(doctype)?.[1] ?? '';
      prolog.declaresEntities = /<!ENTITY/i.test(doctype);
      if (end >= text.length) return prolog;
      i = end;
    } else {
      prolog.rootName = /^<([^\s/>!?]+)/.exec(text.slice(i, i + 256))?.[1] ?? null;
      return prolog;
    }
  }
}

/** Index just past the `>` closing a DOCTYPE, skipping quoted strings and the `[ … ]` subset. */
function doctypeEnd(text: string, from: number): number {
  let quote = 0;
  let inSubset = false;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x5b /* [ */) {
      inSubset = true;
    } else if (c === 0x5d /* ] */) {
      inSubset = false;
    } else if (c === 0x3e /* > */ && !inSubset) {
      return i + 1;
    }
  }
  return text.length;
}

/**
 * Characters XML 1.0 forbids anywhere, even in CDATA: C0 controls other than tab, newline and
 * carriage return, and the non-characters U+FFFE / U+FFFF. Old CMSes leak them from pasted text.
 */
const ILLEGAL_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function removeIllegalXmlChars(text: string): string {
  ILLEGAL_XML_CHARS.lastIndex = 0;
  if (!ILLEGAL_XML_CHARS.test(text)) return text;
  return text.replace(ILLEGAL_XML_CHARS, '');
}

/**
 * One scan finds everything outside CDATA and comments that a strict parser would reject:
 * - `<![CDATA[` and `<!--`: jumped over whole (their content is literal);
 * - `&` that does not start one of the five XML entities or a plain numeric reference: a bare
 *   ampersand (`AT&T`, `?a=1&b=2`), an HTML entity (`&nbsp;`), a numeric reference to a
 *   character XML forbids (`&#0;`) or to a C1 control HTML reads as windows-1252 (`&#146;`).
 *   The common valid references (&amp; &lt; … &#39; &#8217; &#44032;) are excluded by the
 *   lookahead so they never reach JavaScript;
 * - `<` that cannot start markup (`a < b`, `<3`).
 */
const NEEDS_REPAIR =
  /<!\[CDATA\[|<!--|&(?!(?:amp|lt|gt|quot|apos|#(?:3[2-9]|[4-9]\d|1[01]\d|12[0-7]|1[6-9]\d|[2-9]\d\d|[1-9]\d{3}|[1-4]\d{4})|#x(?:[2-7a-fA-F][0-9a-fA-F]|[1-9a-cA-C][0-9a-fA-F]{2,3}));)|<(?![A-Za-z_:/!?\u00C0-\uFFFF])/g;
const REFERENCE = /&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/y;

/** Repair bare `&`, HTML-only entities, bad numeric references and bare `<`, outside CDATA and comments. */
export function repairMarkup(text: string): string {
  let out: string[] | null = null;
  let copied = 0;
  NEEDS_REPAIR.lastIndex = 0;
  for (let match = NEEDS_REPAIR.exec(text); match; match = NEEDS_REPAIR.exec(text)) {
    const at = match.index;
    const token = match[0];
    if (token === '<![CDATA[' || token === '<!--') {
      const end = text.indexOf(token === '<!--' ? '-->' : ']]>', at + token.length);
      if (end < 0) break; // unterminated: the parser will say the feed is malformed
      NEEDS_REPAIR.lastIndex = end + 3;
      continue;
    }
    let replacement: string;
    let consumed = 1;
    if (token === '<') {
      replacement = '&lt;';
    } else {
      REFERENCE.lastIndex = at;
      const ref = REFERENCE.exec(text);
      if (ref) {
        consumed = ref[0].length;
        replacement = ref[3] !== undefined ? namedReference(ref[3]) : numericReference(ref[1], ref[2]);
        if (replacement === ref[0]) continue;
      } else {
        replacement = '&amp;';
      }
    }
    out ??= [];
    out.push(text.slice(copied, at), replacement);
    copied = at + consumed;
    NEEDS_REPAIR.lastIndex = copied;
  }
  if (!out) return text;
  out.push(text.slice(copied));
  return out.join('');
}

const XML_ENTITY_NAMES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

function namedReference(name: string): string {
  if (XML_ENTITY_NAMES.has(name)) return `&${name};`;
  const codePoint = HTML_ENTITIES.get(name);
  // A numeric reference, not the character: `&LT;` must stay an escaped `<`, never become markup.
  if (codePoint !== undefined) return `&#${codePoint};`;
  // Unknown (or declared in a DTD we do not read): keep it visible as text, never expand it.
  return `&amp;${name};`;
}

function numericReference(decimal: string | undefined, hex: string | undefined): string {
  let codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
  // HTML reads &#128;–&#159; as windows-1252 (&#146; is ’); old Korean CMSes wrote them that way.
  codePoint = windows1252ForC1(codePoint);
  if (!isXmlChar(codePoint)) return '';
  return `&#${codePoint};`;
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * The HTML 4 named character references (the set feeds actually use: &nbsp; &middot; &hellip;
 * &lsquo; …) plus HTML5's upper-case aliases of the common ones. name:code point.
 * `lang`/`rang` take their HTML5 values (U+27E8/9).
 */
const HTML_ENTITIES = new Map<string, number>(
  (
    'AElig:198 Aacute:193 Acirc:194 Agrave:192 Aring:197 Atilde:195 Auml:196 Ccedil:199 ETH:208 ' +
    'Eacute:201 Ecirc:202 Egrave:200 Euml:203 Iacute:205 Icirc:206 Igrave:204 Iuml:207 Ntilde:209 ' +
    'Oacute:211 Ocirc:212 Ograve:210 Oslash:216 Otilde:213 Ouml:214 THORN:222 Uacute:218 Ucirc:219 ' +
    'Ugrave:217 Uuml:220 Yacute:221 aacute:225 acirc:226 aelig:230 agrave:224 aring:229 atilde:227 ' +
    'auml:228 ccedil:231 eacute:233 ecirc:234 egrave:232 eth:240 euml:235 iacute:237 icirc:238 igrave:236 ' +
    'iuml:239 ntilde:241 oacute:243 ocirc:244 ograve:242 oslash:248 otilde:245 ouml:246 szlig:223 ' +
    'thorn:254 uacute:250 ucirc:251 ugrave:249 uuml:252 yacute:253 yuml:255 copy:169 reg:174 nbsp:160 ' +
    'iexcl:161 cent:162 pound:163 curren:164 yen:165 brvbar:166 sect:167 uml:168 ordf:170 laquo:171 ' +
    'not:172 shy:173 macr:175 deg:176 plusmn:177 sup1:185 sup2:178 sup3:179 acute:180 micro:181 para:182 ' +
    'middot:183 cedil:184 ordm:186 raquo:187 frac14:188 frac12:189 frac34:190 iquest:191 times:215 ' +
    'divide:247 OElig:338 oelig:339 Scaron:352 scaron:353 Yuml:376 fnof:402 circ:710 tilde:732 Alpha:913 ' +
    'Beta:914 Gamma:915 Delta:916 Epsilon:917 Zeta:918 Eta:919 Theta:920 Iota:921 Kappa:922 Lambda:923 ' +
    'Mu:924 Nu:925 Xi:926 Omicron:927 Pi:928 Rho:929 Sigma:931 Tau:932 Upsilon:933 Phi:934 Chi:935 ' +
    'Psi:936 Omega:937 alpha:945 beta:946 gamma:947 delta:948 epsilon:949 zeta:950 eta:951 theta:952 ' +
    'iota:953 kappa:954 lambda:955 mu:956 nu:957 xi:958 omicron:959 pi:960 rho:961 sigmaf:962 sigma:963 ' +
    'tau:964 upsilon:965 phi:966 chi:967 psi:968 omega:969 thetasym:977 upsih:978 piv:982 ensp:8194 ' +
    'emsp:8195 thinsp:8201 zwnj:8204 zwj:8205 lrm:8206 rlm:8207 ndash:8211 mdash:8212 lsquo:8216 ' +
    'rsquo:8217 sbquo:8218 ldquo:8220 rdquo:8221 bdquo:8222 dagger:8224 Dagger:8225 bull:8226 hellip:8230 ' +
    'permil:8240 prime:8242 Prime:8243 lsaquo:8249 rsaquo:8250 oline:8254 frasl:8260 euro:8364 image:8465 ' +
    'weierp:8472 real:8476 trade:8482 alefsym:8501 larr:8592 uarr:8593 rarr:8594 darr:8595 harr:8596 ' +
    'crarr:8629 lArr:8656 uArr:8657 rArr:8658 dArr:8659 hArr:8660 forall:8704 part:8706 exist:8707 ' +
    'empty:8709 nabla:8711 isin:8712 notin:8713 ni:8715 prod:8719 sum:8721 minus:8722 lowast:8727 ' +
    'radic:8730 prop:8733 infin:8734 ang:8736 and:8743 or:8744 cap:8745 cup:8746 int:8747 there4:8756 ' +
    'sim:8764 cong:8773 asymp:8776 ne:8800 equiv:8801 le:8804 ge:8805 sub:8834 sup:8835 nsub:8836 ' +
    'sube:8838 supe:8839 oplus:8853 otimes:8855 perp:8869 sdot:8901 lceil:8968 rceil:8969 lfloor:8970 ' +
    'rfloor:8971 lang:10216 rang:10217 loz:9674 spades:9824 clubs:9827 hearts:9829 diams:9830 ' +
    'AMP:38 LT:60 GT:62 QUOT:34 COPY:169 REG:174 TRADE:8482'
  )
    .split(' ')
    .map((pair): [string, number] => {
      const [name = '', code = '0'] = pair.split(':');
      return [name, Number(code)];
    }),
);

/**
 * All repairs, in order, from the document start the prolog found:
 * leading BOM / whitespace / junk dropped, illegal characters removed, entities and bare
 * `&` / `<` fixed. The result is for the XML parser only.
 */
export function repairXml(text: string, prolog: Prolog): string {
  const body = prolog.start > 0 ? text.slice(prolog.start) : text;
  return repairMarkup(removeIllegalXmlChars(body));
}
