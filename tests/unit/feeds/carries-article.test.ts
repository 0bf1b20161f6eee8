/**
 * Full-text mode 'auto' (issue 11): which feed items already carry the whole article, so that no
 * page is fetched for them, and which are summaries.
 */
import { describe, expect, it } from 'vitest';
import { carriesWholeArticle, DESCRIPTION_ARTICLE_CHARS, normalizeFeed, SUMMARY_MAX_CHARS } from '../../../main/feeds/normalize';

const prose = (chars: number) =>
  '카카오브레인 김일두 대표가 사임했다. '
    .repeat(Math.ceil(chars / 20))
    .slice(0, chars)
    .trim() + '다.';

describe('carriesWholeArticle', () => {
  it('a long body from a content element is the article', () => {
    expect(carriesWholeArticle(prose(SUMMARY_MAX_CHARS + 50), true)).toBe(true);
  });
  it('a short text is a summary, whatever element it came in', () => {
    expect(carriesWholeArticle(prose(SUMMARY_MAX_CHARS - 50), true)).toBe(false);
    expect(carriesWholeArticle(prose(120), false)).toBe(false);
  });
  it('a text cut off at the end is a summary, however long', () => {
    for (const end of ['…', '...', '[더보기]', '더 보기', '(계속)', 'Read more', '[…]']) {
      expect(carriesWholeArticle(prose(2000) + ' ' + end, true)).toBe(false);
    }
  });
  it('a <description> is a summary unless it is long enough to be the article', () => {
    expect(carriesWholeArticle(prose(DESCRIPTION_ARTICLE_CHARS - 100), false)).toBe(false);
    expect(carriesWholeArticle(prose(DESCRIPTION_ARTICLE_CHARS + 100), false)).toBe(true);
  });
});

describe('normalize marks each item', () => {
  it('content:encoded → carries the article; description only → a summary', () => {
    const feed = normalizeFeed(
      {
        format: 'rss',
        items: [
          { guid: 'a', title: '전문', html: `<p>${prose(800)}</p>`, fromContent: true, summary: '요약' },
          { guid: 'b', title: '요약', html: '<p>카카오브레인 대표가 사임 의사를 밝혔다…</p>' },
        ],
      },
      { feedUrl: 'https://news.example.kr/rss', encoding: 'utf-8' },
    );
    expect(feed.items.map((i) => [i.identity, i.carriesArticle])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});
