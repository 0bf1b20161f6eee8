import { describe, expect, it } from 'vitest';
import { autostartDesktopEntry, quoteExec } from '../../main/electron/autostart';
import { isPaused, trayLabels, trayTitle, trayTooltip } from '../../main/electron/tray-text';

describe('tray words', () => {
  it('shows the unread count in Korean and English', () => {
    expect(trayTooltip(0, 'ko')).toBe('Nunchi — 새 알림 없음');
    expect(trayTooltip(3, 'ko')).toBe('Nunchi — 읽지 않은 알림 3건');
    expect(trayTooltip(1, 'en')).toBe('Nunchi — 1 unread alert');
    expect(trayTooltip(5000, 'en')).toBe('Nunchi — 999+ unread alerts');
    expect(trayTitle(0)).toBe('');
    expect(trayTitle(150)).toBe('99+');
    expect(trayLabels('ko').pause).toBe('알림 1시간 끄기');
  });

  it('knows when notifications are paused', () => {
    expect(isPaused({ notificationsPausedUntil: null }, 1000)).toBe(false);
    expect(isPaused({ notificationsPausedUntil: 2000 }, 1000)).toBe(true);
    expect(isPaused({ notificationsPausedUntil: 500 }, 1000)).toBe(false);
  });
});

describe('Linux autostart entry', () => {
  it('quotes the executable for the Exec key', () => {
    expect(quoteExec('/opt/Nunchi/nunchi')).toBe('"/opt/Nunchi/nunchi"');
    expect(quoteExec('/home/a b/$HOME/`x`/"q"\\')).toBe('"/home/a b/\\$HOME/\\`x\\`/\\"q\\"\\\\"');
    const entry = autostartDesktopEntry('/home/u/Apps/Nunchi.AppImage');
    expect(entry).toContain('Exec="/home/u/Apps/Nunchi.AppImage" --hidden');
    expect(entry.startsWith('[Desktop Entry]\n')).toBe(true);
  });

  it('refuses a path that would inject another key', () => {
    expect(() => autostartDesktopEntry('/tmp/x\nExec=rm -rf ~')).toThrow();
  });
});
