/**
 * A watchlist query (shared/query) in the syntax of each news-search engine.
 *
 * The rule: the search must find at least everything the watchlist matches. Search results are
 * only candidates (Nunchi's own matcher decides what alerts), so a translation may be broader
 * than the watchlist, never narrower. Whatever an engine cannot express is widened, never guessed:
 * - a part that cannot be searched for (`source:` on Naver, a `source:` no outlet is known for)
 *   becomes "anything": dropped from an AND, and an OR holding it becomes "anything" as a whole;
 * - an exclusion is kept only when its term translates exactly (a plain word or a phrase, and
 *   `intitle:` on Google); excluding a widened term would exclude too much, so it is dropped;
 * - a query that ends up as "anything", or as exclusions only, cannot be searched at all
 *   (search.untranslatable).
 *
 * Google News (documented operators): space = AND, `OR`, `"phrase"`, `-term`, parentheses,
 * `intitle:`, `site:`. Google binds OR tighter than the space (`a b OR c` is a AND (b OR c)) where
 * Nunchi binds AND tighter, so every group is written out with parentheses.
 * - `title:x` → `intitle:x`; `source:연합뉴스` → `site:yna.co.kr` through the outlet table (several
 *   outlets whose name contains the text → `(site:a OR site:b)`), else dropped;
 * - `GPT*` / `*LLM` → `GPT` / `LLM`: Google has no partial-word wildcard; the bare word is the
 *   nearest search, the matcher applies the wildcard;
 * - a word that Google would read as an operator (`site:x`, `+x`, `~x`) is quoted.
 *
 * Naver News API: space = AND, `"phrase"`, `-term` (the syntax of Naver search). No OR operator
 * and no parentheses are relied on, so a query with OR becomes several queries, one per
 * alternative (its disjunctive normal form), run one after the other and merged: `(카카오 OR
 * 네이버) 퇴사` → `카카오 퇴사`, `네이버 퇴사`. A query implied by a broader one is dropped
 * (`카카오` makes `카카오 퇴사` redundant). More than MAX_NAVER_QUERIES alternatives are first
 * widened to their first word each; if that is still too many: search.too_many_alternatives
 * (each query is one call of a 25 000-a-day quota, every 15 minutes). `title:` is dropped (the API
 * has no title search); `source:` is dropped; wildcards as on Google.
 */
import { parseQuery, type QueryNode, type TermNode } from '../../shared/query';
import { outletSitesNamed } from './outlets';
import { SearchError } from './search-error';

/** At most this many Naver calls for one watchlist query in one poll. */
export const MAX_NAVER_QUERIES = 8;
/** A `source:` matching more outlets than this is dropped rather than spelled out as sites. */
export const MAX_SITES_PER_SOURCE = 6;

/** What a translation left out or widened, so the UI can say it. */
export interface TranslationNote {
  what:
    | 'title_scope_dropped' // Naver: title:x searched as x anywhere
    | 'source_as_sites' // Google: source:x as site:…
    | 'source_dropped' // not searchable: left to the matcher
    | 'wildcard_dropped' // GPT* searched as GPT
    | 'exclusion_dropped' // -x not sent (x could not be translated exactly)
    | 'alternatives_widened'; // Naver: too many OR alternatives, each cut to its first word
  term?: string;
}

export type Translation<T> = { ok: true; query: T; notes: TranslationNote[] } | { ok: false; error: SearchError };

function parsed(query: QueryNode | string): QueryNode | SearchError {
  if (typeof query !== 'string') return query;
  const result = parseQuery(query);
  if (result.ok) return result.query;
  return new SearchError(
    'search.untranslatable',
    `the watchlist query does not parse: ${result.error.key} at column ${result.error.column}`,
  );
}

function printTermText(t: TermNode): string {
  return t.prefixWildcard ? `*${t.text}` : t.suffixWildcard ? `${t.text}*` : t.text;
}

function noteOnce(notes: TranslationNote[], note: TranslationNote): void {
  if (!notes.some((n) => n.what === note.what && n.term === note.term)) notes.push(note);
}

/** Pushes negations down to terms where that keeps the meaning: -(a OR b) = -a -b, --a = a. */
function pushNegations(node: QueryNode): QueryNode {
  switch (node.type) {
    case 'term':
      return node;
    case 'and':
      return group('and', node.children.map(pushNegations));
    case 'or':
      return group('or', node.children.map(pushNegations));
    case 'not': {
      const child = node.child;
      if (child.type === 'not') return pushNegations(child.child);
      if (child.type === 'or')
        return group(
          'and',
          child.children.map((c) => pushNegations({ type: 'not', child: c })),
        );
      return { type: 'not', child: pushNegations(child) };
    }
  }
}

/** An AND or OR with nested groups of the same kind flattened, as the parser builds them. */
function group(type: 'and' | 'or', children: QueryNode[]): QueryNode {
  const flat = children.flatMap((c) => (c.type === type ? c.children : [c]));
  return flat.length === 1 ? (flat[0] as QueryNode) : { type, children: flat };
}

// ---------------------------------------------------------------------------------------------
// Google News

/** A translated part: "anything", or search syntax with how faithfully it says the original. */
type GPart = { kind: 'any' } | { kind: 'expr'; text: string; exact: boolean; positive: boolean; shape: 'atom' | 'and' | 'or' };

const ANY: GPart = { kind: 'any' };

/** Quoted when Google would otherwise read the word as an operator. */
function googleWord(text: string): string {
  return /:|^[+~@#$]/.test(text) ? `"${text}"` : text;
}

function googleTerm(t: TermNode, notes: TranslationNote[]): GPart {
  if (t.field === 'source') {
    // A site also covers its subdomains: biz.chosun.com goes when chosun.com is listed.
    const named = outletSitesNamed(t.text);
    const sites = named.filter((site) => !named.some((other) => site.endsWith(`.${other}`)));
    if (sites.length === 0 || sites.length > MAX_SITES_PER_SOURCE) {
      noteOnce(notes, { what: 'source_dropped', term: t.text });
      return ANY;
    }
    noteOnce(notes, { what: 'source_as_sites', term: t.text });
    const list = sites.map((s) => `site:${s}`);
    return list.length === 1
      ? { kind: 'expr', text: list[0] as string, exact: false, positive: true, shape: 'atom' }
      : { kind: 'expr', text: list.join(' OR '), exact: false, positive: true, shape: 'or' };
  }
  const wildcard = t.prefixWildcard || t.suffixWildcard;
  if (wildcard) noteOnce(notes, { what: 'wildcard_dropped', term: printTermText(t) });
  const body = t.phrase ? `"${t.text}"` : googleWord(t.text);
  const text = t.field === 'title' ? `intitle:${body}` : body;
  return { kind: 'expr', text, exact: !wildcard, positive: true, shape: 'atom' };
}

function googlePart(node: QueryNode, notes: TranslationNote[]): GPart {
  switch (node.type) {
    case 'term':
      return googleTerm(node, notes);
    case 'not': {
      const child = node.child.type === 'term' ? googlePart(node.child, []) : ANY;
      if (child.kind === 'any' || !child.exact || child.shape !== 'atom') {
        noteOnce(notes, { what: 'exclusion_dropped', term: describe(node.child) });
        return ANY;
      }
      return { kind: 'expr', text: `-${child.text}`, exact: true, positive: false, shape: 'atom' };
    }
    case 'and': {
      const parts = node.children.map((c) => googlePart(c, notes));
      const kept = parts.filter((p): p is Extract<GPart, { kind: 'expr' }> => p.kind === 'expr');
      // Exclusions alone search for nothing: without a positive part the AND says "anything".
      if (!kept.some((p) => p.positive)) return ANY;
      if (kept.length === 1) return kept[0] as GPart;
      return {
        kind: 'expr',
        text: kept.map((p) => (p.shape === 'or' ? `(${p.text})` : p.text)).join(' '),
        exact: kept.length === parts.length && kept.every((p) => p.exact),
        positive: true,
        shape: 'and',
      };
    }
    case 'or': {
      const parts = node.children.map((c) => googlePart(c, notes));
      const kept = parts.filter((p): p is Extract<GPart, { kind: 'expr' }> => p.kind === 'expr');
      if (kept.length < parts.length) return ANY;
      return {
        kind: 'expr',
        text: kept.map((p) => (p.shape === 'and' ? `(${p.text})` : p.text)).join(' OR '),
        exact: kept.every((p) => p.exact),
        positive: kept.every((p) => p.positive),
        shape: 'or',
      };
    }
  }
}

function describe(node: QueryNode): string {
  return node.type === 'term' ? printTermText(node) : `(${node.type})`;
}

/** The watchlist query as a Google News search (`q=`). */
export function toGoogleNewsQuery(query: QueryNode | string): Translation<string> {
  const node = parsed(query);
  if (node instanceof SearchError) return { ok: false, error: node };
  const notes: TranslationNote[] = [];
  const part = googlePart(pushNegations(node), notes);
  if (part.kind === 'any' || !part.positive) {
    return { ok: false, error: new SearchError('search.untranslatable', 'nothing in the query can be searched for on Google News') };
  }
  return { ok: true, query: part.text, notes };
}

// ---------------------------------------------------------------------------------------------
// Naver

interface Literal {
  text: string;
  negated: boolean;
}
/** OR of ANDs of literals; null = "anything". */
type Dnf = Literal[][] | null;

function naverTermText(t: TermNode): string {
  return t.phrase ? `"${t.text}"` : t.text;
}

function naverDnf(node: QueryNode, notes: TranslationNote[]): Dnf {
  switch (node.type) {
    case 'term': {
      if (node.field === 'source') {
        noteOnce(notes, { what: 'source_dropped', term: node.text });
        return null;
      }
      if (node.field === 'title') noteOnce(notes, { what: 'title_scope_dropped', term: node.text });
      if (node.prefixWildcard || node.suffixWildcard) noteOnce(notes, { what: 'wildcard_dropped', term: printTermText(node) });
      return [[{ text: naverTermText(node), negated: false }]];
    }
    case 'not': {
      const t = node.child;
      const exact = t.type === 'term' && t.field === 'all' && !t.prefixWildcard && !t.suffixWildcard;
      if (!exact) {
        noteOnce(notes, { what: 'exclusion_dropped', term: describe(t) });
        return null;
      }
      return [[{ text: naverTermText(t), negated: true }]];
    }
    case 'or': {
      const out: Literal[][] = [];
      let any = false;
      for (const child of node.children) {
        const dnf = naverDnf(child, notes);
        if (dnf === null) any = true;
        else out.push(...dnf);
      }
      return any ? null : out;
    }
    case 'and': {
      const children = node.children.map((child) => naverDnf(child, notes));
      const present = children.flatMap((dnf, index) => (dnf === null ? [] : [{ dnf, index }]));
      if (present.length === 0) return null;
      // Every part of an AND is a superset of the AND, so parts may be left out to keep the number
      // of queries down: take them smallest first while the product stays within the limit, and
      // leave out a bigger one once every query already has a word to look for.
      const chosen = new Set<number>();
      let size = 1;
      let hasPositive = false;
      for (const { dnf, index } of [...present].sort((a, b) => a.dnf.length - b.dnf.length)) {
        if (hasPositive && size * dnf.length > MAX_NAVER_QUERIES) {
          noteOnce(notes, { what: 'alternatives_widened' });
          continue;
        }
        chosen.add(index);
        size *= dnf.length;
        hasPositive ||= dnf.every((c) => c.some((l) => !l.negated));
      }
      // A conjunct of exclusions only searches for nothing: the AND is "anything".
      if (!hasPositive) return null;
      let product: Literal[][] = [[]];
      for (const { dnf, index } of present) {
        if (!chosen.has(index)) continue;
        const next: Literal[][] = [];
        for (const left of product) for (const right of dnf) next.push([...left, ...right]);
        product = next;
      }
      return product;
    }
  }
}

function literalKey(l: Literal): string {
  return `${l.negated ? '-' : '+'}${l.text}`;
}

/** Unique literals per conjunct; unique conjuncts; a conjunct implied by a broader one dropped. */
function simplify(dnf: Literal[][]): Literal[][] {
  const sets = dnf.map((c) => {
    const seen = new Map<string, Literal>();
    for (const l of c) if (!seen.has(literalKey(l))) seen.set(literalKey(l), l);
    return [...seen.values()];
  });
  const keys = sets.map((c) => new Set(c.map(literalKey)));
  const keep: Literal[][] = [];
  sets.forEach((conjunct, i) => {
    const mine = keys[i] as Set<string>;
    const redundant = keys.some((other, j) => {
      if (j === i) return false;
      // `other` ⊆ `mine`: other is broader (or equal: keep the first of equals).
      const subset = [...other].every((k) => mine.has(k));
      return subset && (other.size < mine.size || j < i);
    });
    if (!redundant) keep.push(conjunct);
  });
  return keep;
}

/** Words first, then exclusions: a query that starts with "-" reads like a mistake in a log. */
function naverQueryText(conjunct: Literal[]): string {
  const words = conjunct.filter((l) => !l.negated).map((l) => l.text);
  const exclusions = conjunct.filter((l) => l.negated).map((l) => `-${l.text}`);
  return [...words, ...exclusions].join(' ');
}

/** The watchlist query as one or more Naver News searches (`query=`), each one API call. */
export function toNaverQueries(query: QueryNode | string): Translation<string[]> {
  const node = parsed(query);
  if (node instanceof SearchError) return { ok: false, error: node };
  const notes: TranslationNote[] = [];
  const dnf = naverDnf(pushNegations(node), notes);
  if (dnf === null || dnf.length === 0) {
    return { ok: false, error: new SearchError('search.untranslatable', 'nothing in the query can be searched for on Naver') };
  }
  let conjuncts = simplify(dnf);
  if (conjuncts.length > MAX_NAVER_QUERIES) {
    // Widen each alternative to its first word: still a superset, far fewer calls.
    noteOnce(notes, { what: 'alternatives_widened' });
    conjuncts = simplify(conjuncts.map((c) => [c.find((l) => !l.negated) as Literal]));
    if (conjuncts.length > MAX_NAVER_QUERIES) {
      return {
        ok: false,
        error: new SearchError(
          'search.too_many_alternatives',
          `${conjuncts.length} alternatives after widening, at most ${MAX_NAVER_QUERIES} Naver calls per poll`,
        ),
      };
    }
  }
  return { ok: true, query: conjuncts.map(naverQueryText), notes };
}
