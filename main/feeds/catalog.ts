/**
 * The built-in catalog of Korean news feeds a user can switch on by name ("전자신문", "zdnet")
 * instead of hunting for RSS addresses. Addresses were verified in 2026-08; an outlet that moves
 * its feed shows up as a feed error (404/410) for the user and a one-line fix here.
 */

export interface CatalogFeed {
  /** Short ASCII slug, stable: stored settings and the CLI refer to it. */
  id: string;
  name: string;
  nameEn: string;
  url: string;
  siteUrl: string;
  category: 'ict' | 'general' | 'economy' | 'security';
  /** Set only where the server is known to send EUC-KR (CP949); decoding still trusts the headers first. */
  encoding?: 'euc-kr';
}

const ENTRIES: CatalogFeed[] = [
  {
    id: 'etnews',
    name: '전자신문',
    nameEn: 'Electronic Times',
    url: 'https://rss.etnews.com/Section901.xml',
    siteUrl: 'https://www.etnews.com/',
    category: 'ict',
  },
  {
    id: 'zdnet',
    name: '지디넷코리아',
    nameEn: 'ZDNet Korea',
    url: 'https://feeds.feedburner.com/zdkorea',
    siteUrl: 'https://zdnet.co.kr/',
    category: 'ict',
  },
  {
    id: 'bloter',
    name: '블로터',
    nameEn: 'Bloter',
    url: 'https://cdn.bloter.net/rss/gns_allArticle.xml',
    siteUrl: 'https://www.bloter.net/',
    category: 'ict',
  },
  {
    id: 'ajunews',
    name: '아주경제',
    nameEn: 'Aju Business Daily',
    url: 'https://www.ajunews.com/rss/sokbo.xml',
    siteUrl: 'https://www.ajunews.com/',
    category: 'economy',
  },
  {
    id: 'yna',
    name: '연합뉴스',
    nameEn: 'Yonhap News',
    url: 'https://www.yna.co.kr/rss/news.xml',
    siteUrl: 'https://www.yna.co.kr/',
    category: 'general',
  },
  {
    id: 'yna-industry',
    name: '연합뉴스 산업',
    nameEn: 'Yonhap News Industry',
    url: 'https://www.yna.co.kr/rss/industry.xml',
    siteUrl: 'https://www.yna.co.kr/industry/all',
    category: 'economy',
  },
  {
    id: 'inews24',
    name: '아이뉴스24',
    nameEn: 'iNews24',
    url: 'https://www.inews24.com/rss/news_all.xml',
    siteUrl: 'https://www.inews24.com/',
    category: 'ict',
  },
  {
    id: 'newsis',
    name: '뉴시스',
    nameEn: 'Newsis',
    url: 'https://www.newsis.com/RSS/sokbo.xml',
    siteUrl: 'https://www.newsis.com/',
    category: 'general',
  },
  {
    id: 'hankyung-it',
    name: '한국경제 IT',
    nameEn: 'Korea Economic Daily IT',
    url: 'https://www.hankyung.com/feed/it',
    siteUrl: 'https://www.hankyung.com/it',
    category: 'ict',
  },
  {
    id: 'mk',
    name: '매일경제',
    nameEn: 'Maeil Business News',
    url: 'https://www.mk.co.kr/rss/30000001/',
    siteUrl: 'https://www.mk.co.kr/',
    category: 'economy',
  },
  {
    id: 'mt',
    name: '머니투데이',
    nameEn: 'Money Today',
    url: 'http://rss.mt.co.kr/mt_news.xml',
    siteUrl: 'https://news.mt.co.kr/',
    category: 'economy',
  },
  {
    id: 'techm',
    name: '테크M',
    nameEn: 'TechM',
    url: 'https://www.techm.kr/rss/allArticle.xml',
    siteUrl: 'https://www.techm.kr/',
    category: 'ict',
  },
  {
    id: 'byline',
    name: '바이라인네트워크',
    nameEn: 'Byline Network',
    url: 'https://byline.network/feed/',
    siteUrl: 'https://byline.network/',
    category: 'ict',
  },
  {
    id: 'edaily',
    name: '이데일리',
    nameEn: 'eDaily',
    url: 'http://rss.edaily.co.kr/edaily_news.xml',
    siteUrl: 'https://www.edaily.co.kr/',
    category: 'economy',
  },
  {
    id: 'boannews',
    name: '보안뉴스',
    nameEn: 'Boannews',
    url: 'https://www.boannews.com/media/news_rss.xml',
    siteUrl: 'https://www.boannews.com/',
    category: 'security',
    encoding: 'euc-kr',
  },
];

/** Frozen, so no caller can rename or re-point a shared entry at run time. */
export const FEED_CATALOG: readonly CatalogFeed[] = Object.freeze(ENTRIES.map((feed) => Object.freeze(feed)));

/** Compare names the way a person types them: NFKC, lower-case, spaces ignored ("ZDNet Korea" = "zdnetkorea", "한국경제IT"). */
export function nameKey(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u00A0\u3000]+/g, '');
}

/** A catalog feed by id, Korean name or English name, case- and spacing-insensitive; undefined when none matches. */
export function findCatalogFeed(nameOrId: string): CatalogFeed | undefined {
  const key = nameKey(nameOrId);
  if (key === '') return undefined;
  // Ids first, so a slug always means exactly one feed even if a name ever collides with it.
  return (
    FEED_CATALOG.find((feed) => feed.id === key) ?? FEED_CATALOG.find((feed) => nameKey(feed.name) === key || nameKey(feed.nameEn) === key)
  );
}
