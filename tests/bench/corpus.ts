/**
 * The benchmark corpus: 500 feeds × 100 items, Korean and English, RSS 2.0 and Atom, a few in
 * EUC-KR. Deterministic (seeded), so runs compare.
 */
import iconv from 'iconv-lite';

export interface CorpusFeed {
  path: string;
  body: Buffer;
  contentType: string;
  etag: string;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const KO_WORDS =
  '카카오브레인 대표 퇴사 인공지능 반도체 삼성전자 네이버 클라우드 데이터센터 투자 발표 정부 규제 시장 성장 서비스 출시 개발자 플랫폼 보안 해킹 스타트업 유니콘 상장 매출 영업이익 전년 대비 증가 감소 협력 계약 체결 글로벌 확대 전략 공개 기술 특허 소송 인수 합병 통신 요금 5G 6G 배터리 전기차 자율주행 로봇 메타버스 게임 콘텐츠 웹툰 구독 광고 검색 포털 생성형 거대언어모델'.split(' ');
const EN_WORDS =
  'AI chip startup Samsung Naver Kakao cloud data center investment launch model LLM KoGPT GPT OpenAI security breach government regulation market growth semiconductor battery robot platform developer revenue profit quarter deal acquisition'.split(' ');

function sentence(rand: () => number, words: string[], n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(rand() * words.length)]!);
  return out.join(' ');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function buildCorpus(feedCount = 500, itemsPerFeed = 100): CorpusFeed[] {
  const rand = seeded(42);
  const feeds: CorpusFeed[] = [];
  const base = Date.UTC(2026, 10, 27, 0, 0);
  for (let f = 0; f < feedCount; f++) {
    const korean = f % 5 !== 4;
    const words = korean ? KO_WORDS : EN_WORDS;
    const atom = f % 4 === 3;
    const eucKr = korean && f % 25 === 0;
    const items: string[] = [];
    for (let i = 0; i < itemsPerFeed; i++) {
      const title = sentence(rand, words, 6 + Math.floor(rand() * 5));
      const body = `<p>${sentence(rand, words, 25)}</p><p>${sentence(rand, words, 20)}<br/>${sentence(rand, words, 10)}</p>`;
      const when = new Date(base + (f * itemsPerFeed + i) * 1000);
      const link = `https://news${f}.example.kr/article/${f * 1000 + i}`;
      items.push(
        atom
          ? `<entry><id>urn:bench:${f}:${i}</id><title>${esc(title)}</title><link rel="alternate" href="${link}"/><published>${when.toISOString()}</published><updated>${when.toISOString()}</updated><author><name>기자 ${i}</name></author><content type="html">${esc(body)}</content></entry>`
          : `<item><title>${esc(title)}</title><link>${link}</link><guid>${link}</guid><pubDate>${when.toUTCString()}</pubDate><dc:creator>기자 ${i}</dc:creator><description><![CDATA[${body}]]></description></item>`,
      );
    }
    const encoding = eucKr ? 'EUC-KR' : 'UTF-8';
    const xml = atom
      ? `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Bench ${f}</title><id>urn:bench:${f}</id><updated>${new Date(base).toISOString()}</updated>\n${items.join('\n')}\n</feed>`
      : `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>벤치 피드 ${f}</title><link>https://news${f}.example.kr/</link><description>bench</description>\n${items.join('\n')}\n</channel></rss>`;
    const body = eucKr ? iconv.encode(xml, 'cp949') : Buffer.from(xml, 'utf8');
    feeds.push({
      path: `/feed/${f}.xml`,
      body,
      contentType: atom ? 'application/atom+xml' : `application/rss+xml; charset=${encoding.toLowerCase()}`,
      etag: `"bench-${f}"`,
    });
  }
  return feeds;
}
