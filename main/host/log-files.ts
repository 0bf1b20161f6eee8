/**
 * Where the desktop app's log lives (the shell writes it: main/electron/logging.ts; Settings opens
 * the folder) and how it rotates: `<data folder>/logs/main.log`; when it
 * passes LOG_MAX_BYTES it becomes main.1.log, the previous main.1.log becomes main.2.log, and so
 * on; the oldest beyond LOG_KEEP is deleted. Plain Node, tested with real files.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, parse } from 'node:path';

export const LOG_MAX_BYTES = 1024 * 1024;
/** Rotated files kept next to the current one: at most (1 + LOG_KEEP) MiB of logs. */
export const LOG_KEEP = 4;

export function logFolder(dataDir: string): string {
  return join(dataDir, 'logs');
}

export function logFile(dataDir: string): string {
  return join(logFolder(dataDir), 'main.log');
}

/** Moves `file` to `<name>.1<ext>`, shifting older ones up and dropping the one past `keep`. */
export function rotateLogFiles(file: string, keep: number = LOG_KEEP): void {
  const { dir, name, ext } = parse(file);
  const numbered = (n: number) => join(dir, `${name}.${n}${ext}`);
  rmSync(numbered(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
  renameSync(file, numbered(1));
}
