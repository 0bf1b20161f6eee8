/**
 * The user's Naver Search API keys in the desktop app (issue 12): encrypted with Electron's
 * safeStorage (the OS keychain: Keychain, DPAPI, libsecret/kwallet) into a file of the data
 * folder, never in the database and never in a log; handed to the engine worker in memory when it
 * starts (and after each restart), and when the user enters new ones in Settings.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API, type ApiError } from '../../shared/api';
import type { CallResponse } from '../host/engine-host';

export interface NaverKeys {
  clientId: string;
  clientSecret: string;
}

/** What safeStorage offers (injected so the shell's pure part is tested without Electron). */
export interface Encryption {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

type Log = (level: 'warn', message: string) => void;

export const NAVER_KEYS_FILE = 'naver-keys.bin';

const UNAVAILABLE: ApiError = { code: 'search.keychain_unavailable', message: { key: 'search.keychain_unavailable' } };

export class NaverKeyStore {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly encryption: () => Encryption,
    private readonly log: Log,
  ) {
    this.file = join(dataDir, NAVER_KEYS_FILE);
  }

  /** The stored keys; null when none, or when the keychain cannot open them (said in the log, without them). */
  read(): NaverKeys | null {
    if (!existsSync(this.file)) return null;
    try {
      const encryption = this.encryption();
      if (!encryption.isEncryptionAvailable()) {
        this.log('warn', 'the OS keychain is not available: the Naver keys cannot be read');
        return null;
      }
      const value = JSON.parse(encryption.decryptString(readFileSync(this.file))) as Partial<NaverKeys>;
      return typeof value.clientId === 'string' && typeof value.clientSecret === 'string'
        ? { clientId: value.clientId, clientSecret: value.clientSecret }
        : null;
    } catch (error) {
      // The message of a decryption failure never holds the plain text; the name is enough.
      this.log('warn', `the Naver keys could not be decrypted (${error instanceof Error ? error.name : 'error'})`);
      return null;
    }
  }

  /** Stores the keys encrypted (null: forgets them). False when the keychain is unavailable: nothing is written then. */
  write(keys: NaverKeys | null): boolean {
    if (keys === null) {
      rmSync(this.file, { force: true });
      return true;
    }
    const encryption = this.encryption();
    if (!encryption.isEncryptionAvailable()) return false;
    writeFileSync(this.file, encryption.encryptString(JSON.stringify(keys)), { mode: 0o600 });
    return true;
  }
}

/**
 * The shell's answer to `newsSearch.setNaverKeys`: keep the keys in the keychain, then hand them to
 * the engine (which answers with the status). Refused in words when the OS has no keychain: the
 * keys are never kept in plain text instead.
 */
export function naverKeysMethod(
  store: NaverKeyStore,
  engine: { call(method: string, params: unknown): Promise<CallResponse> },
): (params: unknown) => Promise<CallResponse> {
  return async (params) => {
    const parsed = API['newsSearch.setNaverKeys'].params.safeParse(params);
    // Malformed params: the engine's validation answers with the error as it does for every method.
    if (!parsed.success) return engine.call('newsSearch.setNaverKeys', params);
    if (!store.write(parsed.data.keys)) return { ok: false, error: UNAVAILABLE };
    return engine.call('newsSearch.setNaverKeys', parsed.data);
  };
}

/** After the engine (re)starts: the stored keys, if any, handed to it in memory. */
export async function sendStoredNaverKeys(
  store: NaverKeyStore,
  engine: { call(method: string, params: unknown): Promise<CallResponse> },
): Promise<void> {
  const keys = store.read();
  if (keys) await engine.call('newsSearch.setNaverKeys', { keys });
}
