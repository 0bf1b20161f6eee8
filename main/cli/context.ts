import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ApiError, ApiMethod, ApiParams, ApiResult } from '../../shared/api';
import type { DatabaseErrorCode, Locale } from '../../shared/errors';
import { formatShortDateTime } from '../../shared/datetime';
import { formatMessage, isMessageKey, translate, type MessageArgs, type MessageKey } from '../../shared/messages';
import { callTrusted, type ApiResponse, type HandlerTable, type Parsed } from '../api/handler-table';
import { createReadHandlers, type EngineReads, type ReadHandlerTable, type ReadMethod } from '../api/read-handlers';
import type { Engine, EngineOptions, LeaseHolder } from '../engine';
import { EngineReader } from '../engine-reader';
import { logger } from '../logger';
import { sqliteAddonPath } from './sqlite-addon';
import type { CatalogFeed } from '../feeds/catalog';

const log = logger('cli');

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

/**
 * The version of the installed package: package.json two folders up from this module, in the
 * sources (main/cli/) and in the bundle (out/cli/nunchi.js), three from a bundle chunk (out/cli/chunks/).
 */
export const VERSION = (() => {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'nunchi') return pkg.version;
    } catch {
      // Not there: the next folder up.
    }
  }
  return '0.0.0';
})();

type EngineKit = [typeof import('../engine'), typeof import('../api/handlers')];
let engineKit: EngineKit | null = null;

/**
 * The engine and the full API table, loaded by the commands that use them: a command that only
 * lists what is stored (`alerts`, `watch list`, `feeds list`, `search`) reads the stores through an
 * EngineReader and never loads the polling, matching and background work (issue 14: ~20 ms of its start).
 */
export async function loadEngineKit(): Promise<void> {
  engineKit ??= await Promise.all([import('../engine'), import('../api/handlers')]);
}

function loadedKit(): EngineKit {
  if (!engineKit) throw new Error('the engine is not loaded (await loadEngineKit() before using it)');
  return engineKit;
}

/**
 * Everything a command needs: the engine on the chosen database, the API table it calls (the same
 * table the desktop app uses), the terminal, and the language.
 */
export class CliContext {
  private engineInstance: Engine | null = null;
  private readerInstance: EngineReader | null = null;
  private table: HandlerTable | null = null;
  private readTable: ReadHandlerTable | null = null;

  constructor(
    readonly databasePath: string,
    readonly locale: Locale,
    readonly json: boolean,
    readonly io: CliIo,
    private readonly processing: 'workers' | 'in-process',
    private readonly catalog?: readonly CatalogFeed[],
    /** The command only reads: open the database read-only (works on a read-only file, never waits for a writer). */
    private readonly readOnly = false,
    /**
     * How feeds are reached (the proxy from HTTPS_PROXY/HTTP_PROXY/NO_PROXY, main/feeds/proxy.ts),
     * and who polls (`run` or `poll`, named to another monitor on the same database).
     */
    private readonly engineOptions: Pick<
      EngineOptions,
      'fetchOverrides' | 'monitorKind' | 'privateFolder' | 'naverKeys' | 'searchBaseUrls'
    > = {},
  ) {}

  /** The engine; a command that writes has it loaded before it runs (loadEngineKit), one that reads loads it with api(). */
  get engine(): Engine {
    if (!this.engineInstance) {
      const [{ Engine }] = loadedKit();
      this.engineInstance = new Engine({
        databasePath: this.databasePath,
        nativeBinding: sqliteAddonPath(),
        processing: this.processing,
        readOnly: this.readOnly,
        ...this.engineOptions,
      });
      // A typo in --db must not silently start an empty database somewhere: say where it is.
      if (this.engineInstance.createdDatabase) this.io.err(`${this.say('cli.databaseCreated', { path: resolve(this.databasePath) })}\n`);
    }
    return this.engineInstance;
  }

  /**
   * What the read methods read: the engine when this command has one (it writes, or it is the
   * first command on a new database, which the engine creates), else the stores alone on the
   * database opened read-only.
   */
  private get reads(): EngineReads {
    if (this.engineInstance || !this.readOnly) return this.engine;
    this.readerInstance ??= new EngineReader({ databasePath: this.databasePath, nativeBinding: sqliteAddonPath() });
    return this.readerInstance;
  }

  /** Calls the API table like the desktop app does; an API error becomes a CliError in the user's language. */
  async api<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
    await loadEngineKit();
    const [, { createHandlers, callHandler }] = loadedKit();
    this.table ??= createHandlers({ engine: this.engine, dataDir: dirname(this.databasePath), version: VERSION, catalog: this.catalog });
    return this.answer(method, await callHandler(this.table, method, params));
  }

  /**
   * A read command's call: the same handler the API table has, with params the compiler checked in
   * their parsed form (every default written out), so that listing what is stored loads neither
   * zod and the contract's schemas nor the engine (issue 14: a read command in ≤ 150 ms).
   */
  async read<M extends ReadMethod>(method: M, params: Parsed<M>): Promise<ApiResult<M>> {
    this.readTable ??= createReadHandlers(this.reads);
    return this.answer(method, await callTrusted(this.readTable, method, params));
  }

  /** Waits for the engine's background work (a new watchlist's pass over stored articles); a read-only command has none. */
  async whenIdle(): Promise<void> {
    if (this.engineInstance || !this.readOnly) await this.engine.whenIdle();
  }

  private answer<M extends ApiMethod>(method: M, response: ApiResponse): ApiResult<M> {
    if (!response.ok && response.error.code.startsWith('database.')) {
      // Read-only, locked, disk full … met while working: the database's words, its path and exit code.
      log.error('database failure', { method, code: response.error.code, detail: response.error.detail });
      const reason = { key: response.error.code as DatabaseErrorCode };
      throw new CliError(this.say('database.withPath', { message: reason, path: resolve(this.databasePath) }), EXIT.database);
    }
    if (!response.ok) throw new CliError(this.describe(response.error));
    return response.result as ApiResult<M>;
  }

  describe(error: ApiError): string {
    const words = formatMessage(this.locale, error.message);
    return error.detail ? `${words} (${error.detail})` : words;
  }

  /**
   * A feed's error in the terminal's language: the engine stores its words in the app's language
   * (which follows the locale environment), but `--lang ko` must get Korean even under LANG=C.UTF-8.
   * A message that needs arguments the code alone does not carry (the timeout's seconds) keeps the
   * stored words.
   */
  feedError(code: string | null | undefined, stored: string | null | undefined): string {
    if ((code?.startsWith('error.') || code?.startsWith('database.')) && isMessageKey(code)) {
      try {
        return translate(this.locale, code);
      } catch {
        // intl-messageformat: a value is missing; the stored words are right, if in another language.
      }
    }
    return stored ?? '';
  }

  /** A message in the user's language. */
  say(key: MessageKey, args?: MessageArgs): string {
    return translate(this.locale, key, args);
  }

  print(text: string): void {
    this.io.out(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.out(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A time in the user's zone, as people read it ("26. 11. 28. 오후 3:15"). */
  time(epochMs: number | null): string {
    if (epochMs === null) return '—';
    // Undefined unless the user chose a zone: the system's, formatted without Intl (issue 14).
    return formatShortDateTime(epochMs, this.locale, this.reads.settings.chosen('timeZone'));
  }

  /** "다른 모니터가 이미 … 수집하고 있습니다: nunchi run (host의 프로세스 123, … 부터)." */
  otherPoller(holder: LeaseHolder): string {
    return this.say('monitor.otherPoller', {
      who: { key: `monitor.kind.${holder.kind}` },
      pid: holder.pid,
      host: holder.host,
      since: this.time(holder.acquiredAt),
    });
  }

  async close(): Promise<void> {
    this.readerInstance?.close();
    await this.engineInstance?.close();
  }
}
