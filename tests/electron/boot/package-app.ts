/**
 * Packs the built app exactly as `npm run dist` would — electron-builder itself, with the
 * project's electron-builder.yml (its `files` and `asarUnpack` rules, the asar, the fuses) — except
 * for the Electron binary, which cannot be downloaded here: a stand-in "Electron distribution"
 * (`electronDist`) whose executable carries a fuse wire, so electron-builder's fuse step runs for
 * real and can be read back. `npmRebuild` is off (rebuilding better-sqlite3 for Electron needs
 * Electron's headers); the native module is packed as installed. Then `checkPackagedApp` compares
 * what the archive holds with what the built main process needs at run time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROOT } from '../../helpers/app-build';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(archive: string, options?: object): string[];
  statFile(archive: string, filename: string, followLinks?: boolean): { unpacked?: boolean; size?: number; files?: object };
  extractAll(archive: string, dest: string): void;
};

/** @electron/fuses' marker: the fuse wire follows it (version 1, 8 fuses, all '1' to start with). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

export interface PackagedApp {
  /** The unpacked app folder (linux-unpacked): the executable, resources/. */
  appOutDir: string;
  executable: string;
  archive: string;
  unpackedDir: string;
}

export function packageApp(options: { workDir: string; config?: string }): PackagedApp {
  const electronDist = join(options.workDir, 'electron-dist');
  mkdirSync(electronDist, { recursive: true });
  writeFileSync(
    join(electronDist, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "not Electron: a stand-in for packaging tests" >&2\nexit 1\n'),
      Buffer.from(FUSE_SENTINEL),
      Buffer.from([1, 8]),
      Buffer.from('11111111'),
    ]),
    { mode: 0o755 },
  );
  const version = (require(join(ROOT, 'node_modules', 'electron', 'package.json')) as { version: string }).version;
  writeFileSync(join(electronDist, 'version'), version);
  const output = join(options.workDir, 'dist');
  const cli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  const result = spawnSync(
    process.execPath,
    [
      cli,
      '--dir',
      '--linux',
      '--x64',
      '--publish',
      'never',
      '--projectDir',
      ROOT,
      ...(options.config ? ['--config', options.config] : []),
      `-c.electronDist=${electronDist}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${output}`,
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 300_000, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  if (result.status !== 0) throw new Error(`electron-builder failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  const appOutDir = join(output, 'linux-unpacked');
  const archive = join(appOutDir, 'resources', 'app.asar');
  if (!existsSync(archive)) throw new Error(`electron-builder made no ${archive}:\n${result.stdout}`);
  return { appOutDir, executable: join(appOutDir, 'nunchi'), archive, unpackedDir: `${archive}.unpacked` };
}

/** Every file in the archive, relative to the app root ("out/main/index.js"). */
export function archiveFiles(archive: string): string[] {
  return asar
    .listPackage(archive, { isPack: false })
    .map((entry) => entry.replace(/^[/\\]/, '').replace(/\\/g, '/'))
    .filter((entry) => asar.statFile(archive, entry).files === undefined);
}

export function extractApp(app: PackagedApp, dest: string): string {
  // Electron reads unpacked files from app.asar.unpacked transparently; extractAll does the same.
  asar.extractAll(app.archive, dest);
  return dest;
}

/** The production dependency closure of package.json (what electron-builder must pack). */
function productionPackages(): Set<string> {
  const seen = new Set<string>();
  // Node's lookup (node_modules folders upward), by hand: some packages' exports hide package.json.
  const locate = (name: string, from: string): string | null => {
    for (let dir = from; ; dir = dirname(dir)) {
      const manifest = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(manifest)) return manifest;
      if (dirname(dir) === dir) return null;
    }
  };
  const visit = (name: string, from: string) => {
    if (seen.has(name)) return;
    const manifest = locate(name, from);
    if (!manifest) return; // an optional dependency that is not installed
    seen.add(name);
    const pkg = require(manifest) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, dirname(manifest));
  };
  const root = require(join(ROOT, 'package.json')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(root.dependencies)) visit(name, ROOT);
  return seen;
}

/**
 * What is wrong with a packed app, in words (empty: nothing). `runtimePaths` are the files the
 * built main process was seen to use (relative to the app root).
 */
export function checkPackagedApp(app: PackagedApp, runtimePaths: readonly string[]): string[] {
  const problems: string[] = [];
  const files = archiveFiles(app.archive);
  const inArchive = new Set(files);
  const pkg = require(join(ROOT, 'package.json')) as { main: string; devDependencies: Record<string, string> };

  for (const path of new Set([pkg.main, ...runtimePaths])) {
    if (!inArchive.has(path)) problems.push(`the main process needs ${path}, which is not in the package`);
  }
  // Native modules cannot be loaded from inside the archive: each must be unpacked next to it.
  for (const path of files.filter((f) => f.endsWith('.node'))) {
    if (!asar.statFile(app.archive, path).unpacked) problems.push(`${path} is inside app.asar, where it cannot be loaded`);
    else if (!existsSync(join(app.unpackedDir, path))) problems.push(`${path} is marked unpacked but missing from app.asar.unpacked`);
  }
  if (!files.some((f) => /^node_modules\/better-sqlite3\/.*better_sqlite3\.node$/.test(f)))
    problems.push('the better-sqlite3 native module is not in the package');

  const production = productionPackages();
  const devOnly = Object.keys(pkg.devDependencies).filter((name) => !production.has(name));
  for (const path of files) {
    if (path.endsWith('.map')) problems.push(`a source map is packed: ${path}`);
    if (/(^|\/)\.env(\.|$)/.test(path)) problems.push(`an environment file is packed: ${path}`);
    if (
      /^tests\/|^node_modules\/(?:@[^/]+\/)?[^/]+\/(test|tests|__tests__)\//.test(path) ||
      (!path.startsWith('node_modules/') && /\.(test|spec)\.[cm]?[jt]sx?$/.test(path))
    ) {
      problems.push(`a test is packed: ${path}`);
    }
    if (!path.startsWith('node_modules/') && /\.(ts|tsx)$/.test(path)) problems.push(`a source file is packed: ${path}`);
    if (!/^(out\/(main|preload|renderer)\/|resources\/|node_modules\/|package\.json$)/.test(path))
      problems.push(`${path} is not part of the built app`);
    const dep = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
    if (dep && devOnly.includes(dep)) problems.push(`a devDependency is packed: ${dep}`);
    if (dep && !production.has(dep)) problems.push(`a package no production dependency needs is packed: ${dep}`);
  }
  return [...new Set(problems)];
}
