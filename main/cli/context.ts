import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ApiError, ApiMethod, ApiParams, ApiResult } from '../../shared/api';
import {
  DATABASE_ERROR_MESSAGES,
  databaseErrorMessage,
  FEED_ERROR_MESSAGES,
  feedErrorMessage,
  type DatabaseErrorCode,
  type FeedErrorCode,
  type Locale,
} from '../../shared/errors';
import { createHandlers, callHandler, type HandlerTable } from '../api/handlers';
import { Engine, type EngineOptions } from '../engine';
import { logger } from '../logger';
import { databaseInfo } from '../store/database';

const log = logger('cli');
import type { CatalogFeed } from '../feeds/catalog';
import { say, type CliMessage } from './messages';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stdout is a terminal (progress lines are drawn only then). */
  tty: boolean;
}

/** The exit codes of `nunchi` (documented in the README and the usage text). */
export const EXIT = {
  ok: 0,
  /** The work failed: nothing could be polled, the feed could not be read, not found … */
  failed: 1,
  /** Wrong usage: unknown command, missing argument. */
  usage: 2,
  /** The database cannot be opened or written (not a database, a folder, newer, read-only, locked, disk full). */
  database: 3,
  /** An input file (OPML) cannot be read. */
  file: 4,
  /** A bug: the words say so, `--verbose` shows the stack. */
  internal: 70,
} as const;

/** A failure the user caused or can fix: printed in words, exit code 1 (or as given). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const VERSION = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

/**
 * Everything a command needs: the engine on the chosen database, the API table it calls (the same
 * table the desktop app uses), the terminal, and the language.
 */
export class CliContext {
  private engineInstance: Engine | null = null;
  private table: HandlerTable | null = null;

  constructor(
    readonly databasePath: string,
    readonly locale: Locale,
    readonly json: boolean,
    readonly io: CliIo,
    private readonly processing: 'workers' | 'in-process',
    private readonly catalog?: readonly CatalogFeed[],
    /** The command only reads: open the database read-only (works on a read-only file, never waits for a writer). */
    private readonly readOnly = false,
    /** How feeds are reached: the proxy from HTTPS_PROXY/HTTP_PROXY/NO_PROXY (main/feeds/proxy.ts). */
    private readonly network: Pick<EngineOptions, 'fetchOverrides'> = {},
  ) {}

  get engine(): Engine {
    if (!this.engineInstance) {
      this.engineInstance = new Engine({ databasePath: this.databasePath, processing: this.processing, readOnly: this.readOnly, ...this.network });
      // A typo in --db must not silently start an empty database somewhere: say where it is.
      if (databaseInfo(this.engineInstance.db)?.created) this.io.err(`${this.say('databaseCreated', resolve(this.databasePath))}\n`);
    }
    return this.engineInstance;
  }

  get handlers(): HandlerTable {
    this.table ??= createHandlers({ engine: this.engine, dataDir: dirname(this.databasePath), version: VERSION, catalog: this.catalog });
    return this.table;
  }

  /** Calls the API table like the desktop app does; an API error becomes a CliError in the user's language. */
  async api<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
    const response = await callHandler(this.handlers, method, params);
    if (!response.ok && response.error.code in DATABASE_ERROR_MESSAGES) {
      // Read-only, locked, disk full … met while working: the database's words and exit code.
      log.error('database failure', { method, code: response.error.code, detail: response.error.detail });
      throw new CliError(databaseErrorMessage(response.error.code as DatabaseErrorCode, this.locale, resolve(this.databasePath)), EXIT.database);
    }
    if (!response.ok) throw new CliError(this.describe(response.error));
    return response.result as ApiResult<M>;
  }

  describe(error: ApiError): string {
    return error.detail ? `${error.message[this.locale]} (${error.detail})` : error.message[this.locale];
  }

  /**
   * A feed's error in the terminal's language: the engine stores its words in the app's language
   * (which follows the locale environment), but `--lang ko` must get Korean even under LANG=C.UTF-8.
   */
  feedError(code: string | null | undefined, stored: string | null | undefined): string {
    return code && code in FEED_ERROR_MESSAGES ? feedErrorMessage(code as FeedErrorCode, this.locale) : (stored ?? '');
  }

  say(key: CliMessage, ...args: Array<string | number>): string {
    return say(this.locale, key, ...args);
  }

  print(text: string): void {
    this.io.out(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.out(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A time in the user's zone, as people read it. */
  time(epochMs: number | null): string {
    if (epochMs === null) return '—';
    return new Intl.DateTimeFormat(this.locale === 'ko' ? 'ko-KR' : 'en-GB', {
      timeZone: this.engine.settings.get('timeZone'),
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(epochMs));
  }

  async close(): Promise<void> {
    await this.engineInstance?.close();
  }
}
