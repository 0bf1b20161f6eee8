/**
 * The tray: the monitor keeps running when the window is closed. Shows the unread count and offers
 * open / check now / pause notifications for an hour / quit.
 */
import { Menu, Tray, nativeImage } from 'electron';
import type { AppSettings } from '../../shared/api';
import { trayLabels, trayTitle, trayTooltip } from './tray-text';

export interface TrayActions {
  open(): void;
  pollNow(): void;
  setPaused(paused: boolean): void;
  quit(): void;
}

export interface AppTray {
  update(state: { unread: number; locale: AppSettings['locale']; paused: boolean }): void;
  destroy(): void;
}

export function createAppTray(iconPath: string, actions: TrayActions): AppTray {
  const image = nativeImage.createFromPath(iconPath);
  const tray = new Tray(image.isEmpty() ? nativeImage.createEmpty() : image.resize({ width: 16, height: 16 }));
  tray.on('click', () => actions.open());
  const update: AppTray['update'] = ({ unread, locale, paused }) => {
    const words = trayLabels(locale);
    tray.setToolTip(trayTooltip(unread, locale));
    if (process.platform === 'darwin') tray.setTitle(trayTitle(unread));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: words.open, click: () => actions.open() },
        { label: words.pollNow, click: () => actions.pollNow() },
        paused ? { label: words.resume, click: () => actions.setPaused(false) } : { label: words.pause, click: () => actions.setPaused(true) },
        { type: 'separator' },
        { label: words.quit, click: () => actions.quit() },
      ]),
    );
  };
  update({ unread: 0, locale: 'ko', paused: false });
  return { update, destroy: () => tray.destroy() };
}
