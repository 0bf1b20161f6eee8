// @vitest-environment jsdom
/**
 * The renderer's pieces with logic, in jsdom: highlighting by the engine's spans (lists and inside
 * sanitized HTML), the DOMPurify allow-list, grapheme columns for query errors, the i18n tables,
 * and the ApiError a failed call carries.
 */
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { highlightHtml, mergeSpans, segments } from '../../renderer/src/lib/highlight';
import { blockedImageCount, sanitizeToFragment, sanitizeToString } from '../../renderer/src/lib/sanitize';
import { columnRange } from '../../renderer/src/lib/graphemes';
import { translator, localeFrom } from '../../renderer/src/i18n';
import { apiErrorOf } from '../../renderer/src/lib/api';
import { absoluteTime } from '../../renderer/src/lib/time';
import { Highlighted } from '../../renderer/src/components/common';
import { compileWatchlists } from '../../shared/match';

describe('segments and mergeSpans', () => {
  it('cuts a title by its spans, merging overlaps and ignoring the other field', () => {
    const spans = [
      { field: 'title' as const, start: 0, end: 3 },
      { field: 'title' as const, start: 2, end: 6 },
      { field: 'text' as const, start: 0, end: 2 },
    ];
    expect(segments('카카오브레인 대표 퇴사', spans, 'title')).toEqual([
      { text: '카카오브레인', hit: true },
      { text: ' 대표 퇴사', hit: false },
    ]);
    expect(mergeSpans([{ field: 'text', start: -4, end: 99 }], 'text', 5)).toEqual([[0, 5]]);
  });

  it('renders <mark> only around the spanned text', () => {
    const { container } = render(
      <Highlighted
        text="오픈AI와 AI반도체"
        spans={[
          { field: 'title', start: 2, end: 4 },
          { field: 'title', start: 6, end: 8 },
        ]}
        field="title"
      />,
    );
    expect([...container.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['AI', 'AI']);
    expect(container.textContent).toBe('오픈AI와 AI반도체');
  });
});

describe('highlightHtml maps the engine text spans into sanitized HTML', () => {
  const html = (markup: string) => sanitizeToFragment(markup);

  it('finds the k-th occurrence, even inside markup and across an element boundary', () => {
    const text = '카카오브레인의 대표. 다시 카카오브레인 이야기.';
    const root = html('<p><b>카카오</b>브레인의 대표.</p><p>다시 <i>카카오브레인</i> 이야기.</p>');
    // Only the second occurrence is spanned.
    const second = text.indexOf('카카오브레인', 5);
    expect(highlightHtml(root, text, [{ field: 'text', start: second, end: second + 6 }])).toBe(1);
    const holder = document.createElement('div');
    holder.appendChild(root);
    expect([...holder.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['카카오브레인']);
    expect(holder.querySelector('i mark')).not.toBeNull();

    const both = html('<p><b>카카오</b>브레인의 대표.</p>');
    const wrap = document.createElement('div');
    wrap.appendChild(both);
    highlightHtml(wrap, '카카오브레인의 대표.', [{ field: 'text', start: 0, end: 6 }]);
    // Crossing </b>: one mark per text node, together covering the match.
    expect([...wrap.querySelectorAll('mark')].map((m) => m.textContent).join('')).toBe('카카오브레인');
    expect(wrap.textContent).toBe('카카오브레인의 대표.');
  });

  it('highlights exactly where the engine matched, not every look-alike (AI in MAIN)', () => {
    const text = 'MAIN 서버와 오픈AI 모델';
    const [match] = compileWatchlists([{ id: 1, query: 'AI' }]).match({ title: '', text });
    expect(match).toBeDefined();
    const wrap = document.createElement('div');
    wrap.appendChild(html('<p>MAIN 서버와 <b>오픈AI</b> 모델</p>'));
    highlightHtml(wrap, text, match!.spans);
    const marks = [...wrap.querySelectorAll('mark')];
    expect(marks.map((m) => m.textContent)).toEqual(['AI']);
    expect(marks[0]!.parentElement!.tagName).toBe('B');
  });

  it('lets white space differ between the text and the HTML', () => {
    const wrap = document.createElement('div');
    wrap.appendChild(html('<p>카카오\n   브레인</p>'));
    expect(highlightHtml(wrap, '카카오 브레인', [{ field: 'text', start: 0, end: 7 }])).toBe(1);
    expect(wrap.querySelector('mark')!.textContent).toBe('카카오\n   브레인');
  });
});

describe('DOMPurify allow-list', () => {
  it('removes scripts, handlers, iframes, forms, styles and unsafe URLs; keeps text, safe links and raster data images', () => {
    const out = sanitizeToString(
      [
        '<p onclick="x()">본문 <b>굵게</b></p><script>alert(1)</script><iframe src="https://evil.example/"></iframe>',
        '<img src="x" onerror="alert(1)"><svg onload="alert(1)"></svg><style>body{}</style><div style="color:red">스타일</div>',
        '<form action="https://evil.example/"><input name="q"></form><a href="javascript:alert(1)">js</a>',
        '<a href="https://news.example.kr/a">좋은 링크</a><img src="https://img.example.kr/a.jpg" alt="사진">',
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="png"><img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg">',
        '<img src="file:///etc/passwd" alt="file"><a href="data:text/html,<script>alert(1)</script>">data</a>',
      ].join(''),
      { remoteImages: true },
    );
    for (const banned of [
      '<script',
      'onclick',
      'onerror',
      'onload',
      '<iframe',
      '<svg',
      '<style',
      'style=',
      '<form',
      '<input',
      'javascript:',
      'image/svg',
      'file:',
      'data:text',
    ]) {
      expect(out).not.toContain(banned);
    }
    expect(out).toContain('본문 <b>굵게</b>');
    expect(out).toContain('href="https://news.example.kr/a"');
    expect(out).toContain('rel="noopener noreferrer"');
    expect(out).toMatch(/<img src="https:\/\/img\.example\.kr\/a\.jpg" alt="사진" loading="lazy"/);
    expect(out).toContain('src="data:image/png;base64,iVBORw0KGgo="');
  });
});

describe('remote images', () => {
  const markup =
    '<p>본문</p><img src="https://img.example.kr/a.jpg" alt="사진"><img src="https://t.example.com/pixel.gif?u=1" width="1">' +
    '<img src="http://192.168.0.1/admin.png" alt="lan"><img src="https://169.254.169.254/latest" alt="meta"><img src="http://printer.local/x.png" alt="local">' +
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="png">';

  it('are off by default: no http(s) source is left, the images are marked and counted; data: images stay', () => {
    const fragment = sanitizeToFragment(markup);
    const sources = [...fragment.querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(sources).toEqual([null, null, null, null, null, 'data:image/png;base64,iVBORw0KGgo=']);
    expect(blockedImageCount(fragment)).toBe(2);
  });

  it('load when asked, except from the user’s own network', () => {
    const fragment = sanitizeToFragment(markup, { remoteImages: true });
    const sources = [...fragment.querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(sources).toEqual([
      'https://img.example.kr/a.jpg',
      'https://t.example.com/pixel.gif?u=1',
      null,
      null,
      null,
      'data:image/png;base64,iVBORw0KGgo=',
    ]);
    expect(blockedImageCount(fragment)).toBe(0);
  });
});

describe('query error columns', () => {
  it('counts grapheme clusters the way the parser does', () => {
    expect(columnRange('카카오 (퇴사', 5, 1)).toEqual([4, 5]);
    const family = '👨‍👩‍👧';
    expect(columnRange(`${family} "x`, 3, 1)).toEqual([family.length + 1, family.length + 2]);
  });
});

// The catalogues themselves (same keys and arguments in ko and en) are tested in tests/unit/shared/messages.test.ts.
describe('i18n', () => {
  it('fills placeholders and picks the language from the OS locale', () => {
    expect(translator('ko')('inbox.outlets', { n: 5 })).toBe('5개 언론사');
    expect(translator('en')('inbox.outlets', { n: 5 })).toBe('5 outlets');
    expect(translator('en')('inbox.outlets', { n: 1 })).toBe('1 outlet');
    expect(translator('ko')('inbox.counts', { total: 100000, unread: 1234 })).toBe('전체 100,000건 · 안 읽음 1,234건');
    expect(translator('en')('inbox.counts', { total: 100000, unread: 1234 })).toBe('100,000 total · 1,234 unread');
    expect(localeFrom('ko-KR')).toBe('ko');
    expect(localeFrom('en-US')).toBe('en');
  });
});

describe('absoluteTime', () => {
  // A fixed instant is fine: nothing compares it with now. 06:15 UTC = 15:15 in Seoul.
  const at = Date.UTC(2026, 10, 28, 6, 15);
  it('says 오후 3:15 in Korean, like the terminal, whatever ICU knows of Korean day periods', () => {
    const words = absoluteTime(at, 'ko', 'Asia/Seoul');
    expect(words).toContain('2026년 11월 28일');
    expect(words).toContain('오후 3:15');
    expect(words).not.toMatch(/\b[AP]M\b/);
  });
  it('keeps English as Intl writes it', () => {
    expect(absoluteTime(at, 'en', 'Asia/Seoul')).toContain('3:15 PM');
  });
});

describe('apiErrorOf', () => {
  const apiError = { code: 'api.not_found', message: { key: 'api.not_found' } };
  it('reads the ApiError however the bridge attached it', () => {
    expect(apiErrorOf(Object.assign(new Error('x'), { apiError }))).toEqual(apiError);
    expect(apiErrorOf(apiError)).toEqual(apiError);
    expect(apiErrorOf(new Error(`Error invoking remote method 'nunchi:call': ${JSON.stringify(apiError)}`))).toEqual(apiError);
    expect(apiErrorOf(new Error('boom'))).toMatchObject({ code: 'api.internal', detail: 'boom' });
  });
});
