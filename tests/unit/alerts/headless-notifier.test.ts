/**
 * The headless notifier against real files and real child processes: stand-in `notify-send`
 * scripts record their argv (so we see exactly what a desktop would be asked to show), hang, or fail.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { escapeNotifyMarkup, findOnPath, HeadlessNotifier } from '../../../main/alerts/headless-notifier';
import { useTempDir } from '../../helpers/temp-dir';

const tempDir = useTempDir();
const unix = process.platform !== 'win32';

function terminal() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

/** An executable shell script standing in for notify-send. */
function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const note = { id: 1, title: '카카오브레인: 대표 사임', body: '전자신문 — <b>김일두</b> 대표 & 임원', articleId: 10, storyId: 10 };

describe('HeadlessNotifier', () => {
  it('writes one line per notification to the terminal, without escape sequences', async () => {
    const out = terminal();
    const notifier = new HeadlessNotifier({ out: out.stream, notifySend: null });
    await notifier.show(note);
    await notifier.show({ ...note, id: 2, title: '\u001B[2J지우기', body: '' });
    expect(out.text()).toBe('🔔 카카오브레인: 대표 사임 — 전자신문 — <b>김일두</b> 대표 & 임원\n🔔 [2J지우기\n');
  });

  it('appends JSON lines to the notify log, once per notification even if shown again after a crash', async () => {
    const log = join(tempDir(), 'notify.jsonl');
    const notifier = new HeadlessNotifier({ logFile: log, notifySend: null, now: () => Date.UTC(2026, 10, 28) });
    await notifier.show(note);
    await notifier.show(note); // shown again in the same process
    // A new process (after a crash between showing and recording "shown") shows it once more.
    await new HeadlessNotifier({ logFile: log, notifySend: null }).show(note);
    await new HeadlessNotifier({ logFile: log, notifySend: null }).show({ ...note, id: 2 });
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { id: 1, title: note.title, body: note.body, articleId: 10, storyId: 10, shownAt: '2026-11-28T00:00:00.000Z' },
      expect.objectContaining({ id: 2 }),
    ]);
  });

  it('ignores a torn last line in the log', async () => {
    const log = join(tempDir(), 'notify.jsonl');
    writeFileSync(log, '{"id":1,"title":"x","body":"y"}\n{"id":2,"ti');
    await new HeadlessNotifier({ logFile: log, notifySend: null }).show({ ...note, id: 1, title: 'x', body: 'y' });
    expect(
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('{"id":1')),
    ).toHaveLength(1);
  });

  it.runIf(unix)('raises a desktop notification through notify-send with an argument array and escaped body', async () => {
    const dir = tempDir();
    const argsFile = join(dir, 'args');
    // Each argument on its own NUL-terminated record: proves no shell split or expanded anything.
    const fake = script(dir, 'notify-send', `for a in "$@"; do printf '%s\\0' "$a"; done > '${argsFile}'`);
    const notifier = new HeadlessNotifier({ notifySend: fake });
    expect(notifier.desktop).toBe(true);
    await notifier.show({ ...note, title: '-t 0 $(touch pwned) `id`' });
    const args = readFileSync(argsFile, 'utf8').split('\0').slice(0, -1);
    expect(args).toEqual([
      '--app-name=Nunchi',
      '--category=im.received',
      '--',
      '-t 0 $(touch pwned) `id`',
      '전자신문 — &lt;b&gt;김일두&lt;/b&gt; 대표 &amp; 임원',
    ]);
    expect(existsSync(join(process.cwd(), 'pwned'))).toBe(false);
  });

  it.runIf(unix)('finds notify-send on PATH', () => {
    const dir = tempDir();
    const fake = script(dir, 'notify-send', 'exit 0');
    expect(findOnPath('notify-send', `/nonexistent:${dir}`)).toBe(fake);
    expect(findOnPath('notify-send', '/nonexistent')).toBeNull();
  });

  it.runIf(unix)('never throws: a failing, a hanging and a missing notify-send', async () => {
    const dir = tempDir();
    const errors: string[] = [];
    const onDesktopError = (e: Error) => errors.push(e.message);
    const out = terminal();

    await new HeadlessNotifier({ out: out.stream, notifySend: script(dir, 'fails', 'exit 3'), onDesktopError }).show(note);
    const started = performance.now();
    await new HeadlessNotifier({ out: out.stream, notifySend: script(dir, 'hangs', 'exec sleep 30'), timeoutMs: 300, onDesktopError }).show(
      note,
    );
    expect(performance.now() - started).toBeLessThan(10_000);
    await new HeadlessNotifier({ out: out.stream, notifySend: join(dir, 'missing'), onDesktopError }).show(note);

    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/code 3/);
    expect(errors[1]).toMatch(/SIGKILL/);
    expect(errors[2]).toMatch(/ENOENT/);
    // The terminal still got every notification.
    expect(out.text().split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('escapes markup for notification servers', () => {
    expect(escapeNotifyMarkup('a <img src=x> & b')).toBe('a &lt;img src=x&gt; &amp; b');
  });
});
