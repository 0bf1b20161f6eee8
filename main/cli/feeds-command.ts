import { readFile } from 'node:fs/promises';
import { FEED_ERROR_MESSAGES, feedErrorMessage, type FeedErrorCode } from '../../shared/errors';
import type { CliContext } from './context';
import { CliError } from './context';

function feedId(ctx: CliContext, raw: string | undefined, what: string): number {
  const id = Number(raw);
  if (!raw || !Number.isInteger(id) || id <= 0) throw new CliError(ctx.say('missingArgument', what), 2);
  return id;
}

/** `nunchi feeds list|add|remove|enable|disable|import|export|catalog` */
export async function feedsCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub = 'list', ...rest] = args;
  switch (sub) {
    case 'list': {
      const feeds = await ctx.api('feeds.list', {});
      if (ctx.json) return ctx.printJson({ feeds }), 0;
      if (feeds.length === 0) return ctx.print(ctx.say('firstRun')), 0;
      for (const f of feeds) {
        const state = !f.enabled ? (ctx.locale === 'ko' ? '꺼짐' : 'off') : f.lastStatus === 'error' ? '✗' : f.lastStatus ? '✓' : '·';
        ctx.print(`#${String(f.id).padEnd(4)} ${state}  ${f.displayTitle}  (${f.articleCount})`);
        ctx.print(`       ${f.url}`);
        if (f.lastError) ctx.print(`       ${f.lastError}`);
      }
      return 0;
    }
    case 'add': {
      const url = rest[0];
      if (!url) throw new CliError(ctx.say('missingArgument', 'URL'), 2);
      // feeds.add returns the feed already followed at that address (adding twice is harmless): say so.
      const followed = new Set((await ctx.api('feeds.list', {})).map((f) => f.id));
      const feed = await ctx.api('feeds.add', { url });
      const alreadyFollowed = followed.has(feed.id);
      if (ctx.json) return ctx.printJson({ feed, alreadyFollowed }), 0;
      ctx.print(ctx.say(alreadyFollowed ? 'feedAlreadyFollowed' : 'feedAdded', feed.id, feed.url));
      return 0;
    }
    case 'remove': {
      const id = feedId(ctx, rest[0], 'ID');
      await ctx.api('feeds.remove', { id });
      ctx.print(ctx.say('feedRemoved', id));
      return 0;
    }
    case 'enable':
    case 'disable': {
      const id = feedId(ctx, rest[0], 'ID');
      await ctx.api('feeds.update', { id, enabled: sub === 'enable' });
      ctx.print(ctx.say(sub === 'enable' ? 'feedEnabled' : 'feedDisabled', id));
      return 0;
    }
    case 'import': {
      const file = rest[0];
      if (!file) throw new CliError(ctx.say('missingArgument', 'FILE.opml'), 2);
      const text = await readFile(file, 'utf8');
      const result = await ctx.api('feeds.importOpml', { text });
      if (ctx.json) return ctx.printJson(result), 0;
      ctx.print(ctx.say('imported', result.added, result.skipped));
      // The API words the reason in the app's language; the terminal speaks its own.
      const reason = (r: { code: string; error: string }) => (r.code in FEED_ERROR_MESSAGES ? feedErrorMessage(r.code as FeedErrorCode, ctx.locale) : r.error);
      for (const r of result.rejected) ctx.print(ctx.say('importRejected', r.title ?? r.url, r.url, reason(r)));
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
      if (ctx.json) return ctx.printJson({ catalog: entries }), 0;
      for (const e of entries) {
        ctx.print(`${e.enabled ? '[✓]' : '[ ]'} ${e.id.padEnd(14)} ${ctx.locale === 'ko' ? e.name : e.nameEn}  ${e.url}`);
      }
      return 0;
    }
    default:
      throw new CliError(ctx.say('unknownCommand', `feeds ${sub}`), 2);
  }
}

async function catalogSwitch(ctx: CliContext, enabled: boolean, names: string[]): Promise<number> {
  if (names.length === 0) throw new CliError(ctx.say('missingArgument', ctx.locale === 'ko' ? '이름' : 'NAME'), 2);
  const { findCatalogFeed } = await import('../feeds/catalog');
  const entries = await ctx.api('feeds.catalog', {});
  const switched: string[] = [];
  for (const name of names) {
    // The catalog may be replaced (tests, mirrors): look names up in the entries the API serves.
    const builtIn = findCatalogFeed(name);
    const entry = entries.find((e) => e.id === builtIn?.id || e.id.toLowerCase() === name.toLowerCase() || e.name === name || e.nameEn.toLowerCase() === name.toLowerCase());
    if (!entry) throw new CliError(ctx.say('catalogUnknown', name));
    await ctx.api('feeds.setCatalogEnabled', { id: entry.id, enabled });
    switched.push(ctx.locale === 'ko' ? entry.name : entry.nameEn);
  }
  ctx.print(ctx.say('catalogEnabled', switched.join(', ')));
  return 0;
}
