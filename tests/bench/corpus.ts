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

/**
 * Words as news has them: a large everyday vocabulary (pseudo-words of 2–3 syllables, so the
 * trigram and title statistics look like real text) and the watched names and topics at the rates
 * they appear in ICT news — 카카오브레인 in about 1 article of 200, not in every one.
 */
const SYLLABLES =
  '가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초코토포호구누두루무부수우주추쿠투푸후기니디리미비시이지치키티피히개내대래매배새애재채';
function vocabulary(size: number, make: () => string): string[] {
  return Array.from({ length: size }, make);
}
const HOT_KO: Array<[string, number]> = [
  ['카카오브레인', 0.005],
  ['KoGPT', 0.003],
  ['퇴사', 0.01],
  ['삼성전자', 0.02],
  ['반도체', 0.02],
  ['네이버', 0.02],
  ['클라우드', 0.015],
  ['AI', 0.05],
  ['규제', 0.01],
  ['LLM', 0.005],
  ['거대언어모델', 0.004],
  ['보안', 0.01],
  ['해킹', 0.004],
  ['투자', 0.02],
  ['광고', 0.01],
  ['상장', 0.006],
  ['스타트업', 0.01],
  ['데이터센터', 0.006],
  ['자율주행', 0.004],
  ['로봇', 0.006],
  ['배터리', 0.006],
  ['전기차', 0.006],
  ['5G', 0.004],
  ['통신', 0.01],
  ['게임', 0.01],
  ['웹툰', 0.004],
  ['콘텐츠', 0.01],
  ['특허', 0.004],
  ['소송', 0.004],
  ['인수', 0.005],
  ['합병', 0.003],
  ['OpenAI', 0.003],
  ['오픈AI', 0.003],
  ['매출', 0.02],
  ['영업이익', 0.01],
  ['정부', 0.02],
  ['발표', 0.03],
  ['카카오', 0.02],
  ['대표', 0.02],
];
const EN_WORDS =
  'the a of to in and for on with as by at from that this new its said will has are was were market company companies users service services data model models growth quarter year report plan deal share shares'.split(
    ' ',
  );
const HOT_EN: Array<[string, number]> = [
  ['Samsung', 0.02],
  ['Naver', 0.01],
  ['Kakao', 0.01],
  ['AI', 0.05],
  ['LLM', 0.005],
  ['OpenAI', 0.004],
  ['KoGPT', 0.002],
  ['chip', 0.01],
  ['cloud', 0.01],
];

function sentence(rand: () => number, words: string[], hot: Array<[string, number]>, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[Math.floor(rand() * words.length)]!);
  for (const [term, rate] of hot) if (rand() < rate * (n / 40)) out.splice(Math.floor(rand() * out.length), 0, term);
  return out.join(' ');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function buildCorpus(feedCount = 500, itemsPerFeed = 100): CorpusFeed[] {
  const rand = seeded(42);
  const koWords = vocabulary(3000, () =>
    Array.from({ length: 2 + Math.floor(rand() * 2) }, () => SYLLABLES[Math.floor(rand() * SYLLABLES.length)]).join(''),
  );
  const enWords = [
    ...EN_WORDS,
    ...vocabulary(1500, () =>
      Array.from({ length: 4 + Math.floor(rand() * 5) }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rand() * 26)]).join(''),
    ),
  ];
  const feeds: CorpusFeed[] = [];
  const base = Date.UTC(2026, 10, 27, 0, 0);
  for (let f = 0; f < feedCount; f++) {
    const korean = f % 5 !== 4;
    const words = korean ? koWords : enWords;
    const hot = korean ? HOT_KO : HOT_EN;
    const atom = f % 4 === 3;
    const eucKr = korean && f % 25 === 0;
    const items: string[] = [];
    for (let i = 0; i < itemsPerFeed; i++) {
      const title = sentence(rand, words, hot, 6 + Math.floor(rand() * 5));
      const body = `<p>${sentence(rand, words, hot, 25)}</p><p>${sentence(rand, words, hot, 20)}<br/>${sentence(rand, words, hot, 10)}</p>`;
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
