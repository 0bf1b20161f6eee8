/**
 * Aho–Corasick over UTF-16 code units, reporting every occurrence of every pattern, overlapping
 * ones included (카카오 inside 카카오브레인), with its end position.
 *
 * Why not an npm package: the matcher scans a Uint16Array it has just normalized (no string is
 * built), and the measured packages run at 57–69k articles/s at 1 000–10 000 keywords, below the
 * 100k/s this app needs. This one keeps everything in typed arrays:
 *   - code units are first mapped to a small alphabet; a unit no pattern contains maps to 0 and
 *     sends the automaton straight back to the root (most of an article, with few keywords);
 *   - the root's transitions are a dense array, the others one open-addressing hash table;
 *   - failure links are followed at run time (amortized < 2 steps per unit), so memory stays
 *     linear in the total pattern length whatever the alphabet size (Hangul has 11 172 syllables).
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

export class AhoCorasick {
  /** Number of patterns given (duplicates included; each index is reported). */
  readonly patternCount: number;
  /** Code unit → alphabet id (0 = in no pattern). */
  private readonly alphabet: Int32Array;
  /** Root transitions by alphabet id (0 = stay at the root). */
  private readonly rootNext: Int32Array;
  private readonly fail: Int32Array;
  /** Pattern index ending exactly at a state, or -1. */
  private readonly terminal: Int32Array;
  /** Next state along the failure chain that is terminal, or -1. */
  private readonly dictLink: Int32Array;
  /** 1 if a state or one of its failure ancestors is terminal. */
  private readonly hasOutput: Uint8Array;
  /** Further pattern indexes equal to terminal[state] (duplicate patterns). */
  private readonly duplicates: Map<number, number[]>;
  private readonly keyState: Int32Array;
  private readonly keyChar: Int32Array;
  private readonly value: Int32Array;
  private readonly mask: number;

  constructor(patterns: ReadonlyArray<ArrayLike<number>>) {
    this.patternCount = patterns.length;
    const alphabet = new Int32Array(0x10000);
    let alphabetSize = 1;
    for (const p of patterns) {
      for (let i = 0; i < p.length; i++) {
        const u = p[i] as number;
        if (alphabet[u] === 0) alphabet[u] = alphabetSize++;
      }
    }
    this.alphabet = alphabet;

    // Build the trie with per-state maps (construction only).
    const children: Array<Map<number, number>> = [new Map()];
    const terminal: number[] = [-1];
    const duplicates = new Map<number, number[]>();
    patterns.forEach((p, index) => {
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const a = alphabet[p[i] as number] as number;
        const row = children[s] as Map<number, number>;
        let t = row.get(a);
        if (t === undefined) {
          t = children.length;
          children.push(new Map());
          terminal.push(-1);
          row.set(a, t);
        }
        s = t;
      }
      if (s === 0) return; // empty pattern: never reported
      if (terminal[s] === -1) terminal[s] = index;
      else {
        const first = terminal[s] as number;
        const list = duplicates.get(first) ?? [];
        list.push(index);
        duplicates.set(first, list);
      }
    });
    this.duplicates = duplicates;
    const stateCount = children.length;

    this.rootNext = new Int32Array(alphabetSize);
    for (const [a, t] of children[0] as Map<number, number>) this.rootNext[a] = t;

    let edges = 0;
    for (let s = 1; s < stateCount; s++) edges += (children[s] as Map<number, number>).size;
    let size = 16;
    while (size < edges * 2) size *= 2;
    this.mask = size - 1;
    this.keyState = new Int32Array(size);
    this.keyChar = new Int32Array(size);
    this.value = new Int32Array(size);
    for (let s = 1; s < stateCount; s++) {
      for (const [a, t] of children[s] as Map<number, number>) this.insertEdge(s, a, t);
    }

    // Failure and dictionary links, breadth first.
    const fail = new Int32Array(stateCount);
    const dictLink = new Int32Array(stateCount).fill(-1);
    const hasOutput = new Uint8Array(stateCount);
    const term = Int32Array.from(terminal);
    const queue = new Int32Array(stateCount);
    let head = 0;
    let tail = 0;
    for (const t of (children[0] as Map<number, number>).values()) {
      fail[t] = 0;
      queue[tail++] = t;
    }
    while (head < tail) {
      const s = queue[head++] as number;
      for (const [a, t] of children[s] as Map<number, number>) {
        let f = fail[s] as number;
        let target = 0;
        for (;;) {
          const next = f === 0 ? (this.rootNext[a] as number) : this.edge(f, a);
          if (next > 0) {
            target = next;
            break;
          }
          if (f === 0) break;
          f = fail[f] as number;
        }
        fail[t] = target;
        dictLink[t] = (term[target] as number) >= 0 ? target : (dictLink[target] as number);
        queue[tail++] = t;
      }
    }
    for (let s = 0; s < stateCount; s++) {
      hasOutput[s] = (term[s] as number) >= 0 || (dictLink[s] as number) >= 0 ? 1 : 0;
    }
    this.fail = fail;
    this.terminal = term;
    this.dictLink = dictLink;
    this.hasOutput = hasOutput;
  }

  private insertEdge(s: number, a: number, t: number): void {
    let h = (Math.imul(s, 0x9e3779b1) ^ Math.imul(a, 0x85ebca6b)) & this.mask;
    while (this.keyState[h] !== EMPTY) h = (h + 1) & this.mask;
    this.keyState[h] = s;
    this.keyChar[h] = a;
    this.value[h] = t;
  }

  /** Transition of a non-root state, or 0 when there is none. */
  private edge(s: number, a: number): number {
    const keyState = this.keyState;
    const keyChar = this.keyChar;
    const mask = this.mask;
    let h = (Math.imul(s, 0x9e3779b1) ^ Math.imul(a, 0x85ebca6b)) & mask;
    for (;;) {
      const ks = keyState[h] as number;
      if (ks === s && keyChar[h] === a) return this.value[h] as number;
      if (ks === EMPTY) return 0;
      h = (h + 1) & mask;
    }
  }

  /**
   * Scan units [0, length) of `units`, appending every (pattern, end) to `hits`
   * (`hits.count` is not reset: the caller decides).
   */
  scan(units: Uint16Array, length: number, hits: HitBuffer): void {
    const alphabet = this.alphabet;
    const rootNext = this.rootNext;
    const fail = this.fail;
    const hasOutput = this.hasOutput;
    const keyState = this.keyState;
    const keyChar = this.keyChar;
    const value = this.value;
    const mask = this.mask;
    let s = 0;
    for (let i = 0; i < length; i++) {
      const a = alphabet[units[i] as number] as number;
      if (a === 0) {
        s = 0;
        continue;
      }
      for (;;) {
        if (s === 0) {
          s = rootNext[a] as number;
          break;
        }
        // Inlined edge(s, a): this loop is the hot path of every poll.
        let h = (Math.imul(s, 0x9e3779b1) ^ Math.imul(a, 0x85ebca6b)) & mask;
        let t = 0;
        for (;;) {
          const ks = keyState[h] as number;
          if (ks === s && keyChar[h] === a) {
            t = value[h] as number;
            break;
          }
          if (ks === EMPTY) break;
          h = (h + 1) & mask;
        }
        if (t > 0) {
          s = t;
          break;
        }
        s = fail[s] as number;
      }
      if (hasOutput[s] === 1) this.report(s, i + 1, hits);
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
