/**
 * The dialog for a database the engine cannot open at startup (damaged, from a newer Nunchi,
 * read-only, locked …): the file's path, the reason in words, and what the user can do — move the
 * file aside and start with an empty database (the file is kept, renamed), try again (when another
 * program holds it), or quit. Pure: the shell shows it with dialog.showMessageBox.
 */
import { translate, type Locale } from '../../shared/messages';
import type { EngineFailure } from './engine-failure';

export type StartupChoice = 'move-aside' | 'retry' | 'quit';

export interface StartupDialog {
  options: {
    type: 'error';
    title: string;
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
    noLink: true;
  };
  /** The choice behind each button, in the same order. */
  choices: StartupChoice[];
}

/**
 * What helps for each kind: a file that cannot be read as this version's database can only be set
 * aside; a lock goes away when the other program finishes (trying again comes first); a full disk
 * or a crash are not the file's fault — moving it aside would hide the user's data for nothing.
 */
const CHOICES: Record<EngineFailure['kind'], StartupChoice[]> = {
  corrupt: ['move-aside', 'quit'],
  newer: ['move-aside', 'quit'],
  'read-only': ['move-aside', 'quit'],
  'cannot-open': ['move-aside', 'quit'],
  locked: ['retry', 'move-aside', 'quit'],
  'disk-full': ['retry', 'quit'],
  crashed: ['retry', 'quit'],
};

export function startupDialog(input: { databasePath: string; failure: EngineFailure; locale: Locale }): StartupDialog {
  const say = (key: Parameters<typeof translate>[1], args?: Parameters<typeof translate>[2]) => translate(input.locale, key, args);
  const reason = input.failure.reason;
  const choices = CHOICES[input.failure.kind];
  return {
    options: {
      type: 'error',
      title: say('startup.title'),
      message: say('startup.message', { reason }),
      detail: [
        say('startup.path', { path: input.databasePath }),
        say('startup.reason', { reason }),
        say('startup.aside'),
        say('startup.cause', { detail: input.failure.detail }),
      ].join('\n'),
      buttons: choices.map((choice) => say(`startup.button.${choice}`)),
      defaultId: choices.indexOf('quit'),
      cancelId: choices.indexOf('quit'),
      noLink: true,
    },
    choices,
  };
}

/** The user's language for a dialog shown before the settings can be read: the system's. */
export function systemLocale(tag: string): 'ko' | 'en' {
  return /^ko\b/i.test(tag) ? 'ko' : 'en';
}
