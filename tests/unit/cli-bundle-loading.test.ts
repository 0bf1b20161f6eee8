/**
 * Issue 14, on the built command itself (out/cli, as `npm install` builds it and bin/nunchi.cjs
 * runs it): a read command loads only the first bundle, and a command that writes loads the engine
 * kit but, of the kit, only what it uses — never the feed parser or undici it does not need.
 * Checked in a child process, whose module cache holds exactly what the command loaded.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'nunchi-bundle-loading-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `nunchi ARGS` through loadCli and reports what it loaded: the kit or not, and which packages. */
function loaded(args: string[]): { code: number; kit: boolean; packages: string[] } {
  const script = `
    const { loadCli } = require(${JSON.stringify(join(ROOT, 'bin/compiled-bundle.cjs'))});
    const cli = loadCli(${JSON.stringify(join(ROOT, 'out/cli'))});
    const quiet = { out: () => {}, err: () => {}, tty: false };
    cli.exports.main(${JSON.stringify(args)}, quiet).then((code) => {
      const packages = [...new Set(Object.keys(require.cache).map((p) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(p)?.[1]).filter(Boolean))];
      process.stdout.write(JSON.stringify({ code, kit: cli.kit() !== null, packages: packages.sort() }));
    });`;
  const child = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, NUNCHI_DB: join(dir, 'nunchi.sqlite') },
    encoding: 'utf8',
  });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as { code: number; kit: boolean; packages: string[] };
}

describe('the built `nunchi`: what each kind of command loads', () => {
  let written: ReturnType<typeof loaded>;
  let read: ReturnType<typeof loaded>;
  beforeAll(() => {
    // The write makes the database; the read then opens it read-only, as on a user's machine.
    written = loaded(['watch', 'add', '카카오', '카카오브레인']);
    read = loaded(['watch', 'list']);
  });

  it('a command that writes loads the engine kit, not the feed parser or undici', () => {
    expect(written).toMatchObject({ code: 0, kit: true });
    expect(written.packages.filter((p) => ['rss-parser', 'undici', 'xml2js', 'sax'].includes(p))).toEqual([]);
  });

  it('a read command loads neither the kit nor any of those, nor zod', () => {
    expect(read).toMatchObject({ code: 0, kit: false });
    expect(read.packages.filter((p) => ['rss-parser', 'undici', 'xml2js', 'sax', 'zod'].includes(p))).toEqual([]);
    // The packages it does load are there to be seen (the check is not vacuous).
    expect(read.packages).toContain('better-sqlite3');
  });
});

/**
 * Whether the bundled intl-messageformat was evaluated: calls of its module function in the first
 * bundle, counted by V8 (precise coverage), after a command and then after formatting the one
 * template plain-format.ts leaves to it (the English tray's select), which shows the probe sees it.
 */
function messageFormatEvaluations(args: string[]): { code: number; afterCommand: number; afterSelect: number } {
  const script = `
    const { Session } = require('node:inspector');
    const session = new Session();
    session.connect();
    const post = (method, params) => new Promise((ok, fail) => session.post(method, params, (e, r) => (e ? fail(e) : ok(r))));
    const MODULE = 'node_modules/intl-messageformat/index.js';
    const calls = async () => {
      const { result } = await post('Profiler.takePreciseCoverage');
      const bundle = result.find((s) => s.url.endsWith('nunchi.cjs'));
      return bundle.functions.filter((f) => f.functionName === MODULE).reduce((n, f) => n + f.ranges[0].count, 0);
    };
    (async () => {
      await post('Profiler.enable');
      await post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
      const { loadCli } = require(${JSON.stringify(join(ROOT, 'bin/compiled-bundle.cjs'))});
      const cli = loadCli(${JSON.stringify(join(ROOT, 'out/cli'))});
      const quiet = { out: () => {}, err: () => {}, tty: false };
      const code = await cli.exports.main(${JSON.stringify(args)}, quiet);
      const afterCommand = await calls();
      cli.exports.coreModule('shared/messages/index.ts').formatMessage('en', { key: 'tray.unread', args: { count: 2 } });
      const afterSelect = await calls();
      process.stdout.write(JSON.stringify({ code, afterCommand, afterSelect }));
    })();`;
  const child = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, NUNCHI_DB: join(dir, 'nunchi.sqlite') },
    encoding: 'utf8',
  });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as { code: number; afterCommand: number; afterSelect: number };
}

describe('the built `nunchi`: intl-messageformat only when a template needs it', () => {
  it('a read command never evaluates it (plain-format.ts fills in every template it shows)', () => {
    loaded(['watch', 'add', '카카오', '카카오브레인']);
    expect(messageFormatEvaluations(['watch', 'list'])).toEqual({ code: 0, afterCommand: 0, afterSelect: 1 });
    expect(messageFormatEvaluations(['search', '카카오'])).toEqual({ code: 0, afterCommand: 0, afterSelect: 1 });
  });
});
