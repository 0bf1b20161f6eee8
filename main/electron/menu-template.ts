/**
 * The native menu as data: the usual roles (Edit for copy/paste — without it macOS has no
 * Cmd+C in the window — View zoom, Window, Help) in the user's language. Developer tools and
 * reload only when the app runs unpackaged.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppSettings } from '../../shared/api';
import { translate } from '../../shared/messages';

export interface MenuOptions {
  platform: NodeJS.Platform;
  locale: AppSettings['locale'];
  appName: string;
  isPackaged: boolean;
  /** Opens the help page (through the external URL policy). */
  openHelp: () => void;
  /** Shows the main window (macOS: the window can be closed while the app keeps running). */
  showWindow: () => void;
}

function menuWords(locale: AppSettings['locale']) {
  const word = (key: 'file' | 'edit' | 'view' | 'window' | 'help' | 'helpLink' | 'open') => translate(locale, `menu.${key}`);
  return {
    file: word('file'),
    edit: word('edit'),
    view: word('view'),
    window: word('window'),
    help: word('help'),
    helpLink: word('helpLink'),
    open: word('open'),
  };
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const w = menuWords(options.locale);
  const mac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ label: options.appName, role: 'appMenu' });
  template.push({
    label: w.file,
    submenu: [
      { label: w.open, accelerator: 'CmdOrCtrl+1', click: () => options.showWindow() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  template.push({
    label: w.edit,
    role: 'editMenu',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  const devItems: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  template.push({
    label: w.view,
    submenu: [
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ label: w.window, role: 'windowMenu' });
  template.push({ label: w.help, role: 'help', submenu: [{ label: w.helpLink, click: () => options.openHelp() }] });
  return template;
}
