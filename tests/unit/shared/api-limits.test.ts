/**
 * Input limits of the API contract (issue 13): every string and array a caller sends is bounded,
 * zone names are real IANA zones, quiet hours are times of day, the User-Agent is a valid header.
 * Checked through the real handler table on a real database, as the app and the CLI call it.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callHandler, createHandlers, type HandlerTable } from '../../../main/api/handlers';
import { Engine } from '../../../main/engine';
import { z } from 'zod';
import { API, type ApiMethod } from '../../../shared/api';
import { useTempDir } from '../../helpers/temp-dir';
import { engineInternals } from '../../../main/engine/internals';
import { formatMessage } from '../../../shared/messages';

const tempDir = useTempDir();
let engine: Engine;
let table: HandlerTable;

beforeEach(() => {
  engine = new Engine({ databasePath: join(tempDir(), 'n.sqlite'), processing: 'in-process' });
  table = createHandlers({ engine, dataDir: '/tmp', version: 'test' });
});
afterEach(() => engine.close());

async function call(method: ApiMethod, params: unknown) {
  return callHandler(table, method, params);
}

async function refused(method: ApiMethod, params: unknown, detail?: RegExp): Promise<void> {
  const response = await call(method, params);
  expect(response.ok, JSON.stringify(params).slice(0, 200)).toBe(false);
  if (response.ok) return;
  expect(response.error.code).toBe('api.invalid_params');
  expect(formatMessage('ko', response.error.message)).toBe('요청 형식이 올바르지 않습니다.');
  if (detail) expect(response.error.detail).toMatch(detail);
}

const long = (n: number) => 'ㄱ'.repeat(n);

describe('API input limits', () => {
  it('time zones: IANA names only; "Mars/Olympus" is refused in words, and lists keep working', async () => {
    await refused('settings.set', { timeZone: 'Mars/Olympus' }, /unknown time zone/);
    // Before: accepted, then watchlists.list and trends.daily answered api.internal.
    expect((await call('watchlists.list', {})).ok).toBe(true);
    expect((await call('trends.daily', {})).ok).toBe(true);
    expect((await call('settings.set', { timeZone: 'Asia/Seoul' })).ok).toBe(true);
    expect((await call('settings.set', { timeZone: 'UTC' })).ok).toBe(true);
  });

  it('a zone name stored by an older version is read as the default, not an error later', async () => {
    engineInternals(engine)
      .db.prepare(
        `INSERT INTO settings (key, value) VALUES ('timeZone', '"Mars/Olympus"') ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run();
    expect(engine.settings.get('timeZone')).not.toBe('Mars/Olympus');
    expect((await call('trends.daily', {})).ok).toBe(true);
  });

  it('quiet hours: HH:MM from 00:00 to 23:59', async () => {
    for (const [start, end] of [
      ['99:99', '07:00'],
      ['22:00', '24:00'],
      ['7:00', '08:00'],
      ['22:60', '07:00'],
    ]) {
      await refused('settings.set', { quietHours: { start, end } }, /HH:MM/);
    }
    expect((await call('settings.set', { quietHours: { start: '23:59', end: '00:00' } })).ok).toBe(true);
  });

  it('User-Agent: printable ASCII without line breaks', async () => {
    await refused('settings.set', { userAgent: 'Mozilla/5.0\r\nX-Injected: 1' }, /printable ASCII/);
    await refused('settings.set', { userAgent: 'Nunchi\u0000' }, /printable ASCII/);
    await refused('settings.set', { userAgent: '눈치 리더' }, /printable ASCII/);
    await refused('settings.set', { userAgent: 'A'.repeat(501) });
    expect((await call('settings.set', { userAgent: 'Mozilla/5.0 (compatible; MyReader/1.0)' })).ok).toBe(true);
  });

  it('folders: at most 10 levels of 100 characters, on add and on update', async () => {
    await refused('feeds.add', { url: 'https://a.example/rss', folder: Array.from({ length: 5000 }, () => long(1000)) });
    await refused('feeds.add', { url: 'https://a.example/rss', folder: [long(101)] });
    await refused('feeds.add', { url: 'https://a.example/rss', folder: Array.from({ length: 11 }, () => 'IT') });
    await refused('feeds.update', { id: 1, folder: [long(101)] });
  });

  it('watchlist feed scope and mute terms are bounded, in create and in preview', async () => {
    const base = { name: '카카오', query: '카카오브레인' };
    await refused('watchlists.create', { ...base, feedScope: { feedIds: Array.from({ length: 10_001 }, (_, i) => i + 1), folders: [] } });
    await refused('watchlists.create', { ...base, feedScope: { feedIds: [], folders: Array.from({ length: 1001 }, () => ['IT']) } });
    await refused('watchlists.create', { ...base, feedScope: { feedIds: [], folders: [[long(1000)]] } });
    await refused('watchlists.preview', { query: '카카오', muteTerms: Array.from({ length: 101 }, () => '퇴근') });
    await refused('watchlists.preview', { query: '카카오', muteTerms: [long(101)] });
    await refused('watchlists.preview', { query: '카카오', feedScope: { feedIds: [], folders: [Array.from({ length: 11 }, () => 'IT')] } });
    expect(
      (await call('watchlists.preview', { query: '카카오', muteTerms: ['퇴근'], feedScope: { feedIds: [1], folders: [['IT', '국내']] } }))
        .ok,
    ).toBe(true);
  });

  it('catalog id: at most 100 characters', async () => {
    await refused('feeds.setCatalogEnabled', { id: long(10_000), enabled: true });
    const unknown = await call('feeds.setCatalogEnabled', { id: 'no-such-outlet', enabled: true });
    expect(unknown.ok ? null : unknown.error.code).toBe('api.not_found');
  });
});

/**
 * Every string and array any method accepts, found by walking the zod schemas: each has a .max()
 * (or, for a string, a pattern that allows only a fixed length), so a method added later without
 * one fails here.
 */
function unbounded(schema: z.ZodType, path: string, out: string[]): void {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const checks = ((def.checks ?? []) as Array<{ _zod: { def: { check: string; pattern?: RegExp } } }>).map((c) => c._zod.def);
  const hasMax = checks.some((c) => c.check === 'max_length' || c.check === 'length_equals');
  switch (def.type) {
    case 'string': {
      // A pattern bounds the length when it is anchored and repeats nothing without an upper bound.
      const fixed = checks.some((c) => c.pattern && /^\^.*\$$/.test(c.pattern.source) && !/[+*]|\{\d+,\}/.test(c.pattern.source));
      if (!hasMax && !fixed) out.push(`${path}: string`);
      return;
    }
    case 'array':
      if (!hasMax) out.push(`${path}: array`);
      unbounded(def.element as z.ZodType, `${path}[]`, out);
      return;
    case 'record':
      out.push(`${path}: record`);
      return;
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) unbounded(value, `${path}.${key}`, out);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'prefault':
    case 'nonoptional':
      unbounded(def.innerType as z.ZodType, path, out);
      return;
    case 'pipe':
      unbounded(def.in as z.ZodType, path, out);
      return;
    case 'union':
      (def.options as z.ZodType[]).forEach((option, i) => unbounded(option, `${path}|${i}`, out));
      return;
    case 'lazy':
      unbounded((def.getter as () => z.ZodType)(), path, out);
      return;
    default:
      return; // numbers (each bounded by its own rule), booleans, enums, literals
  }
}

describe('the API schema as a whole', () => {
  it('bounds every string and array of every method’s parameters', () => {
    const found: string[] = [];
    for (const [method, spec] of Object.entries(API)) unbounded((spec as { params: z.ZodType }).params, method, found);
    expect(found).toEqual([]);
  });

  it('the walker bites: an unbounded string, array and record are found', () => {
    const found: string[] = [];
    unbounded(
      z.object({
        a: z.string(),
        b: z.array(z.string().max(3)),
        c: z.string().regex(/^a+$/),
        d: z.record(z.string(), z.number()).optional(),
      }),
      'x',
      found,
    );
    expect(found).toEqual(['x.a: string', 'x.b: array', 'x.c: string', 'x.d: record']);
  });
});
