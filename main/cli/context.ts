import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ApiError, ApiMethod, ApiParams, ApiResult } from '../../shared/api';
import type { Locale } from '../../shared/errors';
import { formatShortDateTime } from '../../shared/datetime';
import { formatMessage, translate, type MessageArgs, type MessageKey } from '../../shared/messages';
import { createHandlers, callHandler, type HandlerTable } from '../api/handlers';
import { Engine } from '../engine';
import type { CatalogFeed } from '../feeds/catalog';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stdout is a terminal (progress lines are drawn only then). */
  tty: boolean;
}

/** A failure the user caused or can fix: printed in words, exit code 1 (or as given). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The version of the installed package (package.json next to out/cli in a global install). */
export const VERSION = (() => {
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
  ) {}

  get engine(): Engine {
    this.engineInstance ??= new Engine({ databasePath: this.databasePath, processing: this.processing });
    return this.engineInstance;
  }

  get handlers(): HandlerTable {
    this.table ??= createHandlers({ engine: this.engine, dataDir: dirname(this.databasePath), version: VERSION, catalog: this.catalog });
    return this.table;
  }

  /** Calls the API table like the desktop app does; an API error becomes a CliError in the user's language. */
  async api<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
    const response = await callHandler(this.handlers, method, params);
    if (!response.ok) throw new CliError(this.describe(response.error));
    return response.result as ApiResult<M>;
  }

  describe(error: ApiError): string {
    const words = formatMessage(this.locale, error.message);
    return error.detail ? `${words} (${error.detail})` : words;
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
    return formatShortDateTime(epochMs, this.locale, this.engine.settings.get('timeZone'));
  }

  async close(): Promise<void> {
    await this.engineInstance?.close();
  }
}
