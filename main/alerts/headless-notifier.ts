/**
 * The notifier of the headless monitor (`nunchi run` / `nunchi poll`): each notification is
 *  - written to the terminal (a stream the caller passes in),
 *  - raised on the desktop through `notify-send` when it is on PATH (spawned with an argument
 *    array, never a shell; killed after a timeout; its failures never throw),
 *  - appended as one JSON line to a log file when asked (`--notify-log FILE` / NUNCHI_NOTIFY_LOG),
 *    for tests and power users. The log is idempotent by notification: a notification shown again
 *    after a crash (between showing and recording it as shown) is not logged twice.
 */
import { spawn } from 'node:child_process';
import { accessSync, appendFileSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { collapseWhitespace, stripInvisible } from '../../shared/text';
import type { NotificationToShow, Notifier } from './notifier';

export interface HeadlessNotifierOptions {
  /** Where the terminal line goes (process.stdout in the CLI); null for none. */
  out?: NodeJS.WritableStream | null;
  /** Append each shown notification as a JSON line to this file. */
  logFile?: string | null;
  /**
   * The notify-send executable: 'auto' (default) finds it on PATH, a path uses that file,
   * null never raises desktop notifications.
   */
  notifySend?: string | null;
  /** notify-send is killed after this long (a missing D-Bus session can make it hang). Default 3 s. */
  timeoutMs?: number;
  /** The application name notify-send shows. */
  appName?: string;
  /** Called when notify-send could not run or failed (the CLI may print it in verbose mode). */
  onDesktopError?: (error: Error) => void;
  now?: () => number;
}

/** One line of the notify log. Stable: the end-to-end tests and power users read it. */
export interface NotifyLogLine {
  id: number;
  title: string;
  body: string;
  articleId: number | null;
  storyId: number | null;
  /** ISO 8601 */
  shownAt: string;
}

/** The first executable called `name` on PATH, or null. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * notify-send bodies are read as markup by most notification servers (GNOME, dunst, KDE): escape
 * them so "<b>" in a headline can never become bold, a link or an image.
 */
export function escapeNotifyMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Terminal-safe: no escape sequences (ESC is a control character) and one line. */
function terminalSafe(text: string): string {
  return collapseWhitespace(stripInvisible(text));
}

export class HeadlessNotifier implements Notifier {
  private readonly notifySend: string | null;
  private readonly timeoutMs: number;
  private logged: Set<string> | null = null;

  constructor(private readonly options: HeadlessNotifierOptions = {}) {
    const setting = options.notifySend === undefined ? 'auto' : options.notifySend;
    this.notifySend = setting === 'auto' ? (process.platform === 'win32' ? null : findOnPath('notify-send')) : setting;
    this.timeoutMs = options.timeoutMs ?? 3000;
  }

  /** Whether desktop notifications are raised (notify-send found). */
  get desktop(): boolean {
    return this.notifySend !== null;
  }

  async show(n: NotificationToShow): Promise<void> {
    if (this.options.out) {
      const body = terminalSafe(n.body);
      this.options.out.write(`🔔 ${terminalSafe(n.title)}${body ? ` — ${body}` : ''}\n`);
    }
    if (this.options.logFile) this.appendLog(this.options.logFile, n);
    if (this.notifySend) {
      const error = await runNotifySend(this.notifySend, n, this.timeoutMs, this.options.appName ?? 'Nunchi');
      if (error) this.options.onDesktopError?.(error);
    }
  }

  private appendLog(file: string, n: NotificationToShow): void {
    // The key holds the text too, so a log that outlived its database does not hide new notifications.
    const key = logKey(n.id, n.title, n.body);
    if (!this.logged) this.logged = readLoggedKeys(file);
    if (this.logged.has(key)) return;
    const line: NotifyLogLine = {
      id: n.id,
      title: n.title,
      body: n.body,
      articleId: n.articleId,
      storyId: n.storyId,
      shownAt: new Date((this.options.now ?? Date.now)()).toISOString(),
    };
    // Synchronous: the line is on disk before the dispatcher records the notification as shown.
    appendFileSync(file, JSON.stringify(line) + '\n', 'utf8');
    this.logged.add(key);
  }
}

function logKey(id: number, title: string, body: string): string {
  return `${id}\u0000${title}\u0000${body}`;
}

function readLoggedKeys(file: string): Set<string> {
  const keys = new Set<string>();
  if (!existsSync(file)) return keys;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as Partial<NotifyLogLine>;
      if (typeof entry.id === 'number') keys.add(logKey(entry.id, entry.title ?? '', entry.body ?? ''));
    } catch {
      // a torn last line from a crash mid-write: not a notification
    }
  }
  return keys;
}

/** Runs notify-send; resolves to the error instead of rejecting. */
function runNotifySend(command: string, n: NotificationToShow, timeoutMs: number, appName: string): Promise<Error | null> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (error: Error | null) => {
      if (settled) return;
      settled = true;
      resolve(error);
    };
    try {
      // `--` ends the options: a headline starting with "-" is text, not a flag.
      const child = spawn(command, [`--app-name=${appName}`, '--category=im.received', '--', n.title, escapeNotifyMarkup(n.body)], {
        stdio: 'ignore',
        shell: false,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        windowsHide: true,
      });
      child.once('error', (error) => done(error));
      child.once('exit', (code, signal) => {
        if (code === 0) done(null);
        else done(new Error(signal ? `notify-send was stopped (${signal}) after ${timeoutMs} ms` : `notify-send exited with code ${code}`));
      });
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
