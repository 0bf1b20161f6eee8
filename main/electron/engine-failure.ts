/**
 * Why the engine could not start (or stopped), in words the user can act on. The worker reports
 * the technical cause (SQLite's error code and message); this turns it into one of a few kinds,
 * each with a message (`engine.failure.<kind>` in shared/messages). Pure: tested in
 * tests/electron/supervision-decisions.test.ts.
 */
import type { Message, MessageKey } from '../../shared/messages';

export type EngineFailureKind = 'corrupt' | 'newer' | 'read-only' | 'locked' | 'cannot-open' | 'disk-full' | 'crashed';

export interface EngineFailure {
  kind: EngineFailureKind;
  /** One clause, no trailing period: shown after "monitoring stopped: " and in dialogs. */
  reason: Message<Extract<MessageKey, `engine.failure.${string}`>>;
  /** The technical cause, for the log and the dialog's detail. */
  detail: string;
}

/**
 * The store's own codes (a DatabaseError from openDatabase: main/store/database-error.ts), SQLite
 * result codes (better-sqlite3 puts them on error.code) and the kind each one means.
 */
const BY_CODE: Array<[RegExp, EngineFailureKind]> = [
  [/^database\.not_a_database$/, 'corrupt'],
  [/^database\.newer_schema$/, 'newer'],
  [/^database\.read_only$/, 'read-only'],
  [/^database\.locked$/, 'locked'],
  [/^database\.disk_full$/, 'disk-full'],
  [/^database\.(is_directory|missing|cannot_open)$/, 'cannot-open'],
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
  return {
    kind,
    reason: { key: `engine.failure.${kind}` },
    detail: code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message,
  };
}
