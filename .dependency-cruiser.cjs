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
      to: { path: '^main/(store|alerts|watchlists|api|host|cli|electron)/|^main/engine(\\.ts$|-reader\\.ts$|/)' },
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
      to: { path: '^main/(store|alerts|api|cli|host|watchlists|electron)/|^main/engine(\\.ts$|-reader\\.ts$|/)' },
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
    // ---- inside main/: what may import what --------------------------------------------------
    {
      name: 'no-cycles-in-main',
      comment: 'No import cycles inside main/: every folder builds on the ones below it.',
      severity: 'error',
      from: { path: '^main/' },
      to: { circular: true },
    },
    {
      name: 'leaves-import-only-shared',
      comment: 'main/stories/ (story grouping) and main/text/ (plain text from HTML) are leaves: shared/ and libraries only.',
      severity: 'error',
      from: { path: '^main/(stories|text)/' },
      to: { path: '^main/', pathNot: '^main/(stories|text)/' },
    },
    {
      name: 'store-below-features',
      comment: 'main/store/ holds all SQL and depends on no feature: only shared/, main/stories/ and main/locale.ts.',
      severity: 'error',
      from: { path: '^main/store/' },
      to: { path: '^main/', pathNot: ['^main/(store|stories)/', '^main/locale\\.ts$'] },
    },
    {
      name: 'feeds-is-the-pipeline',
      comment:
        'main/feeds/ (fetch → decode → parse → normalize → poll) uses main/text/, the store and the logger (a leaf), nothing above them; the shared worker threads (pipeline-pool/-worker) also run main/pages/ extraction (see feeds-below-pages).',
      severity: 'error',
      from: { path: '^main/feeds/', pathNot: '^main/feeds/pipeline-[a-z-]+\\.ts$' },
      to: { path: '^main/', pathNot: '^main/((feeds|text|store)/|logger\\.ts$)' },
    },
    {
      name: 'feed-workers-also-run-pages',
      comment: 'The shared worker threads may load main/pages/ extraction too, and nothing else above the pipeline.',
      severity: 'error',
      from: { path: '^main/feeds/pipeline-[a-z-]+\\.ts$' },
      to: { path: '^main/', pathNot: '^main/((feeds|text|store|pages)/|logger\\.ts$)' },
    },
    {
      name: 'alerts-below-engine',
      comment: 'main/alerts/ (policy, outbox, notifiers) uses the store, stories and text; never the API, the pipeline or the engine.',
      severity: 'error',
      from: { path: '^main/alerts/' },
      to: { path: '^main/', pathNot: '^main/(alerts|store|stories|text)/' },
    },
    {
      name: 'watchlists-below-engine',
      comment: 'main/watchlists/ (rules, preview window, snippets) reads the store; never the engine, the API or alerts.',
      severity: 'error',
      from: { path: '^main/watchlists/' },
      to: { path: '^main/', pathNot: '^main/(watchlists|store)/' },
    },
    {
      name: 'core-not-into-adapters',
      comment: 'The engine and everything below it never import the API table, the worker host or the CLI.',
      severity: 'error',
      from: { path: ['^main/(alerts|engine|feeds|store|stories|text|watchlists)/', '^main/engine(-reader)?\\.ts$'] },
      to: { path: '^main/(api|host|cli)/' },
    },
    {
      name: 'engine-parts-behind-engine',
      comment:
        'The parts in main/engine/ are put together by main/engine.ts (and their read side, for a read-only command, by main/engine-reader.ts); everything else goes through those.',
      severity: 'error',
      from: { path: '^main/', pathNot: ['^main/engine/', '^main/engine\\.ts$', '^main/engine-reader\\.ts$'] },
      to: { path: '^main/engine/' },
    },
    {
      name: 'engine-internals-only-for-tests',
      comment: "main/engine/internals.ts is the tests' door to the stores: only main/engine.ts (which opens it) may import it.",
      severity: 'error',
      from: { path: '^main/', pathNot: '^main/engine\\.ts$' },
      to: { path: '^main/engine/internals\\.ts$' },
    },
    {
      name: 'adapters-not-into-store',
      comment:
        'The API table, the worker host and the CLI reach data through the engine: store types only, no store code. The one exception is the error type the store throws (DatabaseError), which they turn into words and exit codes.',
      severity: 'error',
      from: { path: '^main/(api|host|cli)/' },
      to: { path: '^main/store/', pathNot: '^main/store/database-error\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)node_modules/' },
  },
};
