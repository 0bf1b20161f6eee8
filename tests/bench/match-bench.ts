/**
 * Matching throughput: 10, 100, 1 000 and 10 000 keywords (one watchlist each, some with AND/OR
 * and NOT) against 100 000 synthetic ~280-character Korean/English articles.
 * Deterministic (seeded PRNG), so figures are comparable between runs.
 * Target (issue 3): ≥ 100 000 articles/s at 1 000 keywords; 10 000 keywords within 3× the cost of 10.
 */
import { compileWatchlists, type MatchInput, type WatchlistRule } from '../../shared/match';

export interface MatchBenchRow {
  keywords: number;
  articles: number;
  /**
   * Wall-clock articles per second, the median over 10 equal slices of the articles (the keyword
   * counts take turns slice by slice), so a burst of other work on a shared machine does not
   * decide the figure.
   */
  articlesPerSecond: number;
  /** The same per second of this process's CPU time: what the code costs when it has a core. */
  cpuPerSecond: number;
  /** Compile time of all watchlists, ms. */
  compileMs: number;
  /** Total watchlist matches found (sanity: the benchmark does real work). */
  matches: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  ...'가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후기니디리미비시이지치키티피히개내대래매배새애재채캐태패해강남당랑망방상앙장창캉탕팡항경녕령명병성영정청켱형국눅둑룩묵북숙욱죽축민빈신인진친한산란만반안전선연현원권순윤준훈석혁철영호희수정은주미래솔빛별',
];
const KOREAN_FILLER = (
  '정부 기술 발표 시장 기업 서비스 투자 개발 플랫폼 인공지능 데이터 클라우드 반도체 통신 보안 출시 협력 확대 ' +
  '지원 사업 계획 올해 지난해 업계 관계자 따르면 밝혔다 예정이다 했다 있다 것으로 대한 위해 통해 이번 ' +
  '글로벌 국내 해외 매출 영업이익 분기 실적 성장 전략 고객 사용자 모델 생성형 검색 광고 콘텐츠 게임 ' +
  '금융 결제 모바일 네트워크 장비 공급 계약 체결 인수 합병 대표 임원 사임 선임 이사회 주주 발행 상장'
).split(' ');
const PARTICLES = ['은', '는', '이', '가', '을', '를', '의', '에', '에서', '와', '과', '도', '로', ''];
const ENGLISH_FILLER = (
  'the of and to in for on with said cloud platform model data service open source market growth launch ' +
  'partner chip memory network security startup funding report users search mobile payment device'
).split(' ');

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

/** A universe of entity names (Korean names, English names, acronyms, mixed): keywords and mentions come from it. */
function entityUniverse(size: number, rand: () => number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  while (out.length < size) {
    const r = rand();
    let name = '';
    if (r < 0.6) {
      const n = 2 + Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) name += pick(rand, SYLLABLES);
    } else if (r < 0.85) {
      name = pick(rand, [...upper]);
      const n = 3 + Math.floor(rand() * 6);
      for (let i = 0; i < n; i++) name += pick(rand, [...lower]);
    } else if (r < 0.95) {
      const n = 2 + Math.floor(rand() * 3);
      for (let i = 0; i < n; i++) name += pick(rand, [...upper]);
    } else {
      name = pick(rand, SYLLABLES) + pick(rand, SYLLABLES);
      for (let i = 0; i < 3; i++) name += pick(rand, [...upper]);
    }
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out;
}

function makeArticle(rand: () => number, entities: readonly string[]): MatchInput {
  const words: string[] = [];
  let length = 0;
  const target = 260 + Math.floor(rand() * 40);
  while (length < target) {
    const r = rand();
    let w: string;
    if (r < 0.04) w = pick(rand, entities) + pick(rand, PARTICLES);
    else if (r < 0.8) w = pick(rand, KOREAN_FILLER) + pick(rand, PARTICLES);
    else w = pick(rand, ENGLISH_FILLER);
    words.push(w);
    length += w.length + 1;
  }
  const text = words.join(' ');
  const title = words.slice(0, 8).join(' ');
  return { title, text, source: '테크뉴스', feedId: 1 + Math.floor(rand() * 20) };
}

let cached: { articles: MatchInput[]; entities: string[] } | null = null;

function corpus(articleCount: number): { articles: MatchInput[]; entities: string[] } {
  if (cached && cached.articles.length === articleCount) return cached;
  const rand = mulberry32(20240623);
  const entities = entityUniverse(20_000, rand);
  const articles: MatchInput[] = [];
  for (let i = 0; i < articleCount; i++) articles.push(makeArticle(rand, entities));
  cached = { articles, entities };
  return cached;
}

function rulesFor(keywords: readonly string[]): WatchlistRule[] {
  return keywords.map((k, i) => {
    if (i % 10 === 3) return { id: i, query: `${k} (사임 OR 선임)` };
    if (i % 10 === 7) return { id: i, query: `${k} -광고`, muteTerms: ['게임'] };
    if (i % 10 === 9) return { id: i, query: `title:${k}`, feedIds: [1, 2, 3, 4, 5] };
    return { id: i, query: k };
  });
}

export async function benchMatching(options: { keywordCounts?: number[]; articles?: number } = {}): Promise<MatchBenchRow[]> {
  const keywordCounts = options.keywordCounts ?? [10, 100, 1_000, 10_000];
  const { articles, entities } = corpus(options.articles ?? 100_000);
  const runs = keywordCounts.map((count) => {
    const t0 = performance.now();
    const matcher = compileWatchlists(rulesFor(entities.slice(0, count)));
    const compileMs = performance.now() - t0;
    if (matcher.errors.length > 0) throw new Error(`bench rules failed to compile: ${JSON.stringify(matcher.errors[0])}`);
    for (let i = 0; i < Math.min(5_000, articles.length); i++) matcher.match(articles[i] as MatchInput); // warm-up
    return { count, matcher, compileMs, wallRates: [] as number[], cpuRates: [] as number[], matches: 0 };
  });
  // The keyword counts take turns slice by slice, so a burst of other work on this shared
  // machine hits all of them alike instead of deciding one figure.
  const slices = 10;
  const sliceSize = Math.ceil(articles.length / slices);
  for (let from = 0; from < articles.length; from += sliceSize) {
    const to = Math.min(articles.length, from + sliceSize);
    for (const run of runs) {
      const wallStart = performance.now();
      const cpuStart = process.cpuUsage();
      let matches = 0;
      for (let i = from; i < to; i++) matches += run.matcher.match(articles[i] as MatchInput).length;
      const cpu = process.cpuUsage(cpuStart);
      const wallMs = performance.now() - wallStart;
      run.matches += matches;
      run.wallRates.push(((to - from) / Math.max(wallMs, 0.001)) * 1000);
      run.cpuRates.push(((to - from) / Math.max((cpu.user + cpu.system) / 1000, 0.001)) * 1000);
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return runs.map((run) => ({
    keywords: run.count,
    articles: articles.length,
    articlesPerSecond: Math.round(median(run.wallRates)),
    cpuPerSecond: Math.round(median(run.cpuRates)),
    compileMs: Math.round(run.compileMs),
    matches: run.matches,
  }));
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
