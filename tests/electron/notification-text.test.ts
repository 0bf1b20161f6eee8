/**
 * What a native notification shows, from the raw feed title to the OS: the engine's words
 * (main/alerts/notification-text.ts) then the shell's last step. Plain, clean, short text;
 * escaped where the server reads markup (Linux).
 */
import { describe, expect, it } from 'vitest';
import { notificationText } from '../../main/alerts/notification-text';
import { escapeNotificationMarkup, notificationContent } from '../../main/electron/notification-text';

function shown(articleTitle: string, snippet = '', platform: NodeJS.Platform = 'win32') {
  const words = notificationText({ kind: 'single', watchlistNames: ['카카오'], articleTitle, sourceTitle: '전자신문', snippet }, 'ko');
  return notificationContent(words, platform);
}

describe('notification text, feed title to OS', () => {
  it('keeps plain Korean text', () => {
    expect(shown('카카오브레인 대표 퇴사', '김일두 대표가 회사를 떠난다.')).toEqual({
      title: '카카오: 카카오브레인 대표 퇴사',
      body: '전자신문 — 김일두 대표가 회사를 떠난다.',
    });
  });

  it('drops tags and shows entities as characters', () => {
    expect(shown('<b>카카오</b> 대표 <i>퇴사</i>').title).toBe('카카오: 카카오 대표 퇴사');
    expect(shown('AT&amp;T 인수').title).toBe('카카오: AT&T 인수');
    expect(shown('<script>alert(1)</script>속보').title).not.toMatch(/<script|alert\(1\)<\/script>/);
  });

  it('removes bidi overrides and zero-width characters', () => {
    const { title } = shown('보고서\u202Etxt.exe 공개\u200B\u2066x\u2069');
    expect(title).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/);
    expect(title).toContain('보고서');
  });

  it('makes 10 000 characters short, without splitting a surrogate pair', () => {
    const { title, body } = shown('가'.repeat(10_000), '😀'.repeat(10_000));
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title.endsWith('…')).toBe(true);
    expect(body.length).toBeLessThanOrEqual(200);
    expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe("the shell's last step", () => {
  const content = (title: string, body = '', platform: NodeJS.Platform = 'darwin') => notificationContent({ title, body }, platform);

  it('treats its input as plain text: nothing is decoded a second time', () => {
    expect(content('a &lt;b&gt; b').title).toBe('a &lt;b&gt; b');
    expect(content('<단독> 카카오').title).toBe('<단독> 카카오');
  });

  it('still removes invisible characters, collapses white space and caps, whatever it is handed', () => {
    expect(content('  카카오\u202E\n\n\t브레인  ').title).toBe('카카오 브레인');
    expect(content('x'.repeat(10_000), 'y'.repeat(10_000))).toEqual({ title: `${'x'.repeat(79)}…`, body: `${'y'.repeat(199)}…` });
  });

  it('escapes the body on Linux, where notification servers read markup, and only there', () => {
    const body = 'Tom & Jerry <b>단독</b> "quote"';
    expect(content('t', body, 'linux').body).toBe('Tom &amp; Jerry &lt;b&gt;단독&lt;/b&gt; &quot;quote&quot;');
    expect(content('t', body, 'win32').body).toBe(body);
    expect(escapeNotificationMarkup('<b>&</b>')).toBe('&lt;b&gt;&amp;&lt;/b&gt;');
  });
});
