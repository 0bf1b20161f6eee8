import type { DatabaseErrorCode, Locale } from '../../shared/errors';
import { formatMessage, message, type Message } from '../../shared/messages';

/**
 * The database could not be opened or written, as a message key for the user plus the technical
 * cause for the log (the same shape as FeedError). Thrown by openDatabase and by asDatabaseError
 * for SQLite failures met later (locked, disk full, read-only).
 */
export class DatabaseError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    readonly path: string,
    readonly detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(`${code}: ${detail} (${path})`, { cause: options.cause });
    this.name = 'DatabaseError';
  }

  /** What the user is told, not yet in words: the reason, then the file it is about when known. */
  get userFacing(): Message {
    return this.path ? message('database.withPath', { message: { key: this.code }, path: this.path }) : { key: this.code };
  }

  /** The words a person reads: "… 확인하세요. (/home/…/nunchi.sqlite)". */
  userMessage(locale: Locale): string {
    return formatMessage(locale, this.userFacing);
  }
}

/** SQLite's result codes (better-sqlite3 puts the extended name on `code`) that mean one of ours. */
export function databaseErrorCodeOf(error: unknown): DatabaseErrorCode | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'database.not_a_database';
  if (code.startsWith('SQLITE_READONLY')) return 'database.read_only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'database.locked';
  if (code === 'SQLITE_FULL') return 'database.disk_full';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'database.cannot_open';
  if (code === 'EISDIR') return 'database.is_directory';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'database.read_only';
  if (code === 'ENOSPC') return 'database.disk_full';
  return null;
}

/** A DatabaseError for a SQLite (or file system) failure we have words for; null for anything else. */
export function asDatabaseError(error: unknown, path: string): DatabaseError | null {
  if (error instanceof DatabaseError) return error;
  const code = databaseErrorCodeOf(error);
  if (code === null) return null;
  const detail = error instanceof Error ? `${error.message} [${(error as { code?: string }).code}]` : String(error);
  return new DatabaseError(code, path, detail, { cause: error });
}
