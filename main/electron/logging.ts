/**
 * The desktop app's log: electron-log, written to `<data folder>/logs/main.log` and rotated
 * (log-files.ts). The shell's own console output, uncaught errors in the main process and the
 * engine worker's records (forwarded by the engine host) all end up there; Settings has "open log
 * folder". Where the log must not block: electron-log's file transport writes synchronously, a
 * line at a time — the engine's records are few (failures, restarts), never per article.
 */
import { ipcMain } from 'electron';
import log from 'electron-log/main';
import type { LogRecord } from '../host/protocol';
import { LOG_MAX_BYTES, logFile, rotateLogFiles } from '../host/log-files';

export type ShellLog = (level: LogRecord['level'], message: string) => void;

/** electron-log's channel for renderer logging; the app's page has no use for it. */
const ELECTRON_LOG_CHANNEL = '__ELECTRON_LOG__';

export function setUpLogging(dataDir: string, options: { toConsole: boolean }): ShellLog {
  // electron-log listens for log lines from renderers on its own IPC channel, with no check of
  // the sender. The page cannot reach ipcRenderer (the preload exposes only window.nunchi), but the
  // only channel the main process answers should be the one that checks who calls.
  ipcMain.removeHandler(ELECTRON_LOG_CHANNEL);
  ipcMain.removeAllListeners(ELECTRON_LOG_CHANNEL);
  log.transports.file.resolvePathFn = () => logFile(dataDir);
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.archiveLogFn = (file) => rotateLogFiles(file.path);
  log.transports.file.level = 'info';
  log.transports.console.level = options.toConsole ? 'info' : false;
  // console.warn/error anywhere in the shell (hardening, login item …) go to the file too.
  Object.assign(console, log.functions);
  log.errorHandler.startCatching({ showDialog: false });
  const shell = log.scope('shell');
  return (level, message) => shell[level](message);
}

/** The engine worker's records, marked as such in the file. */
export function engineLogSink(): (record: LogRecord) => void {
  const engine = log.scope('engine');
  return (record) => engine[record.level](record.message);
}
