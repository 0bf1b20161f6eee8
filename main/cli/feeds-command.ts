import { readFileSync } from 'node:fs';
import { displayUrl } from '../../shared/display-url';
import { formatMessage, type MessageKey } from '../../shared/messages';
import { FULL_TEXT_MODES, type FullTextMode } from '../../shared/types';
import type { CliContext } from './context';
import { CliError, EXIT } from './context';

function feedId(ctx: CliContext, raw: string | undefined, what: MessageKey): number {
  const id = Number(raw);
  if (!raw || !Number.isInteger(id) || id <= 0) throw new CliError(ctx.say('cli.missingArgument', { what: ctx.say(what) }), 2);
  return id;
}

/** The `--full-text` value, checked: auto, always or never (undefined when not given). */
function fullTextMode(ctx: CliContext, raw: string | boolean | undefined): FullTextMode | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  if (!(FULL_TEXT_MODES as readonly string[]).includes(value))
    throw new CliError(ctx.say('cli.badFullTextMode', { value: typeof raw === 'string' ? raw : '' }), 2);
  return value as FullTextMode;
}

/** `nunchi feeds list|add|set|remove|enable|disable|import|export|catalog` */
export async function feedsCommand(ctx: CliContext, args: string[], options: { fullText?: string | boolean } = {}): Promise<number> {
  const [sub = 'list', ...rest] = args;
  switch (sub) {
    case 'list': {
      const feeds = await ctx.read('feeds.list', {});
      if (ctx.json) return (ctx.printJson({ feeds }), 0);
      if (feeds.length === 0) return (ctx.print(ctx.say('cli.firstRun')), 0);
      // One write for the whole list: a write per line is a system call per line (~10 ms for 500 feeds).
      const lines: string[] = [];
      for (const f of feeds) {
        const state = !f.enabled ? ctx.say('cli.feedOff') : f.lastStatus === 'error' ? '✗' : f.lastStatus ? '✓' : '·';
        lines.push(`#${String(f.id).padEnd(4)} ${state}  ${f.displayTitle}  (${f.articleCount})`);
        lines.push(`       ${displayUrl(f.url)}`);
        if (f.fullText !== 'auto') lines.push(`       ${ctx.say('cli.feedFullText', { mode: f.fullText })}`);
        if (f.lastError) lines.push(`       ${ctx.feedError(f.lastErrorCode, f.lastError)}`);
      }
      ctx.print(lines.join('\n'));
      return 0;
    }
    case 'add': {
      const url = rest[0];
      if (!url) throw new CliError(ctx.say('cli.missingArgument', { what: ctx.say('cli.arg.url') }), 2);
      const fullText = fullTextMode(ctx, options.fullText);
      // feeds.add returns the feed already followed at that address (adding twice is harmless): say so.
      const followed = new Set((await ctx.api('feeds.list', {})).map((f) => f.id));
      const feed = await ctx.api('feeds.add', { url, fullText });
      const alreadyFollowed = followed.has(feed.id);
      if (ctx.json) return (ctx.printJson({ feed, alreadyFollowed }), 0);
      ctx.print(ctx.say(alreadyFollowed ? 'cli.feedAlreadyFollowed' : 'cli.feedAdded', { id: feed.id, url: displayUrl(feed.url) }));
      return 0;
    }
    case 'set': {
      const id = feedId(ctx, rest[0], 'cli.arg.id');
      const fullText = fullTextMode(ctx, options.fullText ?? '');
      const feed = await ctx.api('feeds.update', { id, fullText });
      if (ctx.json) return (ctx.printJson({ feed }), 0);
      ctx.print(ctx.say('cli.feedFullTextSet', { id, mode: feed.fullText }));
      return 0;
    }
    case 'remove': {
      const id = feedId(ctx, rest[0], 'cli.arg.id');
      await ctx.api('feeds.remove', { id });
      ctx.print(ctx.say('cli.feedRemoved', { id }));
      return 0;
    }
    case 'enable':
    case 'disable': {
      const id = feedId(ctx, rest[0], 'cli.arg.id');
      await ctx.api('feeds.update', { id, enabled: sub === 'enable' });
      ctx.print(ctx.say(sub === 'enable' ? 'cli.feedEnabled' : 'cli.feedDisabled', { id }));
      return 0;
    }
    case 'import': {
      const file = rest[0];
      if (!file) throw new CliError(ctx.say('cli.missingArgument', { what: ctx.say('cli.arg.opmlFile') }), 2);
      // Synchronously, from node:fs: fs/promises costs every `feeds` command ~2 ms to load.
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (caught) {
        const error = caught as NodeJS.ErrnoException;
        const reason =
          error.code === 'ENOENT'
            ? 'cli.noSuchFile'
            : error.code === 'EISDIR'
              ? 'cli.isFolder'
              : error.code === 'EACCES' || error.code === 'EPERM'
                ? 'cli.permissionDenied'
                : null;
        throw new CliError(
          ctx.say('cli.fileUnreadable', { file, reason: reason ? ctx.say(reason) : (error.code ?? error.message) }),
          EXIT.file,
        );
      }
      const result = await ctx.api('feeds.importOpml', { text });
      if (ctx.json) return (ctx.printJson(result), 0);
      ctx.print(ctx.say('cli.imported', { added: result.added, skipped: result.skipped }));
      // The reason travels as a message; the terminal words it in its own language.
      for (const r of result.rejected) {
        ctx.print(
          ctx.say('cli.importRejected', { title: r.title ?? r.url, url: displayUrl(r.url), reason: formatMessage(ctx.locale, r.message) }),
        );
      }
      return 0;
    }
    case 'export': {
      const { text } = await ctx.api('feeds.exportOpml', {});
      ctx.io.out(text.endsWith('\n') ? text : `${text}\n`);
      return 0;
    }
    case 'catalog': {
      if (rest[0] === 'enable' || rest[0] === 'disable') return catalogSwitch(ctx, rest[0] === 'enable', rest.slice(1));
      const entries = await ctx.api('feeds.catalog', {});
      if (ctx.json) return (ctx.printJson({ catalog: entries }), 0);
      for (const e of entries) {
        ctx.print(`${e.enabled ? '[✓]' : '[ ]'} ${e.id.padEnd(14)} ${ctx.locale === 'ko' ? e.name : e.nameEn}  ${displayUrl(e.url)}`);
      }
      return 0;
    }
    default:
      throw new CliError(ctx.say('cli.unknownCommand', { command: `feeds ${sub}` }), 2);
  }
}

async function catalogSwitch(ctx: CliContext, enabled: boolean, names: string[]): Promise<number> {
  if (names.length === 0) throw new CliError(ctx.say('cli.missingArgument', { what: ctx.say('cli.arg.name') }), 2);
  const { findCatalogFeed } = await import('../feeds/catalog');
  const entries = await ctx.api('feeds.catalog', {});
  const switched: string[] = [];
  for (const name of names) {
    // The catalog may be replaced (tests, mirrors): look names up in the entries the API serves.
    const builtIn = findCatalogFeed(name);
    const entry = entries.find(
      (e) =>
        e.id === builtIn?.id ||
        e.id.toLowerCase() === name.toLowerCase() ||
        e.name === name ||
        e.nameEn.toLowerCase() === name.toLowerCase(),
    );
    if (!entry) throw new CliError(ctx.say('cli.catalogUnknown', { name }));
    await ctx.api('feeds.setCatalogEnabled', { id: entry.id, enabled });
    switched.push(ctx.locale === 'ko' ? entry.name : entry.nameEn);
  }
  ctx.print(ctx.say('cli.catalogEnabled', { names: switched.join(', ') }));
  return 0;
}
