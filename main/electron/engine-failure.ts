/**
 * Why the engine could not start (or stopped), in words the user can act on. The worker reports
 * the technical cause (SQLite's error code and message); this turns it into one of a few kinds,
 * each with a Korean and an English sentence. Pure: tested in tests/electron/engine-failure.test.ts.
 */

export type EngineFailureKind = 'corrupt' | 'newer' | 'read-only' | 'locked' | 'cannot-open' | 'disk-full' | 'crashed';

export interface EngineFailure {
  kind: EngineFailureKind;
  /** One sentence, no trailing period policy: shown after "monitoring stopped: " and in dialogs. */
  words: { ko: string; en: string };
  /** The technical cause, for the log and the dialog's detail. */
  detail: string;
}

const WORDS: Record<EngineFailureKind, { ko: string; en: string }> = {
  corrupt: { ko: '데이터베이스 파일이 손상되었거나 데이터베이스가 아닙니다', en: 'the database file is damaged or is not a database' },
  newer: { ko: '더 새로운 버전의 Nunchi가 만든 데이터베이스입니다', en: 'the database was written by a newer version of Nunchi' },
  'read-only': { ko: '데이터베이스 파일에 쓸 수 없습니다(읽기 전용)', en: 'the database file cannot be written (read-only)' },
  locked: { ko: '다른 프로그램이 데이터베이스를 잠그고 있습니다', en: 'another program has locked the database' },
  'cannot-open': { ko: '데이터베이스 파일을 열 수 없습니다', en: 'the database file cannot be opened' },
  'disk-full': { ko: '디스크 공간이 부족합니다', en: 'the disk is full' },
  crashed: { ko: '감시 엔진이 예기치 않게 멈췄습니다', en: 'the monitoring engine stopped unexpectedly' },
};

/** SQLite result codes (better-sqlite3 puts them on error.code) and the kind each one means. */
const BY_CODE: Array<[RegExp, EngineFailureKind]> = [
  [/^SQLITE_(NOTADB|CORRUPT)/, 'corrupt'],
  [/^SQLITE_READONLY/, 'read-only'],
  [/^SQLITE_(BUSY|LOCKED)/, 'locked'],
  [/^SQLITE_FULL/, 'disk-full'],
  [/^SQLITE_(CANTOPEN|PERM|AUTH)|^E(ACCES|PERM|ISDIR|NOTDIR|ROFS)$/, 'cannot-open'],
  [/NEWER/i, 'newer'],
];

/** The same kinds read from the message, for causes that arrive without a code. */
const BY_MESSAGE: Array<[RegExp, EngineFailureKind]> = [
  [/file is not a database|database disk image is malformed|file is encrypted/i, 'corrupt'],
  [/written by a newer Nunchi|newer version/i, 'newer'],
  [/readonly database|read-only/i, 'read-only'],
  [/database is locked|database table is locked/i, 'locked'],
  [/database or disk is full|ENOSPC/i, 'disk-full'],
  [/unable to open database file|EACCES|EISDIR|EROFS/i, 'cannot-open'],
];

export function describeEngineFailure(cause: { code?: string | null; message: string }): EngineFailure {
  const code = cause.code ?? '';
  const kind =
    (code && BY_CODE.find(([pattern]) => pattern.test(code))?.[1]) ||
    BY_MESSAGE.find(([pattern]) => pattern.test(cause.message))?.[1] ||
    'crashed';
  return { kind, words: WORDS[kind], detail: code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message };
}
