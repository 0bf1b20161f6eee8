/** shell.openExternal only after this policy: http(s) with a host, nothing else. */
import { describe, expect, it } from 'vitest';
import { externalUrlDecision } from '../../main/electron/url-policy';

describe('external URL policy (shell.openExternal)', () => {
  it.each([
    ['https://www.etnews.com/20240623000123', 'https://www.etnews.com/20240623000123'],
    ['http://zdnet.co.kr/view/?no=1', 'http://zdnet.co.kr/view/?no=1'],
    ['  https://news.example.kr/a  ', 'https://news.example.kr/a'],
    ['HTTPS://NEWS.EXAMPLE.KR/A', 'https://news.example.kr/A'],
    ['https://한국.kr/기사', 'https://xn--3e0b707e.kr/%EA%B8%B0%EC%82%AC'],
  ])('allows %j', (raw, expected) => {
    expect(externalUrlDecision(raw)).toEqual({ ok: true, url: expected });
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'jav&#x09;ascript:alert(1)',
    'file:///etc/passwd',
    'FILE:///C:/Windows/System32/calc.exe',
    'file://server/share/x.exe',
    'smb://evil.example/share',
    'SMB://evil.example/share',
    '\\\\evil.example\\share\\payload.exe',
    'data:text/html,<script>alert(1)</script>',
    'Data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'app://nunchi/index.html',
    'nunchi://article/1',
    'mailto:a@example.com',
    'ftp://example.com/x',
    '//evil.example/x',
    '/relative/path',
    'https://',
    'http://naver.com@evil.example/',
    'https://user:pass@example.com/',
    'https://exa\u200Bmple.com/',
    'https://example.com/\u202Eexe.txt',
    '',
    '   ',
  ])('refuses %j', (raw) => {
    expect(externalUrlDecision(raw).ok).toBe(false);
  });

  it('refuses non-strings and very long input', () => {
    expect(externalUrlDecision(null).ok).toBe(false);
    expect(externalUrlDecision({ href: 'https://example.com' }).ok).toBe(false);
    expect(externalUrlDecision(`https://example.com/${'a'.repeat(9000)}`).ok).toBe(false);
  });
});
