/**
 * `nunchi`: the headless monitor — the app's main job without a window. This file only reads the
 * command line and routes; each command group is a module of its own.
 */
import { naverKeysFromEnv } from '../search/config';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CatalogFeed } from '../feeds/catalog';
import { asFeedError } from '../feeds/feed-error';
import { envNamesProxy } from '../feeds/proxy-env';
import { addLogSink, formatLogRecord, logger } from '../logger';
import { asDatabaseError } from '../store/database-error';
import type { Locale } from '../../shared/errors';
import { CliContext, CliError, EXIT, loadEngineKit, VERSION, type CliIo } from './context';
import { terminalLocale } from './locale';
import { translate } from '../../shared/messages';
import { defaultDataDir, resolveDatabasePath } from './paths';
import { errorStream, exitWhenWritten, stdoutIsTerminal, writeOut } from './stdout';

/** For bin/nunchi.cjs, which runs the bundle. */
export { exitWhenWritten };

let terminal: boolean | undefined;
const defaultIo: CliIo = {
  out: writeOut,
  err: (text) => void errorStream().write(text),
  // Asked when a command needs it, not at start-up (see ./stdout).
  get tty() {
    return (terminal ??= stdoutIsTerminal());
  },
};

/**
 * A replacement catalog (JSON array of catalog entries) from NUNCHI_CATALOG_FILE: for a mirror or
 * a proxy in front of the outlets, and for the end-to-end tests' local feed server.
 */
function catalogOverride(env: NodeJS.ProcessEnv): CatalogFeed[] | undefined {
  return env.NUNCHI_CATALOG_FILE ? (JSON.parse(readFileSync(env.NUNCHI_CATALOG_FILE, 'utf8')) as CatalogFeed[]) : undefined;
}

/**
 * `--full-text` takes a mode after `feeds add|set` but stands alone after `parse`: there, or with
 * nothing or another option after it, it is a flag (`--full-text=`), so it never swallows `--json`
 * or the URL. (`feeds set 1 --full-text sometimes` keeps its wrong value, to be refused in words.)
 */
function fullTextAsFlag(argv: readonly string[]): string[] {
  const parse = argv.indexOf('parse');
  return argv.map((arg, i) => {
    if (arg !== '--full-text') return arg;
    const next = argv[i + 1];
    const standsAlone = next === undefined || next.startsWith('-') || (parse >= 0 && parse < i && !/^(auto|always|never)$/i.test(next));
    return standsAlone ? '--full-text=' : arg;
  });
}

/** Every option `nunchi` knows; anything else that starts with `-` is an argument (a query like `-퇴근 카카오`). */
const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  verbose: { type: 'boolean' },
  all: { type: 'boolean' },
  unread: { type: 'boolean' },
  watch: { type: 'string' },
  limit: { type: 'string' },
  sort: { type: 'string' },
  'delete-alerts': { type: 'boolean' },
  'user-agent': { type: 'string' },
  'notify-log': { type: 'string' },
  'no-desktop-notifications': { type: 'boolean' },
  // `feeds add|set … --full-text MODE`; alone (`parse URL --full-text`) a flag: see fullTextAsFlag.
  'full-text': { type: 'string' },
  'no-full-text': { type: 'boolean' },
  // `watch add|edit … --search google,naver` (or none): the watchlist's news-search sources.
  search: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

const SHORT_FLAGS = new Set(Object.values(OPTIONS).flatMap((o) => ('short' in o ? [`-${o.short}`] : [])));

/**
 * Splits the command line into options and positionals before node:util's parseArgs sees it,
 * which would read `-퇴근 카카오` (a watchlist query excluding 퇴근) as the short flags -퇴, -근.
 * `--name`, `--name=value`, `--name value` and the known short flags are options; `--` ends them.
 */
function splitCommandLine(argv: readonly string[]): { optionArgs: string[]; positionals: string[] } {
  const optionArgs: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const long = /^--([^=]+)(=.*)?$/s.exec(arg);
    if (long) {
      const spec = (OPTIONS as Record<string, { type: string }>)[long[1]!];
      // `--watch -퇴근`: joined with = so the value is never mistaken for an option.
      if (spec?.type === 'string' && long[2] === undefined && i + 1 < argv.length) optionArgs.push(`${arg}=${argv[++i]!}`);
      else optionArgs.push(arg);
    } else if (SHORT_FLAGS.has(arg)) {
      optionArgs.push(arg);
    } else {
      positionals.push(arg);
    }
  }
  return { optionArgs, positionals };
}

/** Commands that only read: they open the database read-only (so they work on a read-only file and never wait for a writer). */
export function onlyReads(command: string, args: readonly string[]): boolean {
  const [sub, next] = args;
  if (command === 'alerts' || command === 'search') return true;
  if (command === 'feeds')
    return sub === undefined || sub === 'list' || sub === 'export' || (sub === 'catalog' && next !== 'enable' && next !== 'disable');
  if (command === 'watch') return sub === undefined || sub === 'list' || sub === 'test';
  return false;
}

const log = logger('cli');

/**
 * Any failure as words and an exit code, never a stack trace: a database we cannot use (exit 3),
 * a mistake the user can fix (its own code), anything else as an internal error (70). `--verbose`
 * adds the technical detail.
 */
export function reportFailure(error: unknown, context: { locale: Locale; io: CliIo; verbose: boolean; databasePath?: string }): number {
  const { locale, io, verbose } = context;
  const prefix = translate(locale, 'cli.error');
  if (error instanceof CliError) {
    io.err(`${prefix}: ${error.message}\n`);
    return error.exitCode;
  }
  const database = asDatabaseError(error, context.databasePath ?? '');
  if (database) {
    log.error('database failure', { path: database.path, code: database.code }, error);
    io.err(`${prefix}: ${database.userMessage(locale)}\n`);
    if (verbose) io.err(`  ${translate(locale, 'cli.detail')}: ${database.detail}\n`);
    return EXIT.database;
  }
  log.error('internal error', {}, error);
  io.err(`${prefix}: ${translate(locale, 'cli.internalError')}\n`);
  if (verbose) io.err(`  ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.internal;
}

export async function main(argv: string[], io: CliIo = defaultIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const verbose = argv.includes('--verbose');
  // --verbose: the engine's log records, technical, on stderr.
  const detach = verbose ? addLogSink((record) => io.err(`${formatLogRecord(record)}\n`), 'debug') : () => undefined;
  try {
    return await runMain(argv, io, env, verbose);
  } catch (error) {
    return reportFailure(error, { locale: terminalLocale(langFlag(argv), env), io, verbose });
  } finally {
    detach();
  }
}

function langFlag(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (at < 0) return undefined;
  return argv[at]!.includes('=') ? argv[at]!.slice('--lang='.length) : argv[at + 1];
}

async function runMain(argv: string[], io: CliIo, env: NodeJS.ProcessEnv, verbose: boolean): Promise<number> {
  const { optionArgs, positionals } = splitCommandLine(fullTextAsFlag(argv));
  const { values } = parseArgs({ args: optionArgs, allowPositionals: true, strict: false, options: OPTIONS });
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const locale = terminalLocale(str(values.lang), env);
  const [command, ...args] = positionals;
  if (values.version) {
    io.out(`nunchi ${VERSION}\n`);
    return 0;
  }
  if (!command || values.help) {
    (command || values.help ? io.out : io.err)(`${translate(locale, 'cli.usage')}\n`);
    return command || values.help ? 0 : 2;
  }

  // `parse` stores nothing: it needs no database.
  if (command === 'parse') {
    const fullText = values['full-text'] !== undefined;
    const source = args[0];
    if (!source) {
      io.err(`${translate(locale, 'cli.missingArgument', { what: translate(locale, 'cli.arg.fileOrUrl') })}\n`);
      return 2;
    }
    try {
      // The parser stack and the page DOM are loaded by the command that uses them, not by every command.
      const { extractPages, formatFeedSummary, loadAndParse, toParseJson } = await import('./parse-command');
      const { envProxyDispatcher } = await import('../feeds/proxy');
      const dispatcher = envProxyDispatcher(env);
      const feed = await loadAndParse(source, str(values['user-agent']), dispatcher);
      // The pages go through the same proxy as the feed.
      const pages = fullText ? await extractPages(feed, source, dispatcher) : undefined;
      io.out(
        values.json ? `${JSON.stringify(toParseJson(feed, pages, locale), null, 2)}\n` : `${formatFeedSummary(feed, locale, pages)}\n`,
      );
      return 0;
    } catch (error) {
      const failure = asFeedError(error);
      io.err(`${translate(locale, 'cli.error')}: ${failure.userMessage(locale)}\n  (${failure.detail})\n`);
      return EXIT.failed;
    }
  }

  const processing = command === 'run' || command === 'poll' ? 'workers' : 'in-process';
  const databasePath = resolveDatabasePath(str(values.db), env);
  // Read-only only when the file exists: a first `nunchi feeds list` creates the database (and says so).
  const readsOnly = onlyReads(command, args);
  const readOnly = readsOnly && existsSync(databasePath);
  // The proxy agent (undici) only for commands that may fetch, and only when the environment names
  // a proxy: loading undici costs ~130 ms, and without a proxy node:http connects directly (main/feeds/node-http.ts).
  const dispatcher = readsOnly || !envNamesProxy(env) ? undefined : (await import('../feeds/proxy')).envProxyDispatcher(env);
  const engineOptions = {
    ...(dispatcher ? { fetchOverrides: { dispatcher } } : {}),
    monitorKind: command === 'run' ? ('run' as const) : ('poll' as const),
    // Only the monitor catches up on background work as it starts; any other command's own work
    // (a poll above all) comes first.
    backgroundAtStart: command === 'run',
    // News search: the Naver keys from the environment (never from the command line, where they
    // would be seen in the process list and the shell's history); the engine reads the base URLs'
    // NUNCHI_SEARCH_GOOGLE_URL / NUNCHI_SEARCH_NAVER_URL itself, over the settings.
    naverKeys: naverKeysFromEnv(env),
    // Only the data folder that is Nunchi's own is made private, never one chosen with --db (/tmp …).
    privateFolder: dirname(databasePath) === defaultDataDir(env),
  };
  // A command that writes (or makes a new database) uses the engine; one that reads loads it only if it must (see loadEngineKit).
  if (!readOnly) await loadEngineKit();
  const ctx = new CliContext(databasePath, locale, !!values.json, io, processing, catalogOverride(env), readOnly, engineOptions);
  const notify = { logFile: str(values['notify-log']) ?? env.NUNCHI_NOTIFY_LOG, desktop: !values['no-desktop-notifications'] };
  const limit = Math.min(Math.max(Number(str(values.limit) ?? 50) || 50, 1), 500);
  try {
    // Each command group is loaded by the command that uses it: a read command never loads what
    // `run` needs (the notifier's child processes, the worker pool), nor the OPML reader (issue 14).
    switch (command) {
      case 'run':
        return await (await import('./monitor-commands')).runCommand(ctx, notify);
      case 'poll':
        return await (
          await import('./monitor-commands')
        ).pollCommand(ctx, { all: !!values.all, fullText: !values['no-full-text'], notify });
      case 'feeds':
        return await (await import('./feeds-command')).feedsCommand(ctx, args, { fullText: values['full-text'] });
      case 'watch':
        return await (
          await import('./watch-command')
        ).watchCommand(ctx, args, { deleteAlerts: !!values['delete-alerts'], search: str(values.search) });
      case 'alerts':
        return await (await import('./read-commands')).alertsCommand(ctx, { unread: !!values.unread, watch: str(values.watch), limit });
      case 'search': {
        const { searchCommand } = await import('./read-commands');
        return await searchCommand(ctx, args.join(' '), { sort: str(values.sort) === 'date' ? 'date' : 'relevance', limit });
      }
      default:
        io.err(`${translate(locale, 'cli.unknownCommand', { command })}\n\n${translate(locale, 'cli.usage')}\n`);
        return 2;
    }
  } catch (error) {
    return reportFailure(error, { locale, io, verbose, databasePath });
  } finally {
    await ctx.close().catch((error: unknown) => log.warn('closing the database failed', { path: databasePath }, error));
  }
}

// Run when executed directly (tsx main/cli/nunchi.ts, or the built bin), not when imported by tests.
const invokedDirectly = !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => exitWhenWritten(code),
    (error: unknown) => {
      // main() reports every failure itself; this is the last net, still without a stack trace.
      process.exitCode = reportFailure(error, {
        locale: terminalLocale(undefined, process.env),
        io: defaultIo,
        verbose: process.argv.includes('--verbose'),
      });
    },
  );
}
