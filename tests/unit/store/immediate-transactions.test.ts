/**
 * Every write transaction of the store is IMMEDIATE (issue 13): a DEFERRED one that reads and then
 * writes fails at once with SQLITE_BUSY_SNAPSHOT when another process (the app beside `nunchi run`)
 * wrote in between, instead of waiting its turn. Behaviour is tested where it shows (two engines
 * on one file, tests/integration/shared-database.test.ts); this keeps every `.transaction(…)` in
 * main/ honest, including the ones written after it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../../main', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The text right after the `(…)` that starts at `open`, skipping nested brackets and strings naively. */
function afterCall(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(i + 1, i + 40);
  }
  return '';
}

/** Each `.transaction(` call whose transaction is not started with `.immediate()`: file and line. */
function deferredTransactions(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/\.transaction\(/g)) {
    const tail = afterCall(text, match.index + match[0].length - 1);
    if (/^\s*\.immediate\(\)/.test(tail)) continue;
    // `const write = this.db.transaction(…);` … `write.immediate()`: started only as immediate.
    const named = /(?:const|let)\s+(\w+)\s*=\s*[\w.]*$/.exec(text.slice(0, match.index))?.[1];
    if (named && text.includes(`${named}.immediate()`) && !new RegExp(`\\b${named}(\\.deferred|\\.exclusive)?\\(`).test(text)) continue;
    found.push(`${file.slice(MAIN.length + 1)}:${text.slice(0, match.index).split('\n').length}`);
  }
  return found;
}

describe('write transactions', () => {
  it('are all IMMEDIATE in main/', () => {
    const files = sourceFiles(MAIN);
    expect(files.some((f) => deferredTransactions(f).length === 0 && readFileSync(f, 'utf8').includes('.transaction('))).toBe(true);
    expect(files.flatMap(deferredTransactions)).toEqual([]);
  });

  it('finds a deferred one (the check itself works)', () => {
    const sample = `db.transaction(() => { read(); write(); })();\nconst ok = db.transaction(() => f(g(1))).immediate();`;
    const opens = [...sample.matchAll(/\.transaction\(/g)].map((m) => afterCall(sample, m.index + m[0].length - 1));
    expect(opens.map((tail) => /^\s*\.immediate\(\)/.test(tail))).toEqual([false, true]);
  });
});
