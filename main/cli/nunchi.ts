#!/usr/bin/env node
/**
 * `nunchi`: the headless monitor — the app's main job without a window. This file only reads the
 * command line and routes; each command group is a module of its own.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CatalogFeed } from '../feeds/catalog';
import { asFeedError } from '../feeds/feed-error';
import { CliContext, CliError, VERSION, type CliIo } from './context';
import { feedsCommand } from './feeds-command';
import { terminalLocale } from './locale';
import { translate } from '../../shared/messages';
import { pollCommand, runCommand } from './monitor-commands';
import { formatFeedSummary, loadAndParse, toParseJson } from './parse-command';
import { resolveDatabasePath } from './paths';
import { alertsCommand, searchCommand } from './read-commands';
import { watchCommand } from './watch-command';

const defaultIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  tty: !!process.stdout.isTTY,
};

/**
 * A replacement catalog (JSON array of catalog entries) from NUNCHI_CATALOG_FILE: for a mirror or
 * a proxy in front of the outlets, and for the end-to-end tests' local feed server.
 */
function catalogOverride(env: NodeJS.ProcessEnv): CatalogFeed[] | undefined {
  return env.NUNCHI_CATALOG_FILE ? (JSON.parse(readFileSync(env.NUNCHI_CATALOG_FILE, 'utf8')) as CatalogFeed[]) : undefined;
}

/** Every option `nunchi` knows; anything else that starts with `-` is an argument (a query like `-퇴근 카카오`). */
const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  all: { type: 'boolean' },
  unread: { type: 'boolean' },
  watch: { type: 'string' },
  limit: { type: 'string' },
  sort: { type: 'string' },
  'delete-alerts': { type: 'boolean' },
  'user-agent': { type: 'string' },
  'notify-log': { type: 'string' },
  'no-desktop-notifications': { type: 'boolean' },
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

export async function main(argv: string[], io: CliIo = defaultIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { optionArgs, positionals } = splitCommandLine(argv);
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
    const source = args[0];
    if (!source) {
      io.err(`${translate(locale, 'cli.missingArgument', { what: translate(locale, 'cli.arg.fileOrUrl') })}\n`);
      return 2;
    }
    try {
      const feed = await loadAndParse(source, str(values['user-agent']));
      io.out(values.json ? `${JSON.stringify(toParseJson(feed), null, 2)}\n` : `${formatFeedSummary(feed, locale)}\n`);
      return 0;
    } catch (error) {
      const failure = asFeedError(error);
      io.err(`${translate(locale, 'cli.error')}: ${failure.userMessage(locale)}\n  (${failure.detail})\n`);
      return 1;
    }
  }

  const processing = command === 'run' || command === 'poll' ? 'workers' : 'in-process';
  const ctx = new CliContext(resolveDatabasePath(str(values.db), env), locale, !!values.json, io, processing, catalogOverride(env));
  const notify = { logFile: str(values['notify-log']) ?? env.NUNCHI_NOTIFY_LOG, desktop: !values['no-desktop-notifications'] };
  const limit = Math.min(Math.max(Number(str(values.limit) ?? 50) || 50, 1), 500);
  try {
    switch (command) {
      case 'run':
        return await runCommand(ctx, notify);
      case 'poll':
        return await pollCommand(ctx, { all: !!values.all, notify });
      case 'feeds':
        return await feedsCommand(ctx, args);
      case 'watch':
        return await watchCommand(ctx, args, { deleteAlerts: !!values['delete-alerts'] });
      case 'alerts':
        return await alertsCommand(ctx, { unread: !!values.unread, watch: str(values.watch), limit });
      case 'search':
        return await searchCommand(ctx, args.join(' '), { sort: str(values.sort) === 'date' ? 'date' : 'relevance', limit });
      default:
        io.err(`${translate(locale, 'cli.unknownCommand', { command })}\n\n${translate(locale, 'cli.usage')}\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`${translate(locale, 'cli.error')}: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  } finally {
    await ctx.close();
  }
}

// Run when executed directly (tsx main/cli/nunchi.ts, or the built bin), not when imported by tests.
const invokedDirectly = !!process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  // `nunchi alerts | head`: a closed pipe ends the output quietly, not with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
