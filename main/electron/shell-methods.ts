/**
 * The API methods the shell answers itself instead of the engine: what needs the desktop (opening
 * a folder in the file manager, the native save and open dialogs for OPML, the Naver keys in the OS
 * keychain). The engine's handler table has the same methods for the e2e tests and the CLI, where
 * they answer without opening anything (`handled: false`).
 */
import { dialog, shell, type BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import type { ApiError } from '../../shared/api';
import { translate, type Locale } from '../../shared/messages';
import type { CallResponse } from '../host/engine-host';
import { logFolder } from '../host/log-files';
import { naverKeysMethod, type NaverKeyStore } from './naver-keys';

/** The same bound as feeds.importOpml's text. */
const OPML_MAX_BYTES = 5_000_000;
const OPML_FILTERS = [{ name: 'OPML', extensions: ['opml', 'xml'] }];

export interface ShellMethodContext {
  dataDir: string;
  log: (level: 'warn', message: string) => void;
  /** The engine, through its supervisor. */
  engine: { call(method: string, params: unknown): Promise<CallResponse> };
  /** The user's language, for the dialogs' titles (when the engine cannot say: Korean). */
  fallbackLocale?: Locale;
  /** The dialogs belong to this window (modal on macOS). */
  window: () => BrowserWindow | null;
  /** Where the Naver keys are kept (safeStorage); absent: the engine's answer stands. */
  naverKeys?: NaverKeyStore;
}

const fileError = (key: 'error.file_unreadable' | 'error.file_unwritable', detail: string): CallResponse => ({
  ok: false,
  error: { code: key, message: { key }, detail } satisfies ApiError,
});

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function shellMethods(ctx: ShellMethodContext): ReadonlyMap<string, (params: unknown) => Promise<CallResponse>> {
  // Asked when the dialog opens: the language may have changed a moment ago.
  const locale = async (): Promise<Locale> => {
    const answer = await ctx.engine.call('settings.get', {});
    return answer.ok ? (answer.result as { locale: Locale }).locale : (ctx.fallbackLocale ?? 'ko');
  };
  const owner = () => {
    const window = ctx.window();
    return window && !window.isDestroyed() ? window : null;
  };
  return new Map<string, (params: unknown) => Promise<CallResponse>>([
    ...(ctx.naverKeys ? [['newsSearch.setNaverKeys', naverKeysMethod(ctx.naverKeys, ctx.engine)] as const] : []),
    [
      'app.openLogFolder',
      async () => {
        const path = logFolder(ctx.dataDir);
        mkdirSync(path, { recursive: true });
        const failure = await shell.openPath(path);
        if (failure) ctx.log('warn', `could not open the log folder: ${failure}`);
        return { ok: true, result: { opened: failure === '', path } };
      },
    ],
    [
      'feeds.exportOpmlFile',
      async () => {
        const options = { title: translate(await locale(), 'feeds.opmlExport'), defaultPath: 'nunchi-feeds.opml', filters: OPML_FILTERS };
        const window = owner();
        const choice = await (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options));
        if (choice.canceled || !choice.filePath) return { ok: true, result: { handled: true, path: null } };
        const exported = await ctx.engine.call('feeds.exportOpml', {});
        if (!exported.ok) return exported;
        try {
          await writeFile(choice.filePath, (exported.result as { text: string }).text, 'utf8');
        } catch (error) {
          ctx.log('warn', `could not write ${choice.filePath}: ${describe(error)}`);
          return fileError('error.file_unwritable', `${choice.filePath}: ${describe(error)}`);
        }
        return { ok: true, result: { handled: true, path: choice.filePath } };
      },
    ],
    [
      'feeds.importOpmlFile',
      async () => {
        const options = { title: translate(await locale(), 'feeds.opmlImport'), properties: ['openFile' as const], filters: OPML_FILTERS };
        const window = owner();
        const choice = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
        const path = choice.filePaths[0];
        if (choice.canceled || !path) return { ok: true, result: { handled: true, path: null, imported: null } };
        let text: string;
        try {
          // A 2 GB file chosen by mistake is refused before it is read.
          if ((await stat(path)).size > OPML_MAX_BYTES)
            return {
              ok: false,
              error: {
                code: 'error.invalid_opml',
                message: { key: 'error.invalid_opml' },
                detail: `${path}: larger than ${OPML_MAX_BYTES} bytes`,
              },
            };
          text = await readFile(path, 'utf8');
        } catch (error) {
          ctx.log('warn', `could not read ${path}: ${describe(error)}`);
          return fileError('error.file_unreadable', `${path}: ${describe(error)}`);
        }
        const imported = await ctx.engine.call('feeds.importOpml', { text });
        if (!imported.ok) return imported;
        return { ok: true, result: { handled: true, path, imported: imported.result } };
      },
    ],
  ]);
}
