import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { packFeed, unpackFeed } from '../../../main/feeds/packed-feed';
import { processFeedDocument } from '../../../main/feeds/pipeline';
import type { NormalizedFeed, NormalizedItem } from '../../../shared/types';

const fixture = (name: string) => new URL(`../../fixtures/feeds/${name}`, import.meta.url);

async function realFeed(name: string, contentType: string | null = null): Promise<NormalizedFeed> {
  return processFeedDocument({ body: readFileSync(fixture(name)), contentType, url: `https://example.kr/${name}` });
}

function item(overrides: Partial<NormalizedItem>): NormalizedItem {
  return {
    identity: 'urn:1',
    link: null,
    canonicalLink: null,
    title: '카카오브레인 KoGPT',
    author: null,
    publishedAt: null,
    text: '',
    rawHtml: '',
    contentHash: 'x',
    ...overrides,
  };
}

/** V8's full GC, from a test (the flag only exposes `gc` to contexts made after it is set). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('packFeed / unpackFeed (a feed handed from the parse worker to the engine)', () => {
  it('gives back every field of a real Korean feed unchanged', async () => {
    for (const name of ['EUC-KR__blog.rss.naver.com.xml', 'CP949__ricanet.com.xml', 'atom.xml']) {
      const feed = await realFeed(name);
      expect(feed.items.length).toBeGreaterThan(0);
      expect(unpackFeed(packFeed(feed))).toStrictEqual(feed);
    }
  });

  it('keeps nulls, numbers, booleans, an absent carriesArticle and text a JSON parser could trip on', () => {
    const feed: NormalizedFeed = {
      format: 'rss',
      encoding: 'cp949',
      title: '전자신문 "속보"',
      titleIsFallback: false,
      siteUrl: null,
      ttlMinutes: 30,
      items: [
        item({ publishedAt: Date.UTC(2026, 11, 5, 0, 1, 40), carriesArticle: true, text: '줄\n바꿈\t탭 \\ 역슬래시 "따옴표" \u2028 😀' }),
        item({ identity: 'urn:2', publishedAt: -1, carriesArticle: false, author: '홍길동 기자' }),
        item({ identity: 'urn:3', rawHtml: '<p onclick="x()">&amp;</p>', link: 'https://example.kr/a?b=1&c=2' }),
      ],
    };
    const back = unpackFeed(packFeed(feed));
    expect(back).toStrictEqual(feed);
    expect('carriesArticle' in back.items[2]!).toBe(false);
  });

  it('holds nothing of the feed once it has been packed', async () => {
    // Packing with node:v8's serialize kept each feed reachable until a later GC collected the
    // Serializer, and the parse worker promoted every feed to its old generation (issue 14).
    let probe: WeakRef<NormalizedItem> | undefined;
    let packed = '';
    await (async () => {
      const feed = await realFeed('EUC-KR__blog.rss.naver.com.xml');
      probe = new WeakRef(feed.items[0]!);
      packed = packFeed(feed);
    })();
    // A WeakRef keeps its target until the task that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(probe!.deref()).toBeUndefined();
    expect(unpackFeed(packed).items.length).toBeGreaterThan(0);
  });
});
