/**
 * The part of ICU MessageFormat the catalogues use almost everywhere, filled in without
 * intl-messageformat: `{name}`, `{name, number}` for a whole number (grouped by thousands, as both
 * Korean and English write it) and `{name, plural, =0 {…} one {…} other {…}}` with `#` (English
 * one/other; Korean has no plural forms).
 *
 * Why: building an IntlMessageFormat starts ICU's locale data and the parser's Unicode regexes,
 * ~30 ms of a read command's start-up (issue 14), for templates this small. Anything else — ICU's
 * quoting with apostrophes, select, a fraction, a value that is not a number where a number goes
 * — is not handled here (null) and goes to intl-messageformat. tests/unit/shared/messages.test.ts
 * fills every template of both catalogues both ways and expects the same words.
 */
import type { Locale } from './index';

type Part =
  | string
  | { kind: 'plain'; name: string }
  | { kind: 'number'; name: string }
  | { kind: 'plural'; name: string; options: Map<string, Part[]> }
  | { kind: 'pound' };

/** A template's parts, or null when it uses more than this file reads. */
export type PlainTemplate = Part[];

/** Reads `template` into parts; null for anything this file does not fill in. */
export function readPlainTemplate(template: string): PlainTemplate | null {
  const reader = { text: template, at: 0 };
  const parts = readParts(reader, false);
  return parts && reader.at === template.length ? parts : null;
}

interface Reader {
  text: string;
  at: number;
}

const NAME = /\w+/y;
const SPACE = /\s*/y;
const SELECTOR = /(=\d+|zero|one|two|few|many|other)/y;

function take(reader: Reader, pattern: RegExp): string | null {
  pattern.lastIndex = reader.at;
  const found = pattern.exec(reader.text);
  if (!found) return null;
  reader.at += found[0].length;
  return found[0];
}

/** Parts up to the end, or up to the `}` that closes a plural option (left for the caller). */
function readParts(reader: Reader, inPlural: boolean): Part[] | null {
  const parts: Part[] = [];
  let literal = '';
  while (reader.at < reader.text.length) {
    const c = reader.text[reader.at]!;
    // An apostrophe before ' { } < > (or # in a plural) quotes syntax in ICU: not read here.
    // Before anything else it is an apostrophe ("can't").
    if (c === "'" && /['{}<>]/.test(reader.text[reader.at + 1] ?? '')) return null;
    if (c === "'" && inPlural && reader.text[reader.at + 1] === '#') return null;
    if (c === '}') {
      if (!inPlural) return null;
      break;
    }
    if (c === '#' && inPlural) {
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ kind: 'pound' });
      reader.at++;
      continue;
    }
    if (c !== '{') {
      literal += c;
      reader.at++;
      continue;
    }
    if (literal) parts.push(literal);
    literal = '';
    reader.at++;
    const argument = readArgument(reader);
    if (!argument) return null;
    parts.push(argument);
  }
  if (literal) parts.push(literal);
  return parts;
}

/** After `{`: `name}`, `name, number}` or `name, plural, … }`. */
function readArgument(reader: Reader): Part | null {
  take(reader, SPACE);
  const name = take(reader, NAME);
  take(reader, SPACE);
  if (!name) return null;
  if (take(reader, /\}/y)) return { kind: 'plain', name };
  if (!take(reader, /,\s*/y)) return null;
  if (take(reader, /number\s*\}/y)) return { kind: 'number', name };
  if (!take(reader, /plural\s*,/y)) return null;
  const options = new Map<string, Part[]>();
  for (;;) {
    take(reader, SPACE);
    if (take(reader, /\}/y)) break;
    const selector = take(reader, SELECTOR);
    take(reader, SPACE);
    if (!selector || !take(reader, /\{/y)) return null;
    const option = readParts(reader, true);
    if (!option || !take(reader, /\}/y)) return null;
    options.set(selector, option);
  }
  return options.has('other') ? { kind: 'plural', name, options } : null;
}

/** 1234567 → "1,234,567": Korean and English group whole numbers the same way. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/**
 * The words, or null when a value needs Intl (a fraction, or text where a number goes). A missing
 * argument throws, as intl-messageformat does.
 */
export function fillPlainTemplate(
  parts: PlainTemplate,
  locale: Locale,
  values: Readonly<Record<string, string | number>> | undefined,
  template: string,
  pound?: number,
): string | null {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    if (part.kind === 'pound') {
      out += grouped(pound!);
      continue;
    }
    const value = values?.[part.name];
    if (value === undefined) throw new Error(`The message argument "${part.name}" was not provided to "${template}"`);
    if (part.kind === 'plain') {
      out += String(value);
      continue;
    }
    if (!isWhole(value)) return null;
    if (part.kind === 'number') {
      out += grouped(value);
      continue;
    }
    // Korean has no plural forms; English says one for 1 and other for the rest.
    const category = locale === 'en' && value === 1 ? 'one' : 'other';
    const option = part.options.get(`=${value}`) ?? part.options.get(category) ?? part.options.get('other')!;
    const words = fillPlainTemplate(option, locale, values, template, value);
    if (words === null) return null;
    out += words;
  }
  return out;
}
