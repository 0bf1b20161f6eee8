/**
 * The tray: the monitor keeps running when the window is closed. Shows the unread count and offers
 * open / check now / pause notifications for an hour / quit. While monitoring is stopped the icon
 * itself says so (greyed, a red "!"), not only the tooltip: a tray that looks fine while nothing
 * is watched is the failure this app must never have.
 */
import { Menu, Tray, nativeImage } from 'electron';
import type { AppSettings } from '../../shared/api';
import type { MonitorStatus } from './engine-supervisor';
import { trayLabels, trayMonitorTooltip, trayTitle, trayTooltip } from './tray-text';

export interface TrayActions {
  open(): void;
  pollNow(): void;
  setPaused(paused: boolean): void;
  /** Try to start the engine again after monitoring stopped. */
  restartMonitoring(): void;
  quit(): void;
}

type TrayState = { unread: number; locale: AppSettings['locale']; paused: boolean };

export interface AppTray {
  update(state: TrayState): void;
  /** Whether the engine runs; when it does not, the tooltip says so and why. */
  setMonitor(status: MonitorStatus): void;
  destroy(): void;
}

export interface TrayIcons {
  /** The usual icon. */
  running: string;
  /** The icon while monitoring is stopped (the engine gave up restarting). */
  stopped: string;
}

function trayImage(path: string) {
  const image = nativeImage.createFromPath(path);
  return image.isEmpty() ? nativeImage.createEmpty() : image.resize({ width: 16, height: 16 });
}

export function createAppTray(icons: TrayIcons, actions: TrayActions): AppTray {
  const images = { running: trayImage(icons.running), stopped: trayImage(icons.stopped) };
  const tray = new Tray(images.running);
  let shown: keyof typeof images = 'running';
  tray.on('click', () => actions.open());
  let state: TrayState = { unread: 0, locale: 'ko', paused: false };
  let monitor: MonitorStatus = { state: 'running' };
  const render = () => {
    const { unread, locale, paused } = state;
    const icon = monitor.state === 'stopped' ? 'stopped' : 'running';
    if (icon !== shown) {
      tray.setImage(images[icon]);
      shown = icon;
    }
    const words = trayLabels(locale);
    tray.setToolTip(monitor.state === 'running' ? trayTooltip(unread, locale) : trayMonitorTooltip(monitor, locale));
    if (process.platform === 'darwin') tray.setTitle(monitor.state === 'stopped' ? '!' : trayTitle(unread));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: words.open, click: () => actions.open() },
        monitor.state === 'stopped'
          ? { label: words.restart, click: () => actions.restartMonitoring() }
          : { label: words.pollNow, click: () => actions.pollNow() },
        paused
          ? { label: words.resume, click: () => actions.setPaused(false) }
          : { label: words.pause, click: () => actions.setPaused(true) },
        { type: 'separator' },
        { label: words.quit, click: () => actions.quit() },
      ]),
    );
  };
  render();
  return {
    update: (next) => {
      state = next;
      render();
    },
    setMonitor: (status) => {
      monitor = status;
      render();
    },
    destroy: () => tray.destroy(),
  };
}
