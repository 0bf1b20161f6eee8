/**
 * Korean news outlets by web host, for naming the outlet of a search result: the Naver News API
 * gives only the article's own URL (`originallink`), and "N개 언론사" must count 전자신문 once
 * whether its article came through a feed, Google News or Naver.
 *
 * A host matches an entry when it is one of the entry's hosts or a subdomain of one
 * (www., m., news., biz. …); the longest matching host wins, so biz.chosun.com is 조선비즈 and
 * www.chosun.com is 조선일보. A host that is not in the table is its own name, without "www.".
 */
import { nameKey } from '../feeds/catalog';

export interface Outlet {
  /** The outlet's name as readers know it ("전자신문"), or the host when it is not in the table. */
  name: string;
  /** The article's host, lower-case, without "www." ("etnews.com"); null when the URL had none. */
  host: string | null;
}

/** Name, then its hosts (the first is the outlet's main site: Google's `site:` uses it). */
const OUTLETS: ReadonlyArray<readonly [string, ...string[]]> = [
  // ICT and business press first: the outlets Nunchi's users watch most.
  ['전자신문', 'etnews.com'],
  ['지디넷코리아', 'zdnet.co.kr'],
  ['블로터', 'bloter.net'],
  ['아주경제', 'ajunews.com'],
  ['연합뉴스', 'yna.co.kr', 'yonhapnews.co.kr'],
  ['연합인포맥스', 'einfomax.co.kr'],
  ['아이뉴스24', 'inews24.com'],
  ['더벨', 'thebell.co.kr'],
  ['디지털데일리', 'ddaily.co.kr'],
  ['이투데이', 'etoday.co.kr'],
  ['디지털타임스', 'dt.co.kr'],
  ['디지털투데이', 'digitaltoday.co.kr'],
  ['한국경제', 'hankyung.com'],
  ['한국경제TV', 'wowtv.co.kr'],
  ['매일경제', 'mk.co.kr'],
  ['조선비즈', 'biz.chosun.com'],
  ['IT조선', 'it.chosun.com'],
  ['조선일보', 'chosun.com'],
  ['인베스트조선', 'investchosun.com'],
  ['머니투데이', 'mt.co.kr'],
  ['머니S', 'moneys.mt.co.kr', 'moneys.co.kr'],
  ['뉴시스', 'newsis.com'],
  ['뉴스1', 'news1.kr'],
  ['서울경제', 'sedaily.com'],
  ['헤럴드경제', 'heraldcorp.com'],
  ['보안뉴스', 'boannews.com'],
  ['데일리시큐', 'dailysecu.com'],
  ['테크M', 'techm.kr'],
  ['테크42', 'tech42.co.kr'],
  ['바이라인네트워크', 'byline.network'],
  ['디일렉', 'thelec.kr'],
  ['AI타임스', 'aitimes.com'],
  ['CIO Korea', 'ciokorea.com'],
  ['컴퓨터월드', 'comworld.co.kr'],
  ['IT동아', 'it.donga.com'],
  ['동아일보', 'donga.com'],
  ['플래텀', 'platum.kr'],
  ['벤처스퀘어', 'venturesquare.net'],
  ['이데일리', 'edaily.co.kr'],
  ['파이낸셜뉴스', 'fnnews.com'],
  ['아시아경제', 'asiae.co.kr'],
  ['아시아투데이', 'asiatoday.co.kr'],
  ['비즈니스포스트', 'businesspost.co.kr'],
  ['뉴스핌', 'newspim.com'],
  ['뉴스웨이', 'newsway.co.kr'],
  ['뉴스토마토', 'newstomato.com'],
  ['딜사이트', 'dealsite.co.kr'],
  ['팍스넷뉴스', 'paxnetnews.com'],
  ['서울파이낸스', 'seoulfn.com'],
  ['이코노미스트', 'economist.co.kr'],
  ['중앙일보', 'joongang.co.kr'],
  ['한겨레', 'hani.co.kr'],
  ['경향신문', 'khan.co.kr'],
  ['한국일보', 'hankookilbo.com'],
  ['국민일보', 'kmib.co.kr'],
  ['서울신문', 'seoul.co.kr'],
  ['세계일보', 'segye.com'],
  ['문화일보', 'munhwa.com'],
  ['뉴데일리', 'newdaily.co.kr'],
  ['데일리안', 'dailian.co.kr'],
  ['노컷뉴스', 'nocutnews.co.kr'],
  ['KBS', 'kbs.co.kr'],
  ['MBC', 'imbc.com'],
  ['SBS', 'sbs.co.kr'],
  ['YTN', 'ytn.co.kr'],
  ['JTBC', 'jtbc.co.kr'],
  ['블록미디어', 'blockmedia.co.kr'],
];

/** Every host with its outlet's name, longest host first (so a subdomain entry beats its parent). */
const BY_HOST: ReadonlyArray<readonly [host: string, name: string]> = OUTLETS.flatMap(([name, ...hosts]) =>
  hosts.map((host) => [host, name] as const),
).sort((a, b) => b[0].length - a[0].length);

/** How many outlets the table knows (tests hold it to the "at least 30"). */
export const KNOWN_OUTLET_COUNT = OUTLETS.length;

/** A URL's host, lower-case, without a trailing dot or a leading "www."; null when it has none. */
export function articleHost(url: string | null | undefined): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  return host === '' ? null : host;
}

/** The outlet's name for a host, from the table; null when the table does not know it. */
export function outletNameForHost(host: string): string | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  for (const [known, name] of BY_HOST) {
    if (h === known || h.endsWith(`.${known}`)) return name;
  }
  return null;
}

/** The outlet of an article, from its own URL: the table's name, else the host itself. */
export function outletForUrl(url: string | null | undefined): Outlet {
  const host = articleHost(url);
  if (host === null) return { name: '', host: null };
  return { name: outletNameForHost(host) ?? host, host };
}

/**
 * The main sites of the outlets whose name contains `text` (Nunchi's `source:` means "the
 * source's name contains it"), in table order: `source:경제` gives 아주경제, 한국경제, 매일경제 ….
 */
export function outletSitesNamed(text: string): string[] {
  const key = nameKey(text);
  if (key === '') return [];
  return OUTLETS.filter(([name]) => nameKey(name).includes(key)).map(([, site]) => site as string);
}
