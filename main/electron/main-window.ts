/**
 * The one main window: sandboxed, context-isolated, no Node; its size and position saved to
 * window-state.json and restored clamped to the screens that exist now. Closing it hides it —
 * the monitor keeps running in the tray — unless the app is quitting.
 */
import { BrowserWindow, screen } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_SIZE, restoreWindowState, windowStateToSave } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  /** app://nunchi/index.html, or electron-vite's dev server when running unpackaged. */
  startUrl: string;
  stateFile: string;
  icon?: string;
  /** Started at login: stay in the tray until the user opens the window. */
  startHidden?: boolean;
  /** Asked on close: true → really close (quitting), false → hide to the tray. */
  isQuitting: () => boolean;
}

function readState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null; // first start, or a damaged file: defaults
  }
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const state = restoreWindowState(readState(options.stateFile), workAreas);
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Nunchi',
    icon: options.icon,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Middle-click would otherwise try to open links in a new window (denied anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) window.maximize();
  if (!options.startHidden) window.once('ready-to-show', () => window.show());

  const save = () => {
    if (window.isDestroyed()) return;
    try {
      writeFileSync(options.stateFile, JSON.stringify(windowStateToSave(window.getNormalBounds(), window.isMaximized())));
    } catch {
      // Not being able to remember the window's place is not worth bothering the user.
    }
  };
  let timer: NodeJS.Timeout | null = null;
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('close', (event) => {
    save();
    if (!options.isQuitting()) {
      event.preventDefault();
      window.hide();
    }
  });
  void window.loadURL(options.startUrl);
  return window;
}

export function windowStateFile(userData: string): string {
  return join(userData, 'window-state.json');
}
