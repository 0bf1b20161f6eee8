/**
 * Aho–Corasick over UTF-16 code units, reporting every occurrence of every pattern, overlapping
 * ones included (카카오 inside 카카오브레인), with its end position.
 *
 * Why not an npm package: the matcher scans a Uint16Array it has just normalized (no string is
 * built, no object per hit), and the measured packages run at 57–69k articles/s at 1 000–10 000
 * keywords, below the 100k/s this app needs. This one keeps everything in a few typed arrays,
 * small enough to stay in cache, which on this kind of machine is what decides the speed:
 *   - code units are first mapped to a small alphabet; a unit no pattern contains maps to 0 and
 *     sends the automaton straight back to the root (most of an article, with few keywords);
 *     "skipped" units (the normalizer's single space) leave the state as it is, so patterns are
 *     found across spaces and the caller decides afterwards whether that was allowed;
 *   - the root and the busiest states (many children: the first syllable or letter of many
 *     keywords) get a full DFA row: one array read per unit, no failure links to follow;
 *   - the other states are numbered breadth first, so the children of a state are consecutive
 *     ids: a state stores only where its children start and how many there are, and the label of
 *     each child sits in one Uint16Array, searched linearly (few children) or by bisection (many);
 *   - memory is linear in the total pattern length (about 31 bytes per trie state) plus a capped
 *     budget for the dense rows (512 KiB), whatever the alphabet size (Hangul has 11 172 syllables).
 *     The budget is small on purpose: rows that stay in the core's L2 cache beat more rows that
 *     do not (a 4 MiB budget measured 20–30% slower at 100–10 000 keywords on this machine).
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

const SKIP = 0xffff; // alphabet id of a unit the automaton steps over
const MAX_ALPHABET = 0xfffe;
/** Up to this many children are searched linearly, more by bisection. */
const LINEAR_CHILDREN = 8;
/** rowOf value of a state without a dense row. */
const SPARSE = -1;
/** Dense rows may use up to this many Int32 entries in total (512 KiB: see the header). */
const DENSE_BUDGET = 1 << 17;
/** A state needs at least this many children to be worth a dense row. */
const DENSE_MIN_CHILDREN = 4;

export class AhoCorasick {
  /** Number of patterns given (duplicates included; each index is reported). */
  readonly patternCount: number;
  /** Code unit → alphabet id (0 = in no pattern, SKIP = step over). */
  private readonly alphabet: Uint16Array;
  /** Full DFA rows: δ(s, a) at rows[rowOffset + a]; the root's row is at offset 0. */
  private readonly rows: Int32Array;
  /** Per state: offset of its dense row, or SPARSE. The root's is 0. */
  private readonly rowOf: Int32Array;
  /** Per sparse state, in one cache line: [first child id, child count, fail, 0]. */
  private readonly info: Int32Array;
  /**
   * 1 if a pattern ends at the state or along its failure chain. Kept apart (1 byte a state) so
   * the check after every step stays in cache.
   */
  private readonly output: Uint8Array;
  /** Per state: [pattern ending exactly here or -1, next terminal state on the failure chain or -1]. */
  private readonly outLink: Int32Array;
  /** Alphabet id on the edge into each state (children of a state are consecutive ids). */
  private readonly label: Uint16Array;
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

    // The trie, with per-state maps (construction only), states in insertion order.
    const trie: Array<Map<number, number>> = [new Map<number, number>()];
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

    // Renumber breadth first, children sorted by label: a state's children become consecutive
    // ids in label order, and every failure link points to a lower id.
    const oldOf = new Int32Array(stateCount);
    const label = new Uint16Array(stateCount);
    const info = new Int32Array(stateCount * 4);
    const terminal = new Int32Array(stateCount);
    {
      let tail = 1;
      for (let s = 0; s < stateCount; s++) {
        const kids = [...(trie[oldOf[s] as number] as Map<number, number>)].sort((x, y) => x[0] - y[0]);
        info[s * 4] = tail;
        info[s * 4 + 1] = kids.length;
        for (const [a, old] of kids) {
          oldOf[tail] = old;
          label[tail] = a;
          tail++;
        }
        terminal[s] = trieTerminal[oldOf[s] as number] as number;
      }
    }
    this.label = label;
    const childCount = (s: number): number => info[s * 4 + 1] as number;
    const goto = (s: number, a: number): number => {
      const first = info[s * 4] as number;
      const end = first + childCount(s);
      for (let t = first; t < end; t++) if (label[t] === a) return t;
      return 0;
    };

    // Dense rows: the root, then the states with the most children, within the budget.
    const busy: number[] = [];
    for (let s = 1; s < stateCount; s++) if (childCount(s) >= DENSE_MIN_CHILDREN) busy.push(s);
    busy.sort((x, y) => childCount(y) - childCount(x) || x - y);
    const denseCount = Math.max(0, Math.min(busy.length, Math.floor(DENSE_BUDGET / alphabetSize) - 1));
    const rowOf = new Int32Array(stateCount).fill(SPARSE);
    rowOf[0] = 0;
    for (let k = 0; k < denseCount; k++) rowOf[busy[k] as number] = (k + 1) * alphabetSize;
    this.rowOf = rowOf;
    const rows = new Int32Array((denseCount + 1) * alphabetSize);
    this.rows = rows;

    // Failure links, dictionary links and dense rows, in id (= breadth-first) order, so that
    // δ(s, a) = goto(s, a), else δ(fail(s), a) only needs rows of lower ids.
    const fail = new Int32Array(stateCount);
    const dictLink = new Int32Array(stateCount).fill(-1);
    let rowsDoneBelow = 0;
    const delta = (state: number, a: number): number => {
      let s = state;
      for (;;) {
        const off = rowOf[s] as number;
        if (off !== SPARSE && s < rowsDoneBelow) return rows[off + a] as number;
        const t = goto(s, a);
        if (t > 0 || s === 0) return t;
        s = fail[s] as number;
      }
    };
    for (let s = 0; s < stateCount; s++) {
      const off = rowOf[s] as number;
      if (off !== SPARSE) {
        for (let a = 1; a < alphabetSize; a++) rows[off + a] = goto(s, a) || (s === 0 ? 0 : delta(fail[s] as number, a));
      }
      rowsDoneBelow = s + 1;
      const first = info[s * 4] as number;
      const end = first + childCount(s);
      for (let t = first; t < end; t++) {
        const target = s === 0 ? 0 : delta(fail[s] as number, label[t] as number);
        fail[t] = target;
        dictLink[t] = (terminal[target] as number) >= 0 ? target : (dictLink[target] as number);
      }
    }
    const output = new Uint8Array(stateCount);
    const outLink = new Int32Array(stateCount * 2);
    for (let s = 0; s < stateCount; s++) {
      output[s] = (terminal[s] as number) >= 0 || (dictLink[s] as number) >= 0 ? 1 : 0;
      info[s * 4 + 2] = fail[s] as number;
      outLink[s * 2] = terminal[s] as number;
      outLink[s * 2 + 1] = dictLink[s] as number;
    }
    this.info = info;
    this.output = output;
    this.outLink = outLink;
  }

  /**
   * Scan units [0, length) of `units`, appending every (pattern, end) to `hits`
   * (`hits.count` is not reset: the caller decides).
   */
  scan(units: Uint16Array, length: number, hits: HitBuffer): void {
    const alphabet = this.alphabet;
    const rows = this.rows;
    const rowOf = this.rowOf;
    const info = this.info;
    const label = this.label;
    const output = this.output;
    let s = 0;
    for (let i = 0; i < length; i++) {
      const a = alphabet[units[i] as number] as number;
      if (a === 0) {
        s = 0;
        continue;
      }
      if (a === SKIP) continue;
      for (;;) {
        const off = rowOf[s] as number;
        if (off !== SPARSE) {
          s = rows[off + a] as number;
          break;
        }
        const base = s << 2;
        let lo = info[base] as number;
        const count = info[base + 1] as number;
        let t = 0;
        if (count <= LINEAR_CHILDREN) {
          for (const end = lo + count; lo < end; lo++) {
            if (label[lo] === a) {
              t = lo;
              break;
            }
          }
        } else {
          let hi = lo + count - 1;
          while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            const m = label[mid] as number;
            if (m === a) {
              t = mid;
              break;
            }
            if (m < a) lo = mid + 1;
            else hi = mid - 1;
          }
        }
        if (t > 0) {
          s = t;
          break;
        }
        s = info[base + 2] as number;
      }
      if (output[s] === 1) this.report(s, i + 1, hits);
    }
  }

  private report(state: number, end: number, hits: HitBuffer): void {
    const outLink = this.outLink;
    let s = state;
    if ((outLink[s * 2] as number) < 0) s = outLink[s * 2 + 1] as number;
    while (s >= 0) {
      const p = outLink[s * 2] as number;
      hits.push(p, end);
      if (this.duplicates.size > 0) {
        const more = this.duplicates.get(p);
        if (more) for (const q of more) hits.push(q, end);
      }
      s = outLink[s * 2 + 1] as number;
    }
  }
}

/** Code units of a string, for building an automaton from plain strings. */
export function toUnits(s: string): Uint16Array {
  const u = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return u;
}
