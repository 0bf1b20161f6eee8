/**
 * main/cli/stdout.ts: a command's output goes to a pipe or a file with a plain write to fd 1, so a
 * read command never builds process.stdout (for a pipe: a net.Socket and Node's streams, ~5 ms of
 * its start; issue 14). Checked in a real child process, bundled like the `nunchi` command (no
 * tsx, which loads those modules itself), with its stdout a real pipe.
 */
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
/** Made once for all the tests (useTempDir's folders go after each test). */
const dir = mkdtempSync(join(tmpdir(), 'nunchi-stdout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let script = '';

/** ~390 KB of Korean text: more than a pipe holds (64 KB), so the writer has to wait for the reader. */
const OUTPUT = Array.from({ length: 4000 }, (_, i) => `${i} 카카오브레인 퇴사 KoGPT — 전자신문 단독 보도\n`).join('');

beforeAll(async () => {
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    [
      `import { exitWhenWritten, outputStream, writeOut } from ${JSON.stringify(join(ROOT, 'main/cli/stdout.ts'))};`,
      `import { writeSync } from 'node:fs';`,
      // What Node loaded, reported on stderr at exit (written with writeSync: process.stderr is a stream too).
      `process.on('exit', () => writeSync(2, JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (net|tty)$/.test(m)))));`,
      // libuv opens a pipe it wraps in non-blocking mode: then a full pipe answers EAGAIN.
      `if (process.env.NON_BLOCKING) new (require('node:net').Socket)({ fd: 1, readable: false });`,
      `const output = ${JSON.stringify(OUTPUT)};`,
      // MODE: how the command writes, and whether it ends with exitWhenWritten (as bin/nunchi.cjs does).
      `switch (process.env.MODE) {`,
      // A timer that would hold the process for 10 minutes: only exiting at once ends it in time.
      `  case 'write-then-exit': writeOut(output); setTimeout(() => undefined, 600_000); exitWhenWritten(5); break;`,
      `  case 'stream-then-exit': outputStream().write(output); exitWhenWritten(5); break;`,
      `  default: writeOut(output);`,
      `}`,
    ].join('\n'),
  );
  script = join(dir, 'command.cjs');
  await build({ entryPoints: [entry], outfile: script, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
}, 60_000);

/**
 * Runs the script with its stdout a pipe; `read` decides how the parent reads it. `nonBlocking`:
 * the pipe is switched to non-blocking first (as a stream on it, or a parent sharing it, leaves it).
 */
function run(read: (stdout: Readable, collect: (chunk: Buffer) => void) => void, nonBlocking = false, mode = 'write') {
  const child = spawn(process.execPath, [script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NON_BLOCKING: nonBlocking ? '1' : '', MODE: mode },
  });
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  read(child.stdout, (c) => chunks.push(c));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) =>
    child.on('close', (code) => done({ code, stdout: Buffer.concat(chunks).toString('utf8'), stderr })),
  );
}

describe('command output on a pipe', () => {
  it('arrives whole, and the command never built process.stdout (node:net and node:tty are not loaded)', async () => {
    const result = await run((stdout, collect) => stdout.on('data', collect));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(OUTPUT);
    expect(JSON.parse(result.stderr)).toEqual([]);
  });

  it.each([false, true])('waits for a reader that is slow to start, non-blocking pipe: %s; nothing is lost', async (nonBlocking) => {
    const result = await run((stdout, collect) => {
      stdout.pause();
      setTimeout(() => stdout.on('data', collect).resume(), 300);
    }, nonBlocking);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(OUTPUT);
  });

  it('ends quietly when the reader closes the pipe early (`nunchi alerts | head`)', async () => {
    const result = await run((stdout) => stdout.once('data', () => stdout.destroy()));
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/Error|EPIPE|at /);
  });
});

describe('ending the command (exitWhenWritten)', () => {
  /** The reader starts late: the pipe (64 KB) is full long before the output is all written. */
  const readLate = (stdout: Readable, collect: (chunk: Buffer) => void) => {
    stdout.pause();
    setTimeout(() => stdout.on('data', collect).resume(), 300);
  };

  it('exits at once with the code once the output is written, whatever else would hold the process', async () => {
    const result = await run(readLate, false, 'write-then-exit');
    expect(result.code).toBe(5);
    expect(result.stdout).toBe(OUTPUT);
  });

  it('lets a stream still writing to a slow reader finish first: nothing is cut off', async () => {
    const result = await run(readLate, false, 'stream-then-exit');
    expect(result.code).toBe(5);
    expect(result.stdout).toBe(OUTPUT);
  });
});
