import { describe, expect, it } from 'vitest';
import { BODY_MAX_CHARS, notificationText, plainNotificationText, TITLE_MAX_CHARS } from '../../../main/alerts/notification-text';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

describe('plainNotificationText', () => {
  it('drops real tags and keeps their text', () => {
    expect(plainNotificationText('<b>카카오브레인</b> 대표 <i>사임</i>', 80)).toBe('카카오브레인 대표 사임');
    expect(plainNotificationText('<script>alert(1)</script>속보', 80)).toBe('속보');
  });

  it('keeps Korean angle-bracket punctuation, which is not markup', () => {
    expect(plainNotificationText('<단독> 카카오브레인 대표 사의', 80)).toBe('<단독> 카카오브레인 대표 사의');
  });

  it('decodes entities once', () => {
    expect(plainNotificationText('AT&amp;T &lt;b&gt; &quot;KoGPT&quot; &#54217;', 80)).toBe('AT&T <b> "KoGPT" 평');
  });

  it('removes bidi overrides, zero-width and control characters, and collapses white space', () => {
    const out = plainNotificationText('\u202E카카오\u202C\u200B브레인\u0007\n\n\t 대표   퇴사\u001B[31m', 80);
    expect(out).toBe('카카오브레인 대표 퇴사[31m');
    expect(out).not.toMatch(INVISIBLE);
  });

  it('caps 10 000 characters to a short line without splitting a character', () => {
    const emoji = '😀'.repeat(5000); // 10 000 UTF-16 units
    const out = plainNotificationText(emoji, TITLE_MAX_CHARS);
    expect(out.length).toBeLessThanOrEqual(TITLE_MAX_CHARS);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(LONE_SURROGATE);

    const korean = plainNotificationText('카'.repeat(10_000), BODY_MAX_CHARS);
    expect(korean).toBe('카'.repeat(BODY_MAX_CHARS - 1) + '…');
  });
});

describe('notificationText', () => {
  it('single: watchlist and headline in the title, outlet and snippet in the body', () => {
    const text = notificationText(
      {
        kind: 'single',
        watchlistNames: ['카카오브레인'],
        articleTitle: '카카오브레인 대표 <b>사임</b>',
        sourceTitle: '전자신문',
        snippet: '김일두 대표가 회사를 떠난다.',
      },
      'ko',
    );
    expect(text).toEqual({ title: '카카오브레인: 카카오브레인 대표 사임', body: '전자신문 — 김일두 대표가 회사를 떠난다.' });
  });

  it('single: an article matching two watchlists names both', () => {
    const text = notificationText(
      { kind: 'single', watchlistNames: ['KoGPT', '퇴사'], articleTitle: 't', sourceTitle: 's', snippet: '' },
      'en',
    );
    expect(text).toEqual({ title: 'KoGPT, 퇴사: t', body: 's' });
  });

  it('batch in Korean and English', () => {
    const content = { kind: 'batch' as const, watchlistName: '카카오브레인', articleCount: 5, headlines: ['가', '나', '다', '라', '마'] };
    expect(notificationText(content, 'ko')).toEqual({ title: '카카오브레인: 새 기사 5건', body: '가 · 나 · 다 외 2건' });
    expect(notificationText(content, 'en')).toEqual({ title: '카카오브레인: 5 new articles', body: '가 · 나 · 다 and 2 more' });
  });

  it('summary in Korean and English, singular in English', () => {
    const content = {
      kind: 'summary' as const,
      articleCount: 7,
      perWatchlist: [
        { name: '카카오브레인', count: 5 },
        { name: '퇴사', count: 2 },
      ],
    };
    expect(notificationText(content, 'ko')).toEqual({ title: '알림을 보류한 동안 새 기사 7건', body: '카카오브레인 5건 · 퇴사 2건' });
    expect(notificationText(content, 'en')).toEqual({
      title: '7 new articles while notifications were held',
      body: '카카오브레인 5 · 퇴사 2',
    });
    expect(notificationText({ kind: 'summary', articleCount: 1, perWatchlist: [{ name: 'x', count: 1 }] }, 'en').title).toBe(
      '1 new article while notifications were held',
    );
  });

  it('every kind stays within the caps even with hostile names and headlines', () => {
    const hostile = '<b>\u202E' + '&amp;'.repeat(3000) + '</b>';
    for (const text of [
      notificationText({ kind: 'single', watchlistNames: [hostile], articleTitle: hostile, sourceTitle: hostile, snippet: hostile }, 'ko'),
      notificationText({ kind: 'batch', watchlistName: hostile, articleCount: 9, headlines: [hostile, hostile] }, 'en'),
      notificationText({ kind: 'summary', articleCount: 9, perWatchlist: [{ name: hostile, count: 9 }] }, 'ko'),
    ]) {
      expect(text.title.length).toBeLessThanOrEqual(TITLE_MAX_CHARS);
      expect(text.body.length).toBeLessThanOrEqual(BODY_MAX_CHARS);
      expect(text.title + text.body).not.toMatch(/<b>|&amp;|\u202E/);
    }
  });
});
