/**
 * The layering rules of DESIGN.md are enforced by dependency-cruiser in `npm test`. This proves
 * the check bites: a tree with one deliberate violation per rule fails it, a clean tree passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const ROOT = resolve(__dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = tempDir();
  const all = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }),
    'shared/types.ts': 'export type Id = number;\n',
    'main/engine.ts': "import type { Id } from '../shared/types';\nexport const id: Id = 1;\n",
    'renderer/app.ts': "import type { Id } from '../shared/types';\nexport const shown: Id = 2;\n",
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(
    process.execPath,
    [DEPCRUISE, 'main', 'renderer', 'shared', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err'],
    { cwd: dir, encoding: 'utf8' },
  );
  // CI may force colour (FORCE_COLOR); the rule/file names are then wrapped in ANSI codes.
  return { status: run.status, output: stripVTControlCharacters(run.stdout + run.stderr) };
}

/** Modules the violations below import (harmless on their own). */
const STORE = { 'main/store/db.ts': 'export const db = 1;\n' };
const ALERTS = { 'main/alerts/policy.ts': 'export const policy = 1;\n' };
const API = { 'main/api/table.ts': 'export const table = 1;\n' };

describe('layering check (dependency-cruiser)', () => {
  it('passes a tree that respects the layers', () => {
    const result = cruise({
      'main/electron/app.ts': "import { id } from '../engine';\nimport 'electron';\nexport { id };\n",
      // The API table may name store types (its views shape store reads), as long as it runs no store code.
      'main/store/reads.ts': 'export interface Page { total: number }\n',
      'main/api/views.ts': "import type { Page } from '../store/reads';\nexport const empty: Page = { total: 0 };\n",
    });
    expect(result.output).not.toMatch(/error/i);
    expect(result.status).toBe(0);
  });

  // One tree with one deliberate violation per rule (one run: dependency-cruiser takes ~2 s to start).
  const violations: Array<[string, Record<string, string>, string]> = [
    ['electron outside main/electron/', { 'main/feeds/bad.ts': "import 'electron';\n" }, 'electron-only-in-main-electron'],
    [
      'Node in shared/',
      { 'shared/bad-node.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n" },
      'shared-no-node-builtins',
    ],
    ['shared/ importing main/', { 'shared/bad-main.ts': "export * from '../main/engine';\n" }, 'shared-is-pure'],
    ['the renderer importing main/', { 'renderer/bad-main.ts': "export * from '../main/engine';\n" }, 'renderer-only-shared'],
    [
      'the renderer importing Node',
      { 'renderer/bad-node.ts': "import path from 'path';\nexport const p = path;\n" },
      'renderer-no-node-builtins',
    ],
    [
      'a search source importing the store',
      { 'main/store/articles.ts': 'export const s = 1;\n', 'main/search/bad-store.ts': "export * from '../store/articles';\n" },
      'search-sources-are-sources',
    ],
    ['a search source importing the engine', { 'main/search/bad-engine.ts': "export * from '../engine';\n" }, 'search-sources-are-sources'],
    [
      'the feed pipeline importing search',
      { 'main/search/google-news.ts': 'export const g = 1;\n', 'main/feeds/bad-search.ts': "export * from '../search/google-news';\n" },
      'feeds-do-not-know-search',
    ],
    [
      'the engine importing the Electron shell',
      { 'main/electron/shell.ts': 'export const x = 1;\n', 'main/bad-shell.ts': "export * from './electron/shell';\n" },
      'engine-not-into-ui',
    ],
    [
      'the page pipeline importing the store',
      { 'main/store/articles.ts': 'export const a = 1;\n', 'main/pages/bad-store.ts': "export * from '../store/articles';\n" },
      'pages-is-a-pipeline',
    ],
    [
      'the feed pipeline importing main/pages/',
      { 'main/pages/extract.ts': 'export const e = 1;\n', 'main/feeds/bad-pages.ts': "export * from '../pages/extract';\n" },
      'feeds-below-pages',
    ],
    // Inside main/: the folders' own layering.
    [
      'an import cycle inside main/',
      {
        'main/feeds/bad-cycle-a.ts': "import { b } from './bad-cycle-b';\nexport const a = (): number => b();\n",
        'main/feeds/bad-cycle-b.ts': "import { a } from './bad-cycle-a';\nexport const b = (): number => a();\n",
      },
      'no-cycles-in-main',
    ],
    [
      'story grouping importing the store',
      { ...STORE, 'main/stories/bad-store.ts': "export { db } from '../store/db';\n" },
      'leaves-import-only-shared',
    ],
    [
      'the store importing a feature',
      { ...ALERTS, 'main/store/bad-feature.ts': "export { policy } from '../alerts/policy';\n" },
      'store-below-features',
    ],
    [
      'the pipeline importing alerts',
      { ...ALERTS, 'main/feeds/bad-alerts.ts': "export { policy } from '../alerts/policy';\n" },
      'feeds-is-the-pipeline',
    ],
    [
      'a feed worker importing alerts',
      { ...ALERTS, 'main/feeds/pipeline-bad.ts': "export { policy } from '../alerts/policy';\n" },
      'feed-workers-also-run-pages',
    ],
    ['alerts importing the API', { ...API, 'main/alerts/bad-api.ts': "export { table } from '../api/table';\n" }, 'alerts-below-engine'],
    [
      'alerts importing the pipeline',
      { 'main/feeds/html.ts': 'export const html = 1;\n', 'main/alerts/bad-feeds.ts': "export { html } from '../feeds/html';\n" },
      'alerts-below-engine',
    ],
    [
      'watchlists importing alerts',
      { ...ALERTS, 'main/watchlists/bad-alerts.ts': "export { policy } from '../alerts/policy';\n" },
      'watchlists-below-engine',
    ],
    [
      'the engine importing the CLI',
      { 'main/cli/args.ts': 'export const args = 1;\n', 'main/engine/bad-cli.ts': "export { args } from '../cli/args';\n" },
      'core-not-into-adapters',
    ],
    [
      'the API importing an engine part',
      { 'main/engine/part.ts': 'export const part = 1;\n', 'main/api/bad-part.ts': "export { part } from '../engine/part';\n" },
      'engine-parts-behind-engine',
    ],
    [
      "an engine part opening the tests' door",
      {
        'main/engine/internals.ts': 'export const internals = 1;\n',
        'main/engine/bad-internals.ts': "export { internals } from './internals';\n",
      },
      'engine-internals-only-for-tests',
    ],
    [
      'the API table running store code',
      { ...STORE, 'main/api/bad-store.ts': "export { db } from '../store/db';\n" },
      'adapters-not-into-store',
    ],
  ];
  let result: { status: number | null; output: string };
  beforeAll(() => {
    result = cruise(Object.assign({}, ...violations.map(([, files]) => files)) as Record<string, string>);
  });
  it('fails a tree with violations', () => expect(result.status).not.toBe(0));
  for (const [name, files, rule] of violations) {
    it(`names the broken rule for ${name}`, () => {
      const [file] = Object.keys(files).filter((f) => f.includes('bad'));
      expect(result.output).toMatch(new RegExp(`${rule}: ${file}`));
    });
  }
});
