/**
 * The one pair of catalogues (shared/messages): every key in Korean and English, the same
 * arguments on both sides, templates that parse, and the formatting rules (digit grouping,
 * English plurals, limits as arguments).
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, formatMessage, isMessageKey, translate, type MessageKey } from '../../../shared/messages';
import { fillPlainTemplate, readPlainTemplate } from '../../../shared/messages/plain-format';

/** The argument names a template uses, `#` in a plural counting as its argument. */
export function argumentNames(template: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      if (el.type === TYPE.tag) {
        walk(el.children);
        continue;
      }
      names.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const option of Object.values(el.options)) walk(option.value);
    }
  };
  walk(parse(template, { ignoreTag: true }));
  return [...names].sort();
}

const keys = Object.keys(CATALOGUES.ko) as MessageKey[];

describe('the catalogues', () => {
  it('have the same keys in Korean and English', () => {
    expect(Object.keys(CATALOGUES.en).sort()).toEqual([...keys].sort());
    expect(keys.length).toBeGreaterThan(300);
  });

  it('have no empty message', () => {
    for (const locale of ['ko', 'en'] as const) {
      for (const key of keys) expect(CATALOGUES[locale][key].trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it('use the same argument names in Korean and English, for every key', () => {
    const mismatched = keys.filter((key) => argumentNames(CATALOGUES.ko[key]).join() !== argumentNames(CATALOGUES.en[key]).join());
    expect(mismatched).toEqual([]);
  });

  it('format every message in both languages when given its arguments', () => {
    for (const key of keys) {
      const args = Object.fromEntries(argumentNames(CATALOGUES.ko[key]).map((name) => [name, 2]));
      for (const locale of ['ko', 'en'] as const) expect(translate(locale, key, args), `${locale} ${key}`).not.toMatch(/[{}]/);
    }
  });

  it('finds argument names the way the checks above rely on', () => {
    // The parity test is only as good as this helper: prove it sees plain, number and plural arguments.
    expect(argumentNames('{a} {b, number} {c, plural, one {# x {d}} other {# xs}}')).toEqual(['a', 'b', 'c', 'd']);
    expect(argumentNames('<명령> #1')).toEqual([]);
  });
});

describe('formatMessage', () => {
  it('fills every template exactly as intl-messageformat does, with text, whole numbers and fractions (shared/messages/plain-format.ts)', () => {
    const samples = [(name: string) => `값 ${name} <b> it's`, () => 1234567.5, () => 0, () => 1, () => 2, () => 1234567, () => -1000];
    for (const locale of ['ko', 'en'] as const) {
      for (const key of keys) {
        for (const sample of samples) {
          const args = Object.fromEntries(argumentNames(CATALOGUES[locale][key]).map((name) => [name, sample(name)]));
          const reference = String(new IntlMessageFormat(CATALOGUES[locale][key], locale, undefined, { ignoreTag: true }).format(args));
          expect(translate(locale, key, args), `${locale} ${key}`).toBe(reference);
        }
      }
    }
  });

  it('groups the digits of counts the way the locale writes them', () => {
    expect(translate('ko', 'inbox.counts', { total: 100000, unread: 12 })).toBe('전체 100,000건 · 안 읽음 12건');
    expect(translate('en', 'inbox.counts', { total: 100000, unread: 12 })).toBe('100,000 total · 12 unread');
  });

  it('leaves ids as written (no grouping in "#1234")', () => {
    expect(translate('ko', 'cli.feedRemoved', { id: 1234 })).toBe('피드 #1234을(를) 삭제했습니다.');
  });

  it('says one and many in English', () => {
    expect(translate('en', 'search.count', { n: 1 })).toBe('1 result');
    expect(translate('en', 'search.count', { n: 1500 })).toBe('1,500 results');
    expect(translate('en', 'notify.newArticles', { n: 1 })).toBe('1 new article');
    expect(translate('ko', 'search.count', { n: 1500 })).toBe('1,500건');
  });

  it('names the limit that was in force, not a fixed one', () => {
    expect(translate('ko', 'error.timeout', { seconds: 20 })).toBe('서버가 제시간에 응답하지 않았습니다 (20초 초과).');
    expect(translate('en', 'error.timeout', { seconds: 7.5 })).toBe('The server did not answer in time (over 7.5 seconds).');
    expect(translate('ko', 'error.response_too_large', { mebibytes: 15 })).toBe('피드가 너무 큽니다 (15 MiB 초과).');
    expect(translate('en', 'error.response_too_large', { mebibytes: 2 })).toBe('The feed is too large (over 2 MiB).');
  });

  it('keeps angle brackets as text', () => {
    expect(translate('ko', 'cli.usage')).toMatch(/^사용법: nunchi <명령> \[옵션\]/);
  });

  it('shows a key it does not know (from a newer engine) as the key, and throws on a missing argument', () => {
    expect(isMessageKey('error.from_the_future')).toBe(false);
    expect(formatMessage('ko', { key: 'error.from_the_future' })).toBe('error.from_the_future');
    expect(() => translate('ko', 'inbox.counts', { total: 1 })).toThrow(/unread/);
    // A `{name}`-only template, filled without the parser, throws the same way.
    expect(() => translate('ko', 'cli.feedRemoved', {})).toThrow(/id/);
  });

  it('uses one word for a watchlist in Korean: 감시 목록, as the CLI and README do', () => {
    const korean = Object.values(CATALOGUES.ko).join('\n');
    expect(korean).not.toContain('관심 키워드');
    expect(translate('ko', 'nav.watchlists')).toBe('감시 목록');
    expect(translate('ko', 'watchlists.title')).toBe('감시 목록');
  });
});

describe('templates filled without intl-messageformat (plain-format.ts)', () => {
  const fill = (template: string, locale: 'ko' | 'en', values: Record<string, string | number>) => {
    const parts = readPlainTemplate(template);
    return parts && fillPlainTemplate(parts, locale, values, template);
  };

  it('reads names, whole numbers and plurals with exact matches, # and nested names', () => {
    const template = '{who}: {n, plural, =0 {nothing} one {# item in {where}} other {# items in {where}}} of {total, number}';
    expect(fill(template, 'en', { who: 'A', n: 0, where: 'B', total: 12345 })).toBe('A: nothing of 12,345');
    expect(fill(template, 'en', { who: 'A', n: 1, where: 'B', total: 1 })).toBe('A: 1 item in B of 1');
    expect(fill(template, 'en', { who: 'A', n: 1000, where: 'B', total: 1 })).toBe('A: 1,000 items in B of 1');
    // Korean has no plural forms: one is never chosen.
    expect(fill(template, 'ko', { who: 'A', n: 1, where: 'B', total: 1 })).toBe('A: 1 items in B of 1');
  });

  it("keeps a plain apostrophe and leaves ICU's quoting, select and fractions to intl-messageformat", () => {
    expect(fill("can't {x}", 'en', { x: 'y' })).toBe("can't y");
    expect(readPlainTemplate("'{literal}' braces")).toBeNull();
    expect(readPlainTemplate('{n, select, a {x} other {y}}')).toBeNull();
    expect(readPlainTemplate('{n, plural, one {x}}')).toBeNull();
    expect(readPlainTemplate('unbalanced }')).toBeNull();
    expect(fill('{n, number} items', 'en', { n: 1.5 })).toBeNull();
    expect(fill('{n, number} items', 'en', { n: '2' })).toBeNull();
  });
});
