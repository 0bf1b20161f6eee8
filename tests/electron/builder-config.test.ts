/**
 * electron-builder.yml, checked offline: against electron-builder's own JSON schema (the same
 * validateConfiguration it runs before any download), and for what the file globs put in the
 * package — the built main, workers, preload, renderer and the native module; never tests/,
 * sources or source maps.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from '../../main/electron/constants';

const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const yaml = require('js-yaml') as { load: (text: string) => unknown };
const { minimatch } = require('minimatch') as { minimatch: (path: string, pattern: string, options?: object) => boolean };

const root = join(import.meta.dirname, '..', '..');
type Target = { target: string; arch: string[] };
/** The parts of electron-builder.yml these tests read (the schema validation below checks the rest). */
interface Config {
  appId: string;
  productName: string;
  protocols: unknown;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: unknown;
  nsis: Record<string, unknown>;
  win: { target: Target[]; icon: string };
  mac: { target: Target[]; icon: string; entitlements: string };
  linux: { target: Target[]; icon: string; category: string; desktop: { entry: { Categories: string } } };
}
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** electron-builder's reading of `files`: in order, a later `!pattern` removes what matched before. */
function packaged(path: string): boolean {
  let included = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (minimatch(path, pattern.slice(1), { dot: true })) included = false;
    } else if (minimatch(path, pattern, { dot: true })) included = true;
  }
  return included;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  }, 30_000);

  it('and that validation does reject a mistake (so the check above can fail)', async () => {
    const broken = { ...config, nsis: { ...config.nsis, oneClik: false } };
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object[\s\S]*nsis/);
  }, 30_000);

  it('names the app as the code does (Windows needs the AppUserModelID = appId for notifications)', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
    expect(config.protocols).toEqual([{ name: expect.any(String) as unknown, schemes: ['nunchi'] }]);
  });

  it('packages the built main, both workers, the preload, the renderer and the run-time icons', () => {
    for (const path of [
      pkg.main,
      'out/main/index.js',
      'out/main/engine-worker.js',
      'out/main/pipeline-worker.js',
      'out/main/pipeline-DqQF41Bq.js',
      'out/preload/preload.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
      'out/renderer/assets/index-abc.css',
      'resources/icon.png',
      'resources/tray.png',
      'package.json',
    ]) {
      expect(packaged(path), path).toBe(true);
    }
  });

  it('packages nothing from tests/, no sources, no source maps, no dev builds of the native module', () => {
    for (const path of [
      'tests/electron/builder-config.test.ts',
      'tests/fixtures/feeds/x.xml',
      'main/engine.ts',
      'main/electron/main.ts',
      'shared/api.ts',
      'renderer/src/App.tsx',
      'out/main/index.js.map',
      'out/renderer/assets/index-abc.js.map',
      'out/native/electron-45.5.0/better_sqlite3.node',
      'scripts/smoke.mjs',
      'electron.vite.config.ts',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/better-sqlite3/src/better_sqlite3.cpp',
      '.electronegativity-allow.json',
    ]) {
      expect(packaged(path), path).toBe(false);
    }
  });

  it('unpacks the native module from the asar and ships it as a runtime dependency, rebuilt for Electron', () => {
    expect(config.asar).toBe(true);
    const unpacked = (path: string) => config.asarUnpack.some((p) => minimatch(path, p, { dot: true }));
    expect(unpacked('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked('node_modules/better-sqlite3/lib/index.js')).toBe(false);
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    expect(config.npmRebuild).toBe(true);
    // Bundled by Vite into the renderer: must not be copied into the app as node_modules.
    for (const name of ['react', 'react-dom', 'electron', 'dompurify']) expect(pkg.dependencies[name], name).toBeUndefined();
  });

  it('sets the fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds the installers the issue lists', () => {
    const targets = (platform: 'win' | 'mac' | 'linux') => config[platform].target;
    expect(targets('win').map((t) => t.target)).toEqual(['nsis', 'portable']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
    });
    expect(targets('mac')).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist' });
    expect(readFileSync(join(root, config.mac.entitlements), 'utf8')).toContain('com.apple.security.cs.allow-jit');
    expect(readFileSync(join(root, config.mac.entitlements), 'utf8')).not.toContain('disable-library-validation');
    expect(targets('linux').map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Network;News');
    expect(config.linux.desktop.entry.Categories).toBe('Network;News;');
  });

  it('points at icon files that exist and are what they claim to be', () => {
    const ico = readFileSync(join(root, config.win.icon));
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5);
    const icns = readFileSync(join(root, config.mac.icon));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = readFileSync(join(root, config.linux.icon, `${size}x${size}.png`));
      expect(png.readUInt32BE(16), `${size} width`).toBe(size);
    }
  });
});
