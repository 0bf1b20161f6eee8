import { describe, expect, it } from 'vitest';
import { FEED_CATALOG, findCatalogFeed } from '../../../main/feeds/catalog';

const EXPECTED_IDS = [
  'etnews',
  'zdnet',
  'bloter',
  'ajunews',
  'yna',
  'yna-industry',
  'inews24',
  'newsis',
  'hankyung-it',
  'mk',
  'mt',
  'techm',
  'byline',
  'edaily',
  'boannews',
];

describe('FEED_CATALOG', () => {
  it('lists the fifteen built-in outlets', () => {
    expect(FEED_CATALOG.map((f) => f.id)).toEqual(EXPECTED_IDS);
  });

  it('has unique ids, names and feed addresses', () => {
    const unique = (values: string[]): number => new Set(values).size;
    expect(unique(FEED_CATALOG.map((f) => f.id))).toBe(FEED_CATALOG.length);
    expect(unique(FEED_CATALOG.map((f) => f.url))).toBe(FEED_CATALOG.length);
    expect(unique(FEED_CATALOG.map((f) => f.name))).toBe(FEED_CATALOG.length);
    expect(unique(FEED_CATALOG.map((f) => f.nameEn.toLowerCase()))).toBe(FEED_CATALOG.length);
  });

  it('uses short ASCII slugs for ids', () => {
    for (const feed of FEED_CATALOG) expect(feed.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has only absolute http(s) feed and site addresses', () => {
    for (const feed of FEED_CATALOG) {
      for (const address of [feed.url, feed.siteUrl]) {
        const url = new URL(address);
        expect(['http:', 'https:']).toContain(url.protocol);
        expect(url.hostname).toMatch(/\./);
      }
    }
  });

  it('gives every outlet a Korean or English name and a known category', () => {
    for (const feed of FEED_CATALOG) {
      expect(feed.name.trim()).not.toBe('');
      expect(feed.nameEn).toMatch(/^[\x20-\x7E]+$/);
      expect(['ict', 'general', 'economy', 'security']).toContain(feed.category);
    }
  });

  it('marks 보안뉴스 as EUC-KR and no other outlet', () => {
    expect(FEED_CATALOG.filter((f) => f.encoding === 'euc-kr').map((f) => f.id)).toEqual(['boannews']);
  });

  it('carries the verified addresses', () => {
    const url = (id: string): string | undefined => FEED_CATALOG.find((f) => f.id === id)?.url;
    expect(url('etnews')).toBe('https://rss.etnews.com/Section901.xml');
    expect(url('zdnet')).toBe('https://feeds.feedburner.com/zdkorea');
    expect(url('yna-industry')).toBe('https://www.yna.co.kr/rss/industry.xml');
    expect(url('mt')).toBe('http://rss.mt.co.kr/mt_news.xml');
    expect(url('boannews')).toBe('https://www.boannews.com/media/news_rss.xml');
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(FEED_CATALOG)).toBe(true);
    expect(FEED_CATALOG.every((f) => Object.isFrozen(f))).toBe(true);
    expect(() => {
      (FEED_CATALOG[0] as { url: string }).url = 'https://evil.example/';
    }).toThrow(TypeError);
  });
});

describe('findCatalogFeed', () => {
  it('finds by id, case-insensitively', () => {
    expect(findCatalogFeed('etnews')?.url).toBe('https://rss.etnews.com/Section901.xml');
    expect(findCatalogFeed('ZDNet')?.id).toBe('zdnet');
    expect(findCatalogFeed(' YNA-Industry ')?.id).toBe('yna-industry');
  });

  it('finds by Korean name, with or without spaces', () => {
    expect(findCatalogFeed('전자신문')?.id).toBe('etnews');
    expect(findCatalogFeed('보안뉴스')?.id).toBe('boannews');
    expect(findCatalogFeed('연합뉴스')?.id).toBe('yna');
    expect(findCatalogFeed('연합뉴스 산업')?.id).toBe('yna-industry');
    expect(findCatalogFeed('한국경제IT')?.id).toBe('hankyung-it');
    expect(findCatalogFeed('테크m')?.id).toBe('techm');
  });

  it('finds by English name, case-insensitively', () => {
    expect(findCatalogFeed('ZDNet Korea')?.id).toBe('zdnet');
    expect(findCatalogFeed('zdnet korea')?.id).toBe('zdnet');
    expect(findCatalogFeed('Yonhap News Industry')?.id).toBe('yna-industry');
    expect(findCatalogFeed('BYLINE NETWORK')?.id).toBe('byline');
  });

  it('normalises full-width input the way people type it on a Korean keyboard', () => {
    expect(findCatalogFeed('ＺＤＮｅｔ')?.id).toBe('zdnet');
  });

  it('finds every entry by its own id, name and English name', () => {
    for (const feed of FEED_CATALOG) {
      expect(findCatalogFeed(feed.id)).toBe(feed);
      expect(findCatalogFeed(feed.name)).toBe(feed);
      expect(findCatalogFeed(feed.nameEn)).toBe(feed);
    }
  });

  it('returns undefined for unknown or empty names and does not match partially', () => {
    expect(findCatalogFeed('조선일보')).toBeUndefined();
    expect(findCatalogFeed('')).toBeUndefined();
    expect(findCatalogFeed('   ')).toBeUndefined();
    expect(findCatalogFeed('연합')).toBeUndefined();
    expect(findCatalogFeed('news')).toBeUndefined();
  });
});
