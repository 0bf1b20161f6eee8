/**
 * The watchlist query AST. Positions are deliberately not part of it: two queries that mean the
 * same thing have equal ASTs, which is what the printer's round-trip promise is about
 * (parse(print(parse(x))) deep-equals parse(x)).
 */

/** Where a term must be found: title or body (`all`), the title only, or the feed's name. */
export type TermField = 'all' | 'title' | 'source';

export interface TermNode {
  type: 'term';
  /** The text as the user wrote it (a phrase: white-space runs collapsed to one space, trimmed). */
  text: string;
  /** Written in quotes: spaces must be exactly as written; no wildcards. */
  phrase: boolean;
  field: TermField;
  /** `*LLM`: the Latin word may have more letters before the term. */
  prefixWildcard: boolean;
  /** `GPT*`: the Latin word may have more letters after the term. */
  suffixWildcard: boolean;
}

export interface AndNode {
  type: 'and';
  /** Two or more; never directly an `and` (flattened). */
  children: QueryNode[];
}

export interface OrNode {
  type: 'or';
  /** Two or more; never directly an `or` (flattened). */
  children: QueryNode[];
}

export interface NotNode {
  type: 'not';
  child: QueryNode;
}

export type QueryNode = TermNode | AndNode | OrNode | NotNode;

/** Visit every term of a query, with whether it sits under an odd number of negations. */
export function forEachTerm(node: QueryNode, visit: (term: TermNode, negated: boolean) => void, negated = false): void {
  switch (node.type) {
    case 'term':
      visit(node, negated);
      return;
    case 'not':
      forEachTerm(node.child, visit, !negated);
      return;
    default:
      for (const child of node.children) forEachTerm(child, visit, negated);
  }
}
