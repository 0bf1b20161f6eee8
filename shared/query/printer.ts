/**
 * Canonical pretty-printer for watchlist queries. Output re-parses to the same AST
 * (parse(print(q)) deep-equals q for every q the parser returns), and it always writes grouping
 * out with parentheses, so a user can see how `a b OR c` was understood: `(a b) OR c`.
 */
import type { QueryNode, TermNode } from './ast';

const FIELD_PREFIX = { all: '', title: 'title:', source: 'source:' } as const;

function printTerm(t: TermNode): string {
  const body = t.phrase ? `"${t.text}"` : `${t.prefixWildcard ? '*' : ''}${t.text}${t.suffixWildcard ? '*' : ''}`;
  return FIELD_PREFIX[t.field] + body;
}

export function printQuery(node: QueryNode): string {
  switch (node.type) {
    case 'term':
      return printTerm(node);
    case 'not':
      return node.child.type === 'term' || node.child.type === 'not' ? `-${printQuery(node.child)}` : `-(${printQuery(node.child)})`;
    case 'and':
      return node.children.map((c) => (c.type === 'or' ? `(${printQuery(c)})` : printQuery(c))).join(' ');
    case 'or':
      return node.children.map((c) => (c.type === 'and' ? `(${printQuery(c)})` : printQuery(c))).join(' OR ');
  }
}
