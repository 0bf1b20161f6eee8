/**
 * Aho–Corasick over UTF-16 code units, reporting every occurrence of every pattern, overlapping
 * ones included (카카오 inside 카카오브레인), with its end position.
 *
 * Why not an npm package: the matcher scans a Uint16Array it has just normalized (no string is
 * built, no object per hit), and the measured packages run at 57–69k articles/s at 1 000–10 000
 * keywords, below the 100k/s this app needs. This one keeps everything in typed arrays:
 *   - code units are first mapped to a small alphabet; a unit no pattern contains maps to 0 and
 *     sends the automaton straight back to the root (most of an article, with few keywords);
 *     "skipped" units (the normalizer's single space) leave the state as it is, so patterns are
 *     found across spaces and the caller decides afterwards whether that was allowed;
 *   - the root and the busiest states (many children, mostly the first letter or syllable of many
 *     keywords) get a full DFA row: one array read, no failure links to follow;
 *   - a state with one child (most of a trie) checks it inline; the others use one
 *     open-addressing hash table whose slots hold (state, unit, target) together;
 *   - memory stays linear in the total pattern length plus a bounded budget for the dense rows,
 *     whatever the alphabet size (Hangul has 11 172 syllables).
 */

/** Hits of one scan: pattern index and end offset (exclusive) in the scanned units, in order. */
export class HitBuffer {
  patterns: Int32Array;
  ends: Int32Array;
  count = 0;

  constructor(capacity = 64) {
    this.patterns = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(pattern: number, end: number): void {
    if (this.count === this.patterns.length) {
      const patterns = new Int32Array(this.count * 2);
      const ends = new Int32Array(this.count * 2);
      patterns.set(this.patterns);
      ends.set(this.ends);
      this.patterns = patterns;
      this.ends = ends;
    }
    this.patterns[this.count] = pattern;
    this.ends[this.count] = end;
    this.count++;
  }
}

const EMPTY = 0; // hash-table key slot: state 0 (the root) never has an entry there
const SKIP = 0xffff; // alphabet id of a unit the automaton steps over
const MAX_ALPHABET = 0xfffe;
const MANY = -1; // onlyChar of a state whose children are in the dense rows or the hash table
const SPARSE = -1; // rowOffset of a state without a dense row
/** Dense rows may use up to this many entries (4 bytes each) in total. */
const DENSE_BUDGET = 1 << 20;
/** A state needs at least this many children to be worth a dense row. */
const DENSE_MIN_CHILDREN = 4;

export class AhoCorasick {
  /** Number of patterns given (duplicates included; each index is reported). */
  readonly patternCount: number;
  /** Code unit → alphabet id (0 = in no pattern, SKIP = step over). Uint16 keeps it cache-friendly. */
  private readonly alphabet: Uint16Array;
  private readonly alphabetSize: number;
  /**
   * Per state (numbered breadth first, so the shallow states visited all the time sit together),
   * four Int32 in one cache line: [row offset or SPARSE, sole child's alphabet id (0 = leaf,
   * MANY = hash table), sole child's state, fail << 1 | has-output].
   */
  private readonly info: Int32Array;
  /** Full DFA rows of the root (offset 0) and the busiest states. */
  private readonly rows: Int32Array;
  /** Slots of 4: state, alphabet id, target state, unused (a slot stays inside one cache line). */
  private readonly table: Int32Array;
  private readonly mask: number;
  /** Pattern index ending exactly at a state, or -1. */
  private readonly terminal: Int32Array;
  /** Next state along the failure chain that is terminal, or -1. */
  private readonly dictLink: Int32Array;
  /** Further pattern indexes equal to terminal[state] (duplicate patterns). */
  private readonly duplicates: Map<number, number[]>;

  /**
   * @param patterns code units of each pattern (an empty pattern is never reported)
   * @param skipUnits units that never advance or reset the automaton (must not occur in patterns)
   */
  constructor(patterns: ReadonlyArray<ArrayLike<number>>, skipUnits: readonly number[] = []) {
    this.patternCount = patterns.length;
    const alphabet = new Uint16Array(0x10000);
    let alphabetSize = 1;
    patterns.forEach((p, index) => {
      for (let i = 0; i < p.length; i++) {
        const u = p[i] as number;
        if (skipUnits.includes(u)) throw new Error(`pattern ${index} contains a skipped unit`);
        if (alphabet[u] === 0) {
          if (alphabetSize > MAX_ALPHABET) throw new Error('alphabet too large');
          alphabet[u] = alphabetSize++;
        }
      }
    });
    for (const u of skipUnits) alphabet[u] = SKIP;
    this.alphabet = alphabet;
    this.alphabetSize = alphabetSize;

    // The trie, with per-state maps (construction only), states in insertion order.
    const trie: Array<Map<number, number>> = [new Map()];
    const trieTerminal: number[] = [-1];
    const duplicates = new Map<number, number[]>();
    patterns.forEach((p, index) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const a = alphabet[p[i] as number] as number;
        const row = trie[s] as Map<number, number>;
        let t = row.get(a);
        if (t === undefined) {
          t = trie.length;
          trie.push(new Map());
          trieTerminal.push(-1);
          row.set(a, t);
        }
        s = t;
      }
      if (s === 0) return;
      if (trieTerminal[s] === -1) trieTerminal[s] = index;
      else {
        const first = trieTerminal[s] as number;
        const list = duplicates.get(first) ?? [];
        list.push(index);
        duplicates.set(first, list);
      }
    });
    this.duplicates = duplicates;
    const stateCount = trie.length;

    // Renumber breadth first: state ids grow with depth, and failure links point to lower ids.
    const bfs = new Int32Array(stateCount);
    const renumber = new Int32Array(stateCount);
    {
      let head = 0;
      let tail = 1;
      while (head < tail) {
        const old = bfs[head] as number;
        renumber[old] = head++;
        for (const t of (trie[old] as Map<number, number>).values()) bfs[tail++] = t;
      }
    }
    const children: Array<Map<number, number>> = new Array(stateCount);
    const terminal = new Int32Array(stateCount);
    for (let old = 0; old < stateCount; old++) {
      const row = new Map<number, number>();
      for (const [a, t] of trie[old] as Map<number, number>) row.set(a, renumber[t] as number);
      children[renumber[old] as number] = row;
      terminal[renumber[old] as number] = trieTerminal[old] as number;
    }
    this.terminal = terminal;
    const childCount = (s: number): number => (children[s] as Map<number, number>).size;

    // Which states get a dense row: the busiest first, within the budget.
    const rowOffset = new Int32Array(stateCount).fill(SPARSE);
    const busy: number[] = [];
    for (let s = 1; s < stateCount; s++) if (childCount(s) >= DENSE_MIN_CHILDREN) busy.push(s);
    busy.sort((x, y) => childCount(y) - childCount(x) || x - y);
    const denseStates = Math.max(0, Math.min(busy.length, Math.floor(DENSE_BUDGET / alphabetSize) - 1));
    rowOffset[0] = 0;
    for (let k = 0; k < denseStates; k++) rowOffset[busy[k] as number] = (k + 1) * alphabetSize;
    const rows = new Int32Array((denseStates + 1) * alphabetSize);
    this.rows = rows;

    // Sparse transitions: sole child inline, the rest in the hash table.
    const onlyChar = new Int32Array(stateCount);
    const onlyNext = new Int32Array(stateCount);
    let edges = 0;
    for (let s = 1; s < stateCount; s++) {
      const row = children[s] as Map<number, number>;
      if (row.size === 1 && rowOffset[s] === SPARSE) {
        const [a, t] = row.entries().next().value as [number, number];
        onlyChar[s] = a;
        onlyNext[s] = t;
      } else if (row.size > 0) {
        onlyChar[s] = MANY;
        edges += row.size;
      }
    }
    let size = 16;
    while (size < edges * 2) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(size * 4);
    for (let s = 1; s < stateCount; s++) {
      if (onlyChar[s] === MANY) for (const [a, t] of children[s] as Map<number, number>) this.insertEdge(s, a, t);
    }

    // Failure links, dictionary links and dense rows, in id (= breadth-first) order:
    // δ(s, a) = goto(s, a), else δ(fail(s), a); rows of lower ids are complete when needed.
    const fail = new Int32Array(stateCount);
    const dictLink = new Int32Array(stateCount).fill(-1);
    const goto = (s: number, a: number): number => (children[s] as Map<number, number>).get(a) ?? 0;
    let rowsDoneBelow = 1; // states with id < this have their dense row filled
    const delta = (state: number, a: number): number => {
      let s = state;
      for (;;) {
        const off = rowOffset[s] as number;
        if (off !== SPARSE && s < rowsDoneBelow) return rows[off + a] as number;
        const t = goto(s, a);
        if (t > 0 || s === 0) return t;
        s = fail[s] as number;
      }
    };
    for (const [a, t] of children[0] as Map<number, number>) rows[a] = t;
    for (let s = 0; s < stateCount; s++) {
      const off = rowOffset[s] as number;
      if (s > 0 && off !== SPARSE) {
        for (let a = 1; a < alphabetSize; a++) rows[off + a] = goto(s, a) || delta(fail[s] as number, a);
      }
      rowsDoneBelow = s + 1;
      for (const [a, t] of children[s] as Map<number, number>) {
        const target = s === 0 ? 0 : delta(fail[s] as number, a);
        fail[t] = target;
        dictLink[t] = (terminal[target] as number) >= 0 ? target : (dictLink[target] as number);
      }
    }
    this.dictLink = dictLink;

    const info = new Int32Array(stateCount * 4);
    for (let s = 0; s < stateCount; s++) {
      const hasOutput = (terminal[s] as number) >= 0 || (dictLink[s] as number) >= 0 ? 1 : 0;
      info[s * 4] = rowOffset[s] as number;
      info[s * 4 + 1] = onlyChar[s] as number;
      info[s * 4 + 2] = onlyNext[s] as number;
      info[s * 4 + 3] = ((fail[s] as number) << 1) | hasOutput;
    }
    this.info = info;
  }

  private insertEdge(s: number, a: number, t: number): void {
    let h = (Math.imul(s, 0x9e3779b1) ^ Math.imul(a, 0x85ebca6b)) & this.mask;
    while (this.table[h << 2] !== EMPTY) h = (h + 1) & this.mask;
    this.table[h << 2] = s;
    this.table[(h << 2) + 1] = a;
    this.table[(h << 2) + 2] = t;
  }

  /**
   * Scan units [0, length) of `units`, appending every (pattern, end) to `hits`
   * (`hits.count` is not reset: the caller decides).
   */
  scan(units: Uint16Array, length: number, hits: HitBuffer): void {
    const alphabet = this.alphabet;
    const info = this.info;
    const rows = this.rows;
    const table = this.table;
    const mask = this.mask;
    let s = 0;
    for (let i = 0; i < length; i++) {
      const a = alphabet[units[i] as number] as number;
      if (a === 0) {
        s = 0;
        continue;
      }
      if (a === SKIP) continue;
      for (;;) {
        const base = s << 2;
        const off = info[base] as number;
        if (off !== SPARSE) {
          s = rows[off + a] as number;
          break;
        }
        const only = info[base + 1] as number;
        if (only !== MANY) {
          if (only === a) {
            s = info[base + 2] as number;
            break;
          }
          s = (info[base + 3] as number) >> 1;
          continue;
        }
        let h = (Math.imul(s, 0x9e3779b1) ^ Math.imul(a, 0x85ebca6b)) & mask;
        let t = 0;
        for (;;) {
          const slot = h << 2;
          const ks = table[slot] as number;
          if (ks === s && table[slot + 1] === a) {
            t = table[slot + 2] as number;
            break;
          }
          if (ks === EMPTY) break;
          h = (h + 1) & mask;
        }
        if (t > 0) {
          s = t;
          break;
        }
        s = (info[base + 3] as number) >> 1;
      }
      if (((info[(s << 2) + 3] as number) & 1) === 1) this.report(s, i + 1, hits);
    }
  }

  private report(state: number, end: number, hits: HitBuffer): void {
    let s = state;
    if ((this.terminal[s] as number) < 0) s = this.dictLink[s] as number;
    while (s >= 0) {
      const p = this.terminal[s] as number;
      hits.push(p, end);
      if (this.duplicates.size > 0) {
        const more = this.duplicates.get(p);
        if (more) for (const q of more) hits.push(q, end);
      }
      s = this.dictLink[s] as number;
    }
  }
}

/** Code units of a string, for building an automaton from plain strings. */
export function toUnits(s: string): Uint16Array {
  const u = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return u;
}
