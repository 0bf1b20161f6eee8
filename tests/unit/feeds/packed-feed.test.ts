import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { MessageChannel } from 'node:worker_threads';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { packFeed, unpackFeed, type PackedFeed } from '../../../main/feeds/packed-feed';
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

/** What the engine's thread receives: the packed feed after postMessage's copy (structuredClone runs the same serializer). */
function handedOver(feed: NormalizedFeed): NormalizedFeed {
  return unpackFeed(structuredClone(packFeed(feed)));
}

describe('packFeed / unpackFeed (a feed handed from the parse worker to the engine)', () => {
  it('gives back every field of a real Korean feed unchanged', async () => {
    for (const name of ['EUC-KR__blog.rss.naver.com.xml', 'CP949__ricanet.com.xml', 'atom.xml']) {
      const feed = await realFeed(name);
      expect(feed.items.length).toBeGreaterThan(0);
      expect(handedOver(feed)).toStrictEqual(feed);
    }
  });

  it('gives every field back in its own place', () => {
    const distinct: NormalizedItem = {
      identity: 'urn:identity',
      link: 'https://example.kr/link',
      canonicalLink: 'https://example.kr/canonical',
      title: '제목',
      author: '기자',
      publishedAt: 1_765_000_000_000,
      text: '본문',
      rawHtml: '<p>본문</p>',
      contentHash: 'hash',
      carriesArticle: true,
    };
    const feed: NormalizedFeed = {
      format: 'atom',
      encoding: 'utf-8',
      title: '피드',
      titleIsFallback: true,
      siteUrl: 'https://example.kr/',
      ttlMinutes: null,
      items: [distinct, { ...distinct, identity: 'urn:second', carriesArticle: false }],
    };
    expect(handedOver(feed)).toStrictEqual(feed);
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
    const back = handedOver(feed);
    expect(back).toStrictEqual(feed);
    expect('carriesArticle' in back.items[2]!).toBe(false);
  });

  it('holds nothing of the feed once postMessage has sent it', async () => {
    // Packing with node:v8's serialize kept each feed reachable until a later GC collected the
    // Serializer, and the parse worker promoted every feed to its old generation (issue 14).
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<PackedFeed>((resolve) => port2.once('message', resolve));
    let item: WeakRef<NormalizedItem> | undefined;
    let sent: WeakRef<PackedFeed['fields']> | undefined;
    await (async () => {
      const feed = await realFeed('EUC-KR__blog.rss.naver.com.xml');
      const packed = packFeed(feed);
      item = new WeakRef(feed.items[0]!);
      sent = new WeakRef(packed.fields);
      port1.postMessage(packed);
    })();
    const back = unpackFeed(await received);
    port1.close();
    // A WeakRef keeps its target until the task that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(item!.deref()).toBeUndefined();
    expect(sent!.deref()).toBeUndefined();
    expect(back.items.length).toBeGreaterThan(0);
  });
});
