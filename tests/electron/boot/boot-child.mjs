/**
 * The process that boots the built main bundle against the Electron stand-in
 * (electron-standin.cjs). Started by shell-session.ts with `fork`; argv[2] is the main bundle to
 * load (out/main/index.js, or the same file inside an unpacked package).
 *
 * `electron` resolves to the stand-in both for ES imports (a module.register resolve hook — the
 * bundle) and for require() (Module._resolveFilename — electron-log is CommonJS); both land on the
 * same CommonJS instance. Nothing else is replaced: the bundle starts its real worker threads from
 * its real files, opens a real SQLite file and fetches from the test's real HTTP server.
 *
 * The parent drives it over the IPC channel: { id, cmd, args } → { id, ok, result | error }.
 * Unasked messages: { type: 'exit', code } when the app exits, { type: 'problem', … } for an
 * unhandled rejection or uncaught exception in the main process.
 */
import Module, { register, syncBuiltinESMExports } from 'node:module';
import { pathToFileURL, fileURLToPath } from 'node:url';
import workerThreads from 'node:worker_threads';

const standinPath = fileURLToPath(new URL('./electron-standin.cjs', import.meta.url));
const standinUrl = pathToFileURL(standinPath).href;

// ES imports of 'electron' (the bundle).
const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(standinUrl)}, format: 'commonjs', shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
// require('electron') (electron-log and any CommonJS dependency).
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveElectron(request, ...rest) {
  return request === 'electron' ? standinPath : originalResolve.call(this, request, ...rest);
};

const require = Module.createRequire(import.meta.url);
const electron = require(standinPath);
const control = electron.__standin;

// Which threads the main process starts, from which files (the bundle resolves them at run time).
const workers = [];
const RealWorker = workerThreads.Worker;
class RecordedWorker extends RealWorker {
  constructor(file, options) {
    super(file, options);
    const entry = { file: String(file instanceof URL ? fileURLToPath(file) : file), exitCode: null, worker: this };
    workers.push(entry);
    this.on('exit', (code) => (entry.exitCode = code));
  }
}
workerThreads.Worker = RecordedWorker;
syncBuiltinESMExports();

function send(message) {
  return new Promise((resolve) => process.send(message, () => resolve()));
}

control.setExitHook((code) => {
  void send({ type: 'exit', code, calls: control.calls }).finally(() => process.exit(code));
});
process.on(
  'unhandledRejection',
  (reason) => void send({ type: 'problem', kind: 'unhandledRejection', message: String(reason?.stack ?? reason) }),
);
process.on(
  'uncaughtException',
  (error) => void send({ type: 'problem', kind: 'uncaughtException', message: String(error?.stack ?? error) }),
);

function windowState(window) {
  return {
    id: window.id,
    options: JSON.parse(JSON.stringify(window.options, (_k, v) => (typeof v === 'function' ? '[function]' : v))),
    visible: window.visible,
    focused: window.focused,
    destroyed: window.destroyed,
    url: window.webContents.url,
    lastLoad: window.lastLoad ?? null,
    sent: window.webContents.sent.map(({ channel, args }) => ({ channel, args: JSON.parse(JSON.stringify(args)) })),
  };
}

function menuLabels(items) {
  return (items ?? []).map((item) => item.label ?? item.role ?? item.type ?? '');
}

const commands = {
  ready() {
    control.emitReady();
  },
  calls({ since = 0 } = {}) {
    return control.calls.filter((c) => c.seq > since);
  },
  state() {
    return {
      windows: control.windows.map(windowState),
      trays: control.trays.map((t) => ({
        tooltip: t.tooltip,
        title: t.title,
        image: t.image?.path ?? null,
        menu: menuLabels(t.menu?.items),
        destroyed: t.destroyed,
      })),
      notifications: control.notifications.map((n) => ({
        title: n.options.title,
        body: n.options.body,
        icon: n.options.icon ?? null,
        shown: n.shown,
      })),
      workers: workers.map(({ file, exitCode }) => ({ file, exitCode })),
      ipcChannels: [...control.invokeHandlers.keys()],
      protocols: [...control.protocolHandlers.keys()],
      privilegedSchemes: control.privilegedSchemes,
      quitState: control.quitState,
      userAgent: control.defaultSession.getUserAgent(),
    };
  },
  /** An ipcRenderer.invoke from a frame at `senderUrl` (isMainFrame: false = an iframe). */
  async invoke({ channel, senderUrl, isMainFrame = true, args = [] }) {
    const handler = control.invokeHandlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const window = control.windows.find((w) => !w.destroyed);
    const frame = senderUrl === null ? null : { url: senderUrl, parent: isMainFrame ? null : {}, top: null, routingId: 1 };
    const event = { sender: window?.webContents, senderFrame: frame, processId: 1, frameId: 1 };
    return await handler(event, ...args);
  },
  /** What the app:// (or another registered) protocol answers for `url`. */
  async protocolFetch({ url, method = 'GET' }) {
    const scheme = new URL(url).protocol.replace(/:$/, '');
    const handler = control.protocolHandlers.get(scheme);
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    const response = await handler(new Request(url, { method }));
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: Object.fromEntries(response.headers), body: bytes.toString('utf8'), length: bytes.length };
  },
  clickNotification({ index }) {
    control.notifications[index].emit('click', { preventDefault() {} });
  },
  secondInstance({ argv }) {
    electron.app.emit('second-instance', { preventDefault() {} }, argv, process.cwd(), {});
  },
  closeWindow({ index = 0 } = {}) {
    control.windows[index].close();
  },
  clickTray() {
    control.trays[0].emit('click', { preventDefault() {} }, {});
  },
  clickTrayMenu({ label }) {
    const item = control.trays.at(-1)?.menu?.items.find((i) => i.label === label);
    if (!item) throw new Error(`no tray menu item "${label}"`);
    item.click?.(item, undefined, {});
  },
  answerDialogs({ responses }) {
    control.dialogAnswers.push(...responses);
  },
  /** The paths the next native save/open dialogs answer. */
  answerFileDialogs({ paths }) {
    control.fileDialogAnswers.push(...paths);
  },
  /** What the window session's request filter decides for a request to `url`. */
  webRequest({ url }) {
    const handler = control.defaultSession.handlers.onBeforeRequest;
    if (!handler) return { filtered: false };
    return new Promise((resolve) =>
      handler({ url, method: 'GET', resourceType: 'image' }, (answer) => resolve({ filtered: true, ...answer })),
    );
  },
  quit() {
    electron.app.quit();
  },
  /** Ends a worker thread from outside, as a crash would (exit code 1). */
  async killWorker({ match }) {
    const entry = workers.filter((w) => w.file.includes(match) && w.exitCode === null).at(-1);
    if (!entry) throw new Error(`no running worker from ${match}`);
    await entry.worker.terminate();
    return entry.file;
  },
};

process.on('message', async ({ id, cmd, args }) => {
  try {
    const result = await commands[cmd](args);
    await send({ id, ok: true, result: result === undefined ? null : result });
  } catch (error) {
    await send({ id, ok: false, error: String(error?.stack ?? error) });
  }
});

await import(pathToFileURL(process.argv[2]).href);
await send({ type: 'loaded' });
