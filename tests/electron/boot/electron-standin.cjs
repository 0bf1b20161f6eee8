/**
 * A stand-in for the `electron` module, for booting the built main process (out/main/index.js) in
 * plain Node where the Electron binary cannot run. It implements the subset of Electron's main
 * process API the shell (and electron-log) use — app lifecycle and paths, BrowserWindow and
 * webContents events, ipcMain, protocol, session, Menu, Tray, Notification, shell, dialog,
 * safeStorage, nativeImage, powerMonitor, screen — with Electron's documented behaviour where the
 * shell depends on it (before-quit can be prevented, closing a window can be prevented, ready comes
 * once, whenReady resolves after ready), and records every call in `calls`.
 *
 * It is CommonJS so that `import … from 'electron'` (the bundle) and `require('electron')`
 * (electron-log) get the same instance. It has no opinions: the test (through boot-child.mjs)
 * decides when the app is ready, what a dialog answers, which notification is clicked.
 */
'use strict';
const { EventEmitter } = require('node:events');
const { existsSync } = require('node:fs');

/** Every call into the stand-in, in order: { api: 'BrowserWindow.loadURL', args: [...] }. */
const calls = [];
let seq = 0;

function summarize(value, depth = 0) {
  if (typeof value === 'function') return '[function]';
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[…]';
  if (Array.isArray(value)) return value.map((v) => summarize(v, depth + 1));
  if (value instanceof EventEmitter) return `[${value.constructor.name}]`;
  const out = {};
  for (const [key, v] of Object.entries(value)) out[key] = summarize(v, depth + 1);
  return out;
}

function record(api, ...args) {
  calls.push({ seq: ++seq, api, args: args.map((a) => summarize(a)) });
}

/** An Electron-style event whose default can be prevented. */
function preventable(extra = {}) {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...extra,
  };
  return event;
}

const options = {
  userData: process.env.NUNCHI_STANDIN_USERDATA ?? '',
  version: process.env.NUNCHI_STANDIN_VERSION ?? '0.0.0',
  isPackaged: process.env.NUNCHI_STANDIN_PACKAGED === '1',
  /** 'taken': another instance holds the single-instance lock. */
  lock: process.env.NUNCHI_STANDIN_LOCK ?? 'free',
  locale: process.env.NUNCHI_STANDIN_LOCALE ?? 'ko',
  /** What session.resolveProxy answers, by host name (JSON: { "feeds.internal.test": "PROXY 127.0.0.1:8080" }); DIRECT otherwise. */
  pac: JSON.parse(process.env.NUNCHI_STANDIN_PAC ?? '{}'),
};

// ---- app ---------------------------------------------------------------------------------

const paths = {
  userData: options.userData,
  appData: options.userData,
  logs: options.userData ? `${options.userData}/logs` : '',
  temp: require('node:os').tmpdir(),
  home: require('node:os').homedir(),
};
let ready = false;
let resolveReady;
const readyPromise = new Promise((resolve) => (resolveReady = resolve));
let quitState = 'running'; // running | quitting | exited
let exitHook = (code) => process.exit(code);

class App extends EventEmitter {
  name = 'Nunchi';
  get isPackaged() {
    record('app.isPackaged');
    return options.isPackaged;
  }
  getName() {
    return this.name;
  }
  getVersion() {
    record('app.getVersion');
    return options.version;
  }
  getLocale() {
    return options.locale;
  }
  getSystemLocale() {
    return options.locale;
  }
  getPreferredSystemLanguages() {
    return [options.locale];
  }
  getPath(name) {
    record('app.getPath', name);
    if (!(name in paths) || !paths[name]) throw new Error(`Failed to get '${name}' path`);
    return paths[name];
  }
  setPath(name, value) {
    record('app.setPath', name, value);
    paths[name] = value;
    if (name === 'userData') paths.logs = `${value}/logs`;
  }
  getAppPath() {
    return process.cwd();
  }
  isReady() {
    return ready;
  }
  whenReady() {
    record('app.whenReady');
    return readyPromise;
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock');
    return options.lock !== 'taken';
  }
  releaseSingleInstanceLock() {
    record('app.releaseSingleInstanceLock');
  }
  setAppUserModelId(id) {
    record('app.setAppUserModelId', id);
  }
  setAsDefaultProtocolClient(...args) {
    record('app.setAsDefaultProtocolClient', ...args);
    return true;
  }
  enableSandbox() {
    record('app.enableSandbox', { ready });
  }
  setLoginItemSettings(settings) {
    record('app.setLoginItemSettings', settings);
  }
  getLoginItemSettings() {
    return { openAtLogin: false, openAsHidden: false, wasOpenedAtLogin: false };
  }
  focus(opts) {
    record('app.focus', opts);
  }
  quit() {
    record('app.quit');
    if (quitState !== 'running') return;
    const before = preventable();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    // Electron closes every window (each may prevent it), then will-quit, quit, exit.
    for (const window of BrowserWindow.getAllWindows()) {
      window.close();
      if (!window.isDestroyed()) return;
    }
    const willQuit = preventable();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    quitState = 'quitting';
    this.emit('quit', preventable(), 0);
    this.exit(0);
  }
  exit(code = 0) {
    record('app.exit', code);
    if (quitState === 'exited') return;
    quitState = 'exited';
    exitHook(code);
  }
  relaunch(opts) {
    record('app.relaunch', opts);
  }
}
const app = new App();

// ---- webContents, BrowserWindow, screen ---------------------------------------------------------

let nextContentsId = 1;
const allContents = [];
class WebContents extends EventEmitter {
  id = nextContentsId++;
  destroyed = false;
  url = '';
  sent = [];
  windowOpenHandler = null;
  session = null;
  isDestroyed() {
    return this.destroyed;
  }
  send(channel, ...args) {
    record('webContents.send', channel, ...args);
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler) {
    record('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.url;
  }
  openDevTools() {
    record('webContents.openDevTools');
  }
  reload() {
    record('webContents.reload');
  }
  focus() {
    record('webContents.focus');
  }
}

let nextWindowId = 1;
const windows = [];
class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return windows.filter((w) => !w.destroyed);
  }
  static getFocusedWindow() {
    return windows.find((w) => !w.destroyed && w.focused) ?? null;
  }
  static fromWebContents(contents) {
    return windows.find((w) => w.webContents === contents) ?? null;
  }

  constructor(opts = {}) {
    super();
    record('new BrowserWindow', opts);
    this.id = nextWindowId++;
    this.options = opts;
    this.visible = opts.show !== false;
    this.minimized = false;
    this.maximized = false;
    this.focused = false;
    this.destroyed = false;
    this.bounds = { x: opts.x ?? 0, y: opts.y ?? 0, width: opts.width ?? 800, height: opts.height ?? 600 };
    this.webContents = new WebContents();
    this.webContents.session = session.defaultSession;
    allContents.push(this.webContents);
    windows.push(this);
    app.emit('web-contents-created', preventable(), this.webContents);
  }
  /** Loads the page the way Chromium would ask for it: through the registered protocol handler. */
  loadURL(url) {
    record('BrowserWindow.loadURL', url);
    this.webContents.url = url;
    return (async () => {
      const scheme = new URL(url).protocol.replace(/:$/, '');
      const handler = protocolHandlers.get(scheme);
      if (!handler) {
        this.webContents.emit('did-fail-load', preventable(), -302, 'ERR_UNKNOWN_URL_SCHEME', url);
        throw new Error(`ERR_UNKNOWN_URL_SCHEME (${url})`);
      }
      const response = await handler(new Request(url));
      this.lastLoad = { url, status: response.status };
      if (response.status !== 200) {
        this.webContents.emit('did-fail-load', preventable(), -6, 'ERR_FILE_NOT_FOUND', url);
        throw new Error(`ERR_FILE_NOT_FOUND (${url})`);
      }
      this.emit('ready-to-show');
      this.webContents.emit('dom-ready', preventable());
      this.webContents.emit('did-finish-load', preventable());
    })();
  }
  show() {
    record('BrowserWindow.show', this.id);
    this.visible = true;
    this.emit('show');
  }
  hide() {
    record('BrowserWindow.hide', this.id);
    this.visible = false;
    this.emit('hide');
  }
  focus() {
    record('BrowserWindow.focus', this.id);
    this.focused = true;
    this.emit('focus');
  }
  blur() {
    this.focused = false;
  }
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.focused;
  }
  isMinimized() {
    return this.minimized;
  }
  minimize() {
    this.minimized = true;
  }
  restore() {
    record('BrowserWindow.restore', this.id);
    this.minimized = false;
  }
  maximize() {
    record('BrowserWindow.maximize', this.id);
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  getBounds() {
    return { ...this.bounds };
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  setBounds(bounds) {
    Object.assign(this.bounds, bounds);
  }
  setTitle(title) {
    record('BrowserWindow.setTitle', title);
  }
  setProgressBar(value) {
    record('BrowserWindow.setProgressBar', value);
  }
  setOverlayIcon(...args) {
    record('BrowserWindow.setOverlayIcon', ...args);
  }
  flashFrame(flag) {
    record('BrowserWindow.flashFrame', flag);
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Like Electron: 'close' can be prevented; otherwise the window is destroyed and 'closed' follows. */
  close() {
    record('BrowserWindow.close', this.id);
    if (this.destroyed) return;
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed', preventable());
  }
}

const display = {
  id: 1,
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  scaleFactor: 1,
};
const screen = Object.assign(new EventEmitter(), {
  getPrimaryDisplay: () => display,
  getAllDisplays: () => [display],
  getDisplayMatching: () => display,
  getCursorScreenPoint: () => ({ x: 0, y: 0 }),
});

// ---- ipcMain -------------------------------------------------------------------------------

const invokeHandlers = new Map();
const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel, handler) {
    record('ipcMain.handle', channel, { ready });
    if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, handler);
  },
  handleOnce(channel, handler) {
    record('ipcMain.handleOnce', channel);
    invokeHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    record('ipcMain.removeHandler', channel);
    invokeHandlers.delete(channel);
  },
});

// ---- protocol, session, net -------------------------------------------------------------------

const protocolHandlers = new Map();
const privilegedSchemes = [];
const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record('protocol.registerSchemesAsPrivileged', schemes, { ready });
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    record('protocol.handle', scheme, { ready });
    if (!ready) throw new Error('protocol.handle must be called after app is ready');
    protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme) {
    record('protocol.unhandle', scheme);
    protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme) {
    return protocolHandlers.has(scheme);
  },
};

class Session extends EventEmitter {
  handlers = {};
  // Electron's default: Chromium's user agent with the app's name and Electron's version in it.
  userAgent =
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) nunchi/0.0.0-boot Chrome/140.0.7339.41 Electron/45.0.0 Safari/537.36';
  setPermissionRequestHandler(h) {
    record('session.setPermissionRequestHandler');
    this.handlers.permissionRequest = h;
  }
  setPermissionCheckHandler(h) {
    record('session.setPermissionCheckHandler');
    this.handlers.permissionCheck = h;
  }
  setDevicePermissionHandler(h) {
    record('session.setDevicePermissionHandler');
    this.handlers.devicePermission = h;
  }
  setDisplayMediaRequestHandler(h) {
    record('session.setDisplayMediaRequestHandler');
    this.handlers.displayMedia = h;
  }
  setUserAgent(ua) {
    record('session.setUserAgent', ua);
    this.userAgent = ua;
  }
  getUserAgent() {
    return this.userAgent;
  }
  setProxy(config) {
    record('session.setProxy', config);
    return Promise.resolve();
  }
  resolveProxy(url) {
    record('session.resolveProxy', url);
    return Promise.resolve(options.pac[new URL(url).hostname] ?? 'DIRECT');
  }
  setSpellCheckerEnabled(flag) {
    record('session.setSpellCheckerEnabled', flag);
  }
  clearCache() {
    return Promise.resolve();
  }
  get webRequest() {
    const filter =
      (name) =>
      (...args) => {
        record(`session.webRequest.${name}`);
        this.handlers[name] = args.at(-1);
      };
    return {
      onBeforeRequest: filter('onBeforeRequest'),
      onHeadersReceived: filter('onHeadersReceived'),
      onBeforeSendHeaders: filter('onBeforeSendHeaders'),
    };
  }
  get protocol() {
    return protocol;
  }
}
const defaultSession = new Session();
const session = { defaultSession, fromPartition: () => defaultSession };
const net = {
  fetch: (...args) => {
    record('net.fetch', String(args[0]));
    return fetch(...args);
  },
  isOnline: () => true,
};

// ---- Menu, Tray, nativeImage -------------------------------------------------------------------

class Menu {
  constructor(items = []) {
    this.items = items;
  }
  static buildFromTemplate(template) {
    record('Menu.buildFromTemplate', template);
    return new Menu(template);
  }
  static setApplicationMenu(menu) {
    record('Menu.setApplicationMenu', menu ? menu.items : null);
    Menu.applicationMenu = menu;
  }
  static getApplicationMenu() {
    return Menu.applicationMenu ?? null;
  }
  popup() {}
}
Menu.applicationMenu = null;

const trays = [];
class Tray extends EventEmitter {
  constructor(image) {
    super();
    record('new Tray', image);
    this.image = image;
    this.tooltip = '';
    this.title = '';
    this.menu = null;
    this.destroyed = false;
    trays.push(this);
  }
  setToolTip(text) {
    record('Tray.setToolTip', text);
    this.tooltip = text;
  }
  setTitle(text) {
    record('Tray.setTitle', text);
    this.title = text;
  }
  setImage(image) {
    record('Tray.setImage', image);
    this.image = image;
  }
  setContextMenu(menu) {
    record('Tray.setContextMenu', menu ? menu.items : null);
    this.menu = menu;
  }
  destroy() {
    record('Tray.destroy');
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

class NativeImage {
  constructor(path) {
    this.path = path;
    this.resized = null;
  }
  static createFromPath(path) {
    record('nativeImage.createFromPath', path);
    return new NativeImage(path);
  }
  static createEmpty() {
    return new NativeImage(null);
  }
  isEmpty() {
    return !this.path || !existsSync(this.path);
  }
  resize(size) {
    const copy = new NativeImage(this.path);
    copy.resized = size;
    return copy;
  }
  getSize() {
    return this.resized ?? { width: 32, height: 32 };
  }
  setTemplateImage(flag) {
    this.template = flag;
  }
  toJSON() {
    return { nativeImage: this.path, resized: this.resized };
  }
}
const nativeImage = { createFromPath: NativeImage.createFromPath, createEmpty: NativeImage.createEmpty };

// ---- Notification, shell, dialog, safeStorage, powerMonitor -------------------------------------------

const notifications = [];
class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(opts = {}) {
    super();
    record('new Notification', opts);
    this.options = opts;
    this.shown = false;
    notifications.push(this);
  }
  show() {
    record('Notification.show', this.options.title);
    this.shown = true;
    this.emit('show', preventable());
  }
  close() {
    record('Notification.close');
    this.emit('close', preventable());
  }
}

const shell = {
  openExternal(url, opts) {
    record('shell.openExternal', url, opts);
    return Promise.resolve();
  },
  openPath(path) {
    record('shell.openPath', path);
    return Promise.resolve(existsSync(path) ? '' : `Failed to open path: ${path}`);
  },
  showItemInFolder(path) {
    record('shell.showItemInFolder', path);
  },
  beep() {},
};

/** What the next message boxes answer (button index); the test queues them before they appear. */
const dialogAnswers = [];
/** The paths the next save/open dialogs answer; none queued: the user cancels. */
const fileDialogAnswers = [];
const dialog = {
  showMessageBox(...args) {
    const opts = args.at(-1);
    record('dialog.showMessageBox', opts);
    return Promise.resolve({ response: dialogAnswers.length ? dialogAnswers.shift() : (opts.cancelId ?? 0), checkboxChecked: false });
  },
  showMessageBoxSync(...args) {
    const opts = args.at(-1);
    record('dialog.showMessageBoxSync', opts);
    return dialogAnswers.length ? dialogAnswers.shift() : (opts.cancelId ?? 0);
  },
  showErrorBox(title, content) {
    record('dialog.showErrorBox', title, content);
  },
  showSaveDialog(...args) {
    record('dialog.showSaveDialog', args.at(-1));
    const answer = fileDialogAnswers.shift();
    return Promise.resolve(answer ? { canceled: false, filePath: answer } : { canceled: true, filePath: '' });
  },
  showOpenDialog(...args) {
    record('dialog.showOpenDialog', args.at(-1));
    const answer = fileDialogAnswers.shift();
    return Promise.resolve(answer ? { canceled: false, filePaths: [answer] } : { canceled: true, filePaths: [] });
  },
};

const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('Encryption is not available.');
  },
  decryptString: () => {
    throw new Error('Encryption is not available.');
  },
};
const powerMonitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0, isOnBatteryPower: () => false });
const webContents = {
  getAllWebContents: () => allContents.filter((c) => !c.destroyed),
  fromId: (id) => allContents.find((c) => c.id === id) ?? null,
};
const clipboard = {
  writeText(text) {
    record('clipboard.writeText', text);
  },
};

// ---- what the test drives ----------------------------------------------------------------------

const control = {
  calls,
  windows,
  trays,
  notifications,
  invokeHandlers,
  protocolHandlers,
  privilegedSchemes,
  dialogAnswers,
  fileDialogAnswers,
  defaultSession,
  /** Electron's 'ready': once. */
  emitReady() {
    if (ready) return;
    ready = true;
    record('[event] app.ready');
    app.emit('will-finish-launching');
    app.emit('ready', preventable(), {});
    resolveReady();
  },
  setExitHook(hook) {
    exitHook = hook;
  },
  get quitState() {
    return quitState;
  },
};

module.exports = {
  app,
  BrowserWindow,
  WebContents,
  webContents,
  screen,
  ipcMain,
  protocol,
  session,
  net,
  Menu,
  Tray,
  nativeImage,
  Notification,
  shell,
  dialog,
  safeStorage,
  powerMonitor,
  clipboard,
  __standin: control,
};
