/**
 * A feed as the store reads it back: every column in its own field. The row is read by position
 * (main/store/feeds.ts, issue 14), so each field here holds a value no other field has: two
 * columns read in each other's place, or one read twice, fail.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/database';
import { FeedStore } from '../../../main/store/feeds';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir();
const CREATED = Date.UTC(2026, 10, 1, 0, 0, 0);
const FETCHED = Date.UTC(2026, 10, 2, 0, 0, 0);
const FAILED = Date.UTC(2026, 10, 3, 0, 0, 0);
const DUE = Date.UTC(2026, 10, 4, 0, 0, 0);

describe('a feed read back from the store', () => {
  it('has every column in its own field, in the list, by id and among the enabled and due feeds', () => {
    const feeds = new FeedStore(openDatabase(join(tempDir(), 'records.sqlite')));
    const { id } = feeds.add(
      {
        url: 'https://www.etnews.com/rss',
        title: '전자신문',
        siteUrl: 'https://www.etnews.com/',
        folder: ['언론사', 'IT'],
        catalogId: 'etnews',
        intervalMinutes: 17,
        fullText: 'always',
      },
      CREATED,
    );
    feeds.update(id, { customTitle: '전자신문 속보' });
    feeds.recordOutcome(id, {
      kind: 'ok',
      at: FETCHED,
      nextDueAt: DUE,
      etag: '"etag-1"',
      lastModified: 'Mon, 02 Nov 2026 00:00:00 GMT',
      title: '전자신문 RSS',
      siteUrl: 'https://etnews.com/home',
      format: 'rss',
      encoding: 'euc-kr',
      ttlMinutes: 45,
    });
    feeds.recordOutcome(id, {
      kind: 'error',
      at: FAILED,
      nextDueAt: DUE + 1,
      code: 'error.http_status',
      message: '서버가 503으로 답했습니다',
      detail: 'HTTP 503',
    });

    const expected = {
      id,
      url: 'https://www.etnews.com/rss',
      displayTitle: '전자신문 속보',
      title: '전자신문 RSS',
      customTitle: '전자신문 속보',
      siteUrl: 'https://etnews.com/home',
      folder: ['언론사', 'IT'],
      catalogId: 'etnews',
      enabled: true,
      intervalMinutes: 17,
      fullText: 'always',
      format: 'rss',
      encoding: 'euc-kr',
      ttlMinutes: 45,
      etag: '"etag-1"',
      lastModified: 'Mon, 02 Nov 2026 00:00:00 GMT',
      lastFetchedAt: FAILED,
      lastSuccessAt: FETCHED,
      lastStatus: 'error',
      lastErrorCode: 'error.http_status',
      lastError: '서버가 503으로 답했습니다',
      lastErrorDetail: 'HTTP 503',
      consecutiveFailures: 1,
      nextDueAt: DUE + 1,
      createdAt: CREATED,
    };
    expect(feeds.list()).toEqual([{ ...expected, articleCount: 0 }]);
    expect(feeds.get(id)).toEqual({ ...expected, articleCount: 0 });
    expect(feeds.enabled()).toEqual([expected]);
    expect(feeds.due(DUE + 1)).toEqual([expected]);
  });

  it('is named after its address when it has no title of its own', () => {
    const feeds = new FeedStore(openDatabase(join(tempDir(), 'untitled.sqlite')));
    const { id } = feeds.add({ url: 'https://zdnet.co.kr/feed' }, CREATED);
    expect(feeds.get(id)).toMatchObject({ displayTitle: 'zdnet.co.kr', title: null, customTitle: null, enabled: true });
  });
});
