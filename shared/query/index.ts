export type { QueryNode, TermNode, AndNode, OrNode, NotNode, TermField } from './ast';
export { forEachTerm } from './ast';
export type { QueryError, QueryErrorKey } from './errors';
export type { ParseResult } from './parser';
export { parseQuery, MAX_QUERY_LENGTH, MAX_QUERY_DEPTH } from './parser';
export { printQuery } from './printer';
