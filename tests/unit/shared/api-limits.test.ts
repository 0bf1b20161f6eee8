/**
 * Input limits of the API contract (issue 13): every string and array a caller sends is bounded,
 * zone names are real IANA zones, quiet hours are times of day, the User-Agent is a valid header.
 * Checked through the real handler table on a real database, as the app and the CLI call it.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callHandler, createHandlers, type HandlerTable } from '../../../main/api/handlers';
import { Engine } from '../../../main/engine';
import type { ApiMethod } from '../../../shared/api';
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
    engineInternals(engine).db.prepare(`INSERT INTO settings (key, value) VALUES ('timeZone', '"Mars/Olympus"') ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run();
    expect(engine.settings.get('timeZone')).not.toBe('Mars/Olympus');
    expect((await call('trends.daily', {})).ok).toBe(true);
  });

  it('quiet hours: HH:MM from 00:00 to 23:59', async () => {
    for (const [start, end] of [['99:99', '07:00'], ['22:00', '24:00'], ['7:00', '08:00'], ['22:60', '07:00']]) {
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
    expect((await call('watchlists.preview', { query: '카카오', muteTerms: ['퇴근'], feedScope: { feedIds: [1], folders: [['IT', '국내']] } })).ok).toBe(true);
  });

  it('catalog id: at most 100 characters', async () => {
    await refused('feeds.setCatalogEnabled', { id: long(10_000), enabled: true });
    const unknown = await call('feeds.setCatalogEnabled', { id: 'no-such-outlet', enabled: true });
    expect(unknown.ok ? null : unknown.error.code).toBe('api.not_found');
  });
});
