/**
 * "Is this headline the same news as that one?" — pure functions over titles, no I/O.
 *
 * Outlets carry one story under different links and slightly different headlines
 * ("[단독]카카오브레인 김일두 대표 사임" / "카카오브레인 김일두 대표 사임…"새로운 도전" - ZDNet Korea").
 * A title is reduced to a set of features and two sets are compared with a measured score.
 *
 * 1. Normalise (`normalizeTitle`): NFKC, lower case; drop what is about the outlet rather than the
 *    news: bracketed tags ([단독], [속보], <종합>, (1보), [아이뉴스24 홍길동 기자]), an outlet suffix
 *    (" - 전자신문", " | ZDNet Korea", a CMS breadcrumb " < 유통 < 기사본문 - 디지털투데이"), a trailing
 *    byline ("홍길동 기자"); punctuation becomes a space, a decimal point between digits stays.
 * 2. Features (`titleFeatures`): each word loses a trailing particle (카카오브레인이 → 카카오브레인) and is
 *    split into script runs. A Hangul/CJK run gives its character bigrams (a one-syllable run gives
 *    itself) plus one "word end" feature, so a longer name that merely starts like a shorter one
 *    (카카오 / 카카오브레인) differs on both sides. A Latin/digit run ("ceo", "hbm4", "s24") gives itself
 *    and its end, i.e. weighs like a two-syllable Hangul word. Spacing barely matters (AI기본법 = AI 기본법).
 * 3. Score (`titleSimilarity`): with i shared features and a, b features only in A, only in B,
 *        score = i / (i + ADDITION_WEIGHT · (a + b) + SUBSTITUTION_PENALTY · min(a, b))
 *    — a Jaccard index that is lenient with additions and hard on substitutions. Two outlets'
 *    headlines for one story mostly add or drop words (a name, a quote, "…후임 내정"); two different
 *    stories that look alike substitute one (카카오브레인/카카오뱅크, 대만/일본, 데이터/AI). min(a, b)
 *    counts the substituted features: it is 0 when one title only adds to the other.
 * 4. Guards (`guardsAgainst`), each a cheap reason to keep two titles apart whatever the score:
 *    - numbers: each title has a number the other lacks (3분기/4분기, S24/S25, GPT-5/GPT-4o, 2나노/3나노);
 *    - subject: neither title mentions the other's first word (쿠팡, … / SK텔레콤, … on one template);
 *    - direction: a negation or reversal word on one side only (안 한다, 철회, 연기, 취소, 기각, 부결,
 *      연임) or opposite directions (급등/급락, 흑자/적자, 사임/선임) — "매각 추진" vs "매각 추진 안 한다"
 *      differ only by an addition, so the score alone would merge them.
 *
 * Tuning: ADDITION_WEIGHT = 0.5, SUBSTITUTION_PENALTY = 6, SAME_STORY_THRESHOLD = 0.5, chosen by a
 * grid over (0.25–1) × (1–8) on tests/fixtures/headlines/ko-pairs.json: 72 labelled pairs of Korean
 * ICT headlines, 37 the same story from different outlets, 35 look-alikes that are different news.
 * This setting leaves the widest gap: every look-alike the guards let through scores ≤ 0.481
 * (카카오페이 … 일본으로 / 미국으로 확대), every same-story pair not marked hard scores ≥ 0.517, and the
 * threshold sits in between. Result: precision 1.0, recall 32/37 = 0.865. The five misses are marked
 * "hard" in the fixture and left apart on purpose: the same sum written two ways (2조4천억원 / 2.4조),
 * a paraphrase (물러나 / 사임), an alias (SK텔레콤 / SKT), and two short titles with one substituted
 * word (국내 / 정부에; a dropped subject plus a new clause) that are shaped exactly like look-alikes.
 * In effect one substituted word is tolerated only in titles sharing about 14 features (5–6 words).
 * When in doubt, two articles stay two stories: a wrong merge hides news (only the first article of
 * a story notifies), a missed merge costs one extra line in the inbox. See docs/story-grouping.md.
 */

/** The score at or above which two titles (without a guard against them) are one story. */
export const SAME_STORY_THRESHOLD = 0.5;
/** Weight of a feature only one title has (an addition): headlines of one story add and drop words. */
export const ADDITION_WEIGHT = 0.5;
/** Extra weight of a substituted feature (one on each side): look-alike stories substitute a word. */
export const SUBSTITUTION_PENALTY = 6;

export interface TitleFeatures {
  /** Distinct features, ascending (small integers, see addRun); a typed array keeps 50 000 titles compact. */
  readonly features: Int32Array;
  /** Distinct numbers in the title ("3", "9.1", "2024"), sorted, for the number guard. */
  readonly numbers: readonly string[];
  /** Negation / reversal markers present (see DIRECTION_MARKERS), for the direction guard. */
  readonly direction: readonly string[];
  /** The first word (particle stripped), usually who the news is about: "쿠팡, …", "sk텔레콤 …". */
  readonly subject: string;
  /** The normalised title without spaces, to look the other title's subject up in. */
  readonly compact: string;
  /** Its words, particles stripped: a subject found only as the start of a longer word is not found. */
  readonly words: readonly string[];
}

// ---- normalisation --------------------------------------------------------------------------

/** Tags outlets put in brackets anywhere in a title; a bracket at the very start is dropped whatever it says. */
const TAG =
  /^(단독|속보|긴급|종합|상보|\d*보|종합\s*\d*보|\d+판|포토|사진|영상|그래픽|르포|인터뷰|기획|칼럼|사설|해설|뉴스\S*|일문일답|팩트체크|업데이트|update|updated|breaking|exclusive|video|photo)$/;
const OPENING = /[[(<〈《【「『［（＜]/;
const BRACKETS = /[[(<〈《【「『［（＜]([^\])>〉》】」』］）＞]{0,40})[\])>〉》】」』］）＞]/g;
const LEADING_BRACKET = /^\s*[[(<〈《【「『]([^\])>〉》】」』]{0,40})[\])>〉》】」』]\s*/;
/** " - 전자신문", " | ZDNet Korea", " :: 블로터": a short tail after a spaced separator names the outlet. */
/** Whatever any rule of cleanTitle needs to see: most titles have none of it. */
const ANY_RULE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff[(<〈《【「『［（＜]|기사본문|\s(?:-|\||::|—|–|ㅣ)\s|(?:기자|특파원)\s*$/;
const SEPARATOR = /\s(?:-|\||::|—|–|ㅣ)\s/;
const OUTLET_SUFFIX = /\s+(?:-|\||::|—|–|ㅣ)\s+[^-|—–]{1,24}$/;
/** Korean CMSs (ndsoft and alike) append "< 섹션 < 기사본문 - 매체". */
const BREADCRUMB = /\s+<\s+[^<]*<\s*기사본문.*$/;
const TRAILING_BYLINE = /\s+[가-힣]{2,4}\s*(?:기자|특파원|선임기자|객원기자)\s*$/;
/**
 * The comparable text of a headline: NFKC, lower case, outlet tags / suffixes / bylines removed,
 * punctuation turned into single spaces. Numbers keep their decimal point ("9.1", "2,400" → "2400").
 */
export function normalizeTitle(title: string): string {
  return scanWords(cleanTitle(title)).join(' ');
}

/** NFKC, lower case, and what names the outlet rather than the news removed; punctuation still there. */
function cleanTitle(title: string): string {
  let t = title.normalize('NFKC').toLowerCase();
  // This runs for every stored article: one test says whether any rule below can apply at all.
  if (!ANY_RULE.test(t)) return t;
  if (/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/.test(t)) t = t.replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '');
  if (t.includes('기사본문')) t = t.replace(BREADCRUMB, '');
  if (SEPARATOR.test(t)) t = t.replace(OUTLET_SUFFIX, '');
  if (OPENING.test(t)) {
    // Leading brackets ([단독], (1보), [블로터], [아이뉴스24 홍길동 기자]) are never the news itself.
    for (let guard = 0; guard < 4; guard++) {
      const next = t.replace(LEADING_BRACKET, '');
      if (next === t) break;
      t = next;
    }
    // Elsewhere only known tags and bylines go ("…사임(종합2보)"), other brackets are content ("(주)").
    t = t.replace(BRACKETS, (whole, inner: string) => (TAG.test(inner.trim()) || /기자$|특파원$/.test(inner.trim()) ? ' ' : whole));
  }
  if (/(?:기자|특파원)\s*$/.test(t)) t = t.replace(TRAILING_BYLINE, '');
  return t;
}

// A hand-written scanner rather than Unicode-property regexes: this runs for every stored article
// (50 000 in a cold poll), and \p{L} matching costs ~10 µs a title in V8 where this costs ~1.

/** Hangul syllables and jamo, CJK ideographs: compared by character bigrams. */
function isHan(c: number): boolean {
  return (
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x3130 && c <= 0x318f) ||
    (c >= 0x3400 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff)
  );
}
const isDigit = (c: number) => c >= 48 && c <= 57;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isWordChar(c: number, ch: string): boolean {
  if (c < 128) return isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return isHan(c) || LETTER_OR_DIGIT.test(ch);
}

/** The words of a cleaned title: letters and digits only; a "." between digits stays, a "," goes (2,400). */
function scanWords(t: string): string[] {
  const words: string[] = [];
  let start = -1;
  let dropComma = false;
  for (let i = 0; i <= t.length; i++) {
    const c = i < t.length ? t.charCodeAt(i) : 32;
    if ((c === 46 || c === 44) && start >= 0 && isDigit(t.charCodeAt(i - 1)) && isDigit(t.charCodeAt(i + 1))) {
      if (c === 44) dropComma = true;
      continue;
    }
    if (i < t.length && isWordChar(c, t[i]!)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const word = t.slice(start, i);
      words.push(dropComma ? word.replace(/,/g, '') : word);
      start = -1;
      dropComma = false;
    }
  }
  return words;
}

// ---- features -------------------------------------------------------------------------------

/** Particles that attach to the end of a Korean word, by their last character; longest first (에서 before 서). */
const PARTICLES = new Map<string, string[]>();
for (const p of [
  '에서는',
  '에서도',
  '으로는',
  '으로',
  '에서',
  '에게',
  '에도',
  '에는',
  '까지',
  '부터',
  '보다',
  '처럼',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '의',
  '에',
  '도',
  '와',
  '과',
  '로',
  '만',
]) {
  const last = p.slice(-1);
  PARTICLES.set(last, [...(PARTICLES.get(last) ?? []), p]);
}

const PARTICLE_ENDS = new Set([...PARTICLES.keys()].map((c) => c.charCodeAt(0)));

function stripParticle(word: string): string {
  if (!PARTICLE_ENDS.has(word.charCodeAt(word.length - 1))) return word;
  const candidates = PARTICLES.get(word.slice(-1));
  if (!candidates) return word;
  for (const p of candidates) {
    // Only when at least two characters remain: 인도, 속도, 사이 stay whole; kt는 → kt.
    if (word.length - p.length >= 2 && word.endsWith(p)) return word.slice(0, -p.length);
  }
  return word;
}

/**
 * Direction markers: negation and words that reverse or undo an event. Two titles where only one
 * says "안 한다" / "철회" / "급락" are different news even when everything else is shared.
 */
const DIRECTION_MARKERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['not', /(?:^| )(?:안|못) |않|아니|없다|없어|사실무근|부인|반박/],
  ['undo', /철회|취소|무산|백지화|불발|보류|중단|연기|종료|해지|폐지|철수/],
  ['reject', /기각|부결|반려|불허|불승인|거부/],
  ['down', /하락|급락|폭락|붕괴|감소|적자|축소|인하|감원|하향/],
  ['up', /상승|급등|폭등|돌파|증가|흑자|확대|인상|상향/],
  ['leave', /사임|사의|사퇴|퇴임|퇴진|물러나|해임|경질|퇴사/],
  ['appoint', /선임|취임|내정|임명|발탁|영입/],
  ['again', /연임|재선임|재선출/],
];

// Features are small integers (V8 "Smis", below 2³⁰), not strings: sets and maps of them are several
// times faster and allocate nothing, and this runs for every stored article. A bigram of two Hangul
// syllables is exact (s1 · 11172 + s2 < 2²⁷); anything else (a single character, a CJK or jamo bigram,
// a Latin/digit token) is a 28-bit FNV-1a hash placed above 2²⁹, where a rare collision can only add
// a shared feature, never hide one. A word end is the same number with END added.
const SYLLABLES = 11172;
const END_HANGUL = SYLLABLES * SYLLABLES;
const HASHED = 2 ** 29;
const END_HASHED = 2 ** 28;

function fnv1a(text: string, start = 0, end = text.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return HASHED + ((h >>> 0) & (END_HASHED - 1));
}

function bigram(word: string, i: number): number {
  const a = word.charCodeAt(i) - 0xac00;
  const b = word.charCodeAt(i + 1) - 0xac00;
  if (a >= 0 && a < SYLLABLES && b >= 0 && b < SYLLABLES) return a * SYLLABLES + b;
  return fnv1a(word, i, i + 2);
}

const endOf = (feature: number) => (feature < HASHED ? END_HANGUL + feature : END_HASHED + feature);

/** Any marker at all: most titles have none, and one test is cheaper than eight. */
const ANY_DIRECTION = new RegExp(DIRECTION_MARKERS.map(([, re]) => re.source).join('|'));

function addRun(word: string, start: number, end: number, han: boolean, features: number[]): void {
  if (han) {
    if (end - start === 1) {
      const single = fnv1a(word, start, end);
      features.push(single);
      features.push(endOf(single));
      return;
    }
    let last = 0;
    for (let i = start; i + 1 < end; i++) features.push((last = bigram(word, i)));
    features.push(endOf(last));
    return;
  }
  while (start < end && word.charCodeAt(start) === 46) start++;
  while (end > start && word.charCodeAt(end - 1) === 46) end--;
  if (start === end) return;
  // A Latin word counts like a two-syllable Hangul word (its bigram + its end): "ai" vs "데이터".
  const token = fnv1a(word, start, end);
  features.push(token);
  features.push(endOf(token));
}

export function titleFeatures(title: string): TitleFeatures {
  const words = scanWords(cleanTitle(title)).map(stripParticle);
  const features: number[] = [];
  for (const word of words) {
    // Runs where the script changes: "z폴드6" → z, 폴드, 6; "sk텔레콤" → sk, 텔레콤.
    let start = 0;
    let han = isHan(word.charCodeAt(0));
    for (let i = 1; i <= word.length; i++) {
      const next = i < word.length && isHan(word.charCodeAt(i));
      if (i === word.length || next !== han) {
        addRun(word, start, i, han, features);
        start = i;
        han = next;
      }
    }
  }
  // Sorting 20–40 small integers and dropping repeats is cheaper than building a Set.
  const sorted = Int32Array.from(features).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return new Title(sorted.slice(0, n), words.join(' '));
}

/**
 * What the guards need is computed on first use: the index keeps every recent title, but the
 * guards run only for the few candidates that share enough features.
 */
class Title implements TitleFeatures {
  private guardData?: { numbers: string[]; direction: string[]; subject: string; compact: string; words: string[] };

  constructor(
    readonly features: Int32Array,
    private readonly text: string,
  ) {}

  private get data() {
    if (!this.guardData) {
      const text = this.text;
      const words = text ? text.split(' ') : [];
      this.guardData = {
        numbers: [...new Set(text.match(/\d+(?:\.\d+)*/g) ?? [])].sort(),
        direction: ANY_DIRECTION.test(text) ? DIRECTION_MARKERS.filter(([, re]) => re.test(text)).map(([name]) => name) : [],
        subject: words.find((w) => w.length >= 2 && /[^\d.]/.test(w)) ?? '',
        compact: words.join(''),
        words,
      };
    }
    return this.guardData;
  }

  get numbers() {
    return this.data.numbers;
  }
  get direction() {
    return this.data.direction;
  }
  get subject() {
    return this.data.subject;
  }
  get compact() {
    return this.data.compact;
  }
  get words() {
    return this.data.words;
  }
}

// ---- comparison -----------------------------------------------------------------------------

/** |A ∩ B| of two ascending arrays of distinct items (features, numbers): one merge, no allocation. */
export function sharedCount<T extends number | string>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** The substitution-penalised Jaccard score of two feature-set sizes and their overlap. */
export function scoreFromCounts(sizeA: number, sizeB: number, shared: number): number {
  if (shared === 0) return 0;
  const onlyA = sizeA - shared;
  const onlyB = sizeB - shared;
  return shared / (shared + ADDITION_WEIGHT * (onlyA + onlyB) + SUBSTITUTION_PENALTY * Math.min(onlyA, onlyB));
}

export function titleSimilarity(a: TitleFeatures, b: TitleFeatures): number {
  return scoreFromCounts(a.features.length, b.features.length, sharedCount(a.features, b.features));
}

/** Each side holds an item the other lacks: 3분기 / 4분기. One side adding items is no conflict. */
function eachHasItsOwn(a: readonly string[], b: readonly string[]): boolean {
  const shared = sharedCount(a, b);
  return shared < a.length && shared < b.length;
}

/** Markers that reverse an event: present on one side only, the two titles tell different news. */
const REVERSALS = ['not', 'undo', 'reject', 'again'];
/** Opposite directions: one title only up and the other only down (or leave / appoint) is different news. */
const OPPOSITES: ReadonlyArray<readonly [string, string]> = [
  ['up', 'down'],
  ['leave', 'appoint'],
];

function opposed(a: readonly string[], b: readonly string[], [x, y]: readonly [string, string]): boolean {
  const side = (d: readonly string[]) => (d.includes(x) ? (d.includes(y) ? 'both' : x) : d.includes(y) ? y : 'none');
  const sa = side(a);
  const sb = side(b);
  return (sa === x && sb === y) || (sa === y && sb === x);
}

/**
 * Does the title mention this subject? Spacing may differ ("ai기본법" in "ai 기본법"), but a subject
 * that only starts a longer word is another name: 카카오 is not mentioned by "카카오브레인 대표 사임".
 */
function mentions(title: TitleFeatures, subject: string): boolean {
  if (!title.compact.includes(subject)) return false;
  return title.words.includes(subject) || !title.words.some((w) => w.length > subject.length && w.startsWith(subject));
}

/** The reasons that keep two titles apart whatever their score. */
export function guardsAgainst(a: TitleFeatures, b: TitleFeatures): boolean {
  if (eachHasItsOwn(a.numbers, b.numbers)) return true;
  // Subject: neither title mentions the other's first word (쿠팡 / sk텔레콤 …, the same template).
  if (a.subject && b.subject && !mentions(b, a.subject) && !mentions(a, b.subject)) return true;
  if (REVERSALS.some((r) => a.direction.includes(r) !== b.direction.includes(r))) return true;
  return OPPOSITES.some((pair) => opposed(a.direction, b.direction, pair));
}

/**
 * The smallest overlap a title of `size` features can have with another and still reach the
 * threshold: the index counts shared features and verifies only candidates with this many.
 * The best case for a given overlap s is a candidate that adds nothing: s / (s + w · (size − s)) ≥ t
 * ⇔ s ≥ t · w · size / (1 − t + t · w)  (w = ADDITION_WEIGHT; a third of the features at t = w = 0.5).
 */
export function minSharedFor(size: number): number {
  const t = SAME_STORY_THRESHOLD;
  const w = ADDITION_WEIGHT;
  return Math.max(1, Math.ceil((t * w * size) / (1 - t + t * w) - 1e-9));
}

export function sameStory(a: TitleFeatures, b: TitleFeatures): boolean {
  return !guardsAgainst(a, b) && titleSimilarity(a, b) >= SAME_STORY_THRESHOLD;
}
