/**
 * "Start at login": macOS and Windows through app.setLoginItemSettings; Linux through an XDG
 * autostart entry (~/.config/autostart/nunchi.desktop), which Electron does not manage there.
 */
import { app } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { autostartDesktopEntry } from './autostart';

export function applyStartAtLogin(enabled: boolean): void {
  if (process.platform === 'darwin' || process.platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: enabled, args: ['--hidden'] });
    return;
  }
  const dir = join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart');
  const file = join(dir, 'nunchi.desktop');
  try {
    if (!enabled) return rmSync(file, { force: true });
    mkdirSync(dir, { recursive: true });
    // An AppImage moves with its file: $APPIMAGE is the stable path, execPath is a temporary mount.
    writeFileSync(file, autostartDesktopEntry(process.env.APPIMAGE || process.execPath));
  } catch (error) {
    console.warn(`[nunchi] could not change the autostart entry: ${(error as Error).message}`);
  }
}
