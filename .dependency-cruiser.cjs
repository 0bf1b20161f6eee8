/**
 * The layering of docs "Top-level layout": a file's folder says which APIs it may touch.
 * Checked by `npm test` (npm run lint:layers); tests/unit/layers.test.ts proves a violation fails it.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'electron-only-in-main-electron',
      comment: 'Only main/electron/ may import electron: the engine must run in plain Node and in a worker.',
      severity: 'error',
      from: { pathNot: '^main/electron/' },
      to: { path: '^(node_modules/)?electron(/|$)|^electron$' },
    },
    {
      name: 'shared-is-pure',
      comment:
        'shared/ is pure TypeScript: no Node built-ins, no main/, renderer/ or electron. Libraries: zod (the API contract), intl-messageformat and its @formatjs parts (the message catalogues).',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        pathNot: ['^shared/', '^node_modules/zod/', '^node_modules/intl-messageformat/', '^node_modules/@formatjs/'],
      },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The renderer knows only the API contract in shared/: never Node, main/ or electron.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|tests)/' },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-native',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^node_modules/(better-sqlite3|electron|iconv-lite|rss-parser)/' },
    },
    {
      name: 'engine-not-into-ui',
      comment: 'The engine (main/ outside main/electron/) never imports the renderer or the Electron shell.',
      severity: 'error',
      from: { path: '^main/', pathNot: '^main/electron/' },
      to: { path: '^(renderer|main/electron)/' },
    },
    {
      name: 'search-sources-are-sources',
      comment:
        'main/search/ (Google News, Naver) is a source like a feed: it may use the feed pipeline stages (main/feeds/) and shared/, never the store, alerts, watchlists, API, host or CLI, which use it.',
      severity: 'error',
      from: { path: '^main/search/' },
      to: { path: '^main/(store|alerts|watchlists|api|host|cli|electron)/|^main/engine(\\.ts$|/)' },
    },
    {
      name: 'feeds-do-not-know-search',
      comment: 'The feed pipeline is shared by both kinds of source and knows neither: main/feeds/ never imports main/search/.',
      severity: 'error',
      from: { path: '^main/feeds/' },
      to: { path: '^main/search/' },
    },
    {
      name: 'pages-is-a-pipeline',
      comment:
        'main/pages/ (article pages: fetch, robots, extraction) is a pipeline stage like main/feeds/: it hands outcomes to its caller and never reaches into the store, alerts, API, CLI or the engine.',
      severity: 'error',
      from: { path: '^main/pages/' },
      to: { path: '^main/(store|alerts|api|cli|host|watchlists|electron)/|^main/engine(\\.ts$|/)' },
    },
    {
      name: 'feeds-below-pages',
      comment:
        'main/pages/ builds on main/feeds/ (fetch, decode, html, limiter), not the other way round; the shared worker threads (pipeline-pool/-worker) are the one meeting point.',
      severity: 'error',
      from: { path: '^main/feeds/', pathNot: '^main/feeds/pipeline-(pool|worker)\\.ts$' },
      to: { path: '^main/pages/' },
    },
    {
      name: 'no-tests-from-product',
      severity: 'error',
      from: { path: '^(main|renderer|shared)/' },
      to: { path: '^tests/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)node_modules/' },
  },
};
