import type { ApiResult } from '../../shared/api';
import { displayUrl } from '../../shared/display-url';
import type { CliContext } from './context';
import { CliError } from './context';
import { renderHighlighted } from './highlight';

/** The largest page of search results the contract allows (shared/api.ts 'search.query'). */
const SEARCH_PAGE_MAX = 200;

type Story = ApiResult<'alerts.list'>['stories'][number];

/** The stable JSON of `nunchi alerts --json` (documented in the README). */
export function alertJson(story: Story) {
  return {
    storyId: story.storyId,
    alertId: story.alertId,
    articleId: story.article.id,
    title: story.article.title,
    source: story.article.sourceTitle,
    outlets: story.outlets,
    link: story.article.link,
    published: new Date(story.article.sortAt).toISOString(),
    watchlists: story.watchlists.map((w) => w.name),
    unread: story.unread,
    starred: story.starred,
    snippet: story.article.snippet,
  };
}

export function formatStory(ctx: CliContext, story: Story): string {
  const chips = story.watchlists.map((w) => `[${w.name}]`).join('');
  const others = story.outlets > 1 ? ` ${ctx.say('cli.outlets', { n: story.outlets - 1 })}` : '';
  const title = renderHighlighted(story.article.title, story.article.spans, 'title', ctx.io.tty);
  const lines = [
    `${story.unread ? '●' : ' '} ${chips} ${title}`,
    `    ${story.article.sourceTitle}${others} · ${ctx.time(story.article.sortAt)}`,
  ];
  if (story.article.link) lines.push(`    ${displayUrl(story.article.link)}`);
  return lines.join('\n');
}

/** `nunchi alerts [--unread] [--watch NAME] [--json]` */
export async function alertsCommand(ctx: CliContext, flags: { unread: boolean; watch?: string; limit: number }): Promise<number> {
  let watchlistId: number | undefined;
  if (flags.watch) {
    const lists = await ctx.read('watchlists.list', {});
    const found = lists.find((w) => w.name === flags.watch || String(w.id) === flags.watch);
    if (!found) throw new CliError(ctx.say('cli.notFound', { what: flags.watch }));
    watchlistId = found.id;
  }
  const page = await ctx.read('alerts.list', { filter: flags.unread ? 'unread' : 'all', watchlistId, limit: flags.limit, offset: 0 });
  if (ctx.json) return (ctx.printJson({ total: page.total, unread: page.unreadTotal, alerts: page.stories.map(alertJson) }), 0);
  if (page.stories.length === 0) return (ctx.print(ctx.say('cli.noAlerts')), 0);
  // One write for the page, not a system call per story.
  ctx.print(page.stories.map((story) => formatStory(ctx, story)).join('\n'));
  return 0;
}

/** `nunchi search QUERY [--json]` */
export async function searchCommand(ctx: CliContext, query: string, flags: { sort: 'relevance' | 'date'; limit: number }): Promise<number> {
  if (!query) throw new CliError(ctx.say('cli.missingArgument', { what: ctx.say('cli.arg.searchQuery') }), 2);
  await ctx.whenIdle();
  // At most the 200 results the contract allows a page of search (the CLI's --limit goes to 500).
  const result = await ctx.read('search.query', { query, sort: flags.sort, limit: Math.min(flags.limit, SEARCH_PAGE_MAX), offset: 0 });
  if (ctx.json) {
    return (
      ctx.printJson({
        total: result.total,
        results: result.items.map((i) => ({
          articleId: i.id,
          title: i.title,
          source: i.sourceTitle,
          link: i.link,
          published: new Date(i.sortAt).toISOString(),
          snippet: i.snippet,
        })),
      }),
      0
    );
  }
  if (result.total === 0) return (ctx.print(ctx.say('cli.noResults')), 0);
  const lines = [ctx.say('cli.searchTotal', { n: result.total })];
  for (const item of result.items) {
    lines.push(`  ${ctx.time(item.sortAt)}  ${renderHighlighted(item.title, item.spans, 'title', ctx.io.tty)}  — ${item.sourceTitle}`);
    lines.push(`      ${renderHighlighted(item.snippet, item.spans, 'text', ctx.io.tty)}`);
  }
  ctx.print(lines.join('\n'));
  return 0;
}
