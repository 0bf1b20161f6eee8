/** Links as a person reads them: Korean paths decoded, nothing that changes or disguises the link. */
import { describe, expect, it } from 'vitest';
import { displayUrl } from '../../../shared/display-url';

describe('displayUrl', () => {
  it('decodes percent-encoded Korean in the path, query and fragment', () => {
    const url = `https://news.example/${encodeURIComponent('뉴스')}/${encodeURIComponent('카카오브레인')}?q=${encodeURIComponent('퇴사')}#${encodeURIComponent('본문')}`;
    expect(displayUrl(url)).toBe('https://news.example/뉴스/카카오브레인?q=퇴사#본문');
  });

  it('keeps reserved and other ASCII escapes, so the link means the same', () => {
    expect(displayUrl('https://a.example/a%2Fb%3Fc%23d%26e%25f%20g')).toBe('https://a.example/a%2Fb%3Fc%23d%26e%25f%20g');
    // Mixed in one run: the Hangul is decoded, the escaped slash stays.
    expect(displayUrl(`https://a.example/${encodeURIComponent('뉴스/속보')}`)).toBe('https://a.example/뉴스%2F속보');
  });

  it('keeps bytes that are not valid UTF-8 escaped', () => {
    // EUC-KR bytes for 한 (0xC7 0xD1), a lone continuation byte, a truncated sequence, an overlong slash, a surrogate.
    for (const path of ['%C7%D1', '%80', '%EC%B9', '%C0%AF', '%ED%A0%80']) {
      expect(displayUrl(`https://a.example/${path}`)).toBe(`https://a.example/${path}`);
    }
    // A broken byte next to a good sequence: only the good one is decoded.
    expect(displayUrl('https://a.example/%FF%EB%89%B4')).toBe('https://a.example/%FF뉴');
  });

  it('keeps invisible, bidi and space characters escaped (they could disguise the link)', () => {
    for (const ch of ['\u202E', '\u200B', '\u00A0', '\u3000', '\u0085', '\uFEFF']) {
      const escaped = encodeURIComponent(ch);
      expect(displayUrl(`https://a.example/x${escaped}y`)).toBe(`https://a.example/x${escaped}y`);
    }
  });

  it('leaves the host and plain links alone', () => {
    expect(displayUrl('https://xn--3e0b707e.example/rss')).toBe('https://xn--3e0b707e.example/rss');
    expect(displayUrl('https://www.etnews.com/20261128000123')).toBe('https://www.etnews.com/20261128000123');
  });
});
