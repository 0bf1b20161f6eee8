/**
 * Watchlist query parser. Never throws: every input gives either a query or one positioned error.
 *
 * Grammar, loosest binding first (standard Boolean precedence, as in FreshRSS and Bing, plus
 * `|` for inline aliases that bind tighter than the space):
 *
 *   query   := or EOF
 *   or      := and ("OR" and)*
 *   and     := unary ("AND"? unary)*          a space means AND
 *   unary   := ("-" | "NOT") unary | alias
 *   alias   := atom ("|" atom)*               카카오브레인|카카오 브레인 → one term with an alias
 *   atom    := scope atom | "(" or ")" | word | "phrase"
 *   scope   := title: | source: | 제목: | 출처: | intitle:
 *
 * So `카카오 퇴사 OR 사임` is (카카오 AND 퇴사) OR 사임, and `카카오 퇴사|사임` is 카카오 AND (퇴사 OR 사임);
 * the printer always writes the grouping out with parentheses. A scope distributes over the group
 * it prefixes (`title:(a OR b)` = `title:a OR title:b`).
 */
import type { QueryNode, TermField, TermNode } from './ast';
import { queryError, type QueryError, type QueryErrorKey } from './errors';
import { lex, type Token } from './lexer';
import { normalizeForMatching } from '../match/normalize';

export type ParseResult = { ok: true; query: QueryNode } | { ok: false; error: QueryError };

/** Longest query accepted (UTF-16 units); a watchlist is a few words, not an essay. */
export const MAX_QUERY_LENGTH = 2000;
/** Deepest nesting of parentheses and negations. */
export const MAX_QUERY_DEPTH = 32;

/** Unwinds the parser to parseQuery, which turns it into a result: never seen outside this module. */
class ParseFailure extends Error {
  constructor(readonly error: QueryError) {
    super(error.key);
  }
}

export function parseQuery(src: string): ParseResult {
  try {
    if (src.length > MAX_QUERY_LENGTH) {
      return { ok: false, error: queryError('query.too_long', src, MAX_QUERY_LENGTH, src.length, { max: MAX_QUERY_LENGTH }) };
    }
    const lexed = lex(src);
    if (!lexed.ok) return lexed;
    const parser = new Parser(src, lexed.tokens);
    const query = parser.parse();
    if (evaluateAllAbsent(query)) {
      return { ok: false, error: queryError('query.only_negative', src, 0, src.length) };
    }
    return { ok: true, query };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.error };
    // A bug must not take the app down while the user types; report it as an unexpected token.
    return { ok: false, error: queryError('query.unexpected_token', src, 0, src.length, { token: src }) };
  }
}

/** The query's value on an article in which none of its terms occur. */
function evaluateAllAbsent(node: QueryNode): boolean {
  switch (node.type) {
    case 'term':
      return false;
    case 'not':
      return !evaluateAllAbsent(node.child);
    case 'and':
      return node.children.every(evaluateAllAbsent);
    case 'or':
      return node.children.some(evaluateAllAbsent);
  }
}

function makeAnd(children: QueryNode[]): QueryNode {
  const flat = children.flatMap((c) => (c.type === 'and' ? c.children : [c]));
  return flat.length === 1 ? (flat[0] as QueryNode) : { type: 'and', children: flat };
}

function makeOr(children: QueryNode[]): QueryNode {
  const flat = children.flatMap((c) => (c.type === 'or' ? c.children : [c]));
  return flat.length === 1 ? (flat[0] as QueryNode) : { type: 'or', children: flat };
}

/** Tokens that can start an operand. */
function startsOperand(t: Token): boolean {
  return t.kind === 'word' || t.kind === 'phrase' || t.kind === 'lparen' || t.kind === 'scope' || t.kind === 'neg' || t.kind === 'not';
}

class Parser {
  private pos = 0;
  /** Open parentheses around the current position. */
  private openGroups = 0;

  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  parse(): QueryNode {
    const first = this.peek();
    if (first.kind === 'eof') throw new ParseFailure(queryError('query.empty', this.src, 0, 0));
    const node = this.parseOr(0, 'all');
    const rest = this.peek();
    if (rest.kind === 'rparen') this.fail('query.unexpected_close_paren', rest);
    if (rest.kind !== 'eof') this.fail('query.unexpected_token', rest);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  private next(): Token {
    return this.tokens[this.pos++] as Token;
  }

  private fail(key: QueryErrorKey, token: Token, end = token.end): never {
    throw new ParseFailure(queryError(key, this.src, token.start, end, { token: token.text }));
  }

  /** After an operator, an operand must follow; at the end inside a group the missing `)` is what to report. */
  private expectOperandAfter(operator: Token, key: QueryErrorKey): void {
    const t = this.peek();
    if (startsOperand(t)) return;
    if (t.kind === 'eof' && this.openGroups > 0) this.fail('query.missing_close_paren', t);
    this.fail(key, operator);
  }

  private parseOr(depth: number, field: TermField): QueryNode {
    const children = [this.parseAnd(depth, field)];
    while (this.peek().kind === 'or') {
      const op = this.next();
      this.expectOperandAfter(op, 'query.operator_missing_right');
      children.push(this.parseAnd(depth, field));
    }
    return makeOr(children);
  }

  private parseAnd(depth: number, field: TermField): QueryNode {
    const children = [this.parseUnary(depth, field)];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || t.kind === 'rparen' || t.kind === 'or') break;
      if (t.kind === 'and') {
        this.next();
        this.expectOperandAfter(t, 'query.operator_missing_right');
      }
      children.push(this.parseUnary(depth, field));
    }
    return makeAnd(children);
  }

  private parseUnary(depth: number, field: TermField): QueryNode {
    const t = this.peek();
    if (t.kind === 'neg' || t.kind === 'not') {
      this.next();
      if (depth >= MAX_QUERY_DEPTH) this.fail('query.too_deep', t);
      this.expectOperandAfter(t, 'query.negation_missing_term');
      return { type: 'not', child: this.parseUnary(depth + 1, field) };
    }
    return this.parseAlias(depth, field);
  }

  private parseAlias(depth: number, field: TermField): QueryNode {
    const children = [this.parseAtom(depth, field)];
    while (this.peek().kind === 'pipe') {
      const pipe = this.next();
      const t = this.peek();
      if (t.kind === 'eof' && this.openGroups > 0) this.fail('query.missing_close_paren', t);
      if (!(t.kind === 'word' || t.kind === 'phrase' || t.kind === 'lparen' || t.kind === 'scope')) {
        this.fail('query.operator_missing_right', pipe);
      }
      children.push(this.parseAtom(depth, field));
    }
    return makeOr(children);
  }

  private parseAtom(depth: number, field: TermField): QueryNode {
    const t = this.next();
    switch (t.kind) {
      case 'scope':
        if (field !== 'all' && field !== t.field) this.fail('query.scope_nested', t);
        if (this.peek().kind === 'neg' || this.peek().kind === 'not') this.fail('query.unexpected_token', this.peek());
        return this.parseAtom(depth, t.field);
      case 'lparen': {
        if (depth >= MAX_QUERY_DEPTH) this.fail('query.too_deep', t);
        const inner = this.peek();
        if (inner.kind === 'rparen') this.fail('query.empty_group', t, inner.end);
        if (inner.kind === 'eof') this.fail('query.missing_close_paren', inner);
        this.openGroups++;
        const node = this.parseOr(depth + 1, field);
        this.openGroups--;
        const close = this.peek();
        if (close.kind !== 'rparen') this.fail('query.missing_close_paren', close);
        this.next();
        return node;
      }
      case 'word':
        return this.wordTerm(t, field);
      case 'phrase':
        return this.term(t, t.text, true, field, false, false);
      case 'or':
      case 'and':
      case 'pipe':
        return this.fail('query.operator_missing_left', t);
      case 'rparen':
        return this.fail('query.unexpected_close_paren', t);
      case 'eof':
        return this.fail('query.missing_close_paren', t);
      default:
        return this.fail('query.unexpected_token', t);
    }
  }

  private wordTerm(t: Token, field: TermField): TermNode {
    let text = t.text;
    const prefixWildcard = text.startsWith('*');
    if (prefixWildcard) text = text.slice(1);
    const suffixWildcard = text.length > 0 && text.endsWith('*');
    if (suffixWildcard) text = text.slice(0, -1);
    const star = text.indexOf('*');
    if (text === '' || star >= 0) {
      const at = star >= 0 ? t.start + (prefixWildcard ? 1 : 0) + star : t.start;
      throw new ParseFailure(queryError('query.wildcard_misplaced', this.src, at, star >= 0 ? at + 1 : t.end));
    }
    return this.term(t, text, false, field, prefixWildcard, suffixWildcard);
  }

  private term(t: Token, text: string, phrase: boolean, field: TermField, prefixWildcard: boolean, suffixWildcard: boolean): TermNode {
    if (normalizeForMatching(text) === '') this.fail('query.term_empty', t);
    return { type: 'term', text, phrase, field, prefixWildcard, suffixWildcard };
  }
}
