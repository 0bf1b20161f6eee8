/**
 * The dialog for a database the engine cannot open at startup (damaged, from a newer Nunchi,
 * read-only, locked …): the file's path, the reason in words, and what the user can do — move the
 * file aside and start with an empty database (the file is kept, renamed), try again (when another
 * program holds it), or quit. Pure: the shell shows it with dialog.showMessageBox.
 */
import type { EngineFailure } from './engine-failure';

export type StartupChoice = 'move-aside' | 'retry' | 'quit';

export interface StartupDialog {
  options: { type: 'error'; title: string; message: string; detail: string; buttons: string[]; defaultId: number; cancelId: number; noLink: true };
  /** The choice behind each button, in the same order. */
  choices: StartupChoice[];
}

const WORDS = {
  ko: {
    title: 'Nunchi를 시작할 수 없습니다',
    message: '데이터베이스를 열 수 없습니다',
    path: '파일',
    reason: '이유',
    cause: '기술 정보',
    aside: '옆으로 옮기면 파일 이름을 바꿔 그대로 보관하고, 빈 데이터베이스로 새로 시작합니다.',
    buttons: { 'move-aside': '옆으로 옮기고 새로 시작', retry: '다시 시도', quit: '종료' },
  },
  en: {
    title: 'Nunchi cannot start',
    message: 'The database cannot be opened',
    path: 'File',
    reason: 'Reason',
    cause: 'Technical detail',
    aside: 'Moving it aside renames the file and keeps it; Nunchi starts again with an empty database.',
    buttons: { 'move-aside': 'Move it aside and start fresh', retry: 'Try again', quit: 'Quit' },
  },
} as const;

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

export function startupDialog(input: { databasePath: string; failure: EngineFailure; locale: 'ko' | 'en' }): StartupDialog {
  const words = WORDS[input.locale];
  const choices = CHOICES[input.failure.kind];
  return {
    options: {
      type: 'error',
      title: words.title,
      message: `${words.message}: ${input.failure.words[input.locale]}.`,
      detail: [`${words.path}: ${input.databasePath}`, `${words.reason}: ${input.failure.words[input.locale]}.`, words.aside, `${words.cause}: ${input.failure.detail}`].join('\n'),
      buttons: choices.map((c) => words.buttons[c]),
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
