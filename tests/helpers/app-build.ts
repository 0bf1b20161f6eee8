/**
 * The built app (`electron-vite build` → out/), for the tests that boot or package it. Built once
 * per test run by vitest's globalSetup (tests/global-setup.ts) when out/ is missing or older than
 * any source it is built from; a fresh build is reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BUILT_MAIN = join(ROOT, 'out', 'main', 'index.js');
const OUTPUTS = [
  BUILT_MAIN,
  join(ROOT, 'out', 'main', 'engine-worker.js'),
  join(ROOT, 'out', 'preload', 'preload.cjs'),
  join(ROOT, 'out', 'renderer', 'index.html'),
];
const INPUTS = ['main', 'shared', 'renderer', 'resources', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) if (entry !== 'node_modules') newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIsFresh(): boolean {
  if (!OUTPUTS.every((file) => existsSync(file))) return false;
  const built = Math.min(...OUTPUTS.map((file) => statSync(file).mtimeMs));
  return INPUTS.every((input) => !existsSync(join(ROOT, input)) || newestMtime(join(ROOT, input)) <= built);
}

export function ensureAppBuilt(): void {
  if (buildIsFresh()) return;
  const require = createRequire(join(ROOT, 'package.json'));
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}
