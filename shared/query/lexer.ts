/**
 * Splits a watchlist query into tokens, keeping UTF-16 offsets for error positions.
 * Never throws: a problem the lexer can already see (an unclosed quote, a lone `-`, a regex)
 * comes back as a positioned QueryError.
 */
import type { TermField } from './ast';
import { queryError, type QueryError } from './errors';

export type Token =
  | { kind: 'word'; text: string; start: number; end: number }
  | { kind: 'phrase'; text: string; start: number; end: number }
  | { kind: 'scope'; field: Exclude<TermField, 'all'>; text: string; start: number; end: number }
  | { kind: 'lparen' | 'rparen' | 'or' | 'and' | 'not' | 'neg' | 'pipe' | 'eof'; text: string; start: number; end: number };

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: QueryError };

const SPACE = /[\s\u00A0\u3000]/;
const OPEN_PAREN = new Set(['(', '（']);
const CLOSE_PAREN = new Set([')', '）']);
/** ASCII and typographic quotes: macOS and Korean IMEs turn " into “ ” on their own. */
const QUOTES = new Set(['"', '“', '”']);
const PIPES = new Set(['|', '｜']);
/** `title:` `source:`, their Korean names, and FreshRSS's `intitle:`; case-insensitive. */
const SCOPE = /(title|intitle|source|제목|출처):/iy;

function scopeField(name: string): Exclude<TermField, 'all'> {
  const n = name.toLowerCase();
  return n === 'source' || n === '출처' ? 'source' : 'title';
}

/**
 * Regular-expression syntax in a bare word: `^` at the start or `$` at the end (anchors), a `[…]`
 * class, a backslash escape (`\w`, `\d`, `\.`) or `.*`/`.+`. As text these match nothing people
 * mean (`^카카오$` never matches 카카오), so they get the same hint as `/…/`; quoted, they are text.
 * `C++`, `Node.js`, `$AAPL` stay words.
 */
const REGEX_IN_WORD = /^\^.|.\$$|\[[^\]]*\]|\\|\.[*+]/u;

/** A character that ends a bare word. */
function isDelimiter(ch: string): boolean {
  return SPACE.test(ch) || OPEN_PAREN.has(ch) || CLOSE_PAREN.has(ch) || QUOTES.has(ch) || PIPES.has(ch);
}

export function lex(src: string): LexResult {
  const tokens: Token[] = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const ch = src.charAt(i);
    if (SPACE.test(ch)) {
      i++;
      continue;
    }
    if (OPEN_PAREN.has(ch)) {
      tokens.push({ kind: 'lparen', text: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (CLOSE_PAREN.has(ch)) {
      tokens.push({ kind: 'rparen', text: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (PIPES.has(ch)) {
      tokens.push({ kind: 'pipe', text: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (QUOTES.has(ch)) {
      let j = i + 1;
      while (j < n && !QUOTES.has(src.charAt(j))) j++;
      if (j >= n) return { ok: false, error: queryError('query.unterminated_quote', src, i, n) };
      const text = src
        .slice(i + 1, j)
        .replace(/[\s\u00A0\u3000]+/g, ' ')
        .trim();
      if (text === '') return { ok: false, error: queryError('query.empty_phrase', src, i, j + 1) };
      tokens.push({ kind: 'phrase', text, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (ch === '-') {
      const next = src.charAt(i + 1);
      if (next === '' || SPACE.test(next) || CLOSE_PAREN.has(next) || PIPES.has(next)) {
        return { ok: false, error: queryError('query.negation_missing_term', src, i, i + 1, { token: '-' }) };
      }
      tokens.push({ kind: 'neg', text: '-', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (ch === '/') {
      // A regex would need a linear-time engine to be safe; rather than risk a frozen app,
      // words starting with / are refused with a hint to quote them.
      let j = i + 1;
      while (j < n && src.charAt(j) !== '/') j += src.charAt(j) === '\\' ? 2 : 1;
      if (j < n) {
        j++;
        while (j < n && /[a-z]/i.test(src.charAt(j))) j++;
      } else {
        j = i + 1;
        while (j < n && !isDelimiter(src.charAt(j))) j++;
      }
      return { ok: false, error: queryError('query.regex_unsupported', src, i, Math.min(j, n)) };
    }
    SCOPE.lastIndex = i;
    const scope = SCOPE.exec(src);
    if (scope) {
      const end = i + scope[0].length;
      const next = src.charAt(end);
      if (next === '' || SPACE.test(next) || CLOSE_PAREN.has(next) || PIPES.has(next)) {
        return { ok: false, error: queryError('query.scope_missing_term', src, i, end, { token: scope[0] }) };
      }
      tokens.push({ kind: 'scope', field: scopeField(scope[1] as string), text: scope[0], start: i, end });
      i = end;
      continue;
    }
    let j = i;
    while (j < n && !isDelimiter(src.charAt(j))) j++;
    const word = src.slice(i, j);
    if (REGEX_IN_WORD.test(word)) return { ok: false, error: queryError('query.regex_unsupported', src, i, j) };
    // Operators are upper-case only, so "or" and "and" stay searchable words.
    const kind = word === 'OR' ? 'or' : word === 'AND' ? 'and' : word === 'NOT' ? 'not' : 'word';
    tokens.push({ kind, text: word, start: i, end: j });
    i = j;
  }
  tokens.push({ kind: 'eof', text: '', start: n, end: n });
  return { ok: true, tokens };
}
