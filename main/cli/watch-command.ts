import type { ApiResult } from '../../shared/api';
import { formatMessage } from '../../shared/messages';
import { SEARCH_ENGINES, type SearchEngineKind } from '../../shared/types';
import type { CliContext } from './context';
import { CliError } from './context';
import { renderHighlighted } from './highlight';
import { caretUnder } from './terminal-width';

type QueryErrorData = Extract<ApiResult<'watchlists.validate'>, { ok: false }>['error'];

/** `nunchi watch list|add|edit|remove|test` */
export async function watchCommand(ctx: CliContext, args: string[], flags: { deleteAlerts: boolean; search?: string }): Promise<number> {
  const [sub = 'list', ...rest] = args;
  const searchSources = flags.search === undefined ? undefined : parseSearchEngines(ctx, flags.search);
  switch (sub) {
    case 'list': {
      const lists = await ctx.read('watchlists.list', {});
      const sources = await ctx.read('newsSearch.sources', {});
      if (ctx.json) return (ctx.printJson({ watchlists: lists, searchSources: sources }), 0);
      if (lists.length === 0) return (ctx.print(ctx.say('cli.noWatchlists')), 0);
      const lines: string[] = [];
      for (const w of lists) {
        const counts = ctx.say('cli.watchCounts', { today: w.counts.today, week: w.counts.week });
        const engines = w.searchSources.map((e) => ctx.say(`newsSearch.engine.${e}`)).join(', ');
        const search = engines ? `   ${ctx.say('cli.watchSearch', { engines })}` : '';
        lines.push(
          `#${String(w.id).padEnd(4)} ${w.name}  ${w.enabled ? '' : `${ctx.say('cli.watchOff')} `}${w.query}   ${counts}${search}`,
        );
        // A failing search in words, never a silent stop.
        for (const source of sources.filter((s) => s.watchlistId === w.id && s.lastError)) {
          lines.push(
            ctx.say('cli.watchSearchFailing', {
              engine: ctx.say(`newsSearch.engine.${source.engine}`),
              error: formatMessage(ctx.locale, source.lastError!),
            }),
          );
        }
      }
      ctx.print(lines.join('\n'));
      return 0;
    }
    case 'add': {
      const [name, ...queryParts] = rest;
      const query = queryParts.join(' ');
      if (!name || !query) throw new CliError(ctx.say('cli.missingArgument', { what: ctx.say('cli.arg.nameQuery') }), 2);
      await explainQueryError(ctx, query);
      const w = await ctx.api('watchlists.create', { name, query, searchSources });
      await ctx.whenIdle(); // the retroactive pass, so `nunchi alerts` right after sees it
      if (ctx.json) return (ctx.printJson({ watchlist: w }), 0);
      ctx.print(ctx.say('cli.watchAdded', { id: w.id, label: `${w.name}: ${w.query}` }));
      return 0;
    }
    case 'edit': {
      const [rawId, ...queryParts] = rest;
      const id = Number(rawId);
      const query = queryParts.join(' ');
      // `watch edit ID --search …` alone changes only the search sources.
      if (!Number.isInteger(id) || (!query && !searchSources))
        throw new CliError(ctx.say('cli.missingArgument', { what: ctx.say('cli.arg.idQuery') }), 2);
      if (query) await explainQueryError(ctx, query);
      await ctx.api('watchlists.update', { id, ...(query ? { query } : {}), ...(searchSources ? { searchSources } : {}) });
      await ctx.whenIdle();
      ctx.print(ctx.say('cli.watchEdited', { id }));
      return 0;
    }
    case 'remove': {
      const id = Number(rest[0]);
      if (!Number.isInteger(id)) throw new CliError(ctx.say('cli.missingArgument', { what: ctx.say('cli.arg.id') }), 2);
      await ctx.api('watchlists.remove', { id, alerts: flags.deleteAlerts ? 'delete' : 'keep' });
      ctx.print(ctx.say('cli.watchRemoved', { id, alerts: ctx.say(flags.deleteAlerts ? 'cli.deleted' : 'cli.kept') }));
      return 0;
    }
    case 'test': {
      const query = rest.join(' ');
      if (!query) throw new CliError(ctx.say('cli.missingArgument', { what: ctx.say('cli.arg.query') }), 2);
      await ctx.whenIdle();
      const result = await ctx.api('watchlists.preview', { query, limit: 20 });
      if (!result.ok) throw new CliError(queryErrorText(ctx, query, result.error));
      if (ctx.json) return (ctx.printJson(result), 0);
      ctx.print(ctx.say('cli.previewCount', { count: result.count, ms: Math.round(result.tookMs) }));
      for (const item of result.items) {
        ctx.print(`  ${ctx.time(item.sortAt)}  ${renderHighlighted(item.title, item.spans, 'title', ctx.io.tty)}  — ${item.sourceTitle}`);
      }
      return 0;
    }
    default:
      throw new CliError(ctx.say('cli.unknownCommand', { command: `watch ${sub}` }), 2);
  }
}

/** `--search google,naver` → the engines; `none` (or nothing) → none; anything else refused in words. */
function parseSearchEngines(ctx: CliContext, value: string): SearchEngineKind[] {
  const parts = value
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'none')) return [];
  const engines = SEARCH_ENGINES.filter((e) => parts.includes(e));
  if (engines.length !== new Set(parts).size) throw new CliError(ctx.say('cli.badSearchEngines', { value }), 2);
  return engines;
}

async function explainQueryError(ctx: CliContext, query: string): Promise<void> {
  const check = await ctx.api('watchlists.validate', { query });
  if (!check.ok) throw new CliError(queryErrorText(ctx, query, check.error));
}

/** The query with carets under what the parser points at, in terminal columns (Hangul is two wide). */
function queryErrorText(ctx: CliContext, query: string, error: QueryErrorData): string {
  const caret = caretUnder(query, error.column, error.length);
  return `${formatMessage(ctx.locale, error)}\n  ${query}\n  ${caret}`;
}
