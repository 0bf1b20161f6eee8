/**
 * The shell's supervision decisions as plain functions: why the engine stopped in words, when it is
 * restarted, the startup dialog, moving a database aside, rotating the log, the tray's words. The
 * built shell that uses them is booted in tests/electron/boot.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveDatabaseAside } from '../../main/electron/database-aside';
import { describeEngineFailure } from '../../main/electron/engine-failure';
import { afterEngineFailure } from '../../main/electron/restart-policy';
import { startupDialog, systemLocale } from '../../main/electron/startup-dialog';
import { trayMonitorTooltip } from '../../main/electron/tray-text';
import { logFile, logFolder, rotateLogFiles } from '../../main/host/log-files';
import { openDatabase } from '../../main/store/database';
import { useTempDir } from '../helpers/temp-dir';
import { formatMessage } from '../../shared/messages';

const tempDir = useTempDir();

describe('why the engine stopped, in words', () => {
  it('reads the real errors SQLite and the store give for each kind of broken database', () => {
    const dir = tempDir();
    const cause = (open: () => unknown) => {
      try {
        open();
      } catch (error) {
        return { code: (error as { code?: string }).code, message: (error as Error).message };
      }
      throw new Error('opened');
    };
    writeFileSync(join(dir, 'garbage.sqlite'), Buffer.alloc(8192, 0x33));
    expect(describeEngineFailure(cause(() => openDatabase(join(dir, 'garbage.sqlite')))).kind).toBe('corrupt');
    mkdirSync(join(dir, 'folder.sqlite'));
    expect(describeEngineFailure(cause(() => openDatabase(join(dir, 'folder.sqlite')))).kind).toBe('cannot-open');
    const newer = openDatabase(join(dir, 'newer.sqlite'));
    newer.pragma('user_version = 999');
    newer.close();
    const failure = describeEngineFailure(cause(() => openDatabase(join(dir, 'newer.sqlite'))));
    expect(failure.kind).toBe('newer');
    expect(formatMessage('ko', failure.reason)).toBe('더 새로운 버전의 Nunchi가 만든 데이터베이스입니다');
  });

  it('knows read-only, locked and full from their codes or messages, and calls anything else a crash', () => {
    expect(describeEngineFailure({ code: 'SQLITE_READONLY', message: 'attempt to write a readonly database' })).toMatchObject({
      kind: 'read-only',
      detail: 'SQLITE_READONLY: attempt to write a readonly database',
    });
    expect(describeEngineFailure({ code: 'SQLITE_BUSY', message: 'database is locked' }).kind).toBe('locked');
    expect(describeEngineFailure({ message: 'database is locked' }).kind).toBe('locked');
    expect(describeEngineFailure({ code: 'SQLITE_FULL', message: 'database or disk is full' }).kind).toBe('disk-full');
    const crashed = describeEngineFailure({ message: 'exit code 1' });
    expect(crashed).toMatchObject({ kind: 'crashed', detail: 'exit code 1' });
    expect(formatMessage('en', crashed.reason)).toBe('the monitoring engine stopped unexpectedly');
  });
});

describe('the restart policy', () => {
  const policy = { delaysMs: [1_000, 3_000, 10_000], healthyAfterMs: 120_000 };
  it('restarts after growing delays, then gives up', () => {
    expect(afterEngineFailure({ failures: 0, startedAt: 0 }, 5_000, policy)).toEqual({
      action: 'restart',
      delayMs: 1_000,
      attempt: 1,
      failures: 1,
    });
    expect(afterEngineFailure({ failures: 1, startedAt: null }, 6_000, policy)).toEqual({
      action: 'restart',
      delayMs: 3_000,
      attempt: 2,
      failures: 2,
    });
    expect(afterEngineFailure({ failures: 2, startedAt: null }, 9_000, policy)).toEqual({
      action: 'restart',
      delayMs: 10_000,
      attempt: 3,
      failures: 3,
    });
    expect(afterEngineFailure({ failures: 3, startedAt: null }, 19_000, policy)).toEqual({ action: 'give-up', failures: 4 });
  });

  it('counts afresh after an engine that ran healthily, not after one that died young', () => {
    expect(afterEngineFailure({ failures: 2, startedAt: 0 }, 120_000, policy)).toMatchObject({
      action: 'restart',
      delayMs: 1_000,
      failures: 1,
    });
    expect(afterEngineFailure({ failures: 2, startedAt: 0 }, 119_999, policy)).toMatchObject({
      action: 'restart',
      delayMs: 10_000,
      failures: 3,
    });
  });
});

describe('the startup dialog', () => {
  const path = '/home/u/.config/Nunchi/nunchi.sqlite';
  it('names the file and the reason, offers to move it aside or quit; quit is the safe default', () => {
    const { options, choices } = startupDialog({
      databasePath: path,
      failure: describeEngineFailure({ code: 'SQLITE_NOTADB', message: 'file is not a database' }),
      locale: 'ko',
    });
    expect(options.message).toBe('데이터베이스를 열 수 없습니다: 데이터베이스 파일이 손상되었거나 데이터베이스가 아닙니다.');
    expect(options.detail.split('\n')[0]).toBe(`파일: ${path}`);
    expect(options.detail).toContain('SQLITE_NOTADB: file is not a database');
    expect(choices).toEqual(['move-aside', 'quit']);
    expect(options.buttons).toEqual(['옆으로 옮기고 새로 시작', '종료']);
    expect(options.cancelId).toBe(1);
    expect(options.defaultId).toBe(1);
  });

  it('offers "try again" first for a locked database, and never "move aside" for a crash or a full disk', () => {
    expect(
      startupDialog({ databasePath: path, failure: describeEngineFailure({ message: 'database is locked' }), locale: 'en' }).options
        .buttons,
    ).toEqual(['Try again', 'Move it aside and start fresh', 'Quit']);
    expect(startupDialog({ databasePath: path, failure: describeEngineFailure({ message: 'exit code 1' }), locale: 'en' }).choices).toEqual(
      ['retry', 'quit'],
    );
    expect(
      startupDialog({
        databasePath: path,
        failure: describeEngineFailure({ code: 'SQLITE_FULL', message: 'database or disk is full' }),
        locale: 'en',
      }).choices,
    ).toEqual(['retry', 'quit']);
  });

  it('speaks the system language before any setting can be read', () => {
    expect(systemLocale('ko-KR')).toBe('ko');
    expect(systemLocale('ko')).toBe('ko');
    expect(systemLocale('en-US')).toBe('en');
    expect(systemLocale('kok-IN')).toBe('en');
  });
});

describe('moving a database aside', () => {
  it('renames the file with its WAL and shared memory, keeps every byte, and never overwrites an earlier one', () => {
    const dir = tempDir();
    const db = join(dir, 'nunchi.sqlite');
    const now = Date.UTC(2031, 2, 4, 5, 6, 7);
    for (const [suffix, text] of [
      ['', 'main'],
      ['-wal', 'wal'],
      ['-shm', 'shm'],
    ])
      writeFileSync(db + suffix, text!);
    const first = moveDatabaseAside(db, now);
    expect(first).toBe(`${db}.broken-20310304-050607Z`);
    expect(readFileSync(first, 'utf8')).toBe('main');
    expect(readFileSync(`${first}-wal`, 'utf8')).toBe('wal');
    expect(existsSync(db) || existsSync(`${db}-wal`) || existsSync(`${db}-shm`)).toBe(false);
    writeFileSync(db, 'second');
    const second = moveDatabaseAside(db, now);
    expect(second).toBe(`${db}.broken-20310304-050607Z-2`);
    expect(readFileSync(second, 'utf8')).toBe('second');
    expect(readdirSync(dir).sort()).toEqual([
      `nunchi.sqlite.broken-20310304-050607Z`,
      `nunchi.sqlite.broken-20310304-050607Z-2`,
      `nunchi.sqlite.broken-20310304-050607Z-shm`,
      `nunchi.sqlite.broken-20310304-050607Z-wal`,
    ]);
  });
});

describe('the log files', () => {
  it('live in the data folder and rotate: main.log → main.1.log → … → dropped past the limit', () => {
    const dataDir = tempDir();
    expect(logFolder(dataDir)).toBe(join(dataDir, 'logs'));
    const file = logFile(dataDir);
    mkdirSync(logFolder(dataDir));
    for (let round = 1; round <= 4; round++) {
      writeFileSync(file, `round ${round}`);
      rotateLogFiles(file, 2);
    }
    expect(readdirSync(logFolder(dataDir)).sort()).toEqual(['main.1.log', 'main.2.log']);
    expect(readFileSync(join(logFolder(dataDir), 'main.1.log'), 'utf8')).toBe('round 4');
    expect(readFileSync(join(logFolder(dataDir), 'main.2.log'), 'utf8')).toBe('round 3');
  });
});

describe('the tray when monitoring is not running', () => {
  it('says so, and why, in both languages', () => {
    const reason = { key: 'engine.failure.disk-full' } as const;
    expect(trayMonitorTooltip({ state: 'stopped', reason }, 'ko')).toBe('Nunchi — 감시 중지됨: 디스크 공간이 부족합니다');
    expect(trayMonitorTooltip({ state: 'stopped', reason }, 'en')).toBe('Nunchi — monitoring stopped: the disk is full');
    expect(trayMonitorTooltip({ state: 'restarting', reason }, 'en')).toBe('Nunchi — restarting monitoring: the disk is full');
  });
});
