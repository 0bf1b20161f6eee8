/**
 * The API methods the shell answers itself instead of the engine: what needs the desktop (opening
 * a folder in the file manager, the Naver keys in the OS keychain). The engine's handler table has the same methods for the e2e tests
 * and the CLI, where they answer without opening anything.
 */
import { shell } from 'electron';
import { mkdirSync } from 'node:fs';
import type { CallResponse } from '../host/engine-host';
import { logFolder } from '../host/log-files';
import { naverKeysMethod, type NaverKeyStore } from './naver-keys';

export function shellMethods(
  dataDir: string,
  log: (level: 'warn', message: string) => void,
  naver?: { store: NaverKeyStore; engine: { call(method: string, params: unknown): Promise<CallResponse> } },
): ReadonlyMap<string, (params: unknown) => Promise<CallResponse>> {
  return new Map([
    ...(naver ? [['newsSearch.setNaverKeys', naverKeysMethod(naver.store, naver.engine)] as const] : []),
    [
      'app.openLogFolder',
      async () => {
        const path = logFolder(dataDir);
        mkdirSync(path, { recursive: true });
        const failure = await shell.openPath(path);
        if (failure) log('warn', `could not open the log folder: ${failure}`);
        return { ok: true, result: { opened: failure === '', path } };
      },
    ],
  ]);
}
