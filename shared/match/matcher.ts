/**
 * Compile every watchlist into ONE Aho–Corasick automaton, then match an article in one pass per
 * field: normalize → scan → verify hits → evaluate only the watchlists that had a hit.
 * The per-article cost therefore depends on the article and on the hits, not on how many
 * watchlists exist.
 */
import type { QueryNode, TermField } from '../query/ast';
import type { QueryError } from '../query/errors';
import { parseQuery } from '../query/parser';
import { AhoCorasick, HitBuffer, toUnits } from './aho-corasick';
import { NormalizedText, SPACE_UNIT, normalizeInto } from './normalize';
import { isLatinWordUnit, wordKinds } from './char-classes';
import { VariantTable, buildVariant, type HitRange, type PatternVariant } from './pattern';

export interface WatchlistRule {
  id: number;
  query: string;
  /** An article containing any of these (each is a query of its own) does not match. */
  muteTerms?: string[];
  /** Only articles of these feeds; null or absent = all feeds. */
  feedIds?: number[] | null;
}

export interface MatchInput {
  title: string;
  text: string;
  /** The feed's name, for `source:` terms. */
  source?: string;
  feedId?: number;
}

export type MatchField = 'title' | 'text';

export interface MatchSpan {
  field: MatchField;
  /** UTF-16 offsets into the ORIGINAL title/text, end exclusive. */
  start: number;
  end: number;
}

export interface WatchlistMatch {
  watchlistId: number;
  /** Sorted (title first, then by start), duplicates removed; may overlap (카카오 in 카카오브레인). */
  spans: MatchSpan[];
}

export interface CompileError {
  id: number;
  error: QueryError;
  /** Set when the problem is in a mute term rather than in the query. */
  muteTerm?: string;
}

export interface CompiledMatcher {
  match(input: MatchInput): WatchlistMatch[];
  /** Rules (or mute terms) that did not parse; a rule with a bad query is left out. */
  errors: CompileError[];
  /** Ids of the rules that were compiled. */
  readonly watchlistIds: number[];
}

const FIELD_TITLE = 1;
const FIELD_TEXT = 2;
const FIELD_SOURCE = 4;
const FIELD_MASK: Record<TermField, number> = { all: FIELD_TITLE | FIELD_TEXT, title: FIELD_TITLE, source: FIELD_SOURCE };
/** Up to this many items are sorted by insertion, more with Array.prototype.sort. */
const SMALL_SORT = 16;

/** A query compiled against variant indexes. */
type Cond = { kind: 'term'; variant: number; mask: number } | { kind: 'and' | 'or'; children: Cond[] } | { kind: 'not'; child: Cond };

interface CompiledWatchlist {
  id: number;
  cond: Cond;
  mute: Cond | null;
  feedIds: Set<number> | null;
}

class CompileContext {
  readonly variants: PatternVariant[] = [];
  private readonly byKey = new Map<string, number>();

  variantOf(node: Extract<QueryNode, { type: 'term' }>): number {
    const v = buildVariant(node);
    // The parser refuses terms that normalize to nothing; keep a never-matching variant anyway.
    if (!v) return -1;
    const known = this.byKey.get(v.key);
    if (known !== undefined) return known;
    this.variants.push(v);
    this.byKey.set(v.key, this.variants.length - 1);
    return this.variants.length - 1;
  }

  compile(node: QueryNode): Cond {
    switch (node.type) {
      case 'term':
        return { kind: 'term', variant: this.variantOf(node), mask: FIELD_MASK[node.field] };
      case 'not':
        return { kind: 'not', child: this.compile(node.child) };
      default:
        return { kind: node.type, children: node.children.map((c) => this.compile(c)) };
    }
  }
}

/** Number of watchlists whose query mentions each variant: rare variants make better triggers. */
function countUses(cond: Cond, counts: Map<number, number>, seen = new Set<number>()): void {
  if (cond.kind === 'term') {
    if (cond.variant >= 0 && !seen.has(cond.variant)) {
      seen.add(cond.variant);
      counts.set(cond.variant, (counts.get(cond.variant) ?? 0) + 1);
    }
  } else if (cond.kind === 'not') countUses(cond.child, counts, seen);
  else for (const c of cond.children) countUses(c, counts, seen);
}

/**
 * Trigger variants of a condition: a set such that the condition can only be true when at least
 * one of them was found in the article (null: it can be true with nothing found). Only
 * watchlists with a found trigger are evaluated, so a term shared by a thousand watchlists
 * (`… -광고`, `… (사임 OR 선임)`) does not wake all of them up on every article that contains it.
 */
function triggers(cond: Cond, negated: boolean, uses: Map<number, number>): Set<number> | null {
  const cost = (set: Set<number>): number => {
    let c = 0;
    for (const v of set) c += uses.get(v) ?? 1;
    return c;
  };
  if (cond.kind === 'term') return negated || cond.variant < 0 ? null : new Set([cond.variant]);
  if (cond.kind === 'not') return triggers(cond.child, !negated, uses);
  // Under a negation, De Morgan swaps AND and OR.
  const conjunction = (cond.kind === 'and') !== negated;
  const sets = cond.children.map((c) => triggers(c, negated, uses));
  if (conjunction) {
    let best: Set<number> | null = null;
    for (const set of sets) if (set && (!best || cost(set) < cost(best))) best = set;
    return best;
  }
  const union = new Set<number>();
  for (const set of sets) {
    if (!set) return null;
    for (const v of set) union.add(v);
  }
  return union;
}

function allVariants(cond: Cond, into: Set<number>): void {
  if (cond.kind === 'term') {
    if (cond.variant >= 0) into.add(cond.variant);
  } else if (cond.kind === 'not') allVariants(cond.child, into);
  else for (const c of cond.children) allVariants(c, into);
}

export function compileWatchlists(rules: WatchlistRule[]): CompiledMatcher {
  const ctx = new CompileContext();
  const errors: CompileError[] = [];
  const watchlists: CompiledWatchlist[] = [];
  for (const rule of rules) {
    const parsed = parseQuery(rule.query);
    if (!parsed.ok) {
      errors.push({ id: rule.id, error: parsed.error });
      continue;
    }
    const mutes: Cond[] = [];
    for (const muteTerm of rule.muteTerms ?? []) {
      const m = parseQuery(muteTerm);
      // A bad mute term is reported; the watchlist itself still works.
      if (!m.ok) errors.push({ id: rule.id, error: m.error, muteTerm });
      else mutes.push(ctx.compile(m.query));
    }
    watchlists.push({
      id: rule.id,
      cond: ctx.compile(parsed.query),
      mute: mutes.length === 0 ? null : mutes.length === 1 ? (mutes[0] as Cond) : { kind: 'or', children: mutes },
      feedIds: rule.feedIds ? new Set(rule.feedIds) : null,
    });
  }
  return new Matcher(ctx.variants, watchlists, errors);
}

class Matcher implements CompiledMatcher {
  readonly watchlistIds: number[];
  private readonly automaton: AhoCorasick;
  /** Watchlists for which a variant is a trigger (CSR); see triggers(). */
  private readonly variantWatchlistStart: Int32Array;
  private readonly variantWatchlists: Int32Array;
  private readonly needsSource: boolean;

  // Per-call scratch, reused: JS is single-threaded and match() does not re-enter.
  private epoch = 0;
  private readonly variantEpoch: Int32Array;
  private readonly variantFields: Uint8Array;
  private readonly variantOccHead: Int32Array;
  private readonly watchlistEpoch: Int32Array;
  private candidates: number[] = [];
  /** Verified occurrences of this call: field, original start, original end, next of same variant. */
  private occ = new Int32Array(256);
  private occCount = 0;
  private readonly table: VariantTable;
  /**
   * Per variant: its length when it needs a Latin edge on the left and allows no space inside,
   * else 0 — then a hit preceded by a Latin letter is dropped before the full check (most
   * rejected hits: short acronyms inside longer words).
   */
  private readonly quickLeft: Int32Array;
  private readonly kinds = wordKinds();
  /**
   * Per watchlist: the variant when the whole rule is one term (no mute terms, no feed scope) —
   * the common case, answered from two small arrays without touching the rule's objects — else -1.
   */
  private readonly simpleVariant: Int32Array;
  private readonly simpleMask: Uint8Array;
  private readonly buffer = new NormalizedText(1024);
  private readonly hits = new HitBuffer(256);
  private readonly range: HitRange = { start: 0, end: 0 };

  constructor(
    private readonly variants: PatternVariant[],
    private readonly watchlists: CompiledWatchlist[],
    readonly errors: CompileError[],
  ) {
    this.watchlistIds = watchlists.map((w) => w.id);
    // One automaton pattern per variant: a hit names the variant directly (variants sharing
    // their units are reported once each by the automaton).
    this.automaton = new AhoCorasick(
      variants.map((v) => toUnits(v.units)),
      [SPACE_UNIT],
    );
    const uses = new Map<number, number>();
    for (const w of watchlists) countUses(w.cond, uses);
    const pairs: Array<[number, number]> = [];
    let needsSource = false;
    watchlists.forEach((w, wi) => {
      let trigger = triggers(w.cond, false, uses);
      // The parser refuses queries that hold with no term found, so this fallback is a safety net.
      if (!trigger) allVariants(w.cond, (trigger = new Set()));
      for (const v of trigger) pairs.push([v, wi]);
      if (usesSource(w.cond) || (w.mute && usesSource(w.mute))) needsSource = true;
    });
    [this.variantWatchlistStart, this.variantWatchlists] = csr(variants.length, pairs);
    this.needsSource = needsSource;
    this.variantEpoch = new Int32Array(variants.length);
    this.variantFields = new Uint8Array(variants.length);
    this.variantOccHead = new Int32Array(variants.length);
    this.watchlistEpoch = new Int32Array(watchlists.length);
    this.simpleVariant = Int32Array.from(watchlists, (w) => (w.cond.kind === 'term' && !w.mute && !w.feedIds ? w.cond.variant : -1));
    this.simpleMask = Uint8Array.from(watchlists, (w) => (w.cond.kind === 'term' ? w.cond.mask : 0));
    this.table = new VariantTable(variants);
    this.quickLeft = Int32Array.from(variants, (_, v) => this.table.quickLeft(v));
  }

  match(input: MatchInput): WatchlistMatch[] {
    this.epoch++;
    if (this.epoch === 0x7fffffff) this.resetEpochs();
    this.candidates.length = 0;
    this.occCount = 0;
    if (this.variants.length === 0) return [];
    this.scanField(input.title, FIELD_TITLE);
    this.scanField(input.text, FIELD_TEXT);
    if (this.needsSource && input.source) this.scanField(input.source, FIELD_SOURCE);
    if (this.candidates.length === 0) return [];

    const results: WatchlistMatch[] = [];
    // Report in rule order.
    const order = this.candidates;
    if (order.length > SMALL_SORT) order.sort((a, b) => a - b);
    else {
      // Usually a handful: insertion sort saves the comparator calls.
      for (let i = 1; i < order.length; i++) {
        const x = order[i] as number;
        let j = i - 1;
        while (j >= 0 && (order[j] as number) > x) {
          order[j + 1] = order[j] as number;
          j--;
        }
        order[j + 1] = x;
      }
    }
    for (const wi of order) {
      const simple = this.simpleVariant[wi] as number;
      if (simple >= 0) {
        const mask = this.simpleMask[wi] as number;
        if (((this.variantFields[simple] as number) & mask) === 0) continue;
        const spans: MatchSpan[] = [];
        this.termSpans(simple, mask, spans);
        results.push({ watchlistId: this.watchlistIds[wi] as number, spans: sortSpans(spans) });
        continue;
      }
      const w = this.watchlists[wi] as CompiledWatchlist;
      if (w.feedIds && (input.feedId === undefined || !w.feedIds.has(input.feedId))) continue;
      if (!this.evaluate(w.cond)) continue;
      if (w.mute && this.evaluate(w.mute)) continue;
      const spans: MatchSpan[] = [];
      this.collectSpans(w.cond, spans);
      results.push({ watchlistId: w.id, spans: sortSpans(spans) });
    }
    return results;
  }

  private resetEpochs(): void {
    this.epoch = 1;
    this.variantEpoch.fill(0);
    this.watchlistEpoch.fill(0);
  }

  private scanField(text: string, field: number): void {
    if (text.length === 0) return;
    const buf = this.buffer;
    normalizeInto(text, buf);
    const hits = this.hits;
    hits.count = 0;
    this.automaton.scan(buf.codes, buf.length, hits);
    const range = this.range;
    const codes = buf.codes;
    const kinds = this.kinds;
    const quickLeft = this.quickLeft;
    const table = this.table;
    for (let h = 0; h < hits.count; h++) {
      const v = hits.patterns[h] as number;
      const end = hits.ends[h] as number;
      const quick = quickLeft[v] as number;
      // (If a space sits inside such a hit, the hit is invalid anyway.)
      if (quick > 0 && end > quick && isLatinWordUnit(kinds, codes[end - quick - 1] as number)) continue;
      if (!table.verify(v, buf, end, range, kinds)) continue;
      this.record(v, field, buf.originalStart(range.start), buf.originalEnd(range.end - 1));
    }
  }

  private record(v: number, field: number, start: number, end: number): void {
    const epoch = this.epoch;
    if (this.variantEpoch[v] !== epoch) {
      this.variantEpoch[v] = epoch;
      this.variantFields[v] = 0;
      this.variantOccHead[v] = -1;
      for (let k = this.variantWatchlistStart[v] as number; k < (this.variantWatchlistStart[v + 1] as number); k++) {
        const wi = this.variantWatchlists[k] as number;
        if (this.watchlistEpoch[wi] !== epoch) {
          this.watchlistEpoch[wi] = epoch;
          this.candidates.push(wi);
        }
      }
    }
    this.variantFields[v] = (this.variantFields[v] as number) | field;
    if (field === FIELD_SOURCE) return; // the source is not highlighted
    const n = this.occCount;
    if ((n + 1) * 4 > this.occ.length) {
      const bigger = new Int32Array(this.occ.length * 2);
      bigger.set(this.occ);
      this.occ = bigger;
    }
    const base = n * 4;
    this.occ[base] = field;
    this.occ[base + 1] = start;
    this.occ[base + 2] = end;
    this.occ[base + 3] = this.variantOccHead[v] as number;
    this.variantOccHead[v] = n;
    this.occCount = n + 1;
  }

  private found(cond: { variant: number; mask: number }): boolean {
    return (
      cond.variant >= 0 &&
      this.variantEpoch[cond.variant] === this.epoch &&
      ((this.variantFields[cond.variant] as number) & cond.mask) !== 0
    );
  }

  private evaluate(cond: Cond): boolean {
    switch (cond.kind) {
      case 'term':
        return this.found(cond);
      case 'not':
        return !this.evaluate(cond.child);
      case 'and':
        for (const c of cond.children) if (!this.evaluate(c)) return false;
        return true;
      case 'or':
        for (const c of cond.children) if (this.evaluate(c)) return true;
        return false;
    }
  }

  /** Spans of the occurrences of a (found) variant in the fields of `mask`. */
  private termSpans(variant: number, mask: number, spans: MatchSpan[]): void {
    const occ = this.occ;
    for (let o = this.variantOccHead[variant] as number; o >= 0; o = occ[o * 4 + 3] as number) {
      const field = occ[o * 4] as number;
      if ((field & mask) === 0) continue;
      spans.push({ field: field === FIELD_TITLE ? 'title' : 'text', start: occ[o * 4 + 1] as number, end: occ[o * 4 + 2] as number });
    }
  }

  /** Spans of the terms that made the query true; negated parts contribute none. */
  private collectSpans(cond: Cond, spans: MatchSpan[]): void {
    switch (cond.kind) {
      case 'term':
        if (this.found(cond)) this.termSpans(cond.variant, cond.mask, spans);
        return;
      case 'not':
        return;
      case 'and':
      case 'or':
        for (const c of cond.children) if (this.evaluate(c)) this.collectSpans(c, spans);
    }
  }
}

function usesSource(cond: Cond): boolean {
  if (cond.kind === 'term') return (cond.mask & FIELD_SOURCE) !== 0;
  if (cond.kind === 'not') return usesSource(cond.child);
  return cond.children.some(usesSource);
}

/** Compressed rows: for each key in [0, keys), the values paired with it, in insertion order. */
function csr(keys: number, pairs: Array<[number, number]>): [Int32Array, Int32Array] {
  const start = new Int32Array(keys + 1);
  for (const [k] of pairs) start[k + 1] = (start[k + 1] as number) + 1;
  for (let k = 0; k < keys; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const fill = start.slice(0, keys);
  const values = new Int32Array(pairs.length);
  for (const [k, v] of pairs) {
    values[fill[k] as number] = v;
    fill[k] = (fill[k] as number) + 1;
  }
  return [start, values];
}

/** Sort (title first, then by start, then end) and drop exact duplicates, in place. */
function sortSpans(spans: MatchSpan[]): MatchSpan[] {
  if (spans.length < 2) return spans;
  if (spans.length > SMALL_SORT) {
    spans.sort((a, b) => (spanAfter(a, b) ? 1 : spanAfter(b, a) ? -1 : 0));
  } else {
    // Insertion sort for the usual handful of spans: no comparator call per step.
    for (let i = 1; i < spans.length; i++) {
      const x = spans[i] as MatchSpan;
      let j = i - 1;
      while (j >= 0 && spanAfter(spans[j] as MatchSpan, x)) {
        spans[j + 1] = spans[j] as MatchSpan;
        j--;
      }
      spans[j + 1] = x;
    }
  }
  let n = 1;
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[n - 1] as MatchSpan;
    const cur = spans[i] as MatchSpan;
    if (prev.field === cur.field && prev.start === cur.start && prev.end === cur.end) continue;
    spans[n++] = cur;
  }
  spans.length = n;
  return spans;
}

function spanAfter(a: MatchSpan, b: MatchSpan): boolean {
  if (a.field !== b.field) return a.field === 'text';
  return a.start > b.start || (a.start === b.start && a.end > b.end);
}

/** Merge overlapping or touching spans of the same field: what a highlighter wants to paint. */
export function mergeSpans(spans: readonly MatchSpan[]): MatchSpan[] {
  const sorted = sortSpans(spans.map((s) => ({ ...s })));
  const out: MatchSpan[] = [];
  for (const s of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.field === s.field && s.start <= prev.end) prev.end = Math.max(prev.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
