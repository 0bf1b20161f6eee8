/**
 * The first start of the engine. When the database cannot be opened the user gets a dialog (the
 * path, the reason in words, startup-dialog.ts) instead of an app that vanishes: move the file aside
 * and start fresh, try again, or quit. Resolves true once the engine runs, false when the user
 * chose to quit.
 */
import { app, dialog } from 'electron';
import { translate } from '../../shared/messages';
import { EngineStartError } from '../host/engine-host';
import { moveDatabaseAside } from './database-aside';
import { describeEngineFailure } from './engine-failure';
import type { EngineSupervisor } from './engine-supervisor';
import { startupDialog, systemLocale } from './startup-dialog';

export async function startEngineOrAsk(
  supervisor: EngineSupervisor,
  databasePath: string,
  log: (level: 'error' | 'warn' | 'info', message: string) => void,
): Promise<boolean> {
  for (;;) {
    try {
      await supervisor.start();
      return true;
    } catch (error) {
      if (!(error instanceof EngineStartError)) throw error;
      const failure = describeEngineFailure({ code: error.code, message: error.reason });
      log('error', `the engine could not start (${failure.kind}): ${failure.detail}`);
      const { options, choices } = startupDialog({ databasePath, failure, locale: systemLocale(app.getLocale()) });
      const { response } = await dialog.showMessageBox(options);
      const choice = choices[response] ?? 'quit';
      if (choice === 'quit') return false;
      if (choice === 'move-aside') {
        try {
          const aside = moveDatabaseAside(databasePath, Date.now());
          log('warn', `moved the database aside to ${aside}; starting with an empty one`);
        } catch (moveError) {
          const detail = moveError instanceof Error ? moveError.message : String(moveError);
          log('error', `could not move the database aside: ${detail}`);
          const locale = systemLocale(app.getLocale());
          dialog.showErrorBox(
            translate(locale, 'startup.title'),
            `${translate(locale, 'startup.moveFailed', { path: databasePath })}\n${detail}`,
          );
          return false;
        }
      }
    }
  }
}
