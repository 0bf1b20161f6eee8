/**
 * What leaves the app for the system browser through the API: the original of an article and the
 * links inside it, http(s) only, whatever a hostile feed wrote.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callHandler, createHandlers } from '../../main/api/handlers';
import { Engine } from '../../main/engine';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();

function setup() {
  const engine = new Engine({ databasePath: join(tempDir(), 'links.sqlite'), processing: 'in-process' });
  const opened: string[] = [];
  const table = createHandlers({ engine, dataDir: tempDir(), version: 'test' });
  engine.subscribe((event) => {
    if (event.name === 'links.open') opened.push(event.payload.url);
  });
  return { engine, opened, open: (url: string) => callHandler(table, 'links.openExternal', { url }) };
}

describe('links.openExternal', () => {
  it('opens http and https links, normalized', async () => {
    const { engine, opened, open } = setup();
    try {
      expect(await open('https://news.example.kr/a/1001')).toEqual({
        ok: true,
        result: { ok: true, url: 'https://news.example.kr/a/1001' },
      });
      expect(await open(' HTTP://뉴스.example.kr/기사?id=1 ')).toMatchObject({ ok: true, result: { ok: true } });
      expect(opened).toEqual(['https://news.example.kr/a/1001', new URL('http://뉴스.example.kr/기사?id=1').href]);
    } finally {
      await engine.close();
    }
  });

  it('refuses every other scheme without opening anything', async () => {
    const { engine, opened, open } = setup();
    try {
      for (const url of [
        'javascript:alert(1)',
        'java\tscript:alert(1)',
        'file:///etc/passwd',
        'data:text/html,<script>1</script>',
        'smb://host/share',
        'vbscript:x',
        '/relative/path',
        '',
      ]) {
        const answer = await open(url);
        expect(answer, url).toMatchObject({ ok: true, result: { ok: false } });
      }
      expect(opened).toEqual([]);
      // Absurdly long input is refused by the API contract before any handler runs.
      expect(await open(`https://a.example/${'x'.repeat(9000)}`)).toMatchObject({ ok: false, error: { code: 'api.invalid_params' } });
    } finally {
      await engine.close();
    }
  });
});
