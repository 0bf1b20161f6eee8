/**
 * The Naver keys in the desktop shell (issue 12): kept only encrypted by safeStorage (here a
 * stand-in with safeStorage's contract: the only place Electron's runtime may be faked), never
 * in plain text on disk, refused in words when the OS has no keychain, handed to the engine in
 * memory when set and again whenever the engine (re)starts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAVER_KEYS_FILE, NaverKeyStore, naverKeysMethod, sendStoredNaverKeys, type Encryption } from '../../main/electron/naver-keys';
import type { CallResponse } from '../../main/host/engine-host';
import { translate } from '../../shared/messages';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const KEYS = { clientId: 'my-client-id', clientSecret: 'my-client-secret-123' };

/** safeStorage's contract: opaque bytes out, the same string back; unavailable when the OS has no keychain. */
function keychain(available = true): Encryption {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

function engine() {
  const calls: Array<[string, unknown]> = [];
  return {
    calls,
    call: (method: string, params: unknown): Promise<CallResponse> => {
      calls.push([method, params]);
      return Promise.resolve({ ok: true, result: { naverKeys: 'set', naverQuota: { day: '2026-11-28', used: 0, limit: 25000 } } });
    },
  };
}

describe('Naver keys in the desktop shell', () => {
  it('are stored encrypted only, read back, handed to the engine, and forgotten on request', async () => {
    const dir = tempDir();
    const logs: string[] = [];
    const store = new NaverKeyStore(
      dir,
      () => keychain(),
      (_l, m) => logs.push(m),
    );
    const host = engine();
    const set = naverKeysMethod(store, host);

    expect(await set({ keys: KEYS })).toMatchObject({ ok: true });
    const onDisk = readFileSync(join(dir, NAVER_KEYS_FILE));
    expect(onDisk.toString('utf8')).not.toContain(KEYS.clientSecret);
    expect(onDisk.toString('latin1')).not.toContain(KEYS.clientId);
    expect(host.calls).toEqual([['newsSearch.setNaverKeys', { keys: KEYS }]]);
    expect(store.read()).toEqual(KEYS);

    // The engine restarted: it gets them again from the keychain.
    const restarted = engine();
    await sendStoredNaverKeys(store, restarted);
    expect(restarted.calls).toEqual([['newsSearch.setNaverKeys', { keys: KEYS }]]);

    expect(await set({ keys: null })).toMatchObject({ ok: true });
    expect(existsSync(join(dir, NAVER_KEYS_FILE))).toBe(false);
    expect(logs.join('\n')).not.toContain(KEYS.clientSecret);
  });

  it('without a keychain: refused in words, nothing written, the engine not given plain keys', async () => {
    const dir = tempDir();
    const store = new NaverKeyStore(
      dir,
      () => keychain(false),
      () => undefined,
    );
    const host = engine();
    const answer = await naverKeysMethod(store, host)({ keys: KEYS });
    expect(answer).toEqual({ ok: false, error: { code: 'search.keychain_unavailable', message: { key: 'search.keychain_unavailable' } } });
    expect(translate('ko', 'search.keychain_unavailable')).toContain('평문으로는 저장하지 않습니다');
    expect(existsSync(join(dir, NAVER_KEYS_FILE))).toBe(false);
    expect(host.calls).toEqual([]);
  });

  it('a file the keychain cannot open gives no keys and a log line without them', () => {
    const dir = tempDir();
    new NaverKeyStore(
      dir,
      () => keychain(),
      () => undefined,
    ).write(KEYS);
    const logs: string[] = [];
    const broken: Encryption = {
      ...keychain(),
      decryptString: () => {
        throw new Error(`cannot decrypt ${KEYS.clientSecret}`);
      },
    };
    expect(
      new NaverKeyStore(
        dir,
        () => broken,
        (_l, m) => logs.push(m),
      ).read(),
    ).toBeNull();
    expect(logs).toHaveLength(1);
    expect(logs[0]).not.toContain(KEYS.clientSecret);
  });
});
