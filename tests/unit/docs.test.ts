/**
 * The README a new user reads first (issue 15): every file it points to is in the repository, the
 * design is there, the Node versions it states are the ones the packages declare, and the global
 * install it documents is the one that works (tests/cli/install.test.ts runs it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { engines?: { node?: string } };

/** "22.12" from ">= 22.12.0", "20.18.1" from ">=20.18.1": the lowest version a simple lower-bound range allows. */
function minimumNode(range: string | undefined): string {
  const match = /^\s*>=\s*(\d+)\.(\d+)(?:\.(\d+))?\s*$/.exec(range ?? '');
  if (!match) throw new Error(`not a plain lower bound: ${range}`);
  return match[3] && match[3] !== '0' ? `${match[1]}.${match[2]}.${match[3]}` : `${match[1]}.${match[2]}`;
}

describe('README', () => {
  it('points only at files inside the repository, and they exist', () => {
    const targets = [
      ...Array.from(readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g), (m) => m[1]!),
      ...Array.from(readme.matchAll(/`(\.{1,2}\/[^`\s]+\.md)`/g), (m) => m[1]!),
    ].filter((target) => !/^[a-z]+:/i.test(target));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      const path = resolve(ROOT, target);
      expect(relative(ROOT, path).startsWith('..'), `${target} is outside the repository`).toBe(false);
      expect(existsSync(path), `${target} does not exist`).toBe(true);
    }
  });

  it('links the design kept in the repository, which says where the code departs from it', () => {
    expect(readme).toContain('](docs/DESIGN.md)');
    const design = readFileSync(join(ROOT, 'docs/DESIGN.md'), 'utf8');
    expect(design).toMatch(/^## Where the code departs from this design/m);
  });

  it('states the Node each path needs: engines for the CLI and tests, Electron tooling for the desktop', () => {
    const cli = minimumNode(json('package.json').engines?.node);
    const desktop = ['electron', '@electron/get', '@electron/rebuild']
      .map((name) => minimumNode(json(`node_modules/${name}/package.json`).engines?.node))
      .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))[0]!;
    expect(readme).toMatch(new RegExp(`headless monitor.*tests.*\\*\\*${cli.replaceAll('.', '\\.')}\\+\\*\\*`));
    expect(readme).toMatch(new RegExp(`desktop app from source.*\\*\\*${desktop.replaceAll('.', '\\.')}\\+\\*\\*`));
    expect(readme).not.toMatch(/Run \(the desktop app; needs Node 20/);
  });

  it('documents the global install that works: the packed tarball, not the folder', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(readme).toContain('npm pack');
    expect(readme).toContain(`npm install -g ./nunchi-${version}.tgz`);
    expect(readme).not.toMatch(/global install \(`npm install -g \.`\)/);
  });
});
