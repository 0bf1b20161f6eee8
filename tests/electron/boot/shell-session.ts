/**
 * Boots a built main bundle against the Electron stand-in in a child Node process
 * (boot-child.mjs) and drives it: every command is a round trip over the child's IPC channel.
 *
 *   const shell = await bootShell({ main: BUILT_MAIN, userData });
 *   await shell.ready();                       // Electron's 'ready'
 *   await shell.invoke('nunchi:call', APP_PAGE, ['app.info', {}]);
 *   await shell.quit();                         // resolves with the exit code
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const CHILD = join(import.meta.dirname, 'boot-child.mjs');

export interface RecordedCall {
  seq: number;
  api: string;
  args: unknown[];
}

export interface WindowState {
  id: number;
  options: { webPreferences?: Record<string, unknown>; icon?: string; show?: boolean } & Record<string, unknown>;
  visible: boolean;
  focused: boolean;
  destroyed: boolean;
  url: string;
  lastLoad: { url: string; status: number } | null;
  sent: Array<{ channel: string; args: unknown[] }>;
}

export interface ShellState {
  windows: WindowState[];
  trays: Array<{ tooltip: string; title: string; image: string | null; menu: string[]; destroyed: boolean }>;
  notifications: Array<{ title: string; body: string; icon: string | null; shown: boolean }>;
  workers: Array<{ file: string; exitCode: number | null }>;
  ipcChannels: string[];
  protocols: string[];
  privilegedSchemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  quitState: string;
  /** The window session's user agent. */
  userAgent: string;
}

export interface ProtocolAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  length: number;
}

export interface BootOptions {
  /** The built main bundle (out/main/index.js or its copy in a package). */
  main: string;
  /** Electron's userData folder (the data folder). */
  userData: string;
  version?: string;
  packaged?: boolean;
  /** 'taken': another instance already holds the single-instance lock. */
  lock?: 'free' | 'taken';
  argv?: string[];
  env?: Record<string, string>;
}

export interface ShellSession {
  command<T = unknown>(cmd: string, args?: object): Promise<T>;
  ready(): Promise<void>;
  calls(since?: number): Promise<RecordedCall[]>;
  state(): Promise<ShellState>;
  invoke<T = unknown>(channel: string, senderUrl: string | null, args: unknown[], isMainFrame?: boolean): Promise<T>;
  protocolFetch(url: string, method?: string): Promise<ProtocolAnswer>;
  /** Polls `probe` until it returns a value that is not undefined/false. */
  waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  /** Asks the app to quit and resolves with its exit code. */
  quit(): Promise<number>;
  /** Resolves with the exit code once the app has exited (by itself or by quit). */
  readonly exited: Promise<number>;
  /** Every call the app made, as it reported them when it exited (empty before). */
  readonly callsAtExit: RecordedCall[];
  /** Unhandled rejections and uncaught exceptions in the main process. */
  readonly problems: string[];
  /** What the process wrote to stdout and stderr. */
  output(): string;
  kill(): Promise<void>;
}

export async function bootShell(options: BootOptions): Promise<ShellSession> {
  const child: ChildProcess = fork(CHILD, [options.main, ...(options.argv ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Plain Node, like Electron's main process: no loader of the test runner's.
    execArgv: [],
    env: {
      ...process.env,
      NUNCHI_STANDIN_USERDATA: options.userData,
      NUNCHI_STANDIN_VERSION: options.version ?? '0.0.0-boot',
      NUNCHI_STANDIN_PACKAGED: options.packaged ? '1' : '0',
      NUNCHI_STANDIN_LOCK: options.lock ?? 'free',
      // Never the developer's own overrides: the shell must find its data where Electron says.
      NUNCHI_DATA_DIR: '',
      NUNCHI_SQLITE_BINDING: '',
      ELECTRON_RENDERER_URL: '',
      ...options.env,
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));

  const problems: string[] = [];
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exitCode: number | null = null;
  const callsAtExit: RecordedCall[] = [];
  let resolveLoaded!: () => void;
  let rejectLoaded!: (error: Error) => void;
  const loaded = new Promise<void>((resolve, reject) => {
    resolveLoaded = resolve;
    rejectLoaded = reject;
  });
  const exited = new Promise<number>((resolve) => {
    child.on('message', (message: { type?: string; code?: number; calls?: RecordedCall[] }) => {
      if (message.type !== 'exit') return;
      exitCode = message.code ?? 0;
      callsAtExit.push(...(message.calls ?? []));
    });
    child.on('exit', (code) => {
      const final = exitCode ?? code ?? -1;
      for (const { reject } of pending.values()) reject(new Error(`the shell exited (${final}) before answering\n${output}`));
      pending.clear();
      rejectLoaded(new Error(`the shell exited (${final}) while loading\n${output}`));
      resolve(final);
    });
  });
  child.on(
    'message',
    (message: { id?: number; ok?: boolean; result?: unknown; error?: string; type?: string; kind?: string; message?: string }) => {
      if (message.type === 'loaded') return resolveLoaded();
      if (message.type === 'problem') return void problems.push(`${message.kind}: ${message.message}`);
      if (message.id === undefined) return;
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(message.error));
    },
  );

  const command = <T>(cmd: string, args: object = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`the shell is not running (${cmd})\n${output}`));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, cmd, args });
    });

  await loaded;
  const session: ShellSession = {
    command,
    ready: () => command('ready'),
    calls: (since = 0) => command('calls', { since }),
    state: () => command('state'),
    invoke: (channel, senderUrl, args, isMainFrame = true) => command('invoke', { channel, senderUrl, args, isMainFrame }),
    protocolFetch: (url, method = 'GET') => command('protocolFetch', { url, method }),
    async waitFor(what, probe, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async quit() {
      await command('quit');
      return exited;
    },
    exited,
    callsAtExit,
    problems,
    output: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  return session;
}
